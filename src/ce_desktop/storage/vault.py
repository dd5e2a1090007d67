"""The vault: the one repository the desktop app and the command line share.

A :class:`Vault` is an unlocked data folder: it holds the data key in memory, the
single-instance lock, the case-list index, the assessment files and the children's
chronologies of incidents (what it is made of is ``unlocked``'s, how it is opened
``opening``'s). Unlocking costs one Argon2id derivation (about half a second);
everything after that is fast.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ce_desktop.domain import boundary, lifecycle
from ce_desktop.domain.chronology import Chronology
from ce_desktop.domain.model import Assessment, AuditAction
from ce_desktop.storage import backup as backup_file
from ce_desktop.storage import container, keystore, opening, upkeep
from ce_desktop.storage.assessments import RecoverableDraft
from ce_desktop.storage.errors import (
    AssessmentNotFound,
    ChronologyDamaged,
    ContentRefused,
    SaveFailed,
    StorageError,
)
from ce_desktop.storage.index import AssessmentSummary, ChronologySummary
from ce_desktop.storage.paths import is_assessment_id
from ce_desktop.storage.unlocked import UnlockedFolder

__all__ = ["AssessmentSummary", "ChronologySummary", "RecoverableDraft", "Vault"]

log = logging.getLogger(__name__)


class Vault(UnlockedFolder):
    """An unlocked data folder, and everything the front ends do with its records.

    Open one with :meth:`create`, :meth:`unlock`, :meth:`unlock_with_recovery` or
    :meth:`restore_new`; its attributes are :class:`UnlockedFolder`'s.
    """

    # Opening -----------------------------------------------------------------

    @staticmethod
    def exists(data_dir: Path) -> bool:
        """Whether ``data_dir`` holds a vault (a keystore or its backup)."""
        return opening.is_set_up(data_dir)

    @classmethod
    def create(cls, data_dir: Path, passphrase: str) -> tuple[Vault, str]:
        """Set up a new vault in ``data_dir``.

        Returns:
            The unlocked vault and the recovery key, formatted in groups.

        Raises:
            WeakPassphrase: the passphrase is too short or too common.
            StorageError: a vault already exists there.
            FolderNotWritable, AlreadyRunning, SaveFailed: as the words say.
        """
        data_dir = Path(data_dir)
        return opening.set_up(data_dir, passphrase, functools.partial(cls, data_dir))

    @classmethod
    def unlock(cls, data_dir: Path, passphrase: str, *, use_keystore_backup: bool = False) -> Vault:
        """Open the vault with the passphrase.

        Args:
            data_dir: the data folder.
            passphrase: as typed (it is normalised here).
            use_keystore_backup: read ``keystore.json.bak`` (offered when the keystore
                is damaged); the damaged keystore is left as it is.

        Raises:
            NoVault, KeystoreDamaged, WrongPassphrase, FolderNotWritable, AlreadyRunning.
        """
        return cls._open(
            Path(data_dir),
            lambda ks: keystore.unlock(ks, passphrase),
            use_keystore_backup=use_keystore_backup,
        )

    @classmethod
    def unlock_with_recovery(
        cls, data_dir: Path, recovery_key: str, *, use_keystore_backup: bool = False
    ) -> Vault:
        """Open the vault with the recovery key; a new passphrase must then be chosen.

        Raises:
            NoVault, KeystoreDamaged, WrongPassphrase, FolderNotWritable, AlreadyRunning.
        """
        vault = cls._open(
            Path(data_dir),
            lambda ks: keystore.unlock_with_recovery(ks, recovery_key),
            use_keystore_backup=use_keystore_backup,
        )
        vault.must_change_passphrase = True
        return vault

    @classmethod
    def _open(
        cls,
        data_dir: Path,
        unwrap: Callable[[keystore.KeystoreFile], bytes],
        *,
        use_keystore_backup: bool,
    ) -> Vault:
        vault, repair = opening.open_existing(
            data_dir,
            unwrap,
            functools.partial(cls, data_dir),
            use_keystore_backup=use_keystore_backup,
        )
        if repair:
            vault.notices.append(
                opening.repair_keystore(vault._layout, vault._files.quarantine, repair)
            )
        return vault

    @classmethod
    def restore_new(cls, data_dir: Path, source: Path, passphrase: str) -> Vault:
        """Set up an empty data folder from a backup and unlock it.

        Raises:
            StorageError: the folder already holds a vault.
            WrongPassphrase, KeystoreDamaged, AssessmentDamaged: the backup did not open.
        """
        backup_file.restore_into_empty(Path(data_dir), source, passphrase)
        try:
            return cls.unlock(data_dir, passphrase)
        except StorageError:
            return cls.unlock_with_recovery(data_dir, passphrase)

    # Assessments -------------------------------------------------------------

    def list_summaries(self) -> list[AssessmentSummary]:
        """What the case list shows, most recently changed first."""
        self._require_open()
        return self._index.summaries()

    def find(self, reference: str) -> AssessmentSummary:
        """The summary of the assessment with this reference (or id).

        Raises:
            AssessmentNotFound: there is none.
        """
        wanted = reference.strip().upper()
        for summary in self.list_summaries():
            if summary.reference.upper() == wanted or summary.id == reference.strip():
                return summary
        raise AssessmentNotFound(reference.strip())

    def load(self, assessment_id: str) -> Assessment:
        """Load one assessment, falling back to its backup (see ``load_warnings``).

        Raises:
            AssessmentNotFound, AssessmentDamaged, NewerFormat, SchemaInvalid.
        """
        self._require_open()
        if not is_assessment_id(assessment_id):
            # An id from a file (a review's previous_id) is never followed as a path.
            raise AssessmentNotFound("asked for")
        self.load_warnings = []
        assessment, self.load_warnings = self._files.load(assessment_id)
        return assessment

    def save(self, assessment: Assessment) -> None:
        """Save an assessment: encrypted, verified, atomic, the last good copy kept.

        Raises:
            ContentRefused: a field is outside the form's limits (named, with the limit).
            FolderNotWritable, SaveFailed: nothing changed on disk; the edit is unsaved.
        """
        self._require_writable()
        problems = boundary.content_problems(assessment)
        if problems:
            raise ContentRefused([(p.path, p.message) for p in problems])
        self._files.save(assessment)
        try:
            self._index.put(assessment)
        except SaveFailed:
            # The assessment is safe; the index is rebuilt from the files next time.
            log.warning("The case-list index could not be updated")

    def encrypted_copy(self, assessment: Assessment) -> bytes:
        """The assessment sealed exactly as its file in the vault would be.

        For "Save a copy elsewhere" when the data folder cannot be written: the copy
        opens only in this vault (copied back into ``assessments/`` under its id).
        """
        self._require_open()
        plain = assessment.model_dump_json().encode("utf-8")
        return container.seal(self._key, container.Kind.ASSESSMENT, assessment.id, plain)

    def delete(self, assessment_id: str) -> None:
        """Remove an assessment from disk: its file, its backup and its index entry.

        The child's chronology of incidents goes with the child's last assessment: no
        assessment would lead to it any more, so it would stay on disk unseen.
        """
        self._require_writable()
        known = self._index.get(assessment_id)
        self._files.delete(assessment_id)
        self._drafts.pop(assessment_id, None)
        self._index.remove(assessment_id)
        child_id = known.child_id if known is not None else ""
        if is_assessment_id(child_id) and not any(
            summary.child_id == child_id for summary in self._index.summaries()
        ):
            self._chronologies.delete(child_id)
            self._index.remove_chronology(child_id)

    def record(self, assessment_id: str, action: AuditAction, detail: str = "") -> Assessment:
        """Append an audit event to an assessment and save it (PRODUCT §5.11).

        The detail must never carry a field value. In a read-only folder the event is
        not kept (the notice at opening said changes will not be saved).
        """
        assessment = self.load(assessment_id)
        assessment.record(action, detail)
        if self.read_only:
            log.info("An audit event was not kept: the folder cannot be written")
            return assessment
        self.save(assessment)
        return assessment

    def start_review(self, assessment_id: str, *, today: date) -> Assessment:
        """Copy an earlier assessment forward into a new, saved draft for the same child."""
        review = lifecycle.start_review(self.load(assessment_id), today=today)
        self.save(review)
        return review

    # Chronologies of incidents -------------------------------------------------

    def chronology_summaries(self) -> dict[str, ChronologySummary]:
        """When each child's incidents were recorded, by child id (from the index)."""
        self._require_open()
        return self._index.chronology_summaries()

    def load_chronology(self, child_id: str) -> tuple[Chronology, list[str]]:
        """A child's chronology (empty if none), and plain warnings from the load.

        Raises:
            ChronologyDamaged: no copy opens (now in the quarantine folder).
            NewerFormat, FileHeld: as the words say; nothing was moved.
        """
        self._require_open()
        if not is_assessment_id(child_id):
            raise StorageError("There is no such child here.")
        return self._chronologies.load(child_id)

    def save_chronology(self, chronology: Chronology) -> None:
        """Save a child's chronology: encrypted, verified, atomic, the last good copy kept.

        Raises:
            ContentRefused: an entry is outside the form's limits.
            NewerFormat: a newer release's file is there; it is not replaced.
            FolderNotWritable, SaveFailed: nothing changed on disk.
        """
        self._require_writable()
        problems = boundary.record_problems(chronology)
        if problems:
            raise ContentRefused([(p.path, p.message) for p in problems])
        self._chronologies.save(chronology)
        try:
            self._index.put_chronology(chronology)
        except SaveFailed:
            log.warning("The case-list index could not be updated")

    def check(self) -> list[tuple[str, str]]:
        """(reference, id or file, plain problem) for every file that does not open.

        Covers the assessments, the chronologies and their backup copies, the keystore's
        backup, the
        settings and its backup, and the folder's permissions. Damaged backup copies and
        settings are moved to the quarantine folder (a damaged main assessment file is
        left for :meth:`load`, which opens its backup in its place).
        """
        self._require_open()
        problems = self._files.check(self._index.ids_on_disk())
        named = [(self._name_of(assessment_id), message) for assessment_id, message in problems]
        named += [("Incidents", message) for _child_id, message in self._chronologies.check()]
        folder = upkeep.check_folder(
            self._layout, self._key, self._keystore.vault_id, self._files.quarantine
        )
        return named + folder

    # Crash recovery ------------------------------------------------------------

    def recoverable_drafts(self) -> list[RecoverableDraft]:
        """Newer versions found in temporary files after a crash, to offer the worker."""
        return list(self._drafts.values())

    def recover_draft(self, assessment_id: str) -> Assessment:
        """Make an offered draft the saved version and return it."""
        draft = self._drafts[assessment_id]
        assessment = self._files.read_draft(draft)
        self.save(assessment)
        self.discard_draft(assessment_id)
        return assessment

    def discard_draft(self, assessment_id: str) -> None:
        """Remove an offered draft the worker does not want."""
        draft = self._drafts.pop(assessment_id)
        draft.path.unlink(missing_ok=True)

    # Restoring a backup ----------------------------------------------------------

    def restore(
        self, source: Path, passphrase: str, *, overwrite_newer: bool = False
    ) -> backup_file.RestoreReport:
        """Bring the assessments of a backup into this vault.

        Args:
            source: the backup file.
            passphrase: the passphrase (or recovery key) the backup was made under.
            overwrite_newer: replace assessments that changed here since the backup.

        A child's chronology is merged with the backup's: its entries are never replaced.

        Raises:
            RestoreWouldOverwrite: some are newer here and ``overwrite_newer`` is False;
                nothing was written, and the error lists their references.
            WrongPassphrase, KeystoreDamaged, AssessmentDamaged: the backup did not open.
        """
        self._require_writable()
        contents = backup_file.read_backup(source, passphrase)
        report = backup_file.plan_restore(contents, self._index, overwrite_newer=overwrite_newer)
        backup_file.plan_chronologies(contents, self._chronology_or_empty, report)
        for assessment in report.to_write:
            self.save(assessment)
        for chronology in report.chronologies_to_write:
            self.save_chronology(chronology)
        return report

    def _chronology_or_empty(self, child_id: str) -> Chronology:
        # A damaged chronology here is now in quarantine: the backup's entries start anew.
        try:
            return self._chronologies.load(child_id)[0]
        except ChronologyDamaged:
            return Chronology(child_id=child_id)
