"""An unlocked data folder: what it is made of, and its duties that concern no one record.

:class:`UnlockedFolder` holds the data key in memory, the keystore, the single-instance
lock (not taken when the folder is read only), the case-list index and the files of
the assessments and chronologies; as it opens, it tidies what a crash left behind. It
also keeps the folder's own files that belong to no assessment: the passphrase (in the
keystore), the worker's settings and the backup file. :class:`~ce_desktop.storage.vault.Vault`,
the repository both front ends use, adds the ways of opening a folder and the records'
operations on top.
"""

from __future__ import annotations

from pathlib import Path

from ce_desktop.domain.settings import Settings
from ce_desktop.storage import backup as backup_file
from ce_desktop.storage import container, keystore, opening, upkeep
from ce_desktop.storage.assessments import AssessmentFiles, RecoverableDraft
from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.chronologies import ChronologyFiles
from ce_desktop.storage.errors import (
    READ_ONLY_NOTICE,
    FolderNotWritable,
    NewerFormat,
    StorageError,
)
from ce_desktop.storage.index import NEWER_INDEX, Index
from ce_desktop.storage.lock import InstanceLock
from ce_desktop.storage.paths import DataLayout


class UnlockedFolder:
    """An unlocked data folder (the base of :class:`~ce_desktop.storage.vault.Vault`).

    Attributes:
        data_dir: the folder.
        read_only: the folder cannot be written (read-only, or a full disk): the vault
            opens to read, list, check, export and back up, and refuses every change
            with :data:`READ_ONLY_NOTICE`. The single-instance lock is not taken.
        must_change_passphrase: True after a recovery-key unlock, until the passphrase
            is changed.
        load_warnings: plain sentences from the last ``load`` (e.g. backup used).
        notices: plain sentences about the folder itself, to show once after unlocking
            (a keystore or settings file damaged and its backup used).
    """

    def __init__(
        self,
        data_dir: Path,
        data_key: bytes,
        keystore_file: keystore.KeystoreFile,
        lock: InstanceLock,
        *,
        must_change_passphrase: bool = False,
    ) -> None:
        """Use ``Vault.create``, ``Vault.unlock`` or ``Vault.unlock_with_recovery`` instead."""
        self.data_dir = data_dir
        self.read_only = not lock.held
        self.must_change_passphrase = must_change_passphrase
        self.load_warnings: list[str] = []
        self.notices: list[str] = []
        self._settings_newer = False
        self._layout = DataLayout(data_dir)
        self._key = data_key
        self._keystore = keystore_file
        self._lock = lock
        self._index = Index(self._layout, data_key, keystore_file.vault_id)
        self._files = AssessmentFiles(self._layout, data_key, self._name_of)
        self._chronologies = self._chronology_files(data_key)
        self._drafts: dict[str, RecoverableDraft] = {}
        if not self.read_only:
            upkeep.make_private_dir(self._layout.assessments)
            upkeep.sweep_root_temp_files(self._layout, self._files.quarantine)
            self._drafts = {d.assessment_id: d for d in self._files.sweep_temp_files()}
            self._chronologies.sweep_temp_files()
        self._index.refresh(self._files.read_quietly, self._chronologies.read_quietly)
        if self._index.newer_format:
            self.notices.append(NEWER_INDEX)

    # The key and the lock -----------------------------------------------------

    def change_passphrase(self, new_passphrase: str) -> None:
        """Replace the passphrase; only the keystore is rewritten.

        Raises:
            WeakPassphrase: refused; nothing changed.
            SaveFailed: the old passphrase still works.
        """
        self._require_open()
        self._keystore = keystore.change_passphrase(
            self._layout.keystore, self._keystore, self._key, new_passphrase
        )
        self.must_change_passphrase = False

    def close(self) -> None:
        """Forget the data key and release the single-instance lock."""
        self._key = b""
        self._index = Index(self._layout, b"", "")
        self._files = AssessmentFiles(self._layout, b"", self._name_of)
        self._chronologies = self._chronology_files(b"")
        self._drafts = {}
        self._lock.release()

    @property
    def is_open(self) -> bool:
        """Whether the vault still holds its key."""
        return bool(self._key)

    def _require_open(self) -> None:
        if not self._key:
            raise StorageError("The data is locked. Unlock it first.")

    def _require_writable(self) -> None:
        self._require_open()
        if self.read_only:
            raise FolderNotWritable(READ_ONLY_NOTICE)
        opening.check_writable(self._layout.assessments)

    # Names in messages (never a field value) -------------------------------------

    def _name_of(self, assessment_id: str) -> str:
        summary = self._index.get(assessment_id) if self._key else None
        return summary.reference if summary else assessment_id

    def _chronology_files(self, key: bytes) -> ChronologyFiles:
        return ChronologyFiles(self._layout, key, self._chronology_name, self._files.quarantine)

    def _chronology_name(self, child_id: str) -> str:
        """A chronology named by the child's newest assessment's reference (never a value)."""
        if self._key:
            for summary in self._index.summaries():
                if summary.child_id == child_id and not summary.damaged:
                    return f"The chronology of incidents of the child in {summary.reference}"
        return f"The chronology of incidents in file {child_id}"

    # Settings ------------------------------------------------------------------

    def load_settings(self) -> Settings:
        """The worker's settings: from their backup copy if the file is damaged (said in
        :attr:`notices`), defaults only if neither opens.

        Raises:
            NewerFormat: a newer release wrote the settings; the file is left as it is,
                and :meth:`save_settings` will not replace it with an older one.
        """
        self._require_open()
        try:
            settings, notices = upkeep.read_settings(
                self._layout, self._key, self._keystore.vault_id, self._files.quarantine
            )
        except NewerFormat:
            self._settings_newer = True
            raise
        self.notices.extend(notices)
        return settings

    def save_settings(self, settings: Settings) -> None:
        """Save the worker's settings, encrypted.

        Raises:
            FolderNotWritable, SaveFailed; NewerFormat: a newer release's settings are
                kept as they are.
        """
        self._require_writable()
        if self._settings_newer:
            raise NewerFormat("The settings file")
        plain = settings.model_dump_json().encode("utf-8")
        sealed = container.seal(self._key, container.Kind.SETTINGS, self._keystore.vault_id, plain)
        keep = upkeep.keep_settings_backup(
            self._layout, self._key, self._keystore.vault_id, self._files.quarantine
        )
        atomic_write(self._layout.settings, sealed, keep_backup=keep)

    # Backup --------------------------------------------------------------------

    def backup(self, destination: Path) -> backup_file.BackupMade:
        """Write the whole folder to one encrypted file (PRODUCT §5.12); what it holds.

        Raises:
            SaveFailed: the backup file could not be written.
        """
        self._require_open()
        return backup_file.write_backup(self._layout, self._key, self._keystore, destination)
