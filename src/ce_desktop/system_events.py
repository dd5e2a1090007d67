"""What the operating system says that must lock the app: the decisions, without Qt.

The Windows platform plugin reports only "active" and "inactive" (window focus), never
that the screen was locked or the laptop is going to sleep, so the app listens to the
system itself. These functions turn one system message into a reason to lock, or
None; :mod:`ce_desktop.gui.os_lock_filter` feeds them from Qt. Keeping the decisions
here lets the tests give them synthetic messages on any system.

Windows (``WM_WTSSESSION_CHANGE`` after ``WTSRegisterSessionNotification``, and
``WM_POWERBROADCAST``, sent to every top-level window)::

    WM_WTSSESSION_CHANGE  wParam WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT,
                          WTS_REMOTE_DISCONNECT, WTS_SESSION_LOGOFF  -> lock
    WM_POWERBROADCAST     wParam PBT_APMSUSPEND                      -> lock
    WM_QUERYENDSESSION / WM_ENDSESSION (shut-down, sign-out)         -> lock (saves first)

Linux (D-Bus signals): the session bus's screen savers
(``org.freedesktop.ScreenSaver`` and ``org.gnome.ScreenSaver``, ``ActiveChanged(true)``)
and the system bus's logind (``org.freedesktop.login1.Manager.PrepareForSleep(true)``,
``org.freedesktop.login1.Session.Lock``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WM_QUERYENDSESSION = 0x0011
WM_ENDSESSION = 0x0016
WM_POWERBROADCAST = 0x0218
WM_WTSSESSION_CHANGE = 0x02B1

PBT_APMSUSPEND = 0x0004

WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOGOFF = 0x6
WTS_SESSION_LOCK = 0x7

SCREEN_LOCKED = "screen locked"
DISCONNECTED = "session disconnected"
SLEEP = "going to sleep"
ENDING = "session ending"

_WTS_REASONS = {
    WTS_SESSION_LOCK: SCREEN_LOCKED,
    WTS_CONSOLE_DISCONNECT: DISCONNECTED,
    WTS_REMOTE_DISCONNECT: DISCONNECTED,
    WTS_SESSION_LOGOFF: ENDING,
}


def windows_reason(message: int, wparam: int, lparam: int = 0) -> str | None:
    """The reason to lock for one Windows message, or None to let it pass."""
    if message == WM_WTSSESSION_CHANGE:
        return _WTS_REASONS.get(wparam)
    if message == WM_POWERBROADCAST:
        return SLEEP if wparam == PBT_APMSUSPEND else None
    if message == WM_QUERYENDSESSION:
        return ENDING
    if message == WM_ENDSESSION:
        return ENDING if wparam else None  # wParam FALSE: the shut-down was cancelled
    return None


@dataclass(frozen=True)
class DBusSignal:
    """One D-Bus signal the app listens to."""

    system_bus: bool
    path: str
    interface: str
    member: str


SCREEN_SAVERS = (
    DBusSignal(
        False, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"
    ),
    DBusSignal(False, "/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"),
    DBusSignal(False, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged"),
)
PREPARE_FOR_SLEEP = DBusSignal(
    True, "/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep"
)
# logind emits Lock from the session's own object path (".../session/_32"), which the
# app does not know in advance: any path matches (another session's lock locks too,
# which errs on the safe side).
SESSION_LOCK = DBusSignal(True, "", "org.freedesktop.login1.Session", "Lock")
LISTENED = (*SCREEN_SAVERS, PREPARE_FOR_SLEEP, SESSION_LOCK)


def dbus_reason(interface: str, member: str, arguments: Sequence[object]) -> str | None:
    """The reason to lock for one D-Bus signal, or None to let it pass."""
    first = arguments[0] if arguments else None
    if member == "ActiveChanged" and interface.endswith("ScreenSaver"):
        return SCREEN_LOCKED if first is True else None
    if interface == PREPARE_FOR_SLEEP.interface and member == PREPARE_FOR_SLEEP.member:
        return SLEEP if first is True else None
    if interface == SESSION_LOCK.interface and member == SESSION_LOCK.member:
        return SCREEN_LOCKED
    return None
