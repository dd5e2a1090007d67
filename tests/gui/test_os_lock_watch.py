"""The system's lock, sleep and disconnect events lock the app (through Qt)."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import textwrap
from ctypes import wintypes

import pytest

from ce_desktop import system_events as events
from ce_desktop.gui.locking import IdleWatch
from ce_desktop.gui.os_lock_filter import _WindowsMessages


def _msg(message: int, wparam: int) -> wintypes.MSG:
    msg = wintypes.MSG()
    msg.message, msg.wParam = message, wparam
    return msg


def test_the_native_filter_reads_windows_messages_and_never_consumes_them() -> None:
    heard: list[str] = []
    native = _WindowsMessages(heard.append)
    for message, wparam in (
        (events.WM_WTSSESSION_CHANGE, events.WTS_SESSION_LOCK),
        (events.WM_POWERBROADCAST, events.PBT_APMSUSPEND),
        (0x0200, 0),
    ):
        msg = _msg(message, wparam)
        assert native.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(msg)) == (False, 0)
    lookalike = _msg(events.WM_WTSSESSION_CHANGE, events.WTS_SESSION_LOCK)
    native.nativeEventFilter(b"xcb_generic_event_t", ctypes.addressof(lookalike))
    assert heard == [events.SCREEN_LOCKED, events.SLEEP]


def test_a_system_lock_event_locks_while_unlocked_only(qtbot) -> None:
    watch = IdleWatch(idle_minutes=5)
    asked: list[str] = []
    watch.lock_requested.connect(asked.append)
    watch.start()
    try:
        watch.os_events.hear(events.SCREEN_LOCKED)
        assert asked == ["system"]
        assert not watch.watching
        watch.os_events.hear(events.SLEEP)  # already locked: nothing more
        assert asked == ["system"]
    finally:
        watch.detach()


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dbus-run-session") is None,
    reason="needs a D-Bus session daemon (dbus-run-session)",
)
def test_a_screen_saver_on_a_real_session_bus_locks() -> None:
    program = textwrap.dedent(
        """
        import subprocess
        from PySide6.QtCore import QCoreApplication, QTimer
        app = QCoreApplication([])
        from ce_desktop.gui.os_lock_filter import OsLockWatch
        watch = OsLockWatch()
        watch.start(None)
        heard = []
        watch.lock_requested.connect(lambda reason: (heard.append(reason), app.quit()))
        def send(value):
            subprocess.run(["dbus-send", "--session", "--type=signal",
                "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged",
                "boolean:" + value], check=True)
        QTimer.singleShot(0, lambda: (send("false"), send("true")))
        QTimer.singleShot(60000, app.quit)  # a bound on a failure, not a wait on success
        app.exec()
        print("listening", len(watch.listening))
        print("heard", heard)
        """
    )
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "heard ['screen locked']" in result.stdout, result.stdout + result.stderr
