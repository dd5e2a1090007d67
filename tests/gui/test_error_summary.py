"""One error summary and one red: every "There is a problem" box is ``ErrorSummary``,
and every red the window's code draws is ``look.ERROR_COLOUR``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.domain.settings import Settings
from ce_desktop.gui import look
from ce_desktop.gui.error_summary import ErrorSummary, Problem
from ce_desktop.gui.settings_dialog import SettingsDialog
from tests.gui.focus_pixels import contrast

GUI = Path(look.__file__).parent
_HEX = re.compile(r"#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})\b")


def _reds(text: str) -> set[str]:
    """Every colour literal that reads as red (strong red, weak green and blue)."""
    return {
        m.group(0).lower()
        for m in _HEX.finditer(text)
        if int(m.group(1), 16) > 150 and int(m.group(2), 16) < 120 and int(m.group(3), 16) < 120
    }


def test_every_red_in_the_windows_code_is_the_one_error_colour() -> None:
    found = {
        f"{path.relative_to(GUI)}: {red}"
        for path in GUI.rglob("*.py")
        if "forms" not in path.parts
        for red in _reds(path.read_text("utf-8"))
    }
    assert found == {f"look.py: {look.ERROR_COLOUR}"}
    assert look.ERROR_COLOUR in look.ERROR_STYLE


def test_the_error_colour_reads_as_text_on_white_and_on_the_window(qapp: QApplication) -> None:
    red = QColor(look.ERROR_COLOUR)
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    assert contrast(red, QColor("#ffffff")) >= 4.5
    assert contrast(red, window) >= 4.5


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_summary_links_follow_and_hide_when_nothing_is_wrong(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    summary = ErrorSummary(page)
    page.show()
    followed: list[str] = []
    summary.show_problems(
        [
            Problem("Enter the date of birth", "problem.dob", lambda: followed.append("dob")),
            Problem("Choose a level.", "problem.level", lambda: followed.append("level")),
        ]
    )
    assert summary.isVisibleTo(page)
    assert summary.accessibleName() == "There is a problem"
    assert summary.accessibleDescription() == (
        "There is a problem: 2 problems to fix. Enter the date of birth. Choose a level."
    )
    assert summary.text().splitlines() == [
        "There is a problem",
        "Enter the date of birth",
        "Choose a level.",
    ]
    assert [link.objectName() for link in summary.links()] == ["problem.dob", "problem.level"]
    qtbot.keyClick(summary.links()[1], Qt.Key.Key_Return)
    assert followed == ["level"]
    summary.show_problems([])
    assert not summary.isVisibleTo(page)
    assert summary.links() == []
    assert summary.accessibleDescription() == ""


def test_the_settings_dialog_says_its_problems_in_the_one_summary(
    qtbot: QtBot, data_dir: Path
) -> None:
    dialog = SettingsDialog(Settings(mash_address="not an address"), data_dir)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert isinstance(dialog.error_summary, ErrorSummary)
    assert dialog.error_summary.said().startswith("There is a problem: 1 problem to fix.")


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_there_is_one_error_summary_and_check_and_finish_uses_it(editor) -> None:  # type: ignore[no-untyped-def]
    makers = {
        str(path.relative_to(GUI))
        for path in GUI.rglob("*.py")
        if "forms" not in path.parts and '"errorSummary"' in path.read_text("utf-8")
    }
    assert makers == {"error_summary.py"}
    assert isinstance(editor.check_page.problems, ErrorSummary)
