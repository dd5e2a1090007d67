"""The window on a child's whole chronology of significant incidents.

Opened by "Chronology…" from the case list or from an open assessment: every incident
recorded for the child, in the order of the day it happened (date, what happened, the
source agency, who recorded it), each as it now reads; a corrected incident says so
in its row, with who corrected it, when and why, and its earlier text. "Add an
incident…" records a new one and "Correct the selected incident…" corrects one typed
in error; the list is read again after each. By keyboard: Tab moves between the list
and the buttons (arrows move in the list), Escape closes. The title names no child;
the text above the list names the assessment the child is found by.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.domain.chronology import incident_count_words
from ce_desktop.domain.chronology_entries import Entry
from ce_desktop.domain.derived import format_date, format_time
from ce_desktop.gui.speech import announce

TITLE = "Chronology of significant incidents"
NONE_YET = "No incident has been recorded for this child yet."
COLUMNS = ("Date", "What happened", "Source agency", "Recorded by")

Add = Callable[[], Sequence[Entry] | None]
"""Records a new incident; the chronology as it now reads, or None if none was added."""
Correct = Callable[[Entry], Sequence[Entry] | None]
"""Corrects an incident; the chronology as it now reads, or None if not corrected."""


def what_happened_text(entry: Entry) -> str:
    """The account as it now reads, then each earlier reading, marked as corrected."""
    parts = [entry.incident.what_happened.strip()]
    for superseded in entry.earlier:
        before, correction = superseded.read, superseded.by
        parts.append(
            f"Corrected on {format_time(correction.corrected_at)} by "
            f"{correction.corrected_by}. Why: {correction.reason.strip()}\n"
            f"Before the correction it read ({format_date(before.occurred_on)}, "
            f"{before.source_agency}): {before.what_happened.strip()}"
        )
    return "\n\n".join(parts)


def row_texts(entry: Entry) -> tuple[str, str, str, str]:
    """The four cells of an entry's row."""
    incident = entry.incident
    day = format_date(incident.occurred_on)
    if entry.corrected:
        day += "\n(corrected)"
    recorded = f"{incident.recorded_by}\n{format_time(incident.recorded_at)}"
    return (day, what_happened_text(entry), incident.source_agency, recorded)


class ChronologyDialog(QDialog):
    """A child's chronology, with "Add an incident…" and "Correct the selected incident…".

    Attributes:
        table: one row per incident, oldest first.
        count: "N incidents, oldest first" (or that none was recorded yet).
        add_button, correct_button, close_button: the three actions.
        entries: the incidents shown, in their rows' order.
    """

    def __init__(
        self,
        about: str,
        entries: Sequence[Entry],
        *,
        add: Add,
        correct: Correct,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._add, self._correct = add, correct
        self.entries: list[Entry] = []
        intro = QLabel(about, self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.count = QLabel(self)
        self.count.setObjectName("chronologyCount")
        self.count.setWordWrap(True)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("chronologyTable")
        self.table.setAccessibleName("Incidents, oldest first")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setVisible(False)
        # The account takes the width left; the agency and the recorder wrap in columns
        # of some sixteen characters, so nothing scrolls sideways (200% text included).
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        narrow = self.fontMetrics().averageCharWidth() * 16
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, narrow)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.setMinimumHeight(120)
        self.count.setBuddy(self.table)

        self.add_button = QPushButton("&Add an incident…", self)
        self.add_button.setObjectName("chronologyAdd")
        self.correct_button = QPushButton("&Correct the selected incident…", self)
        self.correct_button.setObjectName("chronologyCorrect")
        self.close_button = QPushButton("Close", self)
        self.close_button.setObjectName("chronologyClose")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.correct_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        for button in (self.add_button, self.correct_button, self.close_button):
            # Enter on the list never adds or corrects anything by itself.
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_incident)
        self.correct_button.clicked.connect(self._correct_selected)
        self.close_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        page = QVBoxLayout(self)
        page.addWidget(intro)
        page.addWidget(self.count)
        page.addWidget(self.table, 1)
        page.addLayout(buttons)
        self.setMinimumWidth(560)
        self.show_entries(entries)
        self._focused = False

    def sizeHint(self) -> QSize:
        """Room for several incidents side by side with their account (the screen's
        free area bounds it: ``placement.fit_dialog``)."""
        return super().sizeHint().expandedTo(QSize(920, 600))

    def showEvent(self, event: QShowEvent) -> None:
        """On first showing, the keyboard goes to the list (or to "Add" when empty)."""
        super().showEvent(event)
        if not self._focused:
            self._focused = True
            target = self.table if self.entries else self.add_button
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_entries(self, entries: Sequence[Entry], select: str | None = None) -> None:
        """Show these incidents, selecting the one with id ``select`` (else the last)."""
        self.entries = list(entries)
        self.table.setRowCount(len(self.entries))
        chosen = len(self.entries) - 1
        for row, entry in enumerate(self.entries):
            for column, text in enumerate(row_texts(entry)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(row, column, item)
            if entry.incident.id == select:
                chosen = row
        self.table.resizeRowsToContents()
        if self.entries:
            corrected = sum(1 for entry in self.entries if entry.corrected)
            text = f"{incident_count_words(len(self.entries))}, oldest first"
            if corrected:
                text += f" ({corrected} corrected)"
            self.count.setText(f"&{text}:")
            self.table.selectRow(chosen)
        else:
            self.count.setText(f"&{NONE_YET}")
        self._update_buttons()

    def selected(self) -> Entry | None:
        """The incident selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.correct_button.setEnabled(self.selected() is not None)

    def _add_incident(self) -> None:
        updated = self._add()
        if updated is None:
            return
        known = {entry.incident.id for entry in self.entries}
        added = next((e.incident.id for e in updated if e.incident.id not in known), None)
        self.show_entries(updated, select=added)
        announce(self.count, f"Incident recorded. {self.count.text().replace('&', '')}")
        self.table.setFocus()

    def _correct_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        updated = self._correct(entry)
        if updated is None:
            return
        self.show_entries(updated, select=entry.incident.id)
        announce(self.count, "Correction recorded: the earlier text is kept, marked as corrected.")
        self.table.setFocus()
