"""One way to tell the worker: every message box is made by ``gui.dialogs.Dialogs``.

The window, its helpers and the command line's output window all go through it, so a
test hands the window a recording stand-in instead of replacing ``QMessageBox``, and
every message is plain text (an error quoting a file name is never taken for markup).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ce_desktop import gui
from ce_desktop.gui.dialogs import Dialogs
from tests.gui.modal import answer_next_modals, when_modal

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

GUI = Path(gui.__file__).parent
_MESSAGE_BOX = re.compile(r"\b(QMessageBox|QInputDialog)\b")


def test_no_module_but_dialogs_makes_a_message_box() -> None:
    makers = {
        str(path.relative_to(GUI))
        for path in GUI.rglob("*.py")
        if "forms" not in path.parts and _MESSAGE_BOX.search(path.read_text("utf-8"))
    }
    assert makers == {"dialogs.py"}


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_message_is_plain_text_never_markup(parent: QWidget) -> None:
    seen: list[tuple[Qt.TextFormat, str]] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append((dialog.textFormat(), dialog.text()))
        dialog.accept()

    when_modal(read)
    Dialogs(parent).warn("Not saved", "The file <b>report.pdf</b> could not be written.")
    assert seen == [(Qt.TextFormat.PlainText, "The file <b>report.pdf</b> could not be written.")]


def test_enter_alone_never_deletes_nor_closes_without_saving(parent: QWidget) -> None:
    seen: list[QWidget] = []
    answer_next_modals([Qt.Key.Key_Return, Qt.Key.Key_Escape], seen)
    dialogs = Dialogs(parent)
    assert not dialogs.confirm("Delete this assessment?", "Delete it?", yes="&Yes", no="&No")
    assert not dialogs.confirm("Close without saving?", "Close?", yes="&Yes", no="&No")
    assert isinstance(seen[0], QMessageBox)
    assert seen[0].defaultButton().text() == "&No"
    assert seen[0].windowTitle() == "Delete this assessment?"


def test_the_recovery_question_offers_recover_discard_and_later(parent: QWidget) -> None:
    def later(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        names = [b.text() for b in dialog.buttons()]
        assert sorted(names) == ["Discard", "Later", "Recover"]
        next(b for b in dialog.buttons() if b.text() == "Later").click()

    when_modal(later)
    assert Dialogs(parent).ask_recover("Recover it?") is None
