"""The "Record a significant incident" dialog, opened from the case list.

Four fields, in reading order and by keyboard: the day it happened (today by default,
never later), what happened, the source agency (the form's standard agencies offered
as the worker types) and who recorded it (the worker's name from the settings). Tab
moves between them (in the text box too); no button is the default (a
:class:`~ce_desktop.gui.form_dialog.FormDialog`), so Enter in a field never records
anything unfinished. What the worker typed is checked by the use case:
a refusal is shown in the dialog, above the fields, and nothing typed is lost. The
title carries no child's name; the body names the assessment the child is found by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCompleter, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from ce_desktop.domain.chronology import REVIEW_PROMPT
from ce_desktop.domain.model import STANDARD_AGENCIES
from ce_desktop.gui.form_dialog import FormDialog

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


class IncidentDialog(FormDialog):
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
        super().__init__(
            TITLE,
            record="Record the incident",
            intro=f"{about}\n{REVIEW_PROMPT}",
            names=("incidentProblem", "recordIncident", "cancelIncident"),
            width=520,
            parent=parent,
        )
        self._record = record
        self.when = QDateEdit(self)
        self.when.setDisplayFormat(DATE_DISPLAY)
        self.when.setCalendarPopup(True)
        self.when.setMaximumDate(QDate(today.year, today.month, today.day))
        self.when.setDate(QDate(today.year, today.month, today.day))
        self.what = QPlainTextEdit(self)
        self.what.setTabChangesFocus(True)
        self.what.setMinimumHeight(140)
        self.agency = QLineEdit(self)
        self.agency.setMaxLength(200)
        completer = QCompleter([*STANDARD_AGENCIES, "Police", "Health"], self.agency)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.agency.setCompleter(completer)
        self.recorded_by = QLineEdit(recorded_by, self)
        self.recorded_by.setMaxLength(200)
        self.add_row("&Date it happened", self.when, "incidentDate")
        self.add_row("&What happened", self.what, "incidentWhat")
        self.add_row("&Source agency", self.agency, "incidentAgency")
        self.add_row("&Recorded by", self.recorded_by, "incidentRecordedBy")
        self.when.setAccessibleDescription("dd/mm/yyyy, today or earlier")
        self.agency.setAccessibleDescription("Where the information came from")
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

    def accept(self) -> None:
        """Close only once ``record`` took the incident; otherwise show its refusal."""
        refusal = self._record(self.answers())
        if refusal is None:
            super().accept()
            return
        self.refuse(refusal, self.what)
