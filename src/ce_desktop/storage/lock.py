"""The single-instance lock (PRODUCT §5.1): one running CE Desktop per data folder.

The lock file ``ce-desktop.lock`` says who holds it: process id, that process's start
time, host name and a random token. It appears whole or not at all: the content is
written to a private temporary file first, which is then hard-linked to the lock's
name; a link, unlike a rename, fails if the name exists, so of any number of
processes starting at once exactly one holds the lock, and an empty lock file is
never left behind.

The holder also keeps the file open with an operating-system lock on it for as long
as it runs (``flock`` on Linux and macOS, a byte-range lock on Windows). The system
drops that lock when the process ends, however it ends, so "is it still held?" has a
sure answer that neither a reused process id nor a renamed laptop can fool. Where the
file system offers no such locks, the judgement falls back on the process id and
its start time (a reused id has another start time); a holder on another machine
then cannot be checked and is respected.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import json
import logging
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ce_desktop.storage import process_info
from ce_desktop.storage.errors import AlreadyRunning, FolderNotWritable

log = logging.getLogger(__name__)

TAKING_SUFFIX = ".taking"
"""The temporary file a lock is written to before it is linked into place."""

_LEFTOVER_SECONDS = 60.0
_NO_LINKS = {errno.EPERM, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL}
"""What ``os.link`` says on a file system without hard links (FAT, some shares); a
``PermissionError`` (Windows refusing to link a file held open) also falls back."""
pid_alive = process_info.pid_alive


class Holder(enum.Enum):
    """What can be proven about a lock file's holder."""

    NONE = "no lock"
    LIVE = "held by a running CE Desktop"
    GONE = "left by a CE Desktop that is no longer running"
    UNKNOWN = "held from another computer, which cannot be checked from here"


@dataclass(frozen=True)
class Judgement:
    """A lock file's holder as far as it can be proven, and who it says it is."""

    holder: Holder
    pid: int | None = None
    host: str | None = None


