"""A data folder that cannot be written opens in the window, with the notice."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ce_desktop.gui.main_window import MainWindow
from ce_desktop.storage.errors import READ_ONLY_NOTICE
from tests.gui.shell_support import StandInEditor, make_vault, saved_assessment
from tests.gui.test_shell_window import open_first, unlock

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("floor_kdf"),
]


def test_a_read_only_folder_unlocks_lists_and_says_changes_will_not_be_saved(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _key = make_vault(data_dir)
    saved_assessment(vault, "Rowan Madeup-Child")
    vault.close()
    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if mode & os.W_OK and str(path).startswith(str(data_dir)):
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    window = MainWindow(data_dir, editor_factory=StandInEditor)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    assert window.current_page() is window.case_list
    assert window.case_list.proxy.rowCount() == 1
    assert window.ui.statusbar.currentMessage() == READ_ONLY_NOTICE
    assert not (data_dir / "ce-desktop.lock").exists()
    editor = open_first(qtbot, window)
    assert editor.assessment().child.name == "Rowan Madeup-Child"
    window.lock()
