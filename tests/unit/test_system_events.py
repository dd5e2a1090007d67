"""Which system messages lock the app: the decisions, with synthetic messages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ce_desktop import system_events as events


@pytest.mark.parametrize(
    ("message", "wparam", "reason"),
    [
        (events.WM_WTSSESSION_CHANGE, events.WTS_SESSION_LOCK, events.SCREEN_LOCKED),
        (events.WM_WTSSESSION_CHANGE, events.WTS_CONSOLE_DISCONNECT, events.DISCONNECTED),
        (events.WM_WTSSESSION_CHANGE, events.WTS_REMOTE_DISCONNECT, events.DISCONNECTED),
        (events.WM_WTSSESSION_CHANGE, events.WTS_SESSION_LOGOFF, events.ENDING),
        (events.WM_POWERBROADCAST, events.PBT_APMSUSPEND, events.SLEEP),
        (events.WM_QUERYENDSESSION, 0, events.ENDING),
        (events.WM_ENDSESSION, 1, events.ENDING),
    ],
)
def test_windows_lock_sleep_and_disconnect_lock_the_app(
    message: int, wparam: int, reason: str
) -> None:
    assert events.windows_reason(message, wparam) == reason


@pytest.mark.parametrize(
    ("message", "wparam"),
    [
        (events.WM_WTSSESSION_CHANGE, 0x8),  # WTS_SESSION_UNLOCK
        (events.WM_WTSSESSION_CHANGE, 0x1),  # WTS_CONSOLE_CONNECT
        (events.WM_POWERBROADCAST, 0x12),  # PBT_APMRESUMEAUTOMATIC
        (events.WM_POWERBROADCAST, 0xA),  # PBT_APMPOWERSTATUSCHANGE (plugged in)
        (events.WM_ENDSESSION, 0),  # the shut-down was cancelled
        (0x0200, 0),  # WM_MOUSEMOVE
        (0x0100, events.WTS_SESSION_LOCK),  # WM_KEYDOWN with a lookalike wParam
    ],
)
def test_other_windows_messages_pass(message: int, wparam: int) -> None:
    assert events.windows_reason(message, wparam) is None


def test_dbus_screen_savers_and_logind() -> None:
    for saver in events.SCREEN_SAVERS:
        assert events.dbus_reason(saver.interface, "ActiveChanged", [True]) == events.SCREEN_LOCKED
        assert events.dbus_reason(saver.interface, "ActiveChanged", [False]) is None
    manager = events.PREPARE_FOR_SLEEP.interface
    assert events.dbus_reason(manager, "PrepareForSleep", [True]) == events.SLEEP
    assert events.dbus_reason(manager, "PrepareForSleep", [False]) is None  # waking up
    assert events.dbus_reason("org.freedesktop.login1.Session", "Lock", []) == events.SCREEN_LOCKED
    assert events.dbus_reason("org.freedesktop.login1.Session", "Unlock", []) is None
    assert events.dbus_reason("org.example.Other", "ActiveChanged", [True]) is None


def test_the_decisions_need_no_qt() -> None:
    code = "import sys, ce_desktop.system_events; print('PySide6' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
