"""The vault as the app uses it: index, delete, reviews, settings, backup, lock, privacy."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from ce_desktop.domain.model import TEXT_LIMIT, AuditAction, IndicatorEntry, RiskLevel, Status
from ce_desktop.domain.settings import Settings
from ce_desktop.storage import lock as lock_module
from ce_desktop.storage.errors import (
    AlreadyRunning,
    AssessmentNotFound,
    ContentRefused,
    FolderNotWritable,
    RestoreWouldOverwrite,
)
from ce_desktop.storage.vault import Vault
from tests.unit.storage.conftest import PASSPHRASE, fictional_assessment

INDICATOR_IDS = [
    "online_activity", "missing_from_home", "abused_by_adult", "change_of_contact",
    "drugs_alcohol", "change_of_appearance", "peer_on_peer_abuse", "getting_into_cars",
    "risky_associations", "arranging_to_meet", "withdrawn_complaints", "unexplained_injuries",
    "unsafe_places", "out_of_area", "unaccounted_money_goods", "interest_in_money", "offending",
    "gang_association", "coerced_sexual_activity", "grooming", "abduction", "modern_slavery",
    "sexual_health", "self_harm", "carrying_weapons", "forced_marriage", "fgm",
    "radicalisation", "other",
]  # fmt: skip


def test_list_shows_the_case_list_facts(vault: Vault) -> None:
    assessment = fictional_assessment()
    assessment.details.date_completed = date(2026, 3, 2)
    assessment.intended_action.next_review_date = date(2026, 6, 1)
    vault.save(assessment)
    (summary,) = vault.list_summaries()
    assert summary.reference == assessment.reference
    assert summary.child_name == "Testy McTestface 1"
    assert summary.status is Status.DRAFT
    assert summary.level is RiskLevel.SIGNIFICANT
    assert summary.next_review == date(2026, 6, 1)
    assert summary.send_by is None


def _reopen(vault: Vault) -> Vault:
    vault.close()
    return Vault.unlock(vault.data_dir, PASSPHRASE)


@pytest.mark.parametrize("problem", ["missing", "damaged", "stale"])
def test_index_is_rebuilt_when_missing_damaged_or_stale(vault: Vault, problem: str) -> None:
    first, second = fictional_assessment(1), fictional_assessment(2)
    vault.save(first)
    vault.save(second)
    index = vault.data_dir / "index.cei"
    if problem == "missing":
        index.unlink()
    elif problem == "damaged":
        index.write_bytes(index.read_bytes()[:-3])
    else:
        # A third file arrives behind the index's back; the second changes.
        stale_index = index.read_bytes()
        third = fictional_assessment(3)
        vault.save(third)
        renamed = second.model_copy(deep=True)
        renamed.child.name = "Renamed Fictional"
        vault.save(renamed)
        index.write_bytes(stale_index)
    reopened = _reopen(vault)
    try:
        names = sorted(s.child_name for s in reopened.list_summaries())
        if problem == "stale":
            assert names == ["Renamed Fictional", "Testy McTestface 1", "Testy McTestface 3"]
        else:
            assert names == ["Testy McTestface 1", "Testy McTestface 2"]
    finally:
        reopened.close()


def test_delete_removes_file_backup_and_index_entry(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    vault.save(assessment)
    vault.delete(assessment.id)
    assert list((vault.data_dir / "assessments").iterdir()) == []
    assert vault.list_summaries() == []
    with pytest.raises(AssessmentNotFound):
        vault.load(assessment.id)
    reopened = _reopen(vault)
    assert reopened.list_summaries() == []
    reopened.close()


def test_start_review_copies_forward_and_leaves_the_earlier_untouched(vault: Vault) -> None:
    earlier = fictional_assessment()
    vault.save(earlier)
    path = vault.data_dir / "assessments" / f"{earlier.id}.cea"
    before = path.read_bytes()
    review = vault.start_review(earlier.id, today=date(2026, 6, 1))
    assert review.child_id == earlier.child_id
    assert review.previous_id == earlier.id
    assert review.indicators == earlier.indicators
    assert vault.load(review.id) == review
    assert path.read_bytes() == before
    assert len(vault.list_summaries()) == 2


def test_audit_events_are_appended_and_saved(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    vault.record(assessment.id, AuditAction.EXPORTED_PDF)
    actions = [event.action for event in vault.load(assessment.id).audit]
    assert actions == [AuditAction.CREATED, AuditAction.EXPORTED_PDF]


def test_settings_are_saved_encrypted(vault: Vault) -> None:
    assert vault.load_settings() == Settings()
    settings = Settings(worker_name="Pat Fictional-Worker", idle_minutes=7)
    vault.save_settings(settings)
    assert b"Pat Fictional" not in (vault.data_dir / "settings.ces").read_bytes()
    reopened = _reopen(vault)
    assert reopened.load_settings() == settings
    reopened.close()


def test_backup_and_restore_into_a_new_folder(
    vault: Vault, tmp_path: Path, recovery_key: str
) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    backup = tmp_path / "backup.cebak"
    vault.backup(backup)
    vault.close()
    assert b"Testy" not in backup.read_bytes()
    restored = Vault.restore_new(tmp_path / "new-laptop", backup, recovery_key)
    try:
        assert restored.must_change_passphrase
        assert restored.load(assessment.id) == assessment
    finally:
        restored.close()


def test_restore_refuses_to_overwrite_newer_work_without_saying_so(
    vault: Vault, tmp_path: Path
) -> None:
    kept, changed = fictional_assessment(1), fictional_assessment(2)
    vault.save(kept)
    vault.save(changed)
    backup = tmp_path / "backup.cebak"
    vault.backup(backup)
    newer = changed.model_copy(deep=True)
    newer.child.known_as = "Changed after the backup"
    newer.updated_at = datetime(2026, 4, 1, tzinfo=UTC)
    vault.save(newer)
    deleted = fictional_assessment(3)
    vault.save(deleted)

    with pytest.raises(RestoreWouldOverwrite) as refusal:
        vault.restore(backup, PASSPHRASE)
    assert refusal.value.references == [changed.reference]
    assert changed.reference in str(refusal.value)
    assert vault.load(changed.id) == newer

    report = vault.restore(backup, PASSPHRASE, overwrite_newer=True)
    assert report.replaced == [changed.reference]
    assert report.unchanged == [kept.reference]
    assert vault.load(changed.id) == changed


def test_t13_read_only_folder_is_reported_on_open_and_on_save(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access = os.access
    read_only = {"on": True}

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if read_only["on"] and mode & os.W_OK and str(path).startswith(str(vault_dir)):
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    opened = Vault.unlock(vault_dir, PASSPHRASE)  # opens to read, with the notice
    try:
        assert opened.read_only
        with pytest.raises(FolderNotWritable, match="changes will not be saved"):
            opened.save(fictional_assessment())
    finally:
        opened.close()
    read_only["on"] = False
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        read_only["on"] = True
        with pytest.raises(FolderNotWritable):
            vault.save(fictional_assessment())
        assert list((vault_dir / "assessments").iterdir()) == []
    finally:
        vault.close()


def test_t19_a_second_opening_in_a_live_process_is_refused(vault: Vault) -> None:
    with pytest.raises(AlreadyRunning, match="already open"):
        Vault.unlock(vault.data_dir, PASSPHRASE)


def test_t19_a_second_process_is_refused_and_a_dead_ones_lock_taken_over(vault_dir: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from ce_desktop.storage import keystore\n"
            "from ce_desktop.storage.vault import Vault\n"
            f"v = Vault.unlock(sys.argv[1], {PASSPHRASE!r})\n"
            "print('ready', flush=True)\n"
            "time.sleep(60)\n",
            str(vault_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(AlreadyRunning):
            Vault.unlock(vault_dir, PASSPHRASE)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert (vault_dir / "ce-desktop.lock").exists()  # left behind by the killed process
    Vault.unlock(vault_dir, PASSPHRASE).close()
    assert not (vault_dir / "ce-desktop.lock").exists()


def test_t19_garbage_lock_file_is_taken_over(vault_dir: Path) -> None:
    (vault_dir / "ce-desktop.lock").write_bytes(b"\x00\x00")
    Vault.unlock(vault_dir, PASSPHRASE).close()


def test_pid_alive_tells_live_from_dead() -> None:
    assert lock_module.pid_alive(os.getpid())
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    assert not lock_module.pid_alive(finished.pid)


MARKER = "QZXMARKER7731"


def _fill_text(model: BaseModel, prefix: str) -> None:
    """Put the marker into every text field of a model, recursively."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        # A number with a check digit cannot hold the marker (the person id does).
        if info.annotation is str and name not in {"id", "child_id", "nhs_number", "upn"}:
            setattr(
                model,
                name,
                f"{MARKER} {prefix}.{name}"[:40]
                if name == "reference"
                else f"{MARKER} {prefix}.{name}",
            )
        elif isinstance(value, BaseModel):
            _fill_text(value, f"{prefix}.{name}")
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    _fill_text(item, f"{prefix}.{name}")


