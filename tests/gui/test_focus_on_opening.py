"""Opening an assessment puts the keyboard focus where the worker starts.

A new draft starts on its first question (Ctrl+N, then typing, fills in the child's
name); a final assessment shown again after an unlock starts on its first button.
Before, the focus was left on the screen that had gone, and typing went nowhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.lifecycle import finalise
from ce_desktop.gui.editor.widgets import LineField
from ce_desktop.gui.main_window import MainWindow
from tests.gui.editor_support import NOW, complete_draft
from tests.gui.shell_support import make_vault, unlock

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("floor_kdf"),
]


def unlocked_window(qtbot, data_dir: Path) -> MainWindow:
    window = MainWindow(data_dir, staged=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    unlock(qtbot, window)
    return window


def test_a_new_assessment_starts_on_the_childs_name(qtbot, data_dir: Path) -> None:
    vault, _key = make_vault(data_dir)
    vault.close()
    window = unlocked_window(qtbot, data_dir)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.editor
    name = window.editor.findChild(LineField, "child.name")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name, timeout=3000)
    qtbot.keyClicks(QApplication.focusWidget(), "Tamsin")
    assert window.session.current().child.name == "Tamsin"


def test_a_final_assessment_after_unlock_starts_on_its_first_button(qtbot, data_dir: Path) -> None:
    vault, _key = make_vault(data_dir)
    final = finalise(complete_draft(), default_catalogue(), now=NOW)
    vault.save(final)
    vault.close()
    window = unlocked_window(qtbot, data_dir)
    window.session.open(final.id)
    window.ui.actionLock.trigger()
    unlock(qtbot, window)
    assert window.current_page() is window.editor
    qtbot.waitUntil(
        lambda: (
            QApplication.focusWidget() is not None
            and QApplication.focusWidget().objectName() == "startReview"
        ),
        timeout=3000,
    )
