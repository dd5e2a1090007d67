"""Reading and writing assessment files, with the recovery rules of PRODUCT §5.4.

Loading tries the main file, then its ``.bak``. A file that fails is never repaired
or overwritten: a damaged one is moved to the quarantine folder (never deleted), and
one written by a newer version, or that is not a CE Desktop file at all, is left where
it is. A temporary file left by a crash is offered back if it authenticates and is
newer than the main file; otherwise it is removed. Nothing here logs a field value.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ce_desktop.domain import boundary
from ce_desktop.domain.boundary import BoundaryError
from ce_desktop.domain.migrations import MigrationError
from ce_desktop.domain.model import FORMAT_VERSION, Assessment
from ce_desktop.storage import container
from ce_desktop.storage.atomic import (
    TEMP_SUFFIX,
    atomic_write,
    backup_path,
    read_retrying,
    replace_retrying,
)
from ce_desktop.storage.container import NotOurFile
from ce_desktop.storage.errors import (
    AssessmentNotFound,
    FileHeld,
    NewerFormat,
    SaveFailed,
    SchemaInvalid,
    StorageError,
)
from ce_desktop.storage.index import Stamp, stamp_of
from ce_desktop.storage.paths import ASSESSMENT_SUFFIX, DataLayout, temp_name_pattern
from ce_desktop.storage.upkeep import fit_to_keep, make_private_dir

log = logging.getLogger(__name__)


_TEMP_NAME = temp_name_pattern(ASSESSMENT_SUFFIX)
"""A temporary file of the atomic writer for an assessment or its backup (see ``atomic``)."""


class _Unauthentic(Exception):
    """A temporary file that does not open as the assessment its name says."""


@dataclass(frozen=True)
class RecoverableDraft:
    """A newer, complete version of an assessment left behind by a crash."""

    assessment_id: str
    reference: str
    saved_at: datetime
    path: Path


class AssessmentFiles:
    """The assessment files of one unlocked vault."""

    def __init__(self, layout: DataLayout, key: bytes, name_of: Callable[[str], str]) -> None:
        """Bind to a folder and data key; ``name_of`` turns an id into a reference."""
        self._layout = layout
        self._key = key
        self._name_of = name_of
        self._known_good: dict[str, Stamp] = {}
        self._known_good_backups: dict[str, Stamp] = {}

    def decode(self, data: bytes, assessment_id: str) -> Assessment:
        """Decrypt and validate one file's bytes.

        Raises:
            AssessmentDamaged, NewerFormat, SchemaInvalid: named by reference or id.
        """
        name = self._name_of(assessment_id)
        plain = container.open_sealed(
            self._key, container.Kind.ASSESSMENT, assessment_id, data, name=name
        )
        try:
            raw = boundary.read_document(plain)
        except BoundaryError as error:
            raise SchemaInvalid(name, len(error.problems)) from None
        version = raw.get("format_version")
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise NewerFormat(name)
        try:
            assessment = boundary.validated(raw)
        except MigrationError:
            raise SchemaInvalid(name) from None
        except BoundaryError as error:
            raise SchemaInvalid(name, len(error.problems)) from None
        if assessment.id != assessment_id:
            raise SchemaInvalid(name)
        return assessment

    def _read(self, path: Path, assessment_id: str) -> Assessment:
        # A file held by another program, or a disk that fails to read, is not damage:
        # only a file that fails authentication or validation is ever quarantined.
        try:
            data = read_retrying(path)
        except FileNotFoundError:
            raise
        except OSError:
            raise FileHeld(f"Assessment {self._name_of(assessment_id)}") from None
        return self.decode(data, assessment_id)

    def read_quietly(self, assessment_id: str) -> Assessment | None:
        """The assessment from its main file or backup, or None; nothing is moved."""
        for path in (self._layout.assessment(assessment_id), self._backup(assessment_id)):
            with contextlib.suppress(OSError, StorageError):
                return self._read(path, assessment_id)
        return None

    def _backup(self, assessment_id: str) -> Path:
        return backup_path(self._layout.assessment(assessment_id))

    def load(self, assessment_id: str) -> tuple[Assessment, list[str]]:
        """Load an assessment, falling back to its backup (PRODUCT §5.4).

        Returns:
            The assessment and plain warnings (for example that the backup was used).

        Raises:
            AssessmentNotFound: neither file exists.
            NewerFormat: the main file is from a newer version; it is left untouched
                (an older backup is not opened instead: saving it would lose the newer).
            NotOurFile: the main file is not a CE Desktop file and there is no good
                backup; the file is left untouched.
            AssessmentDamaged, SchemaInvalid: neither file could be read; the damaged
                ones are now in the quarantine folder.
        """
        main = self._layout.assessment(assessment_id)
        first_error: StorageError | None = None
        try:
            assessment = self._read(main, assessment_id)
        except FileNotFoundError:
            pass
        except (NewerFormat, FileHeld):
            raise  # not damage: the backup is not opened instead, nothing is moved
        except StorageError as error:
            log.warning("Assessment file %s could not be read", assessment_id)
            first_error = error
        else:
            self._known_good[assessment_id] = stamp_of(main) or (0, 0)
            return assessment, []
        # A file that is not ours at all (a copy gone wrong) is left where it is.
        keep_main = isinstance(first_error, NotOurFile)
        backup = self._backup(assessment_id)
        try:
            assessment = self._read(backup, assessment_id)
        except FileNotFoundError:
            if first_error is None:
                raise AssessmentNotFound(self._name_of(assessment_id)) from None
            if not keep_main:
                self.quarantine(main)
            raise first_error from None
        except StorageError as error:
            if first_error is None:
                raise
            if not keep_main:
                self.quarantine(main)
            if not isinstance(error, FileHeld):
                self.quarantine(backup)
            raise first_error from None
        self._known_good.pop(assessment_id, None)
        if first_error is None:
            return assessment, [
                f"Assessment {assessment.reference} was opened from its backup copy."
            ]
        if not keep_main:
            self.quarantine(main)
        return assessment, [
            f"Assessment {assessment.reference} was damaged, so its last good copy was opened. "
            "The damaged file was kept in the quarantine folder."
        ]

    def save(self, assessment: Assessment) -> None:
        """Encrypt, verify and write an assessment, keeping the last good file as ``.bak``.

        Raises:
            SaveFailed: nothing changed on disk.
        """
        main = self._layout.assessment(assessment.id)
        plain = assessment.model_dump_json().encode("utf-8")
        sealed = container.seal(self._key, container.Kind.ASSESSMENT, assessment.id, plain)
        keep = self._main_is_good(assessment.id)
        if keep:
            self._set_aside_damaged_backup(assessment.id)
        atomic_write(main, sealed, keep_backup=keep)
        self._known_good[assessment.id] = stamp_of(main) or (0, 0)
        if keep:  # the backup is now the main file just proved good
            self._known_good_backups[assessment.id] = stamp_of(self._backup(assessment.id)) or (
                0,
                0,
            )

    def _set_aside_damaged_backup(self, assessment_id: str) -> None:
        """A damaged backup copy that a save would replace is kept in quarantine instead."""
        spare = self._backup(assessment_id)
        stamp = stamp_of(spare)
        if stamp is None or self._known_good_backups.get(assessment_id) == stamp:
            return
        try:
            self._read(spare, assessment_id)
        except (FileHeld, NewerFormat, FileNotFoundError):
            return  # not damage: replaced as before, or refused by the write itself
        except (OSError, StorageError):
            self.quarantine(spare)
            return
        self._known_good_backups[assessment_id] = stamp

    def _main_is_good(self, assessment_id: str) -> bool:
        main = self._layout.assessment(assessment_id)
        stamp = stamp_of(main)
        if stamp is None:
            return False
        if self._known_good.get(assessment_id) == stamp:
            return True
        return fit_to_keep(
            main,
            lambda path: self._read(path, assessment_id),
            self.quarantine,
            held="Another program (an antivirus or backup tool, for example) is using the "
            "saved copy of this assessment, so it was not replaced. CE Desktop will "
            "try again in a few seconds.",
            damaged="The saved copy of this assessment is damaged and could not be set "
            "aside, so it was not replaced. Use “Save a copy elsewhere”.",
        )

    def delete(self, assessment_id: str) -> None:
        """Remove the backup, any temporary files, then the main file of an assessment.

        The main file goes last, so that a file held open elsewhere (an antivirus scan)
        leaves the assessment whole and listed, with a plain error, not half-deleted.

        Raises:
            SaveFailed: a file could not be removed; try again.
        """
        main = self._layout.assessment(assessment_id)
        for path in (backup_path(main), *self._temp_files(assessment_id), main):
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError:
                raise SaveFailed(
                    "The assessment could not be deleted: another program may be using its "
                    "file. Try again in a moment."
                ) from None
        self._known_good.pop(assessment_id, None)

    def quarantine(self, path: Path) -> Path | None:
        """Move an unreadable file into the quarantine folder (never deleted)."""
        if not path.exists():
            return None
        folder = self._layout.quarantine
        moment = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{path.name}.{moment}"
        try:
            make_private_dir(folder)
            replace_retrying(path, target)
        except OSError:
            log.warning("An unreadable file could not be moved to quarantine; left in place")
            return None
        log.warning("Unreadable file %s moved to the quarantine folder", path.name)
        return target

    def _temp_files(self, assessment_id: str) -> list[Path]:
        prefix = f"{assessment_id}{ASSESSMENT_SUFFIX}."
        try:
            names = os.listdir(self._layout.assessments)
        except OSError:
            return []
        return [
            self._layout.assessments / name
            for name in names
            if name.startswith(prefix) and name.endswith(TEMP_SUFFIX)
        ]

    def sweep_temp_files(self) -> list[RecoverableDraft]:
        """Deal with temporary files left by a crash; return the ones worth offering.

        Only names of the atomic writer's own form are touched. A temporary file that
        authenticates and is newer than what is saved is kept and returned; one that
        authenticates but is older (or a backup's link) is removed; one that does not
        authenticate (half-written, or not ours) is kept in the quarantine folder.
        """
        offered: list[RecoverableDraft] = []
        try:
            names = sorted(os.listdir(self._layout.assessments))
        except OSError:
            return offered
        for name in names:
            match = _TEMP_NAME.match(name)
            if match is None:
                continue
            path = self._layout.assessments / name
            try:
                draft = self._recoverable(match.group(1), path)
            except _Unauthentic:
                self.quarantine(path)
                continue
            if draft is None:
                with contextlib.suppress(OSError):
                    path.unlink()
                log.info("Removed a leftover temporary file")
            else:
                offered.append(draft)
        return offered

    def _recoverable(self, stem: str, path: Path) -> RecoverableDraft | None:
        try:
            draft = self.decode(path.read_bytes(), stem)
        except (OSError, StorageError, ValueError):
            raise _Unauthentic() from None
        # A temporary file outlives its save only if the process died before the
        # rename, so it is newer than the main file unless a later save replaced that.
        saved = self.read_quietly(stem)
        main_stamp = stamp_of(self._layout.assessment(stem))
        temp_stamp = stamp_of(path)
        if saved is not None:
            if saved == draft or temp_stamp is None:
                return None
            if main_stamp is not None and main_stamp[1] > temp_stamp[1]:
                return None
        return RecoverableDraft(stem, draft.reference, draft.updated_at, path)

    def read_draft(self, draft: RecoverableDraft) -> Assessment:
        """The content of an offered draft.

        Raises:
            AssessmentDamaged: it no longer authenticates.
        """
        return self._read(draft.path, draft.assessment_id)

    def check(self, ids: set[str]) -> list[tuple[str, str]]:
        """(id, plain problem) for every main file or backup copy that does not open.

        A damaged backup copy is moved to the quarantine folder (it would otherwise be
        replaced, unseen, at the next save); a damaged main file is left for ``load``.
        """
        problems: list[tuple[str, str]] = []
        for assessment_id in sorted(ids):
            main = self._layout.assessment(assessment_id)
            try:
                self._read(main, assessment_id)
            except FileNotFoundError:
                problems.append(
                    (
                        assessment_id,
                        f"Assessment {self._name_of(assessment_id)} "
                        "has only a backup copy; its main file is missing.",
                    )
                )
            except StorageError as error:
                problems.append((assessment_id, str(error)))
            backup = self._backup(assessment_id)
            try:
                self._read(backup, assessment_id)
            except FileNotFoundError:
                continue
            except NewerFormat:
                continue
            except StorageError:
                self.quarantine(backup)
                problems.append(
                    (
                        assessment_id,
                        f"The backup copy of assessment {self._name_of(assessment_id)} was "
                        "damaged. It was moved to the quarantine folder.",
                    )
                )
        return problems
