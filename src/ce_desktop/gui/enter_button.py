"""A push button that Return and Enter press, as Space does (the links of the form and
of the error summary, the "Change" links of Check and finish)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton


class EnterButton(QPushButton):
    """A push button that Return and Enter press, as Space does."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return and Enter activate the button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)
