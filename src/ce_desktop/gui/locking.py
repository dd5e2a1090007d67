"""Idle auto-lock (PRODUCT §5.7): lock after the idle time, and when the session hides.

``IdleWatch`` is an application-wide event filter: every key press, click, wheel turn
or mouse move marks the worker as present. A slow check (every few seconds) asks
the lock once nobody has been present for the idle time. Marking presence is a clock
read, so the filter costs nothing measurable per event. It also asks for a lock when
Qt reports the application suspended or hidden (where the platform reports it), and
when the operating system itself says the screen locked, the session disconnected
or the computer is going to sleep (:class:`~ce_desktop.gui.os_lock_filter.OsLockWatch`:
Windows' session and power messages, Linux's screen saver and logind over D-Bus).

The lock itself (save, remember the place, clear the widgets, drop the key) belongs to
the main window; this module only decides when.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ce_desktop.domain.defaults import DEFAULT_IDLE_MINUTES
from ce_desktop.gui.os_lock_filter import OsLockWatch

CHECK_MS = 5000

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
        QEvent.Type.Shortcut,
    }
)

_HIDDEN_STATES = frozenset(
    {Qt.ApplicationState.ApplicationSuspended, Qt.ApplicationState.ApplicationHidden}
)


class IdleWatch(QObject):
    """Asks for a lock after a period without input, or when the app is hidden.

    Signals:
        lock_requested(str): ``"idle"``, ``"hidden"`` or ``"system"``.

    Attributes:
        idle_ms: how long without input before locking.
    """

    lock_requested = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        idle_minutes: int = DEFAULT_IDLE_MINUTES,
        check_ms: int = CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self.idle_ms = idle_minutes * 60_000
        self._since_input = QElapsedTimer()
        self._since_input.start()
        self._check = QTimer(self)
        self._check.setInterval(check_ms)
        self._check.timeout.connect(self._check_idle)
        self._installed = False
        self.os_events = OsLockWatch(self)
        self.os_events.lock_requested.connect(self._system_asked)

    def set_idle_minutes(self, minutes: int) -> None:
        """Change the idle time (from Settings)."""
        self.idle_ms = minutes * 60_000

    def set_check_interval(self, milliseconds: int) -> None:
        """How often idleness is checked (tests shorten it)."""
        self._check.setInterval(milliseconds)

    @property
    def watching(self) -> bool:
        """Whether the watch is running (only while unlocked)."""
        return self._check.isActive()

    def start(self) -> None:
        """Start watching: from now, the worker counts as present."""
        app = QGuiApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            if isinstance(app, QGuiApplication):
                app.applicationStateChanged.connect(self._state_changed)
            self._installed = True
            window = self.parent()
            self.os_events.start(int(window.winId()) if isinstance(window, QWidget) else None)
        self._since_input.restart()
        self._check.start()

    def stop(self) -> None:
        """Stop watching (while locked there is nothing to lock)."""
        self._check.stop()

    def detach(self) -> None:
        """Remove the event filter from the application (when the window goes)."""
        self._check.stop()
        app = QGuiApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            if isinstance(app, QGuiApplication):
                app.applicationStateChanged.disconnect(self._state_changed)
        self.os_events.stop()
        self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Note any input as presence; never consumes the event."""
        if event.type() in _INPUT_EVENTS:
            self._since_input.restart()
        return False

    def _check_idle(self) -> None:
        if self._since_input.elapsed() >= self.idle_ms:
            self._check.stop()
            self.lock_requested.emit("idle")

    def _system_asked(self, _reason: str) -> None:
        if self._check.isActive():
            self._check.stop()
            self.lock_requested.emit("system")

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state in _HIDDEN_STATES and self._check.isActive():
            self._check.stop()
            self.lock_requested.emit("hidden")
