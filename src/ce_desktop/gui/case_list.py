"""The case list (PRODUCT §3.3, §3.4): every assessment, grouped by child.

``CaseListModel`` is a table over the vault's index (``Vault.list_summaries()``), so the
list opens without decrypting any assessment. A ``QSortFilterProxyModel`` gives search
as you type over every column, ignoring case and accents ("lukasiewicz" finds
"Łukasiewicz"), and sorting by any column, from the header or the "Sort by" list;
sorting by the child column keeps each child's assessments together, newest first, and
shows each child's group as one band. Deadlines are said in words ("Overdue", "Due
soon") as well as by colour. Ctrl+F goes to the search box; Tab leaves the table.
"Record an incident" adds a significant incident to the selected child's chronology,
and "Chronology" opens it whole; a child with incidents since their last assessment is
shown so on that assessment's row.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QPushButton, QWidget

from ce_desktop.domain.derived import format_date
from ce_desktop.gui.case_list_model import (
    ID_ROLE,
    NO_ASSESSMENTS,
    NO_MATCH,
    RESIZE_PRECISION_ROWS,
    SORT_CHOICES,
    CaseListModel,
    CaseListProxy,
    Column,
    review_state,
)
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.flow_layout import flow_container
from ce_desktop.gui.forms.ui_case_list import Ui_CaseListPage
from ce_desktop.gui.look import make_heading

if TYPE_CHECKING:
    from ce_desktop.storage.vault import AssessmentSummary

__all__ = ["CaseListModel", "CaseListPage", "CaseListProxy", "Column", "review_state"]


class CaseListPage(QWidget):
    """The case list screen.

    Signals:
        new_requested(): "New assessment".
        open_requested(str): open the assessment with this id.
        review_requested(str): start a review from the assessment with this id.
        delete_confirmed(str): the worker confirmed deleting this assessment.
        sample_requested(): "Open the sample assessment".
        incident_requested(str): "Record an incident" for the child of this assessment.
        versions_requested(str): "Versions…": every version of this assessment.
        chronology_requested(str): "Chronology" of the child of this assessment.

    Attributes:
        model: the table over the summaries.
        proxy: the sorted, filtered view of ``model`` the table shows.
        sort_box: the "Sort by" list (sorting without the mouse).
        dialogs: asks before deleting (the window's, or its own when alone).
    """

    new_requested = Signal()
    open_requested = Signal(str)
    review_requested = Signal(str)
    delete_confirmed = Signal(str)
    sample_requested = Signal()
    incident_requested = Signal(str)
    versions_requested = Signal(str)
    chronology_requested = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self.dialogs = dialogs if dialogs is not None else Dialogs(self)
        self.ui = Ui_CaseListPage()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        make_heading(self.ui.heading)
        self.model = CaseListModel(today, now, self)
        self.proxy = CaseListProxy(self)
        self.proxy.setSourceModel(self.model)
        table = self.ui.table
        table.setModel(self.proxy)
        # Tab and Shift+Tab leave the table (arrows move in it), so the search box and
        # the buttons are reached by keyboard.
        table.setTabKeyNavigation(False)
        self._build_sort_box()
        self.incident_button = QPushButton("Record an &incident…", self)
        self.incident_button.setObjectName("incidentButton")
        self.incident_button.setToolTip(
            "Add a significant incident to the selected child's chronology"
        )
        self.versions_button = QPushButton("&Versions…", self)
        self.versions_button.setObjectName("versionsButton")
        self.versions_button.setToolTip(
            "Every version of the selected assessment (after an amendment), to open any of them"
        )
        self.chronology_button = QPushButton("&Chronology…", self)
        self.chronology_button.setObjectName("chronologyButton")
        self.chronology_button.setToolTip(
            "Every significant incident recorded for the selected child, oldest first"
        )
        self._wrap_buttons()
        table.sortByColumn(Column.CHILD, Qt.SortOrder.AscendingOrder)
        header = table.horizontalHeader()
        # Every column as wide as its contents, the last one too (stretched, it took only
        # what the others left and cut "Review now: ..."): where they do not all fit, the
        # table scrolls sideways instead of cutting a name or a prompt.
        for column in Column:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Fit columns to the first rows only: measuring all 5,000 would cost a second.
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        self.ui.searchEdit.textChanged.connect(self._search)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        self.ui.searchEdit.setToolTip("Search (Ctrl+F): any part of a name, reference, status…")
        self.ui.newButton.clicked.connect(self.new_requested)
        self.ui.sampleButton.clicked.connect(self.sample_requested)
        self.ui.openButton.clicked.connect(self._open_selected)
        self.ui.reviewButton.clicked.connect(self._review_selected)
        self.incident_button.clicked.connect(self._incident_selected)
        self.versions_button.clicked.connect(self._versions_selected)
        self.chronology_button.clicked.connect(self._chronology_selected)
        self.ui.deleteButton.clicked.connect(self._delete_selected)
        table.activated.connect(lambda _index: self._open_selected())
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.proxy.layoutChanged.connect(self._update_buttons)
        self.proxy.layoutChanged.connect(self._show_grouping)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self._update_buttons()
        self._show_grouping()

    def _build_sort_box(self) -> None:
        label = QLabel("Sort by", self)
        self.sort_box = QComboBox(self)
        self.sort_box.setObjectName("sortBy")
        self.sort_box.setAccessibleName("Sort by")
        for text, column, order in SORT_CHOICES:
            self.sort_box.addItem(text, (column, order))
        label.setBuddy(self.sort_box)
        self.ui.searchRow.addSpacing(16)
        self.ui.searchRow.addWidget(label)
        self.ui.searchRow.addWidget(self.sort_box)
        QWidget.setTabOrder(self.ui.searchEdit, self.sort_box)
        QWidget.setTabOrder(self.sort_box, self.ui.newButton)
        self.sort_box.activated.connect(self._sort_chosen)

    def _wrap_buttons(self) -> None:
        # The buttons wrap onto a second row in a narrow window (200% text on a laptop).
        ui = self.ui
        buttons = [
            ui.newButton,
            ui.openButton,
            ui.reviewButton,
            self.incident_button,
            self.versions_button,
            self.chronology_button,
            ui.deleteButton,
            ui.sampleButton,
        ]
        row = ui.actionRow
        for button in buttons:
            row.removeWidget(button)
        index = ui.pageLayout.indexOf(row)
        ui.pageLayout.takeAt(index)
        row.deleteLater()
        self.button_row = flow_container(buttons, self)
        ui.pageLayout.insertWidget(index, self.button_row)
        chain = [ui.searchEdit, self.sort_box, *buttons, ui.table]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _sort_chosen(self, index: int) -> None:
        column, order = self.sort_box.itemData(index)
        self.ui.table.sortByColumn(column, order)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        # A click on a header shows in the list too (or nothing, for an order not listed).
        chosen = next(
            (i for i, (_t, c, o) in enumerate(SORT_CHOICES) if c == column and o == order), -1
        )
        self.sort_box.setCurrentIndex(chosen)

    def _show_grouping(self) -> None:
        # Grouped by child, each child's rows share one band; otherwise rows alternate.
        self.ui.table.setAlternatingRowColors(not self.model.grouped())

    def _search(self, text: str) -> None:
        self.proxy.set_query(text)
        self._show_empty()

    def _show_empty(self) -> None:
        if self.model.rowCount() == 0:
            self.ui.emptyLabel.setText(NO_ASSESSMENTS)
            self.ui.emptyLabel.show()
        elif self.proxy.rowCount() == 0:
            self.ui.emptyLabel.setText(NO_MATCH)
            self.ui.emptyLabel.show()
        else:
            self.ui.emptyLabel.hide()

    def focus_search(self) -> None:
        """Put the keyboard in the search box (Ctrl+F), its text selected."""
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def set_summaries(
        self, summaries: Sequence[AssessmentSummary], new_incidents: Mapping[str, int] = {}
    ) -> None:
        """Show these summaries, keeping the selection if its assessment is still there.

        ``new_incidents`` gives, per child id, the incidents since the child's last
        assessment (``usecases.incidents.new_incident_counts``).
        """
        keep = self.selected_id()
        self.model.set_summaries(summaries, new_incidents)
        self._show_grouping()
        self._show_empty()
        if keep:
            self.select(keep)

    def clear(self) -> None:
        """Forget every row and the search text (used when the app locks)."""
        self.ui.searchEdit.clear()
        self.model.set_summaries([])

    def selected_id(self) -> str | None:
        """The id of the selected assessment, if any."""
        rows = self.ui.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return str(value) if value else None

    def select(self, assessment_id: str) -> bool:
        """Select (and scroll to) an assessment; False if it is not shown."""
        row = self.model.row_of(assessment_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.ui.table.selectRow(index.row())
        self.ui.table.scrollTo(index)
        return True

    def focus_list(self) -> None:
        """Focus the table (or the search box when the list is empty)."""
        if self.proxy.rowCount():
            self.ui.table.setFocus()
            if not self.selected_id():
                self.ui.table.selectRow(0)
        else:
            self.ui.newButton.setFocus()

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        for button in (
            self.ui.openButton,
            self.ui.reviewButton,
            self.incident_button,
            self.versions_button,
            self.chronology_button,
            self.ui.deleteButton,
        ):
            button.setEnabled(chosen)

    def _open_selected(self) -> None:
        chosen = self.selected_id()
        if chosen:
            self.open_requested.emit(chosen)

    def _review_selected(self) -> None:
        chosen = self.selected_id()
        if chosen:
            self.review_requested.emit(chosen)

    def _incident_selected(self) -> None:
        chosen = self.selected_id()
        if chosen:
            self.incident_requested.emit(chosen)

    def _versions_selected(self) -> None:
        chosen = self.selected_id()
        if chosen:
            self.versions_requested.emit(chosen)

    def _chronology_selected(self) -> None:
        chosen = self.selected_id()
        if chosen:
            self.chronology_requested.emit(chosen)

    def _delete_selected(self) -> None:
        chosen = self.selected_id()
        if not chosen:
            return
        row = self.model.row_of(chosen)
        which = only = ""
        if row is not None:
            summary = self.model.summary(row)
            completed = format_date(summary.date_completed) or "not yet completed"
            name = summary.child_name or "no name yet"
            which = f" {summary.reference} ({name}, {completed})"
            if summary.version > 1:
                only = (
                    " The version it supersedes stays as it was, and is listed again in its place."
                )
            elif self.model.assessments_of_child(summary.child_id) == 1:
                only = (
                    " It is this child's only assessment: the significant incidents recorded "
                    "for the child are deleted with it."
                )
        # The name is shown so the right record is deleted; the dialog's title never has it.
        if self.dialogs.confirm(
            "Delete this assessment?",
            f"Delete assessment{which}? It is removed from this laptop and cannot be "
            f"brought back, except from a backup.{only}",
            yes="&Yes",
            no="&No",
        ):
            self.delete_confirmed.emit(chosen)
