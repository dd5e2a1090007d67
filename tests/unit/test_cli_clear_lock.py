"""``ce-desktop clear-lock`` removes a lock only when nobody can be holding it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ce_desktop import cli
from ce_desktop.storage.lock import InstanceLock


def test_a_lock_left_by_a_finished_process_is_removed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    lock = data_dir / "ce-desktop.lock"
    lock.write_text(json.dumps({"pid": finished.pid, "host": socket.gethostname()}), "utf-8")
    assert cli.main(["clear-lock"]) == 0
    assert "no longer running" in capsys.readouterr().err
    assert not lock.exists()
    assert cli.main(["clear-lock"]) == 0
    assert "no lock" in capsys.readouterr().err


def test_a_held_lock_is_left_and_its_holder_named(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = InstanceLock(data_dir / "ce-desktop.lock")
    held.acquire()
    try:
        assert cli.main(["clear-lock", "--data-dir", str(data_dir)]) == 1
        err = capsys.readouterr().err
        assert "CE Desktop is running with this data folder (process " in err
        assert (data_dir / "ce-desktop.lock").exists()
    finally:
        held.release()