def _os_lock(fd: int, *, blocking: bool = False) -> bool | None:
    """Try the OS lock on an open file: True taken, False held elsewhere, None unsupported."""
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            # A byte far past the content: Windows' locks are mandatory, and readers
            # of the content must not be refused.
            os.lseek(fd, 1 << 30, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except (BlockingIOError, PermissionError):
        return False
    except OSError as error:
        if sys.platform == "win32":  # pragma: no cover - msvcrt says "held" as EDEADLOCK
            if error.errno in {errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}:
                return False
        log.info("The file system offers no file locks (%s)", type(error).__name__)
        return None
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


class InstanceLock:
    """The lock on one data folder, held from :meth:`acquire` until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        """Prepare the lock at ``path`` (nothing is written yet)."""
        self.path = Path(path)
        self._token = secrets.token_hex(8)
        self._fd: int | None = None
        self._held = False

    def _content(self) -> bytes:
        pid = os.getpid()
        owner = {
            "pid": pid,
            "started": process_info.start_time(pid),
            "host": socket.gethostname(),
            "token": self._token,
        }
        return json.dumps(owner).encode("utf-8")

    def _owner(self) -> dict[str, object] | None:
        try:
            owner = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return None
        return owner if isinstance(owner, dict) else None

    # Judging -------------------------------------------------------------------

    def judge(self) -> Judgement:
        """Who holds the lock file, as far as can be proven; changes nothing."""
        fd = self._open_existing()
        if fd is None:
            return Judgement(Holder.NONE)
        try:
            return self._judge_open(fd)[0]
        finally:
            os.close(fd)

    def _open_existing(self) -> int | None:
        try:
            return os.open(self.path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            return None
        except OSError:
            try:  # a read-only folder: the lock can still be judged, not taken
                return os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            except FileNotFoundError:
                return None

    def _judge_open(self, fd: int) -> tuple[Judgement, bool]:
        """The judgement, and whether this call now holds the OS lock on ``fd``."""
        owner = self._owner() or {}
        pid = owner.get("pid")
        host = owner.get("host")
        named = Judgement(
            Holder.LIVE,
            pid if isinstance(pid, int) else None,
            host if isinstance(host, str) else None,
        )
        taken = _os_lock(fd)
        if taken is False:
            return named, False
        if taken is True:
            # Every live holder keeps the OS lock for its whole life: nobody has it.
            return Judgement(Holder.GONE, named.pid, named.host), True
        if not owner:
            return Judgement(Holder.GONE), False  # no content worth respecting
        if named.host != socket.gethostname():
            return Judgement(Holder.UNKNOWN, named.pid, named.host), False
        started = owner.get("started")
        alive = named.pid is not None and process_info.is_running(
            named.pid, started if isinstance(started, (int, str)) else None
        )
        return Judgement(Holder.LIVE if alive else Holder.GONE, named.pid, named.host), False

    # Taking and giving up --------------------------------------------------------

    def acquire(self) -> None:
        """Take the lock, taking over one whose holder has provably gone.

        Raises:
            AlreadyRunning: a running CE Desktop holds it (or one on another computer).
            FolderNotWritable: the lock cannot be written (a read-only or full disk).
        """
        taking = self._write_taking_file()
        try:
            for _attempt in range(5):
                if self._link(taking):
                    self._held = True
                    self._remove_leftovers()
                    return
                self._clear_if_gone()
            raise AlreadyRunning()
        except BaseException:
            self._close()
            raise
        finally:
            with contextlib.suppress(OSError):
                taking.unlink()

    def _write_taking_file(self) -> Path:
        taking = self.path.with_name(f"{self.path.name}.{secrets.token_hex(6)}{TAKING_SUFFIX}")
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(taking, flags, 0o600)
        except OSError as error:
            raise FolderNotWritable() from error
        try:
            os.write(fd, self._content())
            os.fsync(fd)
        except OSError as error:
            os.close(fd)
            with contextlib.suppress(OSError):
                taking.unlink()
            raise FolderNotWritable() from error
        _os_lock(fd)  # the lock lives on the file itself, so the link carries it
        self._fd = fd
        return taking

    def _link(self, taking: Path) -> bool:
        """Link the finished file into place; False if a lock file is already there."""
        try:
            os.link(taking, self.path)
            return True
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno in _NO_LINKS or isinstance(error, PermissionError):
                return self._create_exclusive()
            self._close()
            raise FolderNotWritable() from error

    def _create_exclusive(self) -> bool:
        # File systems without hard links: the finished content in one write, at once.
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except FileExistsError:
            return False
        except OSError as error:
            self._close()
            raise FolderNotWritable() from error
        try:
            os.write(fd, self._content())
        except OSError as error:
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink()
            self._close()
            raise FolderNotWritable() from error
        _os_lock(fd)
        self._close()
        self._fd = fd
        return True

    def _clear_if_gone(self) -> None:
        fd = self._open_existing()
        if fd is None:
            return
        try:
            judgement, locked = self._judge_open(fd)
            if judgement.holder in {Holder.LIVE, Holder.UNKNOWN}:
                raise AlreadyRunning()
            if locked and not _same_file(fd, self.path):
                return  # replaced while we judged: judge the new one
            if sys.platform == "win32":  # pragma: no cover - an open file cannot be removed
                os.close(fd)
                fd = -1
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            log.info("A lock left by a process that is no longer running was cleared")
        except PermissionError as error:
            raise AlreadyRunning() from error
        finally:
            if fd >= 0:
                os.close(fd)

    def _remove_leftovers(self) -> None:
        """Remove taking files that a process killed mid-start left behind."""
        now = time.time()
        for path in self.path.parent.glob(f"{self.path.name}.*{TAKING_SUFFIX}"):
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime > _LEFTOVER_SECONDS:
                    path.unlink()

    def _close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def release(self) -> None:
        """Give the lock up (only if this object still holds it)."""
        if not self._held:
            return
        self._held = False
        owner = self._owner()
        if sys.platform == "win32":  # pragma: no cover - an open file cannot be removed
            self._close()
        if owner is not None and owner.get("token") == self._token:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._close()

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._held


def clear_if_not_held(path: Path) -> Judgement:
    """Remove the lock file at ``path`` if its holder has provably gone.

    Returns:
        The judgement made; the file was removed only if it says ``GONE``.
    """
    lock = InstanceLock(path)
    judgement = lock.judge()
    if judgement.holder is Holder.GONE:
        with contextlib.suppress(AlreadyRunning):
            lock._clear_if_gone()
    return judgement
