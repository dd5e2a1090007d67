"""Backup and restore of the whole data folder as one encrypted file (PRODUCT §5.12).

A backup file is::

    b"CEDKBKUP"            8 bytes
    keystore length        4 bytes, big-endian
    keystore               the keystore as it was (wrapped keys only: safe to carry)
    container              kind "backup", id = the vault id, sealed with the data key;
                           inside, a zip of the encrypted assessment files, the
                           children's chronologies of incidents, and settings

So a backup opens with the passphrase (or recovery key) in force when it was made,
on this laptop or on a new one. Restoring never replaces an assessment changed since
the backup without the caller saying so. A child's chronology is never replaced: its entries
are only ever added, so the backup's and the folder's copies are merged.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ce_desktop.domain.chronology import Chronology, merged
from ce_desktop.domain.model import Assessment, utc_now
from ce_desktop.storage import container, keystore
from ce_desktop.storage.assessments import AssessmentFiles
from ce_desktop.storage.atomic import atomic_write, backup_path
from ce_desktop.storage.chronologies import decode_chronology
from ce_desktop.storage.errors import (
    AssessmentDamaged,
    ChronologyDamaged,
    KeystoreDamaged,
    NewerFormat,
    RestoreWouldOverwrite,
    StorageError,
    WrongPassphrase,
)
from ce_desktop.storage.index import Index
from ce_desktop.storage.paths import (
    ASSESSMENT_SUFFIX,
    CHRONOLOGY_SUFFIX,
    DataLayout,
    is_assessment_id,
)

MAGIC = b"CEDKBKUP"
_LENGTH = struct.Struct(">I")
_NAME = "The backup file"
_DAMAGED = "The backup file is damaged, so nothing was restored from it."


@dataclass
class BackupContents:
    """A backup, opened: its keystore, data key, and decrypted assessments."""

    keystore_bytes: bytes
    keystore_file: keystore.KeystoreFile
    data_key: bytes
    raw_files: dict[str, bytes]
    assessments: list[Assessment]
    chronologies: list[Chronology] = field(default_factory=list)


@dataclass
class RestoreReport:
    """What a restore did (references only).

    Attributes:
        added: not in the vault before.
        replaced: older in the vault than in the backup (or newer, when allowed).
        unchanged: the same in both.
        to_write: the assessments the restore saves.
        incidents_added: incidents from the backup that were not here.
        corrections_added: corrections of incidents from the backup that were not here.
        chronologies_added: children's chronologies brought back that were not here.
        chronologies_merged: chronologies here that gained entries from the backup.
        chronologies_unchanged: chronologies the backup had nothing new for.
        chronologies_to_write: the children's chronologies, merged, that the restore saves.
    """

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    to_write: list[Assessment] = field(default_factory=list)
    incidents_added: int = 0
    corrections_added: int = 0
    chronologies_added: int = 0
    chronologies_merged: int = 0
    chronologies_unchanged: int = 0
    chronologies_to_write: list[Chronology] = field(default_factory=list)


@dataclass(frozen=True)
class BackupMade:
    """What a backup holds (counts only).

    Attributes:
        assessments: the assessment files in it.
        chronologies: the children's chronology files in it.
        incidents: the incidents of the chronologies that could be read.
        unreadable: chronology files copied as they were, though they could not be read.
    """

    assessments: int
    chronologies: int
    incidents: int
    unreadable: int = 0


def write_backup(
    layout: DataLayout, key: bytes, keystore_file: keystore.KeystoreFile, destination: Path
) -> BackupMade:
    """Write the folder's keystore, assessments, chronologies and settings to ``destination``.

    Returns what it holds. A chronology that cannot be read is copied as it is (and
    counted as unreadable): a backup never leaves a file behind.

    Raises:
        SaveFailed: the file could not be written.
    """
    keystore_bytes = layout.keystore.read_bytes()
    buffer = io.BytesIO()
    assessments = chronologies = incidents = unreadable = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        manifest = {"made_at": utc_now().isoformat(), "vault_id": keystore_file.vault_id}
        archive.writestr("manifest.json", json.dumps(manifest))
        for path in sorted(layout.assessments.glob(f"*{ASSESSMENT_SUFFIX}")):
            archive.writestr(f"assessments/{path.name}", path.read_bytes())
            assessments += 1
        for path in sorted(layout.incidents.glob(f"*{CHRONOLOGY_SUFFIX}")):
            raw = path.read_bytes()
            archive.writestr(f"incidents/{path.name}", raw)
            chronologies += 1
            child_id = path.name[: -len(CHRONOLOGY_SUFFIX)]
            try:
                incidents += len(decode_chronology(key, raw, child_id, path.name).incidents)
            except StorageError:
                unreadable += 1
        if layout.settings.exists():
            archive.writestr("settings.ces", layout.settings.read_bytes())
    sealed = container.seal(key, container.Kind.BACKUP, keystore_file.vault_id, buffer.getvalue())
    atomic_write(
        Path(destination), MAGIC + _LENGTH.pack(len(keystore_bytes)) + keystore_bytes + sealed
    )
    return BackupMade(assessments, chronologies, incidents, unreadable)


def _unlock(keystore_file: keystore.KeystoreFile, secret: str) -> bytes:
    try:
        return keystore.unlock(keystore_file, secret)
    except WrongPassphrase:
        try:
            return keystore.unlock_with_recovery(keystore_file, secret)
        except (WrongPassphrase, KeystoreDamaged):
            raise WrongPassphrase(
                "The passphrase is not correct for this backup. "
                "Use the passphrase in force when it was made, or the recovery key."
            ) from None


def read_backup(source: Path, secret: str) -> BackupContents:
    """Open a backup with its passphrase or recovery key and check every assessment.

    Raises:
        AssessmentDamaged: not a backup, or damaged (nothing is restored from it).
        KeystoreDamaged: its keystore is damaged.
        WrongPassphrase: neither the passphrase nor the recovery key opens it.
    """
    try:
        data = Path(source).read_bytes()
    except OSError:
        raise AssessmentDamaged(_NAME, "The backup file could not be read.") from None
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _LENGTH.size:
        raise AssessmentDamaged(_NAME, "This is not a CE Desktop backup file.")
    (length,) = _LENGTH.unpack_from(data, len(MAGIC))
    start = len(MAGIC) + _LENGTH.size
    keystore_bytes = data[start : start + length]
    try:
        keystore_file = keystore.parse(keystore_bytes)
    except KeystoreDamaged:
        # The backup's own copy of the keystore: the folder's keystore is not at fault.
        raise AssessmentDamaged(_NAME, _DAMAGED) from None
    key = _unlock(keystore_file, secret)
    try:
        plain = container.open_sealed(
            key, container.Kind.BACKUP, keystore_file.vault_id, data[start + length :], name=_NAME
        )
    except NewerFormat:
        raise
    except AssessmentDamaged:
        raise AssessmentDamaged(_NAME, _DAMAGED) from None
    files = AssessmentFiles(DataLayout(Path(".")), key, lambda assessment_id: assessment_id)
    raw_files: dict[str, bytes] = {}
    assessments: list[Assessment] = []
    try:
        with zipfile.ZipFile(io.BytesIO(plain)) as archive:
            for name in archive.namelist():
                raw_files[name] = archive.read(name)
    except (zipfile.BadZipFile, ValueError):
        raise AssessmentDamaged(_NAME, _DAMAGED) from None
    for name, raw in raw_files.items():
        if name.startswith("assessments/") and name.endswith(ASSESSMENT_SUFFIX):
            assessment_id = name[len("assessments/") : -len(ASSESSMENT_SUFFIX)]
            if not is_assessment_id(assessment_id):
                raise AssessmentDamaged(_NAME, _DAMAGED)
            try:
                assessments.append(files.decode(raw, assessment_id))
            except StorageError:
                raise AssessmentDamaged(_NAME, _DAMAGED) from None
    chronologies = [_chronology(key, name, raw) for name, raw in raw_files.items()]
    return BackupContents(
        keystore_bytes,
        keystore_file,
        key,
        raw_files,
        assessments,
        [chronology for chronology in chronologies if chronology is not None],
    )


def _chronology(key: bytes, name: str, raw: bytes) -> Chronology | None:
    """The chronology a backup's member holds, None if the member is not one.

    Raises:
        AssessmentDamaged: the member is damaged (nothing is restored from the backup).
        NewerFormat: a newer release wrote it.
    """
    if not (name.startswith("incidents/") and name.endswith(CHRONOLOGY_SUFFIX)):
        return None
    child_id = name[len("incidents/") : -len(CHRONOLOGY_SUFFIX)]
    if not is_assessment_id(child_id):
        raise AssessmentDamaged(_NAME, _DAMAGED)
    try:
        return decode_chronology(key, raw, child_id, "A chronology in the backup file")
    except ChronologyDamaged:
        raise AssessmentDamaged(_NAME, _DAMAGED) from None


def plan_chronologies(
    contents: BackupContents,
    load: Callable[[str], Chronology],
    report: RestoreReport,
) -> None:
    """Merge each child's chronology in the backup with the one here, into ``report``.

    Args:
        load: this folder's chronology of a child (empty if none).
    """
    for restored in contents.chronologies:
        here = load(restored.child_id)
        both = merged(here, restored)
        added = len(both.incidents) - len(here.incidents)
        corrections = len(both.corrections) - len(here.corrections)
        if not (added or corrections):
            report.chronologies_unchanged += 1
            continue
        if here.incidents:
            report.chronologies_merged += 1
        else:
            report.chronologies_added += 1
        report.incidents_added += added
        report.corrections_added += corrections
        report.chronologies_to_write.append(both)


def plan_restore(contents: BackupContents, index: Index, *, overwrite_newer: bool) -> RestoreReport:
    """Decide what a restore into an existing vault writes.

    Raises:
        RestoreWouldOverwrite: some assessments are newer here and ``overwrite_newer``
            is False; the error names them by reference.
    """
    report = RestoreReport()
    newer_here: list[str] = []
    for assessment in sorted(contents.assessments, key=lambda a: a.reference):
        current = index.get(assessment.id)
        if current is None:
            report.added.append(assessment.reference)
        elif current.updated_at == assessment.updated_at:
            report.unchanged.append(assessment.reference)
            continue
        elif current.updated_at > assessment.updated_at:
            newer_here.append(current.reference)
            report.replaced.append(assessment.reference)
        else:
            report.replaced.append(assessment.reference)
        report.to_write.append(assessment)
    if newer_here and not overwrite_newer:
        raise RestoreWouldOverwrite(newer_here)
    return report


def restore_into_empty(data_dir: Path, source: Path, secret: str) -> RestoreReport:
    """Set up a new data folder from a backup, as it was (same keystore and files).

    Raises:
        StorageError: the folder already holds a vault.
        WrongPassphrase, KeystoreDamaged, AssessmentDamaged: the backup did not open.
        SaveFailed: a file could not be written.
    """
    layout = DataLayout(Path(data_dir))
    if layout.keystore.exists() or backup_path(layout.keystore).exists():
        raise StorageError("This data folder is already set up; unlock it to restore into it.")
    contents = read_backup(source, secret)
    layout.root.mkdir(parents=True, exist_ok=True)
    layout.assessments.mkdir(exist_ok=True)
    report = RestoreReport()
    for name, raw in contents.raw_files.items():
        if name.startswith("assessments/") and name.endswith(ASSESSMENT_SUFFIX):
            atomic_write(layout.assessments / Path(name).name, raw)
        elif name.startswith("incidents/") and name.endswith(CHRONOLOGY_SUFFIX):
            layout.incidents.mkdir(exist_ok=True)
            atomic_write(layout.incidents / Path(name).name, raw)
        elif name == "settings.ces":
            atomic_write(layout.settings, raw)
    report.added = sorted(a.reference for a in contents.assessments)
    report.incidents_added = sum(len(c.incidents) for c in contents.chronologies)
    report.corrections_added = sum(len(c.corrections) for c in contents.chronologies)
    report.chronologies_added = len(contents.chronologies)
    # The keystore goes last: until it exists the folder is not a vault.
    atomic_write(backup_path(layout.keystore), contents.keystore_bytes)
    atomic_write(layout.keystore, contents.keystore_bytes)
    return report
