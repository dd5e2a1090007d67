"""Unlock: a plain message for a wrong passphrase, a growing wait, the recovery key."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ce_desktop.gui.unlock import UnlockPage
from ce_desktop.storage import throttle
from ce_desktop.storage.errors import WrongPassphrase
from ce_desktop.storage.vault import Vault
from tests.gui.shell_support import PASSPHRASE, make_vault

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("floor_kdf"),
]


@pytest.fixture
def recovery_key(data_dir: Path) -> str:
    vault, key = make_vault(data_dir)
    vault.close()
    return key


@pytest.fixture
def page(qtbot, data_dir: Path, recovery_key: str) -> UnlockPage:
    widget = UnlockPage(data_dir)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _try(qtbot, page: UnlockPage, secret: str) -> None:
    page.ui.secretEdit.clear()
    qtbot.keyClicks(page.ui.secretEdit, secret)
    qtbot.keyClick(page.ui.secretEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)


def test_the_focus_stays_in_the_passphrase_box_while_unlocking(qtbot, data_dir: Path) -> None:
    release = threading.Event()
    tried: list[str] = []

    def slow_unlock(_folder: Path, secret: str, _recovery: bool) -> Vault:
        tried.append(secret)
        release.wait(20)
        raise WrongPassphrase("not it")

    page = UnlockPage(data_dir, unlock=slow_unlock)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.focus_secret()
    qtbot.waitUntil(page.ui.secretEdit.hasFocus)
    qtbot.keyClicks(page.ui.secretEdit, "not the right passphrase")
    qtbot.keyClick(page.ui.secretEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.busy and bool(tried))

    try:
        assert QApplication.focusWidget() is page.ui.secretEdit
        qtbot.keyClicks(page.ui.secretEdit, "more")  # nothing typed while it is tried
        qtbot.keyClick(page.ui.secretEdit, Qt.Key.Key_Return)
        assert page.ui.secretEdit.text() == "not the right passphrase"
        assert tried == ["not the right passphrase"]
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)
    assert QApplication.focusWidget() is page.ui.secretEdit
    assert not page.ui.secretEdit.isReadOnly()


def test_wrong_passphrase_shows_a_plain_message(qtbot, page) -> None:
    _try(qtbot, page, "not the right passphrase")
    message = page.ui.messageLabel.text()
    assert message == "The passphrase is not correct. Check it and try again."
    assert page.ui.messageLabel.isVisible()
    assert page.failures == 1


def test_the_wait_grows_after_repeated_failures(qtbot, page, data_dir) -> None:
    page.seconds_per_tick = 10
    _try(qtbot, page, "still not the right one")
    assert page.ui.unlockButton.isEnabled()
    waits = []
    for _ in range(2):
        _try(qtbot, page, "still not the right one")
        assert not page.ui.unlockButton.isEnabled()
        assert "before trying again" in page.ui.messageLabel.text()
        waits.append(throttle.delay_before_attempt(data_dir))
        qtbot.waitUntil(page.ui.unlockButton.isEnabled, timeout=5000)
        assert page.ui.messageLabel.text() == "You can try again now."
    assert 0 < waits[0] < waits[1]


def test_the_wait_survives_a_restart(qtbot, page, data_dir) -> None:
    for _ in range(3):
        throttle.record_failure(data_dir)
    again = UnlockPage(data_dir)
    qtbot.addWidget(again)
    assert not again.ui.unlockButton.isEnabled()
    assert "several wrong attempts" in again.ui.messageLabel.text()


def test_right_passphrase_unlocks(qtbot, page) -> None:
    with qtbot.waitSignal(page.unlocked, timeout=20000) as opened:
        _try(qtbot, page, PASSPHRASE)
    vault = opened.args[0]
    assert vault.is_open
    vault.close()
    assert page.ui.secretEdit.text() == ""


def test_recovery_key_unlock_forces_a_new_passphrase(qtbot, page, recovery_key, data_dir) -> None:
    qtbot.mouseClick(page.ui.switchModeButton, Qt.MouseButton.LeftButton)
    assert page.ui.promptLabel.text() == "Recovery key"
    _try(qtbot, page, recovery_key.lower())
    assert page.ui.modes.currentWidget() is page.ui.newPassphraseMode

    qtbot.keyClicks(page.ui.newPassphraseEdit, "too short")
    qtbot.mouseClick(page.ui.savePassphraseButton, Qt.MouseButton.LeftButton)
    assert "at least 15 characters" in page.ui.newMessageLabel.text()

    page.ui.newPassphraseEdit.clear()
    new_passphrase = "harbour violet tandem ninety"
    qtbot.keyClicks(page.ui.newPassphraseEdit, new_passphrase)
    qtbot.keyClicks(page.ui.newConfirmEdit, new_passphrase)
    with qtbot.waitSignal(page.unlocked, timeout=20000) as opened:
        qtbot.mouseClick(page.ui.savePassphraseButton, Qt.MouseButton.LeftButton)
    vault = opened.args[0]
    assert not vault.must_change_passphrase
    vault.close()

    from ce_desktop.storage.vault import Vault

    Vault.unlock(data_dir, new_passphrase).close()
