"""``ce-desktop --self-test`` runs every step and says so, one line each."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from ce_desktop.gui import selftest


def test_self_test_passes_as_a_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ce_desktop", "--self-test"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "ok   main window",
        "ok   vault",
        "ok   import sample",
        "ok   export PDF",
        "ok   verify PDF",
    ]
    assert lines[-1] == "self-test passed"


def test_a_failing_step_is_reported_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_state: dict[str, object]) -> str:
        raise OSError("disk unplugged")

    monkeypatch.setattr(selftest, "_export_pdf", broken)
    monkeypatch.setattr(selftest, "_open_window", lambda _w, _s: "skipped in this test")
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    assert out.getvalue().splitlines()[-1] == "FAIL export PDF: OSError: disk unplugged"
