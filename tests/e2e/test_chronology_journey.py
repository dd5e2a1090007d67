"""A child's chronology through the real main window, by keyboard alone: from the case
list, Tab to "Chronology…", open it, correct an incident typed in error (the earlier
text kept, shown as corrected), and close it with Escape."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from ce_desktop.domain import lifecycle
from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.gui.chronology_view import ChronologyDialog
from ce_desktop.gui.correction_dialog import CorrectionDialog
from ce_desktop.gui.main_window import MainWindow
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import incidents
from tests.factories import full_assessment
from tests.gui.keys import press, type_text
from tests.gui.modal import when_modal
from tests.gui.shell_support import PASSPHRASE, unlock

pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("floor_kdf"),
]

TYPED = "Seen at the fictional Nortown station late at night."
CORRECTED = "Seen at the fictional Southby station late at night."


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


def _window(qtbot, data_dir: Path) -> tuple[MainWindow, str]:
    vault, _ = Vault.create(data_dir, PASSPHRASE)
    final = lifecycle.finalise(
        full_assessment(), default_catalogue(), now=datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    )
    vault.save(final)
    incidents.record_incident(
        vault,
        final.child_id,
        occurred_on=date(2026, 3, 1),
        what_happened=TYPED,
        source_agency="Fictional Police",
        recorded_by="Alex Worker",
        today=date(2026, 3, 10),
        now=datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
    )
    vault.close()
    window = MainWindow(data_dir, staged=True)
    window.dialogs.parent = window
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.current_page() is window.case_list, timeout=30000)
    return window, final.id


def test_open_the_chronology_and_correct_an_incident_by_keyboard(qtbot, data_dir: Path) -> None:
    window, final_id = _window(qtbot, data_dir)
    page = window.case_list
    assert page.select(final_id)
    page.ui.table.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: _focused() is page.ui.table)
    for _ in range(12):  # Tab from the list round to "Chronology…"
        if _focused() is page.chronology_button:
            break
        press(_focused() or window, Qt.Key.Key_Tab)
    assert _focused() is page.chronology_button

    seen: dict[str, object] = {}

    def correct(dialog: QWidget) -> None:
        assert isinstance(dialog, CorrectionDialog)
        seen["correction_title"] = dialog.windowTitle()
        seen["starts_with"] = dialog.what.toPlainText()
        press(dialog.what, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(dialog.what, CORRECTED)
        for _ in range(2):  # past the agency, to why it is corrected
            press(_focused() or dialog, Qt.Key.Key_Tab)
        seen["reason_focused"] = _focused() is dialog.reason
        type_text(dialog.reason, "The station was typed wrongly.")
        press(dialog.reason, Qt.Key.Key_Tab)
        type_text(dialog.corrected_by, "Sam Sénior")  # no name in the settings here
        press(dialog.corrected_by, Qt.Key.Key_Tab)
        seen["record_focused"] = _focused() is dialog.correct_button
        press(dialog.correct_button, Qt.Key.Key_Space)
        if dialog.isVisible():  # refused: say why, and never leave the test waiting
            seen["refused"] = dialog.problem.text()
            dialog.reject()

    def in_chronology(dialog: QWidget) -> None:
        assert isinstance(dialog, ChronologyDialog)
        seen["title"] = dialog.windowTitle()
        seen["list_focused"] = _focused() is dialog.table
        seen["rows"] = dialog.table.rowCount()
        for _ in range(2):  # to "Correct the selected incident…"
            press(_focused() or dialog, Qt.Key.Key_Tab)
        seen["correct_focused"] = _focused() is dialog.correct_button
        when_modal(correct, CorrectionDialog, activate=True)
        press(dialog.correct_button, Qt.Key.Key_Space)  # returns once the form is done
        seen["after"] = dialog.table.item(0, 1).text()
        seen["date_cell"] = dialog.table.item(0, 0).text()
        press(_focused() or dialog, Qt.Key.Key_Escape)

    when_modal(in_chronology, ChronologyDialog, activate=True)
    press(page.chronology_button, Qt.Key.Key_Space)  # returns once the window is closed

    assert "refused" not in seen, repr(seen)
    assert seen["title"] == "Chronology of significant incidents"
    assert seen["list_focused"]
    assert seen["rows"] == 1
    assert seen["correct_focused"]
    assert seen["correction_title"] == "Correct an incident"
    assert seen["starts_with"] == TYPED
    assert seen["reason_focused"]
    assert seen["record_focused"]
    after = str(seen["after"])
    assert after.startswith(CORRECTED)
    assert "Why: The station was typed wrongly." in after
    assert "by Sam Sénior. Why: The station was typed wrongly." in after
    assert f"Before the correction it read (01/03/2026, Fictional Police): {TYPED}" in after
    assert seen["date_cell"] == "01/03/2026\n(corrected)"
    assert QApplication.activeModalWidget() is None
    listed, _ = incidents.entries_of(
        window.session.vault, window.session.vault.list_summaries()[0].child_id
    )
    assert listed[0].earlier[0].read.what_happened == TYPED
