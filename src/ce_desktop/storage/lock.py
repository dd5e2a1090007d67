"""The single-instance lock (PRODUCT §5.1): one running CE Desktop per data folder.

The lock file holds the owner's process id, host name and a random token. A second
process finding a live owner is refused; a lock whose process has gone (a crash, a
power cut) is stale and is taken over. On another host (a shared folder) the owner
cannot be checked, so the lock is respected.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import sys
from pathlib import Path

from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.errors import AlreadyRunning, FolderNotWritable, SaveFailed


def pid_alive(pid: int) -> bool:
    """Whether a process with this id is running on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        process_query_limited_information = 0x1000
        still_active = 259
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == still_active
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


class InstanceLock:
    """The lock on one data folder, held from :meth:`acquire` until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        """Prepare the lock at ``path`` (nothing is written yet)."""
        self.path = path
        self._token = secrets.token_hex(8)
        self._held = False

    def _content(self) -> bytes:
        owner = {"pid": os.getpid(), "host": socket.gethostname(), "token": self._token}
        return json.dumps(owner).encode("utf-8")

    def _owner(self) -> dict[str, object] | None:
        try:
            owner = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return None
        return owner if isinstance(owner, dict) else None

    def _is_stale(self, owner: dict[str, object] | None) -> bool:
        if owner is None:
            return True  # empty or half-written by a process that died while writing
        if owner.get("host") != socket.gethostname():
            return False
        pid = owner.get("pid")
        return not isinstance(pid, int) or not pid_alive(pid)

    def acquire(self) -> None:
        """Take the lock, taking over a stale one.

        Raises:
            AlreadyRunning: a live process holds it.
            FolderNotWritable: the lock file cannot be created.
        """
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except FileExistsError:
            self._take_over_if_stale()
        except OSError as error:
            raise FolderNotWritable() from error
        else:
            try:
                os.write(fd, self._content())
                os.fsync(fd)
            finally:
                os.close(fd)
        self._held = True

    def _take_over_if_stale(self) -> None:
        if not self._is_stale(self._owner()):
            raise AlreadyRunning()
        try:
            atomic_write(self.path, self._content())
        except SaveFailed as error:
            raise FolderNotWritable() from error
        owner = self._owner()
        # Two processes taking over at once: the last rename wins, the other backs off.
        if owner is None or owner.get("token") != self._token:
            raise AlreadyRunning()

    def release(self) -> None:
        """Give the lock up (only if this object still holds it)."""
        if not self._held:
            return
        self._held = False
        owner = self._owner()
        if owner is not None and owner.get("token") == self._token:
            with contextlib.suppress(OSError):
                self.path.unlink()

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._held
