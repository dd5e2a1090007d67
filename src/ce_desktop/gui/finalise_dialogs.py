"""Finalising: the one question before it, and the next step after it (PRODUCT §3.8).

Finalise cannot be undone, so it is asked once, and the safe answer ("Go back") is the
default: Enter pressed twice never finalises by accident. Once final, the worker is
told what comes next, sending it to Children's Social Care within 24 hours, with the
ways of doing so at hand. Both are shown through :class:`~ce_desktop.gui.dialogs.Dialogs`.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.domain.derived import format_moment

FINALISE_QUESTION = "Finalise this assessment? It cannot be changed afterwards."
FINALISE_WHAT_NEXT = "To record changes after this, you start a review from the final assessment."


class NextStep(Enum):
    """What the worker chose to do after finalising."""

    EMAIL = "Email to Social Care…"
    EXPORT = "Export PDF…"
    PRINT = "Print…"


def next_step_text(send_by: datetime | None) -> str:
    """What to do now that the assessment is final, with its send-by time if known."""
    by = ""
    if send_by is not None:
        by = f", by {format_moment(send_by)}"
    return (
        "The assessment is final.\n\n"
        f"Next: send it to Children's Social Care within 24 hours{by}. Email it, or "
        "export or print it to send another way; then record the sending."
    )


class NextStepDialog(QDialog):
    """The next step after finalising, with Email, Export and Print at hand.

    Attributes:
        text: the label saying what to do next.
        chosen: the step chosen, or None after "Close".
    """

    def __init__(self, send_by: datetime | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Assessment finalised")
        self.text = QLabel(next_step_text(send_by), self)
        self.text.setObjectName("nextStepText")
        self.text.setWordWrap(True)
        self.chosen: NextStep | None = None
        buttons = QDialogButtonBox(self)
        self._buttons: dict[QPushButton, NextStep] = {}
        for step in NextStep:
            button = buttons.addButton(step.value, QDialogButtonBox.ButtonRole.ActionRole)
            button.setObjectName(f"nextStep.{step.name.lower()}")
            button.clicked.connect(lambda _checked=False, s=step: self._choose(s))
            self._buttons[button] = step
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        first = next(iter(self._buttons))
        first.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        first.setFocus()

    def _choose(self, step: NextStep) -> None:
        self.chosen = step
        self.accept()
