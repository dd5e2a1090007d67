"""First run: the passphrase rules in plain words, the recovery key, the worker's details."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ce_desktop.gui import first_run
from ce_desktop.gui.first_run import (
    STEP_CONFIRM,
    STEP_DETAILS,
    STEP_PASSPHRASE,
    STEP_RECOVERY,
    FirstRunPage,
)
from ce_desktop.storage.vault import Vault
from tests.gui.shell_support import PASSPHRASE

# Offscreen Qt warns that it cannot resize a shown top-level window; harmless here.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def page(qtbot, data_dir: Path) -> FirstRunPage:
    widget = FirstRunPage(data_dir, "mash@example.org")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _choose(qtbot, page: FirstRunPage, passphrase: str, repeat: str | None = None) -> None:
    qtbot.keyClicks(page.ui.passphraseEdit, passphrase)
    qtbot.keyClicks(page.ui.repeatEdit, passphrase if repeat is None else repeat)
    qtbot.mouseClick(page.ui.createButton, Qt.MouseButton.LeftButton)


def test_fourteen_characters_are_refused_in_plain_words(qtbot, page, data_dir) -> None:
    _choose(qtbot, page, "fourteen chars")
    assert page.step == STEP_PASSPHRASE
    assert "at least 15 characters" in page.ui.passphraseMessage.text()
    assert not Vault.exists(data_dir)


def test_strength_is_said_in_words_while_typing(qtbot, page) -> None:
    qtbot.keyClicks(page.ui.passphraseEdit, "short")
    assert "Too short: 10 more characters needed" in page.ui.strengthLabel.text()
    qtbot.keyClicks(page.ui.passphraseEdit, " kettle orbit lantern")
    assert page.ui.strengthLabel.text().startswith("Strength:")


def test_a_common_passphrase_is_refused(qtbot, page, data_dir) -> None:
    _choose(qtbot, page, "correct horse battery staple")
    assert page.step == STEP_PASSPHRASE
    assert "too common" in page.ui.passphraseMessage.text()
    assert not Vault.exists(data_dir)


def test_mismatched_repeat_is_refused(qtbot, page) -> None:
    _choose(qtbot, page, PASSPHRASE, PASSPHRASE + "x")
    assert "do not match" in page.ui.passphraseMessage.text()


@pytest.mark.usefixtures("floor_kdf")
def test_good_passphrase_creates_the_vault_and_shows_the_key_once(
    qtbot, page, data_dir, tmp_path, monkeypatch
) -> None:
    _choose(qtbot, page, PASSPHRASE)
    qtbot.waitUntil(lambda: page.step == STEP_RECOVERY, timeout=20000)
    assert Vault.exists(data_dir)
    key = page.ui.recoveryKeyLabel.text()
    assert key.count("-") >= 3
    assert page.ui.passphraseEdit.text() == ""

    target = tmp_path / "key.txt"
    monkeypatch.setattr(first_run, "choose_key_file", lambda parent: target)
    qtbot.mouseClick(page.ui.saveKeyButton, Qt.MouseButton.LeftButton)
    assert key in target.read_text(encoding="utf-8")

    qtbot.mouseClick(page.ui.recoveryContinueButton, Qt.MouseButton.LeftButton)
    assert page.step == STEP_CONFIRM
    qtbot.keyClicks(page.ui.lastGroupEdit, "ZZZZ")
    qtbot.mouseClick(page.ui.confirmButton, Qt.MouseButton.LeftButton)
    assert page.step == STEP_CONFIRM
    assert "not the last group" in page.ui.confirmMessage.text()

    page.ui.lastGroupEdit.clear()
    qtbot.keyClicks(page.ui.lastGroupEdit, key.rsplit("-", 1)[1].lower())
    qtbot.mouseClick(page.ui.confirmButton, Qt.MouseButton.LeftButton)
    assert page.step == STEP_DETAILS
    assert page.ui.mashEdit.text() == "mash@example.org"

    qtbot.keyClicks(page.ui.workerNameEdit, "Sam Worker")
    qtbot.keyClicks(page.ui.agencyEdit, "Example Youth Service")
    with qtbot.waitSignal(page.completed) as done:
        qtbot.mouseClick(page.ui.finishButton, Qt.MouseButton.LeftButton)
    vault = done.args[0]
    try:
        settings = vault.load_settings()
        assert settings.worker_name == "Sam Worker"
        assert settings.agency == "Example Youth Service"
        assert settings.mash_address == "mash@example.org"
    finally:
        vault.close()
    assert page.ui.recoveryKeyLabel.text() == ""
