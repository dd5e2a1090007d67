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


def when_modal(
    action: Callable[[QWidget], None], kind: type[QWidget] = QWidget, *, activate: bool = False
) -> None:
    """Run ``action`` on the next modal dialog (of ``kind``) once it is shown; with
    ``activate``, once it is also the active window, made so as a window manager would
    make a new dialog."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or not dialog.isVisible():
            QTimer.singleShot(5, poll)
            return
        if activate and QApplication.activeWindow() is not dialog:
            dialog.activateWindow()
            QTimer.singleShot(5, poll)
            return
        action(dialog)

    QTimer.singleShot(0, poll)
