"""Amend in the window: version 2 opens for its corrections, the case list shows the
latest version and opens every version from "Versions…", the original's content and
fingerprint stay as they were, and a review weighs the latest version."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.model import AuditAction, Status
from ce_desktop.gui.amend_dialogs import AmendDialog, VersionsDialog
from ce_desktop.gui.case_list_model import Column
from ce_desktop.gui.main_window import MainWindow, default_editor
from ce_desktop.usecases import amendments, assessments
from tests.factories import as_final, full_assessment
from tests.gui.fake_dialogs import RecordingDialogs
from tests.gui.shell_support import StandInEditor, make_vault, unlock

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("floor_kdf"),
]

REASON = "Fictional correction: the agency's name was typed wrongly."
SHOTS = Path("/tmp/amend-shots")
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def _window(qtbot, data_dir: Path, dialogs: RecordingDialogs, **options) -> MainWindow:  # type: ignore[no-untyped-def]
    options.setdefault("editor_factory", StandInEditor)
    window = MainWindow(data_dir, dialogs=dialogs, **options)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    unlock(qtbot, window)
    return window


def _saved_final(data_dir: Path) -> tuple[str, str]:
    vault, _key = make_vault(data_dir)
    final = as_final(full_assessment())
    vault.save(final)
    text = vault.load(final.id).model_dump_json()
    vault.close()
    return final.id, text


def _rows(window: MainWindow) -> list[str]:
    model = window.case_list.model
    return [model.data(model.index(row, Column.REFERENCE)) for row in range(model.rowCount())]


def test_amend_opens_version_2_and_the_list_opens_both_versions(
    qtbot, data_dir: Path, dialogs: RecordingDialogs
) -> None:
    final_id, before = _saved_final(data_dir)
    reference = json.loads(before)["reference"]
    window = _window(qtbot, data_dir, dialogs)
    assert window.case_list.select(final_id)
    qtbot.mouseClick(window.case_list.ui.openButton, Qt.MouseButton.LeftButton)
    dialogs.amendment_reasons = [REASON]

    window.ui.actionAmend.trigger()

    assert dialogs.amendments_asked == [reference]
    current = window.session.current()
    assert current is not None
    assert current.reference == f"{reference} v2"
    assert current.status is Status.DRAFT
    assert current.amendment is not None
    assert current.amendment.reason == REASON
    assert window.current_page() is window.editor.widget()
    stored = json.loads(window.session.require_vault().load(final_id).model_dump_json())
    original = json.loads(before)
    trail = stored.pop("audit")
    assert trail[:-1] == original.pop("audit")
    assert trail[-1]["action"] == AuditAction.AMENDED.value
    assert stored == original  # the content and the fingerprint, as they were

    window.back_to_list()
    assert _rows(window) == [f"{reference} v2"]  # the latest version only
    assert window.case_list.select(current.id)
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "case-list-latest-version.png"))
    dialogs.answer = False
    qtbot.mouseClick(window.case_list.ui.deleteButton, Qt.MouseButton.LeftButton)
    assert "The version it supersedes stays as it was" in dialogs.questions[-1]
    assert "incidents" not in dialogs.questions[-1]  # version 1 keeps the chronology
    dialogs.version_choice = 0
    qtbot.mouseClick(window.case_list.versions_button, Qt.MouseButton.LeftButton)
    (shown,) = dialogs.versions_shown
    assert [(v.version, v.reference, v.status) for v in shown] == [
        (1, reference, Status.FINAL),
        (2, f"{reference} v2", Status.DRAFT),
    ]
    opened = window.session.current()
    assert opened is not None
    assert opened.id == final_id
    assert opened.is_read_only  # an older final opens read-only, as finals do
    assert "superseded by" in window.ui.statusbar.currentMessage()


def test_a_superseded_version_is_not_amended_again_and_a_cancel_amends_nothing(
    qtbot, data_dir: Path, dialogs: RecordingDialogs
) -> None:
    final_id, _before = _saved_final(data_dir)
    window = _window(qtbot, data_dir, dialogs)
    assert window.case_list.select(final_id)
    window.ui.actionAmend.trigger()  # no reason given: cancelled
    assert len(window.session.summaries()) == 1
    assert window.ui.statusbar.currentMessage() == "Nothing was amended."

    dialogs.amendment_reasons = [REASON]
    window.ui.actionAmend.trigger()  # from the case list's selection
    assert len(window.session.summaries()) == 2
    window.back_to_list()
    dialogs.version_choice = 0
    window.amend_commands.show_versions(final_id)
    assert window.session.current_id == final_id
    dialogs.amendment_reasons = [REASON]
    window.ui.actionAmend.trigger()
    assert len(dialogs.amendments_asked) == 2  # not asked a third time
    assert "has already been amended" in dialogs.warnings[-1]
    assert "Nothing was amended." in dialogs.warnings[-1]
    assert len(window.session.summaries()) == 2


def test_a_review_weighs_the_latest_version_not_the_superseded_one(
    qtbot, data_dir: Path, dialogs: RecordingDialogs
) -> None:
    vault, _key = make_vault(data_dir)
    final = as_final(full_assessment())
    vault.save(final)
    review = assessments.start_review(vault, final.id, today=date(2026, 3, 3))
    amended = amendments.amend(vault, final, REASON, today=date(2026, 3, 3), now=NOW)
    second = assessments.finalise(vault, amended, default_catalogue(), now=NOW)
    vault.close()
    window = _window(qtbot, data_dir, dialogs, editor_factory=default_editor)

    # The review started before the amendment compares with version 2 now.
    window.commands.guarded(lambda: window.session.open(review.id))
    check = window.editor.check_page
    assert check.previous is not None
    assert check.previous.id == second.id
    assert f"previous assessment ({second.reference})" in check.changes_box.text()
    tabs = window.editor.tabs
    tabs.setCurrentIndex(tabs.count() - 1)  # Check and finish, where the changes are
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "review-against-v2.png"))

    # A review started from the superseded version starts from version 2.
    window.back_to_list()
    dialogs.version_choice = 0
    window.amend_commands.show_versions(second.id)
    assert window.session.current_id == final.id
    window.commands.review_open()
    started = window.session.current()
    assert started is not None
    assert started.previous_id == second.id
    assert started.status is Status.DRAFT
    assert started.id not in (final.id, second.id, review.id)


def test_the_amend_form_needs_a_reason_and_has_no_default_button(qtbot) -> None:
    dialog = AmendDialog("CE-20260302-ABCD")
    qtbot.addWidget(dialog)
    dialog.show()
    assert all(not b.isDefault() and not b.autoDefault() for b in dialog.findChildren(QPushButton))
    assert QApplication.focusWidget() in (dialog.reason, None)
    dialog.record_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problem.isVisible()
    assert dialog.problem.text().startswith("Give the reason for the amendment")
    assert dialog.reason.accessibleName() == "Reason for the amendment"
    dialog.reason.setPlainText(f"  {REASON}\n")
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "amend-reason.png"))
    dialog.record_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.reason_text() == REASON


def test_the_versions_window_is_worked_by_keyboard(qtbot, data_dir: Path) -> None:
    vault, _key = make_vault(data_dir)
    final = as_final(full_assessment())
    vault.save(final)
    amended = amendments.amend(vault, final, REASON, today=date(2026, 3, 3), now=NOW)
    second = assessments.finalise(vault, amended, default_catalogue(), now=NOW)
    amendments.amend(vault, second, "Fictional: and the date.", today=date(2026, 3, 3), now=NOW)
    versions = amendments.history(vault, final.id)
    vault.close()
    dialog = VersionsDialog(final.reference, versions)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    table = dialog.table
    assert table.rowCount() == 3
    assert table.currentRow() == 2  # the latest first chosen
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(3)]
    assert cells[0][:2] == ["1", "Final, superseded"]
    assert cells[0][3] == final.fingerprint
    assert cells[1][:2] == ["2", "Final, being amended"]  # version 3 is still a draft
    assert cells[1][4] == REASON
    assert cells[2][1:4] == ["Draft", "—", "—"]
    assert table.accessibleName() == f"Versions of {final.reference}"
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert dialog.reason_label.text() == f"Reason for version 2: {REASON}"
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "versions.png"))
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen == final.id
