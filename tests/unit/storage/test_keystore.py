"""The keystore: wrong passphrase, damage, bombs, normalisation, recovery (T1-T3, T9, T16, T17)."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from ce_desktop.storage import keystore, keystore_format
from ce_desktop.storage.errors import KeystoreDamaged, WeakPassphrase, WrongPassphrase
from ce_desktop.storage.passphrase import passphrase_problem, strength
from ce_desktop.storage.vault import Vault
from tests.unit.storage.conftest import NEW_PASSPHRASE, PASSPHRASE, fictional_assessment, snapshot


def _document(folder: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((folder / "keystore.json").read_bytes())
    return document


def _write(folder: Path, document: dict[str, Any], *, fix_checksum: bool) -> None:
    if fix_checksum:
        body = json.dumps(document["body"], sort_keys=True, separators=(",", ":")).encode()
        document["checksum"] = hashlib.sha256(body).hexdigest()
    (folder / "keystore.json").write_text(json.dumps(document))


def _with_one_assessment(folder: Path) -> None:
    vault = Vault.unlock(folder, PASSPHRASE)
    vault.save(fictional_assessment())
    vault.close()


def test_t1_wrong_passphrase_changes_nothing(vault_dir: Path) -> None:
    _with_one_assessment(vault_dir)
    before = snapshot(vault_dir)
    with pytest.raises(WrongPassphrase) as failure:
        Vault.unlock(vault_dir, "not the passphrase at all, sorry")
    assert str(failure.value) == "The passphrase is not correct."
    assert snapshot(vault_dir) == before


def _empty(_folder: Path, _doc: dict[str, Any]) -> None:
    (_folder / "keystore.json").write_bytes(b"")


def _not_json(folder: Path, _doc: dict[str, Any]) -> None:
    (folder / "keystore.json").write_bytes(b"\x00\x01 this is not json")


def _checksum_mismatch(folder: Path, doc: dict[str, Any]) -> None:
    doc["body"]["slots"][0]["passes"] += 1
    _write(folder, doc, fix_checksum=False)


def _unknown_version(folder: Path, doc: dict[str, Any]) -> None:
    # A version above this release's is a newer keystore, not a damaged one
    # (test_newer_formats); one that never existed is damage.
    doc["version"] = 0
    _write(folder, doc, fix_checksum=True)


def _no_passphrase_slot(folder: Path, doc: dict[str, Any]) -> None:
    doc["body"]["slots"] = [s for s in doc["body"]["slots"] if s["kind"] != "passphrase"]
    _write(folder, doc, fix_checksum=True)


@pytest.mark.parametrize("damage", [_empty, _not_json, _checksum_mismatch, _no_passphrase_slot])
@pytest.mark.parametrize("recovery", [False, True])
def test_t2_a_damaged_keystore_falls_back_to_its_backup_and_says_so(
    vault_dir: Path, recovery_key: str, damage: Any, recovery: bool
) -> None:
    damage(vault_dir, _document(vault_dir))
    damaged = (vault_dir / "keystore.json").read_bytes()
    good = (vault_dir / "keystore.json.bak").read_bytes()
    if recovery:
        vault = Vault.unlock_with_recovery(vault_dir, recovery_key)
    else:
        vault = Vault.unlock(vault_dir, PASSPHRASE)
    assert any("keystore.json.bak" in notice for notice in vault.notices)
    vault.close()
    assert (vault_dir / "keystore.json").read_bytes() == good
    kept = [p.read_bytes() for p in (vault_dir / "quarantine").iterdir()]
    assert kept == [damaged]


@pytest.mark.parametrize(
    "damage", [_empty, _not_json, _checksum_mismatch, _unknown_version, _no_passphrase_slot]
)
def test_t2_damaged_keystore_is_not_a_wrong_passphrase(vault_dir: Path, damage: Any) -> None:
    doc = _document(vault_dir)
    damage(vault_dir, doc)
    (vault_dir / "keystore.json.bak").write_bytes((vault_dir / "keystore.json").read_bytes())
    before = snapshot(vault_dir)
    with pytest.raises(KeystoreDamaged) as failure:
        Vault.unlock(vault_dir, PASSPHRASE)
    said = str(failure.value)
    assert "not correct" not in said
    assert "keystore and its backup copy (keystore.json.bak) are both damaged" in said
    assert snapshot(vault_dir) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("memory_kib", 4 * 1024 * 1024),
        ("passes", 1_000_000),
        ("lanes", 1_000),
        ("salt", "c2hvcnQ="),
        ("memory_kib", 8),
        ("memory_kib", 1024 * 1024),  # 1 GiB: once accepted, 48 s to derive
        ("passes", 64),  # twice what calibration ever sets
    ],
)
def test_t3_parameter_bombs_are_refused_before_any_derivation(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch, field: str, value: object
) -> None:
    document = _document(vault_dir)
    document["body"]["slots"][0][field] = value
    _write(vault_dir, document, fix_checksum=True)
    backup = vault_dir / "keystore.json.bak"
    backup.write_bytes((vault_dir / "keystore.json").read_bytes())

    def no_derivation(**_kwargs: object) -> None:
        raise AssertionError("Argon2id must not run on out-of-bounds parameters")

    monkeypatch.setattr(keystore, "Argon2id", no_derivation)
    with pytest.raises(KeystoreDamaged) as failure:
        Vault.unlock(vault_dir, PASSPHRASE)
    assert "not correct" not in str(failure.value)


def test_t3_a_costly_slot_is_said_to_be_damaged_or_foreign() -> None:
    slot = {"kind": "passphrase", "salt": "", "nonce": "", "wrapped": ""}
    slot.update(memory_kib=keystore.MAX_MEMORY_KIB, passes=keystore.FLOOR_PASSES * 4, lanes=4)
    with pytest.raises(ValueError, match="more work to unlock than CE Desktop ever sets"):
        keystore_format._parse_slot(slot)


def test_t3_the_most_calibration_sets_is_accepted(data_dir: Path) -> None:
    most = keystore.calibrate(1000.0)
    assert most.memory_kib * most.passes <= keystore.MAX_COST
    encoded = keystore.serialise(
        keystore.KeystoreFile(
            "0" * 32, (keystore.Slot("passphrase", most, b"s" * 16, b"n" * 12, b"w" * 48),)
        )
    )
    assert keystore.parse(encoded).slots[0].params == most


def test_t9_nfc_and_nfd_passphrases_open_the_same_vault(data_dir: Path) -> None:
    passphrase = "café au lait on a tuesday"
    nfc = unicodedata.normalize("NFC", passphrase)
    nfd = unicodedata.normalize("NFD", passphrase)
    assert nfc != nfd
    vault, _ = Vault.create(data_dir, nfc)
    vault.close()
    Vault.unlock(data_dir, nfd).close()
    Vault.unlock(data_dir, nfc).close()


def test_t9_a_thousand_character_passphrase_works(data_dir: Path) -> None:
    long_passphrase = "".join(chr(0x61 + (i * 7) % 26) for i in range(1000))
    vault, _ = Vault.create(data_dir, long_passphrase)
    vault.close()
    Vault.unlock(data_dir, long_passphrase).close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(data_dir, long_passphrase[:-1])


def test_t9_fourteen_characters_are_refused_and_nothing_is_written(data_dir: Path) -> None:
    with pytest.raises(WeakPassphrase, match="at least 15 characters"):
        Vault.create(data_dir, "fourteen chars")
    assert list(data_dir.iterdir()) == []


@pytest.mark.parametrize(
    "common",
    [
        "passwordpassword",
        "Correct Horse Battery Staple",
        "123456789012345",
        "abcabcabcabcabcabc",
        " " * 15,  # once accepted, and the window then could not unlock with it
        "password password password",
        "Password1234567!",
        "qwertyuiop123456",
    ],
)
def test_common_passphrases_are_refused(common: str) -> None:
    assert passphrase_problem(common) is not None
    assert strength(common) == 0


def test_a_good_passphrase_is_accepted_and_rated() -> None:
    assert passphrase_problem(PASSPHRASE) is None
    assert strength(PASSPHRASE) >= 1


def _hashes(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (folder / "assessments").iterdir()
    }


def test_t16_changing_the_passphrase_touches_only_the_keystore(
    vault_dir: Path, recovery_key: str
) -> None:
    _with_one_assessment(vault_dir)
    before = _hashes(vault_dir)
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    vault.change_passphrase(NEW_PASSPHRASE)
    vault.close()
    assert _hashes(vault_dir) == before
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, PASSPHRASE)
    Vault.unlock(vault_dir, NEW_PASSPHRASE).close()
    Vault.unlock_with_recovery(vault_dir, recovery_key).close()
    # The backup copy of the keystore does not keep the old passphrase alive.
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, PASSPHRASE, use_keystore_backup=True)


def test_a_weak_new_passphrase_changes_nothing(vault: Vault) -> None:
    keystore_file = vault.data_dir / "keystore.json"
    before = keystore_file.read_bytes()
    with pytest.raises(WeakPassphrase):
        vault.change_passphrase("too short")
    assert keystore_file.read_bytes() == before


def test_t17_recovery_key_unlocks_and_requires_a_new_passphrase(
    vault_dir: Path, recovery_key: str
) -> None:
    typed = recovery_key.lower().replace("-", " ")
    vault = Vault.unlock_with_recovery(vault_dir, typed)
    assert vault.must_change_passphrase
    vault.change_passphrase(NEW_PASSPHRASE)
    assert not vault.must_change_passphrase
    vault.close()
    Vault.unlock(vault_dir, NEW_PASSPHRASE).close()


def test_t17_wrong_recovery_key_changes_nothing(vault_dir: Path, recovery_key: str) -> None:
    before = snapshot(vault_dir)
    wrong = ("Z" if recovery_key[0] != "Z" else "Y") + recovery_key[1:]
    with pytest.raises(WrongPassphrase, match="recovery key is not correct"):
        Vault.unlock_with_recovery(vault_dir, wrong)
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery(vault_dir, "not even the right shape")
    assert snapshot(vault_dir) == before


def test_recovery_key_is_long_and_grouped(recovery_key: str) -> None:
    groups = recovery_key.split("-")
    assert all(len(group) == 4 for group in groups)
    raw = "".join(groups)
    assert len(raw) * 5 >= 128
    assert not set(raw) & set("ILOU")


def test_calibration_raises_passes_to_the_target(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = {"now": 0.0}

    def slow_floor_derivation(*_args: object) -> bytes:
        clock["now"] += 0.1  # the floor takes 0.1 s on this pretend laptop
        return b"\0" * 32

    monkeypatch.setattr(keystore, "derive", slow_floor_derivation)
    monkeypatch.setattr(keystore.time, "perf_counter", lambda: clock["now"])
    params = keystore.calibrate(0.5)
    assert params.passes == keystore.FLOOR_PASSES * 5
    assert (params.memory_kib, params.lanes) == (keystore.FLOOR_MEMORY_KIB, keystore.FLOOR_LANES)
    assert keystore.calibrate(0.0) == keystore.KdfParams()
    assert keystore.calibrate(1000.0).passes == keystore.MAX_PASSES
