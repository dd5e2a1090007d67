"""The two small dialogs of the hand-off to the MASH: "Record a sending" and "Record
the MASH's response" (issue 13).

Neither has a default button: Enter pressed once too often records nothing (PRODUCT
§3.9: no default button ever records a sending that did not happen); Escape cancels.
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

from ce_desktop.domain.handoff import DECISION_LABELS, METHOD_LABELS
from ce_desktop.domain.model import MashDecision, SendingMethod
from ce_desktop.gui.look import ERROR_STYLE
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


def _row(form: QFormLayout, text: str, field: QWidget, name: str) -> None:
    label = QLabel(text)
    label.setBuddy(field)
    field.setObjectName(name)
    field.setAccessibleName(text.replace("&", ""))
    form.addRow(label, field)


def _buttons(dialog: QDialog, record: str) -> tuple[QHBoxLayout, QPushButton]:
    # Plain buttons, not a QDialogButtonBox: a button box makes its first accept
    # button the default when shown, and Enter would then record.
    row = QHBoxLayout()
    row.addStretch(1)
    button = QPushButton(record)
    button.setObjectName("recordButton")
    cancel = QPushButton("Cancel")
    cancel.setObjectName("cancelButton")
    for each in (button, cancel):
        each.setAutoDefault(False)
        each.setDefault(False)
        row.addWidget(each)
    button.clicked.connect(dialog.accept)
    cancel.clicked.connect(dialog.reject)
    return row, button


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


class SendingDialog(QDialog):
    """When, how, to whom and by whom the assessment was sent."""

    def __init__(self, defaults: SendingDefaults, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a sending")
        self.setObjectName("sendingDialog")
        intro = QLabel(
            "Record how this assessment reached the MASH. The case list then shows "
            "“Sent, awaiting the MASH”, and “Chase the MASH” if there is no reply in time."
        )
        intro.setWordWrap(True)
        self.error = _error_label("sendingError")
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
        form = QFormLayout()
        _row(form, "&When", self.when, "sendingWhen")
        _row(form, "&How", self.how, "sendingHow")
        _row(form, "&To whom", self.to, "sendingTo")
        _row(form, "&By whom", self.by, "sendingBy")
        buttons, self.record_button = _buttons(self, "&Record the sending")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        (self.how if defaults.how is None else self.to).setFocus()

    def problem(self) -> str | None:
        """What stops the sending being recorded, in plain words."""
        if self.how.currentIndex() < 0:
            return "Choose how the assessment was sent."
        if not self.to.text().strip():
            return "Say to whom it was sent (for example the MASH's address)."
        return None

    def accept(self) -> None:
        """Record only a complete sending; otherwise say what is missing."""
        problem = self.problem()
        if problem is None:
            super().accept()
            return
        self.error.setText(problem)
        self.error.setAccessibleName(problem)
        self.error.show()
        (self.how if self.how.currentIndex() < 0 else self.to).setFocus()

    def answer(self) -> SendingAnswer:
        """The sending as entered (once accepted)."""
        return SendingAnswer(
            at=_from_qt(self.when.dateTime()),
            how=SendingMethod(self.how.currentData()),
            to=self.to.text(),
            by=self.by.text(),
        )


class ResponseDialog(QDialog):
    """The MASH's acknowledgement, decision (with a note) and reference."""

    def __init__(
        self, now: datetime, earliest: datetime | None, reference: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record the MASH's response")
        self.setObjectName("responseDialog")
        self.error = _error_label("responseError")
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
        form = QFormLayout()
        form.addRow("", self.acknowledged)
        self.acknowledged.setObjectName("acknowledged")
        _row(form, "Acknowledged &at", self.acknowledged_at, "acknowledgedAt")
        _row(form, "Acknowledged b&y", self.acknowledged_by, "acknowledgedBy")
        _row(form, "&Decision", self.decision, "decision")
        _row(form, "Decided a&t", self.decided_at, "decidedAt")
        _row(form, "&Note on the decision", self.note, "decisionNote")
        _row(form, "MASH &reference", self.mash_reference, "mashReference")
        buttons, self.record_button = _buttons(self, "R&ecord")
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.setMinimumWidth(500)
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
            text = "Tick the acknowledgement, choose a decision or give the MASH's reference."
            self.error.setText(text)
            self.error.setAccessibleName(text)
            self.error.show()
            self.acknowledged.setFocus()
            return
        if self.note.toPlainText().strip() and self.decision.currentIndex() < 0:
            text = "Choose the decision the note is about."
            self.error.setText(text)
            self.error.setAccessibleName(text)
            self.error.show()
            self.decision.setFocus()
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
