"""The operating system's lock and sleep events, heard through Qt.

``OsLockWatch`` asks for a lock when the system says the screen locked, the session
disconnected or ended, or the computer is going to sleep:

- on Windows through a native event filter on the app's windows, after registering
  the main window for session notifications (``WTSRegisterSessionNotification``);
  power broadcasts reach every top-level window without registering;
- on Linux through QtDBus, from the session bus's screen savers and the system bus's
  logind (both are simply absent where there is no bus, as in a container).

The decisions are :mod:`ce_desktop.system_events`'s (Qt-free, tested with synthetic
messages); this module only listens.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QCoreApplication,
    QObject,
    Signal,
    Slot,
)

from ce_desktop import system_events as events

log = logging.getLogger(__name__)

NOTIFY_FOR_THIS_SESSION = 0
_WINDOWS_MESSAGE = b"windows_generic_MSG"


class _WindowsMessages(QAbstractNativeEventFilter):
    """Qt's native event filter: every Windows message the app's windows receive."""

    def __init__(self, heard: Any) -> None:
        super().__init__()
        self._heard = heard

    def nativeEventFilter(self, eventType: Any, message: int) -> object:
        """Pass a lock-worthy message on; never consumes any (Qt sees them all)."""
        if bytes(eventType) == _WINDOWS_MESSAGE:
            fields = read_msg(int(message))
            if fields is not None:
                reason = events.windows_reason(*fields)
                if reason is not None:
                    self._heard(reason)
        return False, 0


def read_msg(address: int) -> tuple[int, int, int] | None:
    """(message, wParam, lParam) of the ``MSG`` structure at ``address``."""
    if not address:
        return None
    from ctypes import wintypes

    msg = wintypes.MSG.from_address(address)
    return int(msg.message), int(msg.wParam or 0), int(msg.lParam or 0)


def register_session_notifications(window_id: int) -> bool:  # pragma: no cover - Windows
    """Ask Windows to send session changes (lock, disconnect) to this window."""
    import ctypes

    try:
        wtsapi32 = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined]
        return bool(wtsapi32.WTSRegisterSessionNotification(window_id, NOTIFY_FOR_THIS_SESSION))
    except (OSError, AttributeError):
        log.warning("Session notifications are not available")
        return False


class OsLockWatch(QObject):
    """Asks for a lock when the operating system reports a lock, disconnect or sleep.

    Signals:
        lock_requested(str): the plain reason, one of :mod:`ce_desktop.system_events`' reasons.

    Attributes:
        listening: what is being listened to (for the log and the tests).
    """

    lock_requested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listening: list[str] = []
        self._filter: _WindowsMessages | None = None
        self._receiver: QObject | None = None

    def start(self, window_id: int | None) -> None:
        """Start listening; ``window_id`` is the main window's native handle (Windows)."""
        if self.listening:
            return
        if sys.platform == "win32":  # pragma: no cover - Windows only
            self._start_windows(window_id)
        elif sys.platform.startswith("linux"):
            self._start_dbus()
        log.info("Listening for system lock events: %s", ", ".join(self.listening) or "none")

    def _start_windows(self, window_id: int | None) -> None:  # pragma: no cover - Windows
        app = QCoreApplication.instance()
        if app is None:
            return
        self._filter = _WindowsMessages(self.hear)
        app.installNativeEventFilter(self._filter)
        self.listening.append("power broadcasts")
        if window_id and register_session_notifications(window_id):
            self.listening.append("session notifications")

    def _start_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusMessage
        except ImportError:
            return

        class Receiver(QObject):
            """QtDBus calls a slot by its signature: this one takes the whole message."""

            @Slot(QDBusMessage)
            def signal(self, message: QDBusMessage) -> None:
                watch.dbus_message(message.interface(), message.member(), message.arguments())

        watch = self
        self._receiver = Receiver(self)
        buses = {False: QDBusConnection.sessionBus(), True: QDBusConnection.systemBus()}
        # PySide6 6.12's stub says bytes, but only SLOT()'s str is accepted at run time.
        slot: Any = SLOT("signal(QDBusMessage)")
        for signal in events.LISTENED:
            bus = buses[signal.system_bus]
            path, interface, member = signal.path, signal.interface, signal.member
            if bus.isConnected() and bus.connect("", path, interface, member, self._receiver, slot):
                self.listening.append(f"{interface}.{member}")

    def stop(self) -> None:
        """Stop listening (when the window goes)."""
        app = QCoreApplication.instance()
        if self._filter is not None and app is not None:  # pragma: no cover - Windows
            app.removeNativeEventFilter(self._filter)
        self._filter = None

    def dbus_message(self, interface: str, member: str, arguments: list[object]) -> None:
        """One D-Bus signal: lock if :func:`system_events.dbus_reason` says so."""
        reason = events.dbus_reason(interface, member, arguments)
        if reason is not None:
            self.hear(reason)

    def hear(self, reason: str) -> None:
        """A reason to lock has been heard."""
        log.info("The system asked for a lock: %s", reason)
        self.lock_requested.emit(reason)
