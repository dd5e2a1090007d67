"""The Settings dialog: values round-trip, bad input is refused with a plain message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QSpinBox
from pytestqt.qtbot import QtBot

from ce_desktop.domain.settings import MAX_IDLE_MINUTES, Settings
from ce_desktop.gui.settings_dialog import EMAIL_ERROR, IDLE_ERROR, SettingsDialog


@pytest.fixture
def dialog(qtbot: QtBot, data_dir: Path) -> SettingsDialog:
    settings = Settings(
        worker_name="Pat Example",
        agency="Example School",
        contact_details="01234 567890",
        mash_address="mash@example.gov.uk",
        idle_minutes=7,
    )
    widget = SettingsDialog(settings, data_dir)
    qtbot.addWidget(widget)
    return widget


def _retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_shows_current_values_and_the_data_folder_read_only(
    dialog: SettingsDialog, data_dir: Path
) -> None:
    assert dialog.worker_name.text() == "Pat Example"
    assert dialog.agency.text() == "Example School"
    assert dialog.contact_details.toPlainText() == "01234 567890"
    assert dialog.mash_address.text() == "mash@example.gov.uk"
    assert dialog.idle_minutes.value() == 7
    assert dialog.data_folder.text() == str(data_dir)
    assert dialog.data_folder.isReadOnly()


def test_edited_values_come_back_as_settings(qtbot: QtBot, dialog: SettingsDialog) -> None:
    _retype(qtbot, dialog.worker_name, "Sam Sample")
    _retype(qtbot, dialog.agency, "Example Police")
    dialog.contact_details.setPlainText("sam@example.org\n07000 000000")
    _retype(qtbot, dialog.mash_address, "  duty.team@example.gov.uk ")
    dialog.idle_minutes.setValue(12)
    dialog.chase_days.setValue(2)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    result = dialog.result_settings()
    assert result.worker_name == "Sam Sample"
    assert result.agency == "Example Police"
    assert result.contact_details == "sam@example.org\n07000 000000"
    assert result.mash_address == "duty.team@example.gov.uk"
    assert result.idle_minutes == 12
    assert result.chase_working_days == 2


@pytest.mark.parametrize(
    "address", ["", "mash", "CSMASH@surreycc,gov.uk", "a b@example.org", "a@@example.org"]
)
def test_a_bad_mash_address_is_refused_with_a_plain_message(
    qtbot: QtBot, dialog: SettingsDialog, address: str
) -> None:
    _retype(qtbot, dialog.mash_address, address)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_summary.isVisibleTo(dialog)
    assert "There is a problem" in dialog.error_summary.text()
    assert EMAIL_ERROR in dialog.error_summary.text()
    assert dialog.mash_error.text() == EMAIL_ERROR


def test_fixing_the_address_then_saving_succeeds(qtbot: QtBot, dialog: SettingsDialog) -> None:
    _retype(qtbot, dialog.mash_address, "not an address")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _retype(qtbot, dialog.mash_address, "mash@example.gov.uk")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.error_summary.isVisibleTo(dialog)


def test_idle_time_is_held_between_one_and_fifteen_minutes(dialog: SettingsDialog) -> None:
    spin: QSpinBox = dialog.idle_minutes
    spin.setValue(0)
    assert spin.value() == 1
    spin.setValue(60)
    assert spin.value() == MAX_IDLE_MINUTES


def test_typing_a_number_over_fifteen_is_not_taken(qtbot: QtBot, dialog: SettingsDialog) -> None:
    line = dialog.idle_minutes.lineEdit()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, "99")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_settings().idle_minutes == 9


def test_an_emptied_idle_time_is_refused(qtbot: QtBot, dialog: SettingsDialog) -> None:
    line = dialog.idle_minutes.lineEdit()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert IDLE_ERROR in dialog.error_summary.text()
    assert dialog.idle_error.text() == IDLE_ERROR


# The offscreen platform warns that it cannot propagate size hints when a window shows.
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_error_summary_link_moves_focus_to_the_field(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    _retype(qtbot, dialog.mash_address, "nope")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.worker_name.setFocus()

    (link,) = dialog.error_summary.links()
    assert link.objectName() == "problem.mashAddress"
    qtbot.keyClick(link, Qt.Key.Key_Return)

    assert dialog.focusWidget() is dialog.mash_address


def test_backup_and_restore_buttons_emit_their_signals(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    with qtbot.waitSignal(dialog.backup_requested):
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.restore_requested):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)


def test_every_input_has_its_label_as_accessible_name(dialog: SettingsDialog) -> None:
    inputs = [
        *dialog.findChildren(QLineEdit),
        *dialog.findChildren(QPlainTextEdit),
        *dialog.findChildren(QSpinBox),
    ]
    # The spin box's own inner line edit is named through the spin box.
    named = [w for w in inputs if not isinstance(w.parent(), QSpinBox)]
    assert len(named) == 7
    assert all(w.accessibleName() for w in named)
