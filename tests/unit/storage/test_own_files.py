"""One bad file costs that file, never the folder; backups are used; only our own files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ce_desktop.domain.settings import Settings
from ce_desktop.storage import index as index_module
from ce_desktop.storage.errors import StorageError
from ce_desktop.storage.vault import Vault
from tests.unit.storage.conftest import PASSPHRASE, fictional_assessment

MASH = "mash.fictional@example.org"


def _reopen(vault: Vault) -> Vault:
    vault.close()
    return Vault.unlock(vault.data_dir, PASSPHRASE)


def _flip(path: Path, at: int = -5) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x40
    path.write_bytes(bytes(data))


def _assessments(vault: Vault) -> Path:
    return vault.data_dir / "assessments"


def _quarantined(vault: Vault) -> list[str]:
    folder = vault.data_dir / "quarantine"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_an_unreadable_file_is_listed_as_damaged_by_its_reference(vault: Vault) -> None:
    good, bad = fictional_assessment(1), fictional_assessment(2)
    vault.save(good)
    vault.save(bad)
    main = _assessments(vault) / f"{bad.id}.cea"
    _flip(main)
    vault = _reopen(vault)
    try:
        listed = {s.id: s for s in vault.list_summaries()}
        assert set(listed) == {good.id, bad.id}
        assert listed[bad.id].damaged
        assert listed[bad.id].reference == bad.reference
        assert not listed[good.id].damaged
    finally:
        vault.close()


def test_a_file_never_indexed_is_listed_damaged_by_its_id(vault: Vault) -> None:
    stray = "b" * 32
    (_assessments(vault) / f"{stray}.cea").write_bytes(b"CEDKA" + b"\0" * 60)
    vault = _reopen(vault)
    try:
        (summary,) = [s for s in vault.list_summaries() if s.id == stray]
        assert summary.damaged
        assert summary.reference == stray
    finally:
        vault.close()


def test_the_case_list_survives_a_value_its_summary_cannot_hold(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    vault.close()
    (vault.data_dir / "index.cei").unlink()
    real = index_module.AssessmentSummary.of

    def overflowing(found: object) -> object:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(index_module.AssessmentSummary, "of", overflowing)
    vault = Vault.unlock(vault.data_dir, PASSPHRASE)
    try:
        (summary,) = vault.list_summaries()
        assert summary.damaged
    finally:
        vault.close()
        monkeypatch.setattr(index_module.AssessmentSummary, "of", real)


def test_damaged_settings_fall_back_to_their_backup_and_say_so(vault: Vault) -> None:
    vault.save_settings(Settings(mash_address=MASH))
    vault.save_settings(Settings(mash_address=MASH, worker_name="Fictional Worker"))
    _flip(vault.data_dir / "settings.ces")
    assert vault.load_settings().mash_address == MASH
    assert any("settings file was damaged" in notice for notice in vault.notices)
    assert any(name.startswith("settings.ces.") for name in _quarantined(vault))


def test_check_reports_and_quarantines_a_damaged_backup_copy(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    vault.save(assessment)
    backup = _assessments(vault) / f"{assessment.id}.cea.bak"
    _flip(backup)
    problems = vault.check()
    assert any("backup copy" in message for _name, message in problems)
    assert not backup.exists()
    assert any(name.startswith(f"{assessment.id}.cea.bak") for name in _quarantined(vault))


def test_check_reports_damaged_settings_and_keystore_backup(vault: Vault) -> None:
    vault.save_settings(Settings(mash_address=MASH))
    _flip(vault.data_dir / "settings.ces")
    _flip(vault.data_dir / "keystore.json.bak", at=40)
    names = [name for name, _message in vault.check()]
    assert "settings.ces" in names
    assert "keystore.json.bak" in names
    assert Vault.unlock  # the keystore itself is fine: check named the backup, not it


def _quarantined_bytes(vault: Vault) -> list[bytes]:
    return [(vault.data_dir / "quarantine" / name).read_bytes() for name in _quarantined(vault)]


def test_a_save_never_silently_replaces_a_damaged_backup_copy(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    vault.save(assessment)
    main = _assessments(vault) / f"{assessment.id}.cea"
    backup = _assessments(vault) / f"{assessment.id}.cea.bak"
    _flip(backup)
    damaged, good = backup.read_bytes(), main.read_bytes()
    vault.save(assessment)
    assert _quarantined_bytes(vault) == [damaged]  # kept, not overwritten
    assert backup.read_bytes() == good


def test_saving_settings_never_makes_or_replaces_a_damaged_copy(vault: Vault) -> None:
    settings = vault.data_dir / "settings.ces"
    backup = vault.data_dir / "settings.ces.bak"
    vault.save_settings(Settings(mash_address=MASH))
    vault.save_settings(Settings(mash_address=MASH))
    _flip(backup)
    damaged_backup = backup.read_bytes()
    vault.save_settings(Settings(mash_address=MASH))
    assert _quarantined_bytes(vault) == [damaged_backup]
    _flip(settings)
    damaged_main = settings.read_bytes()
    vault.save_settings(Settings(mash_address=MASH))
    assert damaged_main in _quarantined_bytes(vault)
    assert backup.read_bytes() != damaged_main  # a damaged file never becomes the backup
    vault = _reopen(vault)
    _flip(settings)  # the backup copy must now be the one that saves the MASH address
    assert vault.load_settings().mash_address == MASH
    vault.close()


def test_a_workers_own_tmp_file_is_never_touched(vault: Vault) -> None:
    notes = vault.data_dir / "notes.tmp"
    notes.write_text("the worker's own notes")
    mine = vault.data_dir / "index.cei.0123456789ab.tmp"
    mine.write_bytes(b"half an index")
    vault = _reopen(vault)
    vault.check()
    vault.close()
    assert notes.read_text() == "the worker's own notes"
    assert not mine.exists()
    assert any(name.startswith("index.cei.0123456789ab.tmp") for name in _quarantined(vault))


def test_a_temporary_file_that_does_not_authenticate_is_quarantined(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    temp = _assessments(vault) / f"{assessment.id}.cea.0123456789ab.tmp"
    temp.write_bytes(b"CEDKA" + b"\1" * 80)
    other = _assessments(vault) / "someone-elses.tmp"
    other.write_bytes(b"not ours")
    vault = _reopen(vault)
    vault.close()
    assert not temp.exists()
    assert any(name.startswith(temp.name) for name in _quarantined(vault))
    assert other.read_bytes() == b"not ours"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_folders_the_app_makes_are_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        vault, _ = Vault.create(tmp_path / "data", PASSPHRASE)
        assessment = fictional_assessment()
        vault.save(assessment)
        (vault.data_dir / "assessments" / f"{assessment.id}.cea").write_bytes(b"CEDKA" + b"\0" * 60)
        with pytest.raises(Exception, match="damaged"):
            vault.load(assessment.id)
    finally:
        os.umask(old)
    try:
        for folder in (
            vault.data_dir,
            vault.data_dir / "assessments",
            vault.data_dir / "quarantine",
        ):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder.name
        assert all(name != "Data folder" for name, _message in vault.check())
        os.chmod(vault.data_dir, 0o755)
        warned = dict(vault.check())
        assert "Other users of this computer can open the data folder" in warned["Data folder"]
    finally:
        vault.close()


@pytest.mark.parametrize("where", ["keystore", "content"])
def test_a_damaged_backup_file_is_named_as_the_backup_file(
    vault: Vault, tmp_path: Path, where: str
) -> None:
    vault.save(fictional_assessment())
    backup = tmp_path / "backup.cebak"
    vault.backup(backup)
    data = bytearray(backup.read_bytes())
    data[40 if where == "keystore" else -5] ^= 0x01  # its own keystore copy, or its body
    backup.write_bytes(bytes(data))
    with pytest.raises(StorageError) as failure:
        vault.restore(backup, PASSPHRASE)
    said = str(failure.value)
    assert said.startswith("The backup file is damaged")
    assert "keystore" not in said
