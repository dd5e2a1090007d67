"""The window never waits on its UI thread for a file another program holds."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from ce_desktop.gui import autosave
from ce_desktop.gui.main_window import MainWindow
from ce_desktop.storage import atomic
from tests.gui.shell_support import StandInEditor

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_the_window_makes_storage_refuse_to_wait_on_its_thread(qtbot, data_dir: Path) -> None:
    window = MainWindow(data_dir, editor_factory=StandInEditor)
    qtbot.addWidget(window)
    assert atomic.wait_allowed is autosave.off_ui_thread
    assert not atomic.wait_allowed()
    in_a_worker: list[bool] = []
    worker = threading.Thread(target=lambda: in_a_worker.append(atomic.wait_allowed()))
    worker.start()
    worker.join()
    assert in_a_worker == [True]


def test_a_failed_save_is_tried_again_within_seconds(qtbot) -> None:
    def held() -> None:
        raise atomic.SaveFailed("held")

    saver = autosave.Autosaver(held)
    saver.start()
    saver.mark_edited()
    assert not saver.save_now()
    assert saver._ceiling.isActive()
    assert saver._ceiling.interval() == autosave.RETRY_AFTER_FAILURE_MS
