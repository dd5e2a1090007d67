"""The "Correct an incident" dialog, opened from a child's chronology.

The incident's date, account and agency as they read now, ready to be corrected, then
why it is corrected and who corrects it, in reading order and by keyboard, in the
small forms' one frame (``form_dialog.FormDialog``). Tab moves between them (in the
text boxes too); no button is the default, so Enter in a field never records an
unfinished correction. The use case checks what was typed: a refusal
is shown above the fields, and nothing typed is lost. The earlier text is never
replaced: the chronology keeps it, marked as corrected. The title names no child.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from ce_desktop.domain.chronology_entries import Entry
from ce_desktop.gui.form_dialog import FormDialog
from ce_desktop.gui.incident_dialog import DATE_DISPLAY

TITLE = "Correct an incident"
INTRO = (
    "Correct what was typed in error. The incident as it reads now stays in the "
    "chronology, marked as corrected, with who corrected it, when and why."
)


@dataclass(frozen=True)
class CorrectionAnswers:
    """What the worker gave in the dialog, as typed."""

    occurred_on: date
    what_happened: str
    source_agency: str
    reason: str
    corrected_by: str


Correct = Callable[[CorrectionAnswers], str | None]
"""Saves the correction; returns the plain refusal, or None once saved."""


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CorrectionDialog(FormDialog):
    """Asks for the correction of one incident; ``correct`` saves it, or refuses.

    Attributes:
        when, what, agency: the incident as corrected (as it reads now, at first).
        reason: why it is corrected.
        corrected_by: who corrects it.
        problem: the plain refusal of the last attempt (hidden until there is one).
        correct_button: "Record the correction".
    """

    def __init__(
        self,
        about: str,
        entry: Entry,
        *,
        today: date,
        corrected_by: str,
        correct: Correct,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            TITLE,
            record="Record the correction",
            intro=f"{about}\n{INTRO}",
            names=("correctionProblem", "recordCorrection", "cancelCorrection"),
            width=520,
            parent=parent,
        )
        self._correct = correct
        self.correct_button = self.record_button
        incident = entry.incident
        self.when = QDateEdit(self)
        self.when.setDisplayFormat(DATE_DISPLAY)
        self.when.setCalendarPopup(True)
        self.when.setMaximumDate(_qdate(today))
        self.when.setDate(_qdate(incident.occurred_on))
        self.what = QPlainTextEdit(incident.what_happened, self)
        self.what.setTabChangesFocus(True)
        self.what.setMinimumHeight(110)
        self.agency = QLineEdit(incident.source_agency, self)
        self.agency.setMaxLength(200)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(60)
        self.corrected_by = QLineEdit(corrected_by, self)
        self.corrected_by.setMaxLength(200)
        self.add_row("&Date it happened", self.when, "correctionDate")
        self.add_row("&What happened", self.what, "correctionWhat")
        self.add_row("&Source agency", self.agency, "correctionAgency")
        self.add_row("W&hy it is corrected", self.reason, "correctionReason")
        self.add_row("C&orrected by", self.corrected_by, "correctionBy")
        self.when.setAccessibleDescription("dd/mm/yyyy, today or earlier")
        self.reason.setAccessibleDescription("Required: what was typed in error")
        self.what.setFocus()

    def answers(self) -> CorrectionAnswers:
        """The answers as they stand."""
        chosen = self.when.date()
        return CorrectionAnswers(
            date(chosen.year(), chosen.month(), chosen.day()),
            self.what.toPlainText(),
            self.agency.text(),
            self.reason.toPlainText(),
            self.corrected_by.text(),
        )

    def accept(self) -> None:
        """Close only once ``correct`` took the correction; otherwise show its refusal."""
        refusal = self._correct(self.answers())
        if refusal is None:
            super().accept()
            return
        self.refuse(refusal, self.reason)
