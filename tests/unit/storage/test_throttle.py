"""Repeated wrong passphrases wait longer each time; a right one resets the wait."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ce_desktop import cli
from ce_desktop.cli import vault_commands
from ce_desktop.storage import throttle
from tests.unit.storage.conftest import PASSPHRASE


def _list(folder: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(passphrase + "\n"))
    return cli.main(["list", "--data-dir", str(folder), "--passphrase-stdin"])


def test_wrong_passphrases_wait_longer_each_time(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(vault_commands, "_sleep", waits.append)
    for _ in range(4):
        assert _list(vault_dir, "not the passphrase, sorry", monkeypatch) == 1
    assert waits == [0.0, 0.0, throttle.STEP_SECONDS, 2 * throttle.STEP_SECONDS]
    assert _list(vault_dir, PASSPHRASE, monkeypatch) == 0
    assert waits[-1] == 4 * throttle.STEP_SECONDS  # waited before the right one too
    assert throttle.failures(vault_dir) == 0
    assert _list(vault_dir, "not the passphrase, sorry", monkeypatch) == 1
    assert waits[-1] == 0.0
    err = capsys.readouterr().err
    assert err.count("ce-desktop: The passphrase is not correct.") == 5


def test_the_wait_has_a_ceiling(tmp_path: Path) -> None:
    for _ in range(40):
        throttle.record_failure(tmp_path)
    assert throttle.delay_before_attempt(tmp_path) == throttle.MAX_SECONDS
