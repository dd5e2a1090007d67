"""Assessment files under damage: truncation, flips, swaps, versions, schema (T4-8, T14-15, T20)."""

from __future__ import annotations

import json
import logging
import os
import struct
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ce_desktop.storage import assessments as assessments_module
from ce_desktop.storage import container
from ce_desktop.storage import index as index_module
from ce_desktop.storage.assessments import AssessmentFiles
from ce_desktop.storage.container import NotOurFile
from ce_desktop.storage.errors import (
    AssessmentDamaged,
    NewerFormat,
    SaveFailed,
    SchemaInvalid,
    StorageError,
)
from ce_desktop.storage.paths import DataLayout
from ce_desktop.storage.vault import Vault
from tests.unit.storage.conftest import PASSPHRASE, fictional_assessment

_KEY = AESGCM.generate_key(bit_length=256)
_SMALL = fictional_assessment(words=3)
_SMALL_FILE = container.seal(
    _KEY, container.Kind.ASSESSMENT, _SMALL.id, _SMALL.model_dump_json().encode()
)
_FILES = AssessmentFiles(DataLayout(Path("unused")), _KEY, lambda assessment_id: assessment_id)


def _path(vault: Vault, assessment_id: str) -> Path:
    return vault.data_dir / "assessments" / f"{assessment_id}.cea"


