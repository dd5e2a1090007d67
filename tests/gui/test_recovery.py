"""Work left in a temporary file by a crash is offered back at unlock, never loaded silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ce_desktop.domain.model import Assessment
from ce_desktop.gui.main_window import MainWindow
from ce_desktop.storage import container
from ce_desktop.storage.vault import Vault
from tests.gui.fake_dialogs import RecordingDialogs
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

CHILD = "Rowan Madeup-Example"
TYPED_BEFORE_THE_CRASH = "Seen near the fictional arcade on Friday"


def leave_a_crash_behind(data_dir: Path) -> Assessment:
    """A saved assessment and a newer, valid temporary file beside it, as a crash leaves."""
    vault, _key = make_vault(data_dir)
    saved = saved_assessment(vault, CHILD)
    newer = saved.model_copy(deep=True)
    newer.analysis.summary = TYPED_BEFORE_THE_CRASH
    sealed = container.seal(
        vault._key, container.Kind.ASSESSMENT, saved.id, newer.model_dump_json().encode()
    )
    vault.close()
    main = data_dir / "assessments" / f"{saved.id}.cea"
    temp = main.with_name(main.name + ".5f5f5f5f5f5f.tmp")
    temp.write_bytes(sealed)
    later = main.stat().st_mtime_ns + 10**9
    os.utime(temp, ns=(later, later))
    return saved


def unlock_window(qtbot, data_dir: Path, answer: bool | None) -> tuple[MainWindow, list[str]]:
    dialogs = RecordingDialogs(recover=answer)
    window = MainWindow(data_dir, editor_factory=StandInEditor, dialogs=dialogs)
    qtbot.addWidget(window)
    asked = dialogs.recover_questions
    window.show()
    unlock(qtbot, window)
    assert window.current_page() is window.case_list
    return window, asked


def stored_summary(data_dir: Path, assessment_id: str) -> str:
    vault = Vault.unlock(data_dir, PASSPHRASE)
    try:
        return vault.load(assessment_id).analysis.summary
    finally:
        vault.close()


def test_the_worker_is_asked_and_recovering_keeps_the_newer_work(qtbot, data_dir) -> None:
    saved = leave_a_crash_behind(data_dir)
    window, asked = unlock_window(qtbot, data_dir, answer=True)
    assert len(asked) == 1
    assert saved.reference in asked[0]
    assert CHILD not in asked[0]  # the question names the reference, never the child
    window.close()
    assert stored_summary(data_dir, saved.id) == TYPED_BEFORE_THE_CRASH


def test_discarding_keeps_the_last_saved_version(qtbot, data_dir) -> None:
    saved = leave_a_crash_behind(data_dir)
    window, asked = unlock_window(qtbot, data_dir, answer=False)
    assert len(asked) == 1
    window.close()
    assert stored_summary(data_dir, saved.id) == saved.analysis.summary
    assert not list((data_dir / "assessments").glob("*.tmp"))


def test_later_leaves_the_draft_to_be_offered_again(qtbot, data_dir) -> None:
    saved = leave_a_crash_behind(data_dir)
    window, _asked = unlock_window(qtbot, data_dir, answer=None)
    window.close()
    assert stored_summary(data_dir, saved.id) == saved.analysis.summary
    assert list((data_dir / "assessments").glob("*.tmp"))