def test_t18_a_typed_marker_appears_in_no_file_on_disk(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp_folder = tmp_path / "temp"
    temp_folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp_folder))
    monkeypatch.setattr(tempfile, "tempdir", str(temp_folder))
    assessment = fictional_assessment()
    for indicator_id in INDICATOR_IDS:
        assessment.indicators[indicator_id] = IndicatorEntry(
            identified=True, level=RiskLevel.EMERGING, narrative=f"{MARKER} {indicator_id}"
        )
    assessment.justifications = {"rule:path": f"{MARKER} justification"}
    _fill_text(assessment, "assessment")
    assessment.record(AuditAction.WARNING_JUSTIFIED)
    vault.save(assessment)  # save
    vault.save(assessment)  # an autosave a moment later
    vault.save_settings(Settings(worker_name=MARKER))
    elsewhere = tmp_path / "elsewhere" / "export.json"
    elsewhere.parent.mkdir()
    elsewhere.write_text(vault.load(assessment.id).model_dump_json())  # export-json elsewhere
    assert MARKER in elsewhere.read_text()
    vault.backup(tmp_path / "elsewhere" / "backup.cebak")
    vault.close()  # lock

    for folder in (vault.data_dir, temp_folder):
        for path in folder.rglob("*"):
            assert MARKER not in path.name
            if path.is_file():
                assert MARKER.encode() not in path.read_bytes(), path.name
    assert MARKER.encode() not in (tmp_path / "elsewhere" / "backup.cebak").read_bytes()


