"""The main window with a stand-in editor: autosave, save failures, locking, the title."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ce_desktop.domain.model import Assessment
from ce_desktop.gui.autosave import SaveState
from ce_desktop.gui.main_window import WINDOW_TITLE, MainWindow
from ce_desktop.storage.errors import SaveFailed
from ce_desktop.storage.vault import Vault
from tests.gui.shell_support import (
    PASSPHRASE,
    StandInEditor,
    make_vault,
    saved_assessment,
    unlock,
)

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("floor_kdf"),
]

CHILD = "Tamsin Imaginary-Person"


@pytest.fixture
def window(shown_window) -> MainWindow:
    win = shown_window(child=CHILD)
    win.session.autosaver.idle_ms = 50
    return win


def open_first(qtbot, window: MainWindow) -> StandInEditor:
    window.case_list.focus_list()
    qtbot.mouseClick(window.case_list.ui.openButton, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.editor
    return window.editor


def stored(data_dir: Path, assessment_id: str) -> Assessment:
    vault = Vault.unlock(data_dir, PASSPHRASE)
    try:
        return vault.load(assessment_id)
    finally:
        vault.close()


def test_starts_on_unlock_and_lists_after(qtbot, window) -> None:
    unlock(qtbot, window)
    assert window.current_page() is window.case_list
    assert window.case_list.proxy.rowCount() == 1


def test_autosave_after_a_pause_in_typing(qtbot, window, data_dir) -> None:
    unlock(qtbot, window)
    editor = open_first(qtbot, window)
    editor.summary_edit.setFocus()
    qtbot.keyClicks(editor.summary_edit, "Seen at the station twice")
    assert window.session.autosaver.dirty
    qtbot.waitUntil(lambda: window.session.autosaver.state is SaveState.SAVED, timeout=5000)
    assert window.save_status.label.text() == "All changes saved"
    assessment_id = window.session.current_id
    window.lock()
    assert stored(data_dir, assessment_id).analysis.summary == "Seen at the station twice"


def test_tab_change_saves_at_once(qtbot, window, data_dir) -> None:
    unlock(qtbot, window)
    window.session.autosaver.idle_ms = 60_000
    editor = open_first(qtbot, window)
    qtbot.keyClicks(editor.name_edit, " Jr")
    editor.tabs.setCurrentIndex(1)
    assert not window.session.autosaver.dirty
    assessment_id = window.session.current_id
    window.lock()
    assert stored(data_dir, assessment_id).child.name == CHILD + " Jr"


def test_a_failed_save_says_so_and_keeps_the_edit(qtbot, window, monkeypatch) -> None:
    unlock(qtbot, window)
    editor = open_first(qtbot, window)
    vault = window.session.vault

    def refuse(_assessment):
        raise SaveFailed("There is not enough space on the disk to save.")

    monkeypatch.setattr(vault, "save", refuse)
    qtbot.keyClicks(editor.summary_edit, "Kept despite the full disk")
    qtbot.waitUntil(lambda: window.session.autosaver.state is SaveState.FAILED, timeout=5000)
    status = window.save_status
    assert status.label.text() == "Not saved: There is not enough space on the disk to save."
    assert status.retry_button.isVisible()
    assert status.copy_button.isVisible()
    assert editor.summary_edit.text() == "Kept despite the full disk"
    assert window.session.autosaver.dirty

    monkeypatch.undo()
    monkeypatch.setattr("ce_desktop.storage.keystore.CALIBRATION_TARGET_SECONDS", 0)
    qtbot.mouseClick(status.retry_button, Qt.MouseButton.LeftButton)
    assert status.label.text() == "All changes saved"
    assert not status.retry_button.isVisible()


def test_save_a_copy_elsewhere_writes_an_encrypted_file(qtbot, window, tmp_path) -> None:
    unlock(qtbot, window)
    open_first(qtbot, window)
    written = window.session.save_copy(tmp_path)
    assert written.parent == tmp_path
    assert CHILD.encode() not in written.read_bytes()
    assert written.name == f"{window.session.current_id}.cea"


def test_lock_then_unlock_returns_to_the_same_page_and_field(qtbot, window) -> None:
    unlock(qtbot, window)
    editor = open_first(qtbot, window)
    editor.tabs.setCurrentIndex(1)
    editor.summary_edit.setFocus()
    qtbot.keyClicks(editor.summary_edit, "Typed just before the lock")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.unlock_page
    assert window.session.vault is None
    assert window.editor is None
    assert window.findChildren(StandInEditor) == []
    assert window.case_list.proxy.rowCount() == 0
    unlock(qtbot, window)
    editor = window.editor
    assert window.current_page() is editor
    assert editor.tabs.currentIndex() == 1
    assert editor.summary_edit.text() == "Typed just before the lock"
    qtbot.waitUntil(lambda: editor.summary_edit.hasFocus(), timeout=2000)


def test_idle_time_locks(qtbot, window) -> None:
    unlock(qtbot, window)
    open_first(qtbot, window)
    window.idle_watch.idle_ms = 100
    window.idle_watch.set_check_interval(20)
    qtbot.waitUntil(lambda: window.current_page() is window.unlock_page, timeout=5000)
    assert window.session.vault is None


@pytest.mark.parametrize(
    "state", [Qt.ApplicationState.ApplicationSuspended, Qt.ApplicationState.ApplicationHidden]
)
def test_the_laptop_sleeping_or_locking_locks_the_app(qtbot, window, state) -> None:
    unlock(qtbot, window)
    open_first(qtbot, window)
    # What Qt reports when the session locks or the laptop suspends, where it can tell.
    QGuiApplication.instance().applicationStateChanged.emit(state)
    qtbot.waitUntil(lambda: window.current_page() is window.unlock_page, timeout=5000)
    assert window.session.vault is None


def test_training_sample_opens_as_a_marked_new_draft(qtbot, window) -> None:
    unlock(qtbot, window)
    qtbot.mouseClick(window.case_list.ui.sampleButton, Qt.MouseButton.LeftButton)
    current = window.session.current()
    assert current.is_training_sample
    assert current.status.value == "draft"
    assert window.ui.trainingBanner.isVisible()
    assert "fictional" in window.ui.trainingBanner.text()
    window.back_to_list()
    qtbot.mouseClick(window.case_list.ui.sampleButton, Qt.MouseButton.LeftButton)
    window.back_to_list()
    samples = [s for s in window.session.summaries() if s.is_training_sample]
    assert len({s.reference for s in samples}) == len({s.id for s in samples}) == 2
    assert any("Training sample" in text for text in _child_column(window))


def test_window_title_never_names_the_child(qtbot, window) -> None:
    seen = [window.windowTitle()]
    unlock(qtbot, window)
    seen.append(window.windowTitle())
    editor = open_first(qtbot, window)
    qtbot.keyClicks(editor.name_edit, " Second")
    seen.append(window.windowTitle())
    window.back_to_list()
    seen.append(window.windowTitle())
    assert set(seen) == {WINDOW_TITLE}


def test_delete_removes_from_disk(qtbot, window, data_dir, dialogs) -> None:
    unlock(qtbot, window)
    window.case_list.focus_list()
    chosen = window.case_list.selected_id()
    dialogs.answer = True  # "Yes" to "Delete this assessment?"
    qtbot.mouseClick(window.case_list.ui.deleteButton, Qt.MouseButton.LeftButton)
    assert window.case_list.proxy.rowCount() == 0
    assert not list((data_dir / "assessments").glob(f"{chosen}*"))


def _child_column(window: MainWindow) -> list[str]:
    proxy = window.case_list.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_a_staged_start_shows_only_the_unlock_screen_until_unlocked(qtbot, data_dir) -> None:
    vault, _key = make_vault(data_dir)
    saved_assessment(vault, CHILD)
    vault.close()
    window = MainWindow(data_dir, editor_factory=StandInEditor, staged=True)
    qtbot.addWidget(window)
    window.show()
    assert window.current_page() is window.unlock_page
    assert not hasattr(window, "case_list")  # built at unlock, not before
    assert not window.ui.actionNewAssessment.isEnabled()
    window.lock()  # nothing to lock yet: no error
    unlock(qtbot, window)
    assert window.current_page() is window.case_list
    assert window.case_list.proxy.rowCount() == 1
    assert window.ui.actionNewAssessment.isEnabled()


def test_a_staged_window_closes_cleanly_while_still_locked(qtbot, data_dir) -> None:
    make_vault(data_dir)[0].close()
    window = MainWindow(data_dir, editor_factory=StandInEditor, staged=True)
    qtbot.addWidget(window)
    window.show()
    assert window.close()


def test_finalise_re_runs_the_checks_whoever_asks(qtbot, window, dialogs) -> None:
    """The button's enabled state is not the guard: the use case refuses on its own."""
    problems = dialogs.warnings
    unlock(qtbot, window)
    editor = open_first(qtbot, window)

    dialogs.finalise = True  # the worker said "Finalise"
    editor.finalise_requested.emit()  # as if a button had been left enabled

    assert len(problems) == 1
    assert "cannot be finalised yet" in problems[0]
    vault = window.session.require_vault()
    assert vault.load(editor.assessment().id).status.value == "draft"


def test_settings_go_through_the_windows_dialogs_and_are_kept(qtbot, window, dialogs) -> None:
    from ce_desktop.domain.settings import Settings

    unlock(qtbot, window)
    dialogs.settings = Settings(worker_name="Sam Fictional-Worker", idle_minutes=7)
    window.ui.actionSettings.trigger()
    assert len(dialogs.settings_shown) == 1
    assert window.session.settings.worker_name == "Sam Fictional-Worker"
    assert window.idle_watch.idle_ms == 7 * 60_000

    dialogs.settings = None  # cancelled: nothing changes
    window.ui.actionSettings.trigger()
    assert window.session.settings.idle_minutes == 7
