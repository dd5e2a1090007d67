"""The "Record a significant incident" dialog, opened from the case list.

Four fields, in reading order and by keyboard: the day it happened (today by default,
never later), what happened, the source agency (the form's standard agencies offered
as the worker types) and who recorded it (the worker's name from the settings). Tab
moves between them (in the text box too); no button is the default, so Enter in a field
never records anything unfinished. What the worker typed is checked by the use case:
a refusal is shown in the dialog, above the fields, and nothing typed is lost. The
title carries no child's name; the body names the assessment the child is found by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.domain.chronology import REVIEW_PROMPT
from ce_desktop.domain.model import STANDARD_AGENCIES
from ce_desktop.gui.look import ERROR_COLOUR
from ce_desktop.gui.speech import announce

TITLE = "Record a significant incident"
DATE_DISPLAY = "dd/MM/yyyy"
"""Qt's pattern for the form's dd/mm/yyyy."""


@dataclass(frozen=True)
class IncidentAnswers:
    """What the worker gave in the dialog, as typed."""

    occurred_on: date
    what_happened: str
    source_agency: str
    recorded_by: str


Record = Callable[[IncidentAnswers], str | None]
"""Saves the answers; returns the plain refusal, or None once recorded."""


class IncidentDialog(QDialog):
    """Asks for one incident; ``record`` saves it and returns a refusal, or None.

    Attributes:
        when: the day it happened.
        what: what happened.
        agency: the source agency.
        recorded_by: who recorded it.
        problem: the plain refusal of the last attempt (hidden until there is one).
        record_button: "Record the incident".
    """

    def __init__(
        self,
        about: str,
        *,
        today: date,
        recorded_by: str,
        record: Record,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._record = record
        intro = QLabel(f"{about}\n{REVIEW_PROMPT}", self)
        intro.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("incidentProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(f"border-left: 6px solid {ERROR_COLOUR}; padding: 6px;")
        self.problem.setVisible(False)

        self.when = QDateEdit(self)
        self.when.setObjectName("incidentDate")
        self.when.setDisplayFormat(DATE_DISPLAY)
        self.when.setCalendarPopup(True)
        self.when.setMaximumDate(QDate(today.year, today.month, today.day))
        self.when.setDate(QDate(today.year, today.month, today.day))
        self.what = QPlainTextEdit(self)
        self.what.setObjectName("incidentWhat")
        self.what.setTabChangesFocus(True)
        self.what.setMinimumHeight(140)
        self.agency = QLineEdit(self)
        self.agency.setObjectName("incidentAgency")
        self.agency.setMaxLength(200)
        completer = QCompleter([*STANDARD_AGENCIES, "Police", "Health"], self.agency)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.agency.setCompleter(completer)
        self.recorded_by = QLineEdit(recorded_by, self)
        self.recorded_by.setObjectName("incidentRecordedBy")
        self.recorded_by.setMaxLength(200)

        form = QFormLayout()
        for text, widget in (
            ("Date it happened", self.when),
            ("What happened", self.what),
            ("Source agency", self.agency),
            ("Recorded by", self.recorded_by),
        ):
            label = QLabel(f"&{text}", self)
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            form.addRow(label, widget)
        self.when.setAccessibleDescription("dd/mm/yyyy, today or earlier")
        self.agency.setAccessibleDescription("Where the information came from")

        # Plain buttons, not a QDialogButtonBox: a button box makes its accept button the
        # default when shown, and Enter in a field would then record.
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.record_button = QPushButton("Record the incident", self)
        self.record_button.setObjectName("recordIncident")
        cancel = QPushButton("Cancel", self)
        cancel.setObjectName("cancelIncident")
        for button in (self.record_button, cancel):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.record_button.clicked.connect(self._try_record)
        cancel.clicked.connect(self.reject)

        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.problem)
        column.addLayout(form)
        column.addLayout(buttons)
        self.setMinimumWidth(520)
        self.what.setFocus()

    def day(self) -> date:
        """The day chosen."""
        chosen = self.when.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def answers(self) -> IncidentAnswers:
        """The four answers as they stand."""
        return IncidentAnswers(
            self.day(), self.what.toPlainText(), self.agency.text(), self.recorded_by.text()
        )

    def _try_record(self) -> None:
        refusal = self._record(self.answers())
        if refusal is None:
            self.accept()
            return
        self.problem.setText(refusal)
        self.problem.setVisible(True)
        announce(self.problem, refusal, assertive=True)
        self.what.setFocus()
