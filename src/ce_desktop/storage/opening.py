"""Opening a data folder: its keystore, its single-instance lock, and whose folder it is.

Setting a folder up needs it writable, and takes the lock. An existing folder that
cannot be written (read-only, or a full disk) still opens, to read only: the lock is
not taken, but a live holder of it still keeps the folder closed. The keystore is read
(or, when it is damaged or asked for, its backup copy), and a keystore copied in from
another folder is found out before anything in the folder is read or written (see
``belonging``). A keystore that was not used is then replaced by the backup copy that
was, the replaced one kept in the quarantine folder.

The lock is released again whenever opening fails part way.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ce_desktop.storage import belonging, keystore, upkeep
from ce_desktop.storage.atomic import atomic_write, backup_path
from ce_desktop.storage.errors import (
    AlreadyRunning,
    FolderNotWritable,
    NoVault,
    StorageError,
)
from ce_desktop.storage.lock import Holder, InstanceLock
from ce_desktop.storage.passphrase import check_new_passphrase
from ce_desktop.storage.paths import DataLayout
from ce_desktop.storage.upkeep import Quarantine

log = logging.getLogger(__name__)

Opened = TypeVar("Opened")
Make = Callable[[bytes, keystore.KeystoreFile, InstanceLock], Opened]
"""What is made of the data key, the keystore and the lock (the unlocked vault)."""


def is_set_up(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds a vault (a keystore or its backup)."""
    layout = DataLayout(Path(data_dir))
    return layout.keystore.exists() or backup_path(layout.keystore).exists()


def check_writable(folder: Path) -> None:
    """Raise :class:`FolderNotWritable` unless ``folder`` can be written."""
    if not os.access(folder, os.W_OK):
        raise FolderNotWritable()


def set_up(data_dir: Path, passphrase: str, make: Make[Opened]) -> tuple[Opened, str]:
    """A new vault in ``data_dir``, made by ``make``, and the recovery key in groups.

    Raises:
        WeakPassphrase: the passphrase is too short or too common.
        StorageError: a vault already exists there.
        FolderNotWritable, AlreadyRunning, SaveFailed: as the words say.
    """
    if is_set_up(data_dir):
        raise StorageError("This data folder is already set up. Unlock it instead.")
    check_new_passphrase(passphrase)
    try:
        upkeep.make_private_dir(data_dir)
    except OSError as error:
        raise FolderNotWritable() from error
    check_writable(data_dir)
    layout = DataLayout(data_dir)
    lock = InstanceLock(layout.lock)
    lock.acquire()
    try:
        data_key, recovery, keystore_file = keystore.create(layout.keystore, passphrase)
        return make(data_key, keystore_file, lock), recovery
    except BaseException:
        lock.release()
        raise


def open_existing(
    data_dir: Path,
    unwrap: Callable[[keystore.KeystoreFile], bytes],
    make: Make[Opened],
    *,
    use_keystore_backup: bool,
) -> tuple[Opened, str]:
    """The vault of ``data_dir``, made by ``make``, and why its keystore is to be repaired.

    The second value is "" when the keystore itself opened the folder; otherwise the
    words of :func:`repair_keystore` ("is damaged", "belongs to another data folder").

    Raises:
        NoVault, KeystoreDamaged, WrongPassphrase, FolderNotWritable, AlreadyRunning.
    """
    if not is_set_up(data_dir):
        raise NoVault()
    layout = DataLayout(data_dir)
    if use_keystore_backup:
        keystore_file, from_backup = keystore.read(layout.keystore, use_backup=True), True
    else:
        keystore_file, from_backup = keystore.read_or_backup(layout.keystore)
    lock = _lock_or_read_only(layout)
    try:
        # A keystore copied in from another folder opens none of this folder's files:
        # found out before anything here is read or written (see ``belonging``).
        data_key, keystore_file, foreign = belonging.own_key(
            layout, keystore_file, unwrap, from_backup=from_backup
        )
        opened = make(data_key, keystore_file, lock)
    except BaseException:
        lock.release()
        raise
    if foreign:
        return opened, "belongs to another data folder"
    return opened, "is damaged" if from_backup else ""


def _lock_or_read_only(layout: DataLayout) -> InstanceLock:
    """The lock taken, or (the folder cannot be written) not taken but not held either.

    Raises:
        AlreadyRunning: another CE Desktop holds the folder.
    """
    lock = InstanceLock(layout.lock)
    if os.access(layout.root, os.W_OK):
        try:
            lock.acquire()
            return lock
        except FolderNotWritable:
            log.info("The data folder cannot be written; opening it to read only")
    if lock.judge().holder in {Holder.LIVE, Holder.UNKNOWN}:
        raise AlreadyRunning()
    return lock


def repair_keystore(layout: DataLayout, quarantine: Quarantine, what: str) -> str:
    """Put the keystore's backup copy, which opened the folder, in the keystore's place.

    The keystore is kept in quarantine, never deleted or overwritten without a copy
    kept, so the next unlock needs no fallback. Returns the plain sentence to show.
    """
    good = backup_path(layout.keystore)
    try:
        data = good.read_bytes()
        kept = quarantine(layout.keystore)
        if kept is None and layout.keystore.exists():
            raise FolderNotWritable()  # never overwritten without a copy kept
        atomic_write(layout.keystore, data)
    except (OSError, StorageError):
        return (
            f"The keystore {what}, so its backup copy (keystore.json.bak) was used to "
            "unlock. The keystore could not be repaired: the folder cannot be written."
        )
    return (
        f"The keystore {what}, so its backup copy (keystore.json.bak) was used to "
        "unlock and put in its place. The keystore that was there is in the quarantine "
        "folder."
    )