def test_a_saved_assessment_loads_exactly(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    assert vault.load(assessment.id) == assessment
    assert vault.load_warnings == []


def test_t4_every_truncation_is_rejected() -> None:
    assert _FILES.decode(_SMALL_FILE, _SMALL.id) == _SMALL
    for length in range(len(_SMALL_FILE)):
        with pytest.raises(AssessmentDamaged):
            _FILES.decode(_SMALL_FILE[:length], _SMALL.id)


def test_t4_a_truncated_file_on_disk_is_rejected_by_load(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    path = _path(vault, assessment.id)
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(AssessmentDamaged, match=assessment.reference):
        vault.load(assessment.id)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bit=st.integers(min_value=0, max_value=len(_SMALL_FILE) * 8 - 1))
def test_t5_any_single_flipped_bit_is_rejected(bit: int) -> None:
    damaged = bytearray(_SMALL_FILE)
    damaged[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(StorageError):
        _FILES.decode(bytes(damaged), _SMALL.id)


def test_t6_a_file_copied_over_another_name_is_rejected(vault: Vault) -> None:
    first, second = fictional_assessment(1), fictional_assessment(2)
    vault.save(first)
    vault.save(second)
    _path(vault, second.id).write_bytes(_path(vault, first.id).read_bytes())
    with pytest.raises(AssessmentDamaged, match=second.reference):
        vault.load(second.id)


def _sealed_as_version(key: bytes, assessment_id: str, plain: bytes, version: int) -> bytes:
    # A file as a future release would write it: the same layout, a higher version.
    nonce = os.urandom(container.NONCE_BYTES)
    header = struct.pack(
        ">4scH16s12s", container.MAGIC, b"A", version, bytes.fromhex(assessment_id), nonce
    )
    return header + AESGCM(key).encrypt(nonce, plain, header)


def test_t7_a_file_that_authenticates_as_newer_is_named_and_left_untouched(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    path = _path(vault, assessment.id)
    data = _sealed_as_version(
        vault._key, assessment.id, assessment.model_dump_json().encode(), container.VERSION + 1
    )
    path.write_bytes(data)
    with pytest.raises(NewerFormat, match="newer version of CE Desktop"):
        vault.load(assessment.id)
    assert path.read_bytes() == data
    assert not (vault.data_dir / "quarantine").exists()


def test_damaged_version_bytes_are_damage_and_the_backup_opens(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    assessment.child.name = "Testy Second Save"
    vault.save(assessment)  # the first save is now the .bak
    path = _path(vault, assessment.id)
    data = bytearray(path.read_bytes())
    struct.pack_into(">H", data, 5, container.VERSION + 1)
    path.write_bytes(bytes(data))
    loaded = vault.load(assessment.id)
    assert loaded.child.name == "Testy McTestface 1"
    assert "last good copy" in vault.load_warnings[0]
    assert not path.exists()  # kept in quarantine, not deleted
    assert len(list((vault.data_dir / "quarantine").iterdir())) == 1


def test_t7_newer_content_version_inside_a_good_file(vault: Vault) -> None:
    assessment = fictional_assessment()
    raw = json.loads(assessment.model_dump_json())
    raw["format_version"] = 99
    key = vault._key  # the test writes a file as a future release would
    sealed = container.seal(key, container.Kind.ASSESSMENT, assessment.id, json.dumps(raw).encode())
    path = _path(vault, assessment.id)
    path.write_bytes(sealed)
    with pytest.raises(NewerFormat):
        vault.load(assessment.id)
    assert path.read_bytes() == sealed


def test_t7_wrong_magic_is_not_our_file_and_left_untouched(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    path = _path(vault, assessment.id)
    data = b"%PDF" + path.read_bytes()[4:]
    path.write_bytes(data)
    with pytest.raises(NotOurFile, match="not a CE Desktop file"):
        vault.load(assessment.id)
    assert path.read_bytes() == data
    assert not (vault.data_dir / "quarantine").exists()


def test_zeroed_main_file_opens_the_backup_and_is_left_in_place(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    vault.save(assessment)
    path = _path(vault, assessment.id)
    zeros = bytes(path.stat().st_size)  # what a power cut can leave behind
    path.write_bytes(zeros)
    assert vault.load(assessment.id) == assessment
    assert vault.load_warnings
    assert path.read_bytes() == zeros


def test_t8_schema_failure_shows_no_value_and_quarantines(
    vault: Vault, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    marker = "Zebedee Quuxworth-Fictional"
    assessment = fictional_assessment()
    raw = json.loads(assessment.model_dump_json())
    raw["child"]["name"] = marker
    raw["child"]["date_of_birth"] = marker  # not a date: fails the schema
    sealed = container.seal(
        vault._key, container.Kind.ASSESSMENT, assessment.id, json.dumps(raw).encode()
    )
    path = _path(vault, assessment.id)
    path.write_bytes(sealed)
    with pytest.raises(SchemaInvalid) as failure:
        vault.load(assessment.id)
    assert marker not in str(failure.value)
    assert marker not in caplog.text
    assert not path.exists()
    quarantined = list((vault.data_dir / "quarantine").iterdir())
    assert [p.read_bytes() for p in quarantined] == [sealed]


@pytest.mark.parametrize("damage", ["empty", "flipped"])
def test_t14_damaged_main_file_falls_back_to_the_backup(vault: Vault, damage: str) -> None:
    first = fictional_assessment()
    vault.save(first)
    second = first.model_copy(deep=True)
    second.child.known_as = "Second version"
    vault.save(second)
    path = _path(vault, first.id)
    damaged = b"" if damage == "empty" else path.read_bytes()[:-1] + b"\x00"
    path.write_bytes(damaged)

    loaded = vault.load(first.id)
    assert loaded == first
    assert vault.load_warnings
    assert "last good copy" in vault.load_warnings[0]
    assert not path.exists()
    assert [p.read_bytes() for p in (vault.data_dir / "quarantine").iterdir()] == [damaged]

    third = first.model_copy(deep=True)
    third.child.known_as = "Third version"
    vault.save(third)
    assert path.exists()
    assert vault.load(first.id) == third
    assert vault.load_warnings == []


def test_both_copies_damaged_are_quarantined_and_reported(vault: Vault) -> None:
    first = fictional_assessment()
    vault.save(first)
    vault.save(first)
    path = _path(vault, first.id)
    path.write_bytes(container.MAGIC + b"A junk")
    path.with_name(path.name + ".bak").write_bytes(b"")
    with pytest.raises(AssessmentDamaged, match=first.reference):
        vault.load(first.id)
    assert len(list((vault.data_dir / "quarantine").iterdir())) == 2


def test_a_damaged_file_never_becomes_the_backup(vault: Vault) -> None:
    first = fictional_assessment()
    vault.save(first)
    vault.save(first)
    path = _path(vault, first.id)
    backup = path.with_name(path.name + ".bak")
    good_backup = backup.read_bytes()
    path.write_bytes(b"damaged by something else")
    vault.save(first)
    assert backup.read_bytes() == good_backup
    assert vault.load(first.id) == first


def test_t15_stray_temporary_files_offered_or_removed(vault_dir: Path) -> None:
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    saved = fictional_assessment(1)
    vault.save(saved)
    newer = saved.model_copy(deep=True)
    newer.child.known_as = "Typed just before the crash"
    key = vault._key
    vault.close()
    folder = vault_dir / "assessments"
    valid_temp = folder / f"{saved.id}.cea.0123456789ab.tmp"
    valid_temp.write_bytes(
        container.seal(key, container.Kind.ASSESSMENT, saved.id, newer.model_dump_json().encode())
    )
    main_time = _path(vault, saved.id).stat().st_mtime_ns
    os.utime(valid_temp, ns=(main_time + 10**9, main_time + 10**9))
    invalid_temp = folder / f"{saved.id}.cea.ba9876543210.tmp"
    invalid_temp.write_bytes(b"half written")

    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        drafts = vault.recoverable_drafts()
        assert [(d.assessment_id, d.reference) for d in drafts] == [(saved.id, saved.reference)]
        assert not invalid_temp.exists()
        assert vault.load(saved.id) == saved  # not loaded silently
        assert vault.recover_draft(saved.id) == newer
        assert vault.load(saved.id) == newer
        assert not valid_temp.exists()
        assert vault.recoverable_drafts() == []
    finally:
        vault.close()


def test_t15_an_older_temporary_file_is_removed(vault_dir: Path) -> None:
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    saved = fictional_assessment(1)
    vault.save(saved)
    key = vault._key
    vault.close()
    stale = vault_dir / "assessments" / f"{saved.id}.cea.00000000abcd.tmp"
    stale.write_bytes(
        container.seal(key, container.Kind.ASSESSMENT, saved.id, saved.model_dump_json().encode())
    )
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    assert vault.recoverable_drafts() == []
    assert not stale.exists()
    vault.close()


def test_t20_ten_thousand_saves_never_repeat_a_nonce(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    nonces: list[bytes] = []

    def capture(path: Path, data: bytes, **_options: bool) -> None:
        if path.suffix == ".cea":
            nonces.append(
                data[container.HEADER_BYTES - container.NONCE_BYTES : container.HEADER_BYTES]
            )

    # The whole save path runs (serialise, encrypt, verify); only the disk is skipped.
    monkeypatch.setattr(assessments_module, "atomic_write", capture)
    monkeypatch.setattr(index_module, "atomic_write", capture)
    assessment = fictional_assessment(words=1)
    for _ in range(10_000):
        vault.save(assessment)
    assert len(nonces) == 10_000
    assert len(set(nonces)) == 10_000


def test_saving_over_a_newer_format_file_is_refused_and_it_is_kept(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    raw = json.loads(assessment.model_dump_json())
    raw["format_version"] = 99
    sealed = container.seal(
        vault._key, container.Kind.ASSESSMENT, assessment.id, json.dumps(raw).encode()
    )
    path = _path(vault, assessment.id)
    path.write_bytes(sealed)
    vault._files._known_good.clear()  # as after a restart: the file is checked afresh
    with pytest.raises(NewerFormat):
        vault.save(assessment)
    assert path.read_bytes() == sealed
    assert not (vault.data_dir / "quarantine").exists()


def test_a_held_file_is_not_half_deleted(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    vault.save(assessment)  # now with a backup beside it
    main = _path(vault, assessment.id)
    real_unlink = Path.unlink

    def held(self: Path, missing_ok: bool = False) -> None:
        if self == main:
            raise PermissionError(13, "The file is being used by another process")
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", held)
    with pytest.raises(SaveFailed, match="could not be deleted"):
        vault.delete(assessment.id)
    monkeypatch.undo()
    assert vault.load(assessment.id) == assessment
    assert [s.id for s in vault.list_summaries()] == [assessment.id]
