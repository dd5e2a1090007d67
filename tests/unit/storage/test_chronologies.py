"""The children's chronologies of incidents on disk: the same rules as assessments.

Encrypted, atomic with the last good copy kept; a damaged file falls back to its backup
or is kept in quarantine with a plain message, the folder still opening; a newer
release's file is reported as newer and never replaced; covered by the index, the
backup, the restore and ``check``.
"""

from __future__ import annotations

import json
import os
import struct
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ce_desktop.domain.chronology import (
    CHRONOLOGY_FORMAT_VERSION,
    Chronology,
    Incident,
    with_incident,
)
from ce_desktop.domain.chronology_entries import entries, new_correction, with_correction
from ce_desktop.storage import atomic, container
from ce_desktop.storage.atomic import backup_path
from ce_desktop.storage.errors import (
    AssessmentDamaged,
    ChronologyDamaged,
    ContentRefused,
    NewerFormat,
    SaveFailed,
)
from ce_desktop.storage.index import INDEX_VERSION
from ce_desktop.storage.paths import DataLayout
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import outputs
from tests.unit.storage.conftest import PASSPHRASE, fictional_assessment

WHAT = "Went missing overnight; found by fictional officers at a bus station."
MOMENT = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


def _incident(number: int = 1, *, what: str = WHAT) -> Incident:
    return Incident(
        occurred_on=date(2026, 3, number),
        what_happened=f"{what} ({number})",
        source_agency="Fictional Police",
        recorded_by="Alex Worker",
        recorded_at=MOMENT + timedelta(minutes=number),
    )


def _saved(vault: Vault, *numbers: int) -> tuple[str, Chronology]:
    assessment = fictional_assessment()
    vault.save(assessment)
    chronology = Chronology(child_id=assessment.child_id)
    for number in numbers:
        chronology = with_incident(chronology, _incident(number))
        vault.save_chronology(chronology)
    return assessment.child_id, chronology


def _path(vault: Vault, child_id: str) -> Path:
    return DataLayout(vault.data_dir).chronology(child_id)


def _quarantined(vault: Vault) -> list[Path]:
    folder = vault.data_dir / "quarantine"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_chronology_is_saved_encrypted_and_loads_exactly(vault: Vault) -> None:
    child_id, chronology = _saved(vault, 2, 1)
    loaded, warnings = vault.load_chronology(child_id)
    assert loaded == chronology
    assert [i.occurred_on.day for i in loaded.incidents] == [1, 2]  # by the day it happened
    assert warnings == []
    data = _path(vault, child_id).read_bytes()
    assert data[:5] == b"CEDKC"
    assert b"missing" not in data
    assert b"Fictional" not in data
    assert backup_path(_path(vault, child_id)).exists()  # the last good copy is kept