def test_storage_never_imports_qt() -> None:
    modules = [
        "ce_desktop.storage." + path.stem
        for path in Path(__file__).parents[3].joinpath("src/ce_desktop/storage").glob("*.py")
    ]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + (
            "import ce_desktop.cli.vault_commands\n"
            "assert not any(n.startswith('PySide6') for n in sys.modules), 'Qt imported'\n"
        )
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_full_disk_at_unlock_still_opens_the_case_list(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ce_desktop.storage import index as index_module
    from ce_desktop.storage.errors import SaveFailed as _SaveFailed

    vault = Vault.unlock(vault_dir, PASSPHRASE)
    saved = fictional_assessment(3)
    vault.save(saved)
    vault.close()
    (vault_dir / "index.cei").unlink()  # the index must be rebuilt at this unlock

    attempts: list[Path] = []

    def disk_full(path: Path, *_args: Any, **_kwargs: Any) -> None:
        attempts.append(path)
        raise _SaveFailed("There is not enough space on the disk to save.")

    monkeypatch.setattr(index_module, "atomic_write", disk_full)
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        assert attempts  # the rebuilt index was due to be written, and could not be
        assert [s.id for s in vault.list_summaries()] == [saved.id]
    finally:
        vault.close()


def test_an_id_that_is_a_path_is_never_followed(vault: Vault, tmp_path: Path) -> None:
    other = tmp_path / "other" / "assessments"
    other.mkdir(parents=True)
    victim = other / ("a" * 32 + ".cea")
    victim.write_bytes(b"another folder's file")
    relative = os.path.relpath(other / ("a" * 32), vault.data_dir / "assessments")
    with pytest.raises(AssessmentNotFound):
        vault.load(relative)
    assert victim.read_bytes() == b"another folder's file"
    assert not (vault.data_dir / "quarantine").exists()


def test_a_save_beyond_a_limit_is_refused_naming_the_field_and_limit(vault: Vault) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    before = (vault.data_dir / "assessments" / f"{assessment.id}.cea").read_bytes()
    assessment.analysis.summary = "x" * (TEXT_LIMIT + 1)
    with pytest.raises(ContentRefused, match=r"analysis\.summary is longer than 200,000"):
        vault.save(assessment)
    assert (vault.data_dir / "assessments" / f"{assessment.id}.cea").read_bytes() == before
