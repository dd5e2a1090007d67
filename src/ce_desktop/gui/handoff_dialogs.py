"""The two small dialogs of the hand-off to the MASH: "Record a sending" and "Record
the MASH's response" (issue 13).

Both are :class:`~ce_desktop.gui.form_dialog.FormDialog`: neither has a default button,
so Enter pressed once too often records nothing (PRODUCT §3.9: no default button ever
records a sending that did not happen); Escape cancels.
"How" starts unchosen unless the caller knows it (after "Email to Social Care"),
and a time cannot be set in the future. Every field has a label it is the buddy of,
and an accessible name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ce_desktop.domain.handoff import DECISION_LABELS, METHOD_LABELS
from ce_desktop.domain.model import MashDecision, SendingMethod
from ce_desktop.gui.form_dialog import FormDialog
from ce_desktop.usecases.handoff import Response

TIME_DISPLAY = "dd/MM/yyyy HH:mm"


@dataclass(frozen=True)
class SendingDefaults:
    """What the "Record a sending" dialog starts with."""

    how: SendingMethod | None
    to: str
    by: str
    now: datetime
    earliest: datetime | None


@dataclass(frozen=True)
class SendingAnswer:
    """A sending as the worker described it."""

    at: datetime
    how: SendingMethod
    to: str
    by: str


def _to_qt(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _from_qt(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


def _time_edit(now: datetime, earliest: datetime | None) -> QDateTimeEdit:
    edit = QDateTimeEdit(_to_qt(now))
    edit.setDisplayFormat(TIME_DISPLAY)
    edit.setCalendarPopup(True)
    edit.setMaximumDateTime(_to_qt(now))
    if earliest is not None:
        edit.setMinimumDateTime(_to_qt(min(earliest, now)))
    return edit


class SendingDialog(FormDialog):
    """When, how, to whom and by whom the assessment was sent."""

    def __init__(self, defaults: SendingDefaults, parent: QWidget | None = None) -> None:
        super().__init__(
            "Record a sending",
            record="&Record the sending",
            intro=(
                "Record how this assessment reached the MASH. The case list then shows "
                "“Sent, awaiting the MASH”, and “Chase the MASH” if there is no reply in time."
            ),
            names=("sendingError", "recordButton", "cancelButton"),
            width=460,
            parent=parent,
        )
        self.setObjectName("sendingDialog")
        self.error = self.problem
        self.when = _time_edit(defaults.now, defaults.earliest)
        self.how = QComboBox()
        self.how.setPlaceholderText("Choose how it was sent")
        for method in SendingMethod:
            self.how.addItem(METHOD_LABELS[method], method)
        self.how.setCurrentIndex(
            -1 if defaults.how is None else list(SendingMethod).index(defaults.how)
        )
        self.to = QLineEdit(defaults.to)
        self.by = QLineEdit(defaults.by)
        self.add_row("&When", self.when, "sendingWhen")
        self.add_row("&How", self.how, "sendingHow")
        self.add_row("&To whom", self.to, "sendingTo")
        self.add_row("&By whom", self.by, "sendingBy")
        (self.how if defaults.how is None else self.to).setFocus()

    def missing(self) -> str | None:
        """What stops the sending being recorded, in plain words."""
        if self.how.currentIndex() < 0:
            return "Choose how the assessment was sent."
        if not self.to.text().strip():
            return "Say to whom it was sent (for example the MASH's address)."
        return None

    def accept(self) -> None:
        """Record only a complete sending; otherwise say what is missing."""
        problem = self.missing()
        if problem is None:
            super().accept()
            return
        self.refuse(problem, self.how if self.how.currentIndex() < 0 else self.to)

    def answer(self) -> SendingAnswer:
        """The sending as entered (once accepted)."""
        return SendingAnswer(
            at=_from_qt(self.when.dateTime()),
            how=SendingMethod(self.how.currentData()),
            to=self.to.text(),
            by=self.by.text(),
        )


class ResponseDialog(FormDialog):
    """The MASH's acknowledgement, decision (with a note) and reference."""

    def __init__(
        self, now: datetime, earliest: datetime | None, reference: str, parent: QWidget | None
    ) -> None:
        super().__init__(
            "Record the MASH's response",
            record="R&ecord",
            names=("responseError", "recordButton", "cancelButton"),
            width=500,
            parent=parent,
        )
        self.setObjectName("responseDialog")
        self.error = self.problem
        self.acknowledged = QCheckBox("The MASH acknowledged receipt")
        self.acknowledged_at = _time_edit(now, earliest)
        self.acknowledged_by = QLineEdit()
        self.decision = QComboBox()
        self.decision.setPlaceholderText("No decision yet")
        for outcome in MashDecision:
            self.decision.addItem(DECISION_LABELS[outcome], outcome)
        self.decision.setCurrentIndex(-1)
        self.decided_at = _time_edit(now, earliest)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 14)
        self.mash_reference = QLineEdit(reference)
        self._reference = reference
        self.form.addRow("", self.acknowledged)
        self.acknowledged.setObjectName("acknowledged")
        self.add_row("Acknowledged &at", self.acknowledged_at, "acknowledgedAt")
        self.add_row("Acknowledged b&y", self.acknowledged_by, "acknowledgedBy")
        self.add_row("&Decision", self.decision, "decision")
        self.add_row("Decided a&t", self.decided_at, "decidedAt")
        self.add_row("&Note on the decision", self.note, "decisionNote")
        self.add_row("MASH &reference", self.mash_reference, "mashReference")
        self.acknowledged.setFocus()

    def _reference_changed(self) -> bool:
        return self.mash_reference.text().strip() != self._reference.strip()

    def accept(self) -> None:
        """Record only when something was given; otherwise say so."""
        given = (
            self.acknowledged.isChecked()
            or self.decision.currentIndex() >= 0
            or self._reference_changed()
        )
        if not given:
            self.refuse(
                "Tick the acknowledgement, choose a decision or give the MASH's reference.",
                self.acknowledged,
            )
            return
        if self.note.toPlainText().strip() and self.decision.currentIndex() < 0:
            self.refuse("Choose the decision the note is about.", self.decision)
            return
        super().accept()

    def response(self) -> Response:
        """What was entered (once accepted)."""
        decided = self.decision.currentIndex() >= 0
        return Response(
            acknowledged_at=_from_qt(self.acknowledged_at.dateTime())
            if self.acknowledged.isChecked()
            else None,
            acknowledged_by=self.acknowledged_by.text(),
            decision=MashDecision(self.decision.currentData()) if decided else None,
            decided_at=_from_qt(self.decided_at.dateTime()) if decided else None,
            note=self.note.toPlainText().strip() if decided else "",
            mash_reference=self.mash_reference.text() if self._reference_changed() else None,
        )