def test_a_child_with_no_incidents_has_an_empty_chronology_and_no_file(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    chronology, _ = vault.load_chronology(assessment.child_id)
    assert chronology.incidents == []
    assert not DataLayout(vault.data_dir).incidents.exists()


def test_a_damaged_main_file_opens_the_backup_and_is_kept_in_quarantine(vault: Vault) -> None:
    child_id, _ = _saved(vault, 1, 2)
    path = _path(vault, child_id)
    damaged = bytearray(path.read_bytes())
    damaged[-3] ^= 0x01
    path.write_bytes(bytes(damaged))
    loaded, warnings = vault.load_chronology(child_id)
    assert [i.occurred_on.day for i in loaded.incidents] == [1]  # the last good copy
    assert "damaged, so its last good copy was opened" in warnings[0]
    assert "an incident recorded last may be missing" in warnings[0]
    assert WHAT not in warnings[0]
    assert [p.read_bytes() for p in _quarantined(vault)] == [bytes(damaged)]


def test_both_copies_damaged_a_plain_message_and_the_folder_still_opens(
    vault: Vault, vault_dir: Path
) -> None:
    child_id, _ = _saved(vault, 1, 2)
    reference = vault.list_summaries()[0].reference
    path = _path(vault, child_id)
    originals = {}
    for each in (path, backup_path(path)):
        originals[each.name] = each.read_bytes()
        each.write_bytes(b"CEDKC" + b"\x00" * 60)
    vault.close()

    reopened = Vault.unlock(vault_dir, PASSPHRASE)  # the folder opens, the case list lists
    try:
        assert [s.reference for s in reopened.list_summaries()] == [reference]
        assert reopened.chronology_summaries()[child_id].damaged
        with pytest.raises(ChronologyDamaged) as raised:
            reopened.load_chronology(child_id)
        message = str(raised.value)
        assert reference in message
        assert "quarantine folder" in message
        assert WHAT not in message
        # Nothing is lost: both damaged copies are kept, never deleted or repaired.
        assert sorted(p.read_bytes() for p in _quarantined(reopened)) == sorted(
            b"CEDKC" + b"\x00" * 60 for _ in originals
        )
        # And a new incident can still be recorded: it starts a new chronology.
        fresh = with_incident(Chronology(child_id=child_id), _incident(3))
        reopened.save_chronology(fresh)
        assert reopened.load_chronology(child_id)[0] == fresh
    finally:
        reopened.close()


def _sealed_as_version(key: bytes, child_id: str, plain: bytes, version: int) -> bytes:
    nonce = os.urandom(container.NONCE_BYTES)
    header = struct.pack(
        ">4scH16s12s", container.MAGIC, b"C", version, bytes.fromhex(child_id), nonce
    )
    return header + AESGCM(key).encrypt(nonce, plain, header)


@pytest.mark.parametrize("where", ["container", "content"])
def test_a_newer_release_file_is_reported_as_newer_and_never_replaced(
    vault: Vault, where: str
) -> None:
    child_id, chronology = _saved(vault, 1)
    raw = json.loads(chronology.model_dump_json())
    if where == "container":
        data = _sealed_as_version(
            vault._key, child_id, json.dumps(raw).encode(), container.VERSION + 1
        )
    else:
        raw["format_version"] = CHRONOLOGY_FORMAT_VERSION + 1
        raw["incidents"][0]["a_field_of_the_future"] = "kept as it is"
        data = container.seal(
            vault._key, container.Kind.CHRONOLOGY, child_id, json.dumps(raw).encode()
        )
    path = _path(vault, child_id)
    path.write_bytes(data)
    with pytest.raises(NewerFormat, match="newer version of CE Desktop"):
        vault.load_chronology(child_id)
    with pytest.raises(NewerFormat):
        vault.save_chronology(with_incident(chronology, _incident(2)))
    assert path.read_bytes() == data
    assert _quarantined(vault) == []
    # Listed by check as a file this release cannot open, and still not damage.
    ((_name, problem),) = vault.check()
    assert "saved by a newer version of CE Desktop" in problem
    assert path.read_bytes() == data
    assert _quarantined(vault) == []


def test_a_failed_write_leaves_the_file_as_it_was(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    child_id, chronology = _saved(vault, 1)
    path = _path(vault, child_id)
    before = path.read_bytes()

    def full_disk(_source: Path, _target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_replace_with_retry", full_disk)
    with pytest.raises(SaveFailed, match="not enough space"):
        vault.save_chronology(with_incident(chronology, _incident(2)))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file


def test_text_outside_the_limits_is_refused_by_field_never_by_value(vault: Vault) -> None:
    _child_id, chronology = _saved(vault, 1)
    bad = with_incident(chronology, _incident(2, what="x" * 200_001))
    with pytest.raises(ContentRefused, match=r"incidents\.1\.what_happened is longer") as raised:
        vault.save_chronology(bad)
    assert "xxxx" not in str(raised.value)
    with pytest.raises(ContentRefused, match="source_agency holds a line break"):
        vault.save_chronology(
            with_incident(chronology, _incident(2).model_copy(update={"source_agency": "a\nb"}))
        )


def test_the_index_covers_the_chronologies(vault: Vault, vault_dir: Path) -> None:
    child_id, _ = _saved(vault, 1, 2)
    assert [len(s.recorded) for s in vault.chronology_summaries().values()] == [2]
    vault.close()

    # The case list opens from the index alone: no chronology is decrypted.
    from ce_desktop.storage import chronologies

    calls: list[str] = []
    original = chronologies.decode_chronology

    def counting(*args: object, **kwargs: object) -> Chronology:
        calls.append("decoded")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chronologies, "decode_chronology", counting)
        reopened = Vault.unlock(vault_dir, PASSPHRASE)
        try:
            assert reopened.chronology_summaries()[child_id].recorded == (
                MOMENT + timedelta(minutes=1),
                MOMENT + timedelta(minutes=2),
            )
        finally:
            reopened.close()
    assert calls == []


def test_a_chronology_changed_behind_the_index_is_read_again(vault: Vault, vault_dir: Path) -> None:
    child_id, chronology = _saved(vault, 1)
    stale = (vault_dir / "index.cei").read_bytes()
    vault.save_chronology(with_incident(chronology, _incident(2)))
    (vault_dir / "index.cei").write_bytes(stale)  # as after a crash between the writes
    vault.close()
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        assert len(reopened.chronology_summaries()[child_id].recorded) == 2
    finally:
        reopened.close()


def test_an_index_of_the_previous_version_is_rebuilt(vault: Vault, vault_dir: Path) -> None:
    child_id, _ = _saved(vault, 1)
    vault.close()
    layout = DataLayout(vault_dir)
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    key, vault_id = reopened._key, reopened._keystore.vault_id
    reopened.close()
    older = f"ce-desktop-index {INDEX_VERSION - 1}".encode()
    layout.index.write_bytes(container.seal(key, container.Kind.INDEX, vault_id, older))
    again = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        assert again.notices == []  # an older index is stale, not newer
        assert len(again.chronology_summaries()[child_id].recorded) == 1
        assert again.list_summaries()[0].assessed_at is not None
    finally:
        again.close()


def test_check_reports_damaged_chronologies_and_quarantines_a_damaged_backup(
    vault: Vault,
) -> None:
    child_id, _ = _saved(vault, 1, 2)
    reference = vault.list_summaries()[0].reference
    path = _path(vault, child_id)
    backup = backup_path(path)
    backup.write_bytes(b"not a chronology at all")
    problems = vault.check()
    assert problems == [
        (
            "Incidents",
            f"The backup copy of the chronology of incidents of the child in {reference} was "
            "damaged. It was moved to the quarantine folder.",
        )
    ]
    assert not backup.exists()
    assert len(_quarantined(vault)) == 1
    path.write_bytes(path.read_bytes()[:-1])
    assert vault.check() == [
        (
            "Incidents",
            f"The chronology of incidents of the child in {reference} is damaged and "
            "cannot be opened.",
        )
    ]
    assert path.exists()  # a damaged main file is left for the load


def test_a_stray_temporary_file_is_kept_in_quarantine(vault: Vault, vault_dir: Path) -> None:
    child_id, _ = _saved(vault, 1)
    stray = _path(vault, child_id).with_name(f"{child_id}.cec.0123456789ab.tmp")
    stray.write_bytes(b"half written")
    mine = stray.with_name("notes.tmp")
    mine.write_bytes(b"not the app's")
    vault.close()
    Vault.unlock(vault_dir, PASSPHRASE).close()
    assert not stray.exists()
    assert mine.exists()
    assert [p.read_bytes() for p in (vault_dir / "quarantine").iterdir()] == [b"half written"]


def test_backup_and_restore_carry_the_chronologies(
    vault: Vault, vault_dir: Path, tmp_path: Path
) -> None:
    child_id, chronology = _saved(vault, 1, 2)
    destination = tmp_path / "backup.cedk"
    vault.backup(destination)
    assert WHAT.encode() not in destination.read_bytes()

    # Into a new folder: as it was.
    fresh = Vault.restore_new(tmp_path / "new", destination, PASSPHRASE)
    try:
        assert fresh.load_chronology(child_id)[0] == chronology
        assert len(fresh.chronology_summaries()[child_id].recorded) == 2
    finally:
        fresh.close()

    # Into this folder after more incidents here and one lost: merged, nothing replaced.
    later = with_incident(chronology, _incident(3))
    vault.save_chronology(later.model_copy(update={"incidents": later.incidents[1:]}))
    report = vault.restore(destination, PASSPHRASE)
    assert report.incidents_added == 1
    assert (report.chronologies_added, report.chronologies_merged) == (0, 1)
    restored, _ = vault.load_chronology(child_id)
    assert [i.occurred_on.day for i in restored.incidents] == [1, 2, 3]
    again = vault.restore(destination, PASSPHRASE)
    assert again.incidents_added == 0
    assert again.chronologies_unchanged == 1


def test_a_damaged_chronology_in_a_backup_restores_nothing(vault: Vault, tmp_path: Path) -> None:
    child_id, _ = _saved(vault, 1)
    _path(vault, child_id).write_bytes(b"CEDKC" + b"\x01" * 60)
    destination = tmp_path / "backup.cedk"
    made = vault.backup(destination)
    assert (made.chronologies, made.incidents, made.unreadable) == (1, 0, 1)
    assert outputs.backup_words(made).endswith(
        "1 chronology could not be read and went into the backup as it was."
    )
    with pytest.raises(AssessmentDamaged, match="The backup file is damaged"):
        vault.restore(destination, PASSPHRASE)


def test_the_chronology_goes_with_the_childs_last_assessment(vault: Vault) -> None:
    child_id, _ = _saved(vault, 1)
    (first,) = vault.list_summaries()
    review = vault.start_review(first.id, today=date(2026, 3, 10))
    vault.delete(first.id)
    assert vault.load_chronology(child_id)[0].incidents  # the review still leads to it
    vault.delete(review.id)
    assert not _path(vault, child_id).exists()
    assert not backup_path(_path(vault, child_id)).exists()
    assert vault.chronology_summaries() == {}


def test_a_format_1_file_of_an_older_release_opens_and_is_saved_as_format_2(
    vault: Vault,
) -> None:
    child_id, chronology = _saved(vault, 1)
    raw = json.loads(chronology.model_dump_json())
    raw["format_version"] = 1
    del raw["corrections"]
    path = _path(vault, child_id)
    path.write_bytes(
        container.seal(vault._key, container.Kind.CHRONOLOGY, child_id, json.dumps(raw).encode())
    )
    loaded, warnings = vault.load_chronology(child_id)
    assert loaded == chronology
    assert warnings == []
    vault.save_chronology(with_incident(loaded, _incident(2)))
    plain = container.open_sealed(
        vault._key, container.Kind.CHRONOLOGY, child_id, path.read_bytes(), name="x"
    )
    assert json.loads(plain)["format_version"] == CHRONOLOGY_FORMAT_VERSION == 2
    assert _quarantined(vault) == []


def test_backup_and_restore_say_how_many_chronologies_and_incidents_they_carried(
    vault: Vault, tmp_path: Path
) -> None:
    child_id, chronology = _saved(vault, 1, 2)
    other_id, _ = _saved(vault, 4)
    destination = tmp_path / "backup.cedk"
    made = vault.backup(destination)
    assert (made.assessments, made.chronologies, made.incidents, made.unreadable) == (2, 2, 3, 0)
    assert outputs.backup_words(made) == (
        "It holds 2 assessments and 2 children's chronologies of incidents (3 incidents)."
    )

    # Here, one child's chronology lost an incident and gained a correction, and the
    # other's was deleted with its assessment.
    (first,) = entries(chronology)[:1]
    correction = new_correction(
        first,
        occurred_on=first.incident.occurred_on,
        what_happened="Corrected fictional account.",
        source_agency=first.incident.source_agency,
        reason="Typed in error.",
        corrected_by="Sam Senior",
        today=date(2026, 3, 10),
        now=MOMENT + timedelta(days=1),
    )
    kept = chronology.model_copy(update={"incidents": chronology.incidents[:1]})
    vault.save_chronology(with_correction(kept, correction))
    _path(vault, other_id).unlink()
    backup_path(_path(vault, other_id)).unlink(missing_ok=True)
    report = vault.restore(destination, PASSPHRASE)
    assert outputs.restore_words(report) == (
        "Assessments: 0 added, 0 replaced, 2 already up to date. Chronologies of incidents: "
        "1 brought back, 1 merged with the one here, 0 already up to date; 2 incidents added."
    )
    assert vault.load_chronology(child_id)[0].corrections == [correction]  # kept
    # A correction in the backup only is brought back too, and said.
    with_both = vault.load_chronology(child_id)[0]
    vault.backup(destination)
    vault.save_chronology(with_both.model_copy(update={"corrections": []}))
    again = vault.restore(destination, PASSPHRASE)
    assert outputs.restore_words(again).endswith(
        "0 brought back, 1 merged with the one here, 1 already up to date; 0 incidents and "
        "1 correction added."
    )
