"""Answering a modal dialog with the keyboard, as a worker would, from inside ``exec``.

A modal dialog's ``exec`` runs its own event loop, so the key presses are queued
before it opens and sent once the dialog is the active modal widget, to whatever
has focus in it (as the keyboard would), never to a chosen button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.keys import press


def answer_next_modals(keys: list[Qt.Key], seen: list[QWidget] | None = None) -> None:
    """Press ``keys`` one per modal dialog, in order, as each dialog opens."""
    remaining = list(keys)
    handled: set[int] = set()

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or id(dialog) in handled or not dialog.isVisible():
            QTimer.singleShot(5, poll)
            return
        handled.add(id(dialog))
        if seen is not None:
            seen.append(dialog)
        # The dialog's own focus (the key goes where the keyboard is in that dialog).
        target = dialog.focusWidget() or dialog
        press(target, remaining.pop(0))
        if remaining:
            QTimer.singleShot(5, poll)

    QTimer.singleShot(0, poll)


def when_modal(action: Callable[[QWidget], None]) -> None:
    """Run ``action`` on the next modal dialog once it is shown."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(5, poll)
            return
        action(dialog)

    QTimer.singleShot(0, poll)
