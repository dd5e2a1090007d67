"""A keystore copied in from another data folder: said plainly, nothing overwritten.

A keystore from another folder may open with the worker's passphrase, yet its key
opens none of this folder's files. It is never taken for this folder's: with this
folder's own keystore beside it as ``keystore.json.bak``, that copy is used, and the
stranger is kept in quarantine; without it, the folder is refused and nothing changes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ce_desktop.domain.settings import Settings
from ce_desktop.storage.errors import KeystoreForeign, WrongPassphrase
from ce_desktop.storage.vault import Vault
from tests.e2e.cli_support import run_cli
from tests.unit.storage.conftest import NEW_PASSPHRASE, PASSPHRASE, fictional_assessment, snapshot

MASH = "mash.fictional@example.org"


@pytest.fixture(scope="module")
def other_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two other data folders: one with the same passphrase, one with another."""
    base = tmp_path_factory.mktemp("others")
    folders = {}
    with pytest.MonkeyPatch.context() as patch:
        from ce_desktop.storage import keystore

        patch.setattr(keystore, "CALIBRATION_TARGET_SECONDS", 0.0)
        for name, passphrase in (("same", PASSPHRASE), ("other", NEW_PASSPHRASE)):
            vault, _recovery = Vault.create(base / name, passphrase)
            vault.save(fictional_assessment(9))
            vault.close()
            folders[name] = base / name
    return folders


@pytest.fixture
def filled(vault_dir: Path) -> tuple[Path, str]:
    """This test's folder with one assessment and settings, and the reference."""
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    assessment = fictional_assessment()
    vault.save(assessment)
    vault.save(assessment)
    vault.save_settings(Settings(mash_address=MASH))
    vault.save_settings(Settings(mash_address=MASH))
    vault.close()
    return vault_dir, assessment.reference


def _outside_keystore(folder: Path) -> dict[str, bytes]:
    return {
        name: data
        for name, data in snapshot(folder).items()
        if not name.startswith(("keystore.json", "quarantine", "index.cei"))
    }


@pytest.mark.parametrize("other", ["same", "other"])
@pytest.mark.parametrize("recovery", [False, True])
@pytest.mark.parametrize("with_index", [False, True])
def test_a_keystore_from_another_folder_gives_way_to_this_folders_backup(
    filled: tuple[Path, str],
    other_folders: dict[str, Path],
    recovery_key: str,
    other: str,
    recovery: bool,
    with_index: bool,
) -> None:
    folder, reference = filled
    own = (folder / "keystore.json").read_bytes()
    stranger = (other_folders[other] / "keystore.json").read_bytes()
    (folder / "keystore.json").write_bytes(stranger)
    if with_index:  # as an older release left it: the index rewritten under the stranger
        shutil.copy(other_folders[other] / "index.cei", folder / "index.cei")
    before = _outside_keystore(folder)
    if recovery:
        vault = Vault.unlock_with_recovery(folder, recovery_key)
    else:
        vault = Vault.unlock(folder, PASSPHRASE)
    try:
        assert [s.reference for s in vault.list_summaries()] == [reference]
        assert not any(s.damaged for s in vault.list_summaries())
        assert vault.load_settings().mash_address == MASH
        assert [name for name, _problem in vault.check() if name != "Data folder"] == []
        said = " ".join(vault.notices)
        assert "belongs to another data folder" in said
        assert "keystore.json.bak" in said
    finally:
        vault.close()
    assert (folder / "keystore.json").read_bytes() == own
    assert [p.read_bytes() for p in (folder / "quarantine").iterdir()] == [stranger]
    assert _outside_keystore(folder) == before  # no settings reset, nothing quarantined


def test_a_folder_whose_keystore_and_backup_are_another_folders_is_refused(
    filled: tuple[Path, str], other_folders: dict[str, Path]
) -> None:
    folder, _reference = filled
    for name in ("keystore.json", "keystore.json.bak"):
        shutil.copy(other_folders["same"] / name, folder / name)
    before = snapshot(folder)
    with pytest.raises(KeystoreForeign) as refused:
        Vault.unlock(folder, PASSPHRASE)
    assert "belongs to another data folder" in str(refused.value)
    assert "Nothing was changed" in str(refused.value)
    assert snapshot(folder) == before


def test_another_folders_keystore_with_another_passphrase_is_still_a_wrong_one(
    filled: tuple[Path, str], other_folders: dict[str, Path]
) -> None:
    # Both copies from a folder of another passphrase: this folder's passphrase opens
    # neither, which is all that can be said without the other passphrase.
    folder, _reference = filled
    for name in ("keystore.json", "keystore.json.bak"):
        shutil.copy(other_folders["other"] / name, folder / name)
    before = snapshot(folder)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(folder, PASSPHRASE)
    assert snapshot(folder) == before


def test_damaged_assessments_do_not_make_the_keystore_a_stranger(
    filled: tuple[Path, str],
) -> None:
    folder, _reference = filled
    # Nothing opens with the key, but the settings' headers still name this folder's vault.
    names = ["index.cei", "settings.ces", "settings.ces.bak"]
    for path in [*(folder / "assessments").iterdir(), *(folder / n for n in names)]:
        path.write_bytes(path.read_bytes()[:-1] + bytes([path.read_bytes()[-1] ^ 1]))
    vault = Vault.unlock(folder, PASSPHRASE)  # damage, listed as such: not a stranger
    try:
        assert [s.damaged for s in vault.list_summaries()] == [True]
        assert not any("another data folder" in n for n in vault.notices)
    finally:
        vault.close()


@pytest.mark.slow
def test_the_command_line_says_it_and_lists_this_folders_assessments(
    filled: tuple[Path, str], other_folders: dict[str, Path]
) -> None:
    folder, reference = filled
    shutil.copy(other_folders["same"] / "keystore.json", folder / "keystore.json")
    args = ("list", "--data-dir", str(folder), "--passphrase-stdin")
    run = run_cli(*args, stdin=PASSPHRASE + "\n")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(reference)
    assert "belongs to another data folder" in run.stderr
    assert "Traceback" not in run.stderr
    shutil.copy(other_folders["same"] / "keystore.json", folder / "keystore.json")
    shutil.copy(other_folders["same"] / "keystore.json", folder / "keystore.json.bak")
    before = snapshot(folder)
    run = run_cli(*args, stdin=PASSPHRASE + "\n")
    assert run.returncode != 0
    assert "belongs to another data folder" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    assert snapshot(folder) == before
