"""An error in a slot reaches the worker as one plain message, and the log as a type."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QObject, Signal

from ce_desktop.gui.errors import MESSAGE, install_error_hook


class _Button(QObject):
    clicked = Signal()


def test_an_exception_in_a_slot_shows_a_plain_message(
    qtbot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    shown: list[str] = []
    install_error_hook(shown.append)

    def slot() -> None:
        raise ValueError("Marker-Child-Name-Quentin")

    button = _Button()
    button.clicked.connect(slot)
    with caplog.at_level(logging.ERROR):
        button.clicked.emit()
    assert shown == [MESSAGE]
    assert "ValueError" in caplog.text
    assert "Marker-Child-Name-Quentin" not in caplog.text
