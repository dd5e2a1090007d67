"""Test configuration shared by every test.

Qt is told to render offscreen before anything can import it (without a display Qt
would abort the process), and every test gets its own data folder so that no test
ever touches a real user's folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")
os.environ.setdefault("LC_ALL", "C.UTF-8")

# PySide6 6.12.0 drops a reference to True on every emit; see the module's docstring.
from ce_desktop.gui.signal_leak import guard_against_emit_leak

guard_against_emit_leak()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data folder for this test, also set as ``CE_DESKTOP_DATA_DIR``."""
    folder = tmp_path / "ce-data"
    folder.mkdir()
    monkeypatch.setenv("CE_DESKTOP_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # The main window makes storage refuse to wait on the UI thread; undo it per test.
    from ce_desktop.storage import atomic

    monkeypatch.setattr(atomic, "wait_allowed", atomic.wait_allowed)
    return folder


@pytest.fixture
def floor_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real Argon2id at the floor parameters, without the 0.5 s calibration."""
    from ce_desktop.storage import keystore

    monkeypatch.setattr(keystore, "CALIBRATION_TARGET_SECONDS", 0)
