"""Typing into widgets the way a keyboard does, safely for any character.

``qtbot.keyClicks`` with characters outside ASCII (ä, é, ễ) trips a Qt assertion
and kills the test process (see HEADLESS.md). A key event with ``Key_unknown`` and
the character as its text is what an input method delivers, and works for every
character, so every test types through here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def _target(widget: QWidget) -> QWidget:
    # A composite input (a date box with its calendar button) types into its focus proxy;
    # a text edit's keys go to its viewport's owner, which is the edit itself.
    proxy = widget.focusProxy()
    return proxy if proxy is not None else widget


def type_text(widget: QWidget, text: str) -> None:
    """Send one key press and release per character of ``text`` to ``widget``."""
    target = _target(widget)
    for character in text:
        if character == "\n":
            key, char = Qt.Key.Key_Return, "\r"
        else:
            key, char = Qt.Key.Key_unknown, character
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(target, event)


def press(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier | None = None) -> None:
    """Press and release one special key (Tab, Down, Return...) on ``widget``."""
    target = _target(widget)
    mods = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, mods))
