"""A file held for a moment by another program (antivirus, backup) is not damage.

Windows reports such a sharing violation as ``PermissionError``. These tests inject
it into reads, the quarantine move and the keystore read, and check that the app
waits a few seconds where it may, never quarantines a good file, never opens the
backup instead of a held main file, and never waits on the window's UI thread.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ce_desktop.storage import atomic, keystore
from ce_desktop.storage.errors import FileHeld, KeystoreDamaged, SaveFailed
from ce_desktop.storage.vault import Vault
from tests.unit.storage.conftest import fictional_assessment


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock()
    monkeypatch.setattr(atomic, "_sleep", fake.sleep)
    monkeypatch.setattr(atomic, "_monotonic", lambda: fake.now)
    return fake


def _hold_reads(monkeypatch: pytest.MonkeyPatch, suffix: str, times: int) -> dict[str, int]:
    """Refuse ``times`` reads of files ending in ``suffix`` (-1: every read)."""
    real = Path.read_bytes
    left = {"refusals": times}

    def held(path: Path) -> bytes:
        if path.name.endswith(suffix) and left["refusals"] != 0:
            left["refusals"] -= 1
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", held)
    return left


def _quarantined(vault: Vault) -> list[Path]:
    folder = vault.data_dir / "quarantine"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_read_held_for_a_moment_waits_and_opens(
    vault: Vault, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    _hold_reads(monkeypatch, ".cea", 3)
    vault._files._known_good.clear()
    assert vault.load(assessment.id) == assessment
    assert vault.load_warnings == []
    assert len(clock.slept) == 3
    assert _quarantined(vault) == []


def test_a_read_held_too_long_is_said_plainly_and_nothing_is_moved(
    vault: Vault, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    vault.save(assessment)  # a backup exists, which must not be opened instead
    _hold_reads(monkeypatch, ".cea", -1)
    with pytest.raises(FileHeld, match=r"another program .* is using the file"):
        vault.load(assessment.id)
    assert atomic.REPLACE_RETRY_SECONDS <= sum(clock.slept) <= atomic.REPLACE_RETRY_SECONDS + 1
    monkeypatch.undo()
    assert _quarantined(vault) == []
    assert vault.load(assessment.id) == assessment


def test_a_save_over_a_held_file_is_refused_without_quarantine(
    vault: Vault, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    vault._files._known_good.clear()  # the save must read the main file to trust it
    _hold_reads(monkeypatch, ".cea", -1)
    with pytest.raises(SaveFailed, match="will try again"):
        vault.save(assessment)
    monkeypatch.undo()
    assert _quarantined(vault) == []


def test_the_window_thread_never_waits_for_a_held_file(
    vault: Vault, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    monkeypatch.setattr(atomic, "wait_allowed", lambda: False)
    _hold_reads(monkeypatch, ".cea", 1)
    vault._files._known_good.clear()
    with pytest.raises(FileHeld):
        vault.load(assessment.id)
    assert clock.slept == []
    assert vault.load(assessment.id) == assessment  # the next try (the retry) opens it


def test_the_quarantine_move_waits_for_a_held_damaged_file(
    vault: Vault, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    main = vault.data_dir / "assessments" / f"{assessment.id}.cea"
    sealed = bytearray(main.read_bytes())
    sealed[-1] ^= 0x01  # one flipped bit: it no longer authenticates
    main.write_bytes(bytes(sealed))
    real_replace = os.replace
    refusals = {"left": 2}

    def held_once_or_twice(source: object, target: object) -> None:
        if "quarantine" in str(target) and refusals["left"]:
            refusals["left"] -= 1
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", held_once_or_twice)
    with pytest.raises(Exception, match="damaged"):
        vault.load(assessment.id)
    assert [path.name.split(".")[0] for path in _quarantined(vault)] == [assessment.id]
    assert len(clock.slept) == 2
    assert not main.exists()


def test_a_held_keystore_is_not_called_damaged(
    vault_dir: Path, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hold_reads(monkeypatch, "keystore.json", -1)
    with pytest.raises(FileHeld, match="The keystore could not be read just now") as caught:
        keystore.read(vault_dir / "keystore.json")
    assert not isinstance(caught.value, KeystoreDamaged)


def test_a_held_settings_file_is_not_quarantined_or_reset(
    vault: Vault, clock: _Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ce_desktop.domain.settings import Settings

    vault.save_settings(Settings(mash_address="duty.team@example.gov.uk"))
    _hold_reads(monkeypatch, "settings.ces", -1)
    with pytest.raises(FileHeld, match="The settings file could not be read just now"):
        vault.load_settings()
    monkeypatch.undo()
    assert _quarantined(vault) == []
    assert vault.load_settings().mash_address == "duty.team@example.gov.uk"
