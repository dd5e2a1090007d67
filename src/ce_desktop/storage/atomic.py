"""Safe writes (PRODUCT §5.3): the file on disk is always either the old or the new one.

The new bytes go to an exclusive temporary file in the same folder (owner-only
permissions), are flushed and fsynced, then ``os.replace`` swaps it in and the folder
itself is fsynced so the rename survives a power cut. If the caller asks, the current
file is first kept as ``<name>.bak``. On any failure the original is byte-identical,
the temporary file is removed and :class:`SaveFailed` carries a plain message.

Temporary files are named ``<name>.<random>.tmp`` so that a crash leaves something
the vault can recognise and offer back (see ``vault.recoverable_drafts``).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ce_desktop.storage.errors import SaveFailed

log = logging.getLogger(__name__)

TEMP_SUFFIX = ".tmp"
BACKUP_SUFFIX = ".bak"

REPLACE_RETRY_SECONDS = 3.0
"""How long a read or ``os.replace`` is retried while another program (antivirus,
backup, indexer) holds the file: Windows reports that sharing violation as
``PermissionError``."""

_FIRST_RETRY_DELAY = 0.02
_sleep: Callable[[float], None] = time.sleep
_monotonic: Callable[[], float] = time.monotonic

T = TypeVar("T")


def _always() -> bool:
    return True


wait_allowed: Callable[[], bool] = _always
"""Whether the calling thread may wait for a held file. The window replaces this so
that its UI thread never waits: there a held file fails at once, and the autosave
tries again a few seconds later, instead of the window freezing for seconds."""


def retry_while_held(action: Callable[[], T], what: str) -> T:
    """``action()``, retried for a few seconds while it raises ``PermissionError``.

    Only where :data:`wait_allowed` says so; elsewhere the first refusal is raised.
    """
    deadline = _monotonic() + (REPLACE_RETRY_SECONDS if wait_allowed() else 0.0)
    delay = _FIRST_RETRY_DELAY
    while True:
        try:
            return action()
        except PermissionError:
            if _monotonic() >= deadline:
                raise
            log.info("%s was refused; retrying", what)
            _sleep(delay)
            delay = min(delay * 2, 0.5)


def read_retrying(path: Path) -> bytes:
    """The bytes of ``path``, waiting a few seconds for a program that holds it."""
    return retry_while_held(path.read_bytes, f"Reading {path.name}")


_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def temp_name_for(path: Path) -> Path:
    """A fresh temporary path beside ``path``, recognisable as belonging to it."""
    return path.with_name(f"{path.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")


def backup_path(path: Path) -> Path:
    """Where the previous good version of ``path`` is kept."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def message_for(error: OSError) -> str:
    """The plain sentence a worker sees for a failed write."""
    if error.errno in _NO_SPACE:
        return "There is not enough space on the disk to save."
    if isinstance(error, PermissionError) or error.errno in _NOT_WRITABLE:
        return (
            "The data folder cannot be written to, or another program is holding the file, "
            "so the changes could not be saved."
        )
    return "The changes could not be saved because the disk reported a problem."


def atomic_write(
    path: Path, data: bytes, *, keep_backup: bool = False, durable: bool = True
) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    Args:
        path: the file to create or replace.
        data: its complete new content.
        keep_backup: keep the current file (if any) as ``<name>.bak`` first. The caller
            asks for this only when it knows the current file is good.

    Raises:
        SaveFailed: the write did not complete; ``path`` is as it was before and no
            temporary file remains. ``str(error)`` is a plain sentence.
    """
    path = Path(path)
    temp = temp_name_for(path)
    try:
        if keep_backup and path.exists():
            _keep_backup(path)
        _write_temp(temp, data, durable=durable)
        _replace_with_retry(temp, path)
    except OSError as error:
        _remove_quietly(temp)
        log.warning("Write to %s failed (errno %s)", path.name, error.errno)
        raise SaveFailed(message_for(error)) from error
    except BaseException:
        _remove_quietly(temp)
        raise
    if durable:
        _fsync_folder(path.parent)


def _write_temp(temp: Path, data: bytes, *, durable: bool = True) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)


def _keep_backup(path: Path) -> None:
    """Make ``<name>.bak`` the current file, without a moment where it is missing.

    A hard link costs no copy: the old content is already on disk and survives the
    coming ``os.replace`` of the main name. File systems without links get a copy.
    """
    backup = backup_path(path)
    link = temp_name_for(backup)
    try:
        os.link(path, link)
    except OSError:
        _write_temp(link, path.read_bytes())
    try:
        _replace_with_retry(link, backup)
    except BaseException:
        _remove_quietly(link)
        raise


def replace_retrying(source: Path, target: Path) -> None:
    """``os.replace``, waiting a few seconds for a program that holds either file."""
    retry_while_held(lambda: os.replace(source, target), f"Replacing {target.name}")


_replace_with_retry = replace_retrying


def _fsync_folder(folder: Path) -> None:
    # Windows cannot open a folder for fsync; NTFS journals the rename itself.
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        log.info("fsync of the data folder is not supported here")
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
