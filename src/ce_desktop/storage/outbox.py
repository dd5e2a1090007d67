"""The outbox: a private folder for files handed to the mail program, then removed.

The email draft (``.eml``) and the PDF attached through Simple MAPI are plaintext or
a protected PDF the mail program must read from disk. They are written to a folder
only this user can open, beside the data folder (``%LOCALAPPDATA%\\CE Desktop outbox``
on Windows: local, never synced by OneDrive), never to Documents, and removed once
the mail program has them: at once after a Simple MAPI hand-over, a few minutes
after an ``.eml`` is opened, and at the next start for anything a crash left behind.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from ce_desktop.storage.atomic import atomic_write

KEEP_SECONDS = 120.0
"""How long an opened ``.eml`` stays: the mail program reads it when it opens it."""


def outbox_dir(data_dir: Path) -> Path:
    """The outbox of a data folder: ``<folder name> outbox`` in its parent."""
    return data_dir.parent / f"{data_dir.name} outbox"


def write(data_dir: Path, name: str, data: bytes) -> Path:
    """Write one file to the outbox (created owner-only) and return its path.

    Raises:
        SaveFailed: the file could not be written.
    """
    folder = outbox_dir(Path(data_dir))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)  # whatever the umask; Windows keeps the profile's ACL
    path = folder / name
    atomic_write(path, data, durable=False)
    return path


def remove(path: Path) -> None:
    """Remove a handed-over file (a file still held by the mail program stays for later)."""
    with contextlib.suppress(OSError):
        path.unlink()


def sweep(data_dir: Path, *, older_than: float = KEEP_SECONDS, now: float | None = None) -> int:
    """Remove outbox files older than ``older_than`` seconds; how many were removed."""
    folder = outbox_dir(Path(data_dir))
    moment = time.time() if now is None else now
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for path in entries:
        with contextlib.suppress(OSError):
            if path.is_file() and moment - path.stat().st_mtime >= older_than:
                path.unlink()
                removed += 1
    return removed
