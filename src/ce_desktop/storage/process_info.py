"""Whether a process is running, and when it started (to tell a reused process id).

Windows reuses process ids soon, Linux after a wrap-around: a lock naming pid 4242
proves nothing if today's 4242 is another program. A process's start time does:
``/proc/<pid>/stat`` with the boot id on Linux, ``GetProcessTimes`` on Windows. Where
neither is available (macOS without extra libraries), only the id is compared.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PROC = Path("/proc")


def pid_alive(pid: int) -> bool:
    """Whether a process with this id is running on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_creation_time(pid) is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def start_time(pid: int) -> str | None:
    """When the process started, as an opaque text to compare; None where unknown."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        created = _windows_creation_time(pid)
        return None if created is None else f"win:{created}"
    return _linux_start_time(pid)


def is_running(pid: int, started: int | str | None) -> bool:
    """Whether the process that wrote ``(pid, started)`` is still the one running.

    A live process with the same id but another start time is a different program
    (the id was reused). With no start time to compare, a live id counts as running.
    """
    if not pid_alive(pid):
        return False
    if started is None:
        return True
    now = start_time(pid)
    return now is None or now == str(started)


def _linux_start_time(pid: int) -> str | None:
    try:
        stat = (_PROC / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
        boot = (_PROC / "sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return None
    # "pid (name) state ppid ...": the name may hold spaces and brackets, so split
    # after the last ")"; start time is the 22nd field, the 20th after the name.
    fields = stat.rpartition(")")[2].split()
    if len(fields) < 20:
        return None
    return f"{boot}:{fields[19]}"


def _windows_creation_time(pid: int) -> int | None:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    process_query_limited_information = 0x1000
    still_active = 259
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return None
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return None
        if code.value != still_active:
            return None
        times = [wintypes.FILETIME() for _ in range(4)]
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        created = times[0]
        return int((created.dwHighDateTime << 32) | created.dwLowDateTime)
    finally:
        kernel32.CloseHandle(handle)
