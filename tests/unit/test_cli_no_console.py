"""The windowed bundle starts with no standard streams: every command still works.

PyInstaller's windowed executable gets ``sys.stdout`` and ``sys.stderr`` set to
``None``; these tests call the command line's ``main`` exactly so, and read what the
worker would see in the window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from ce_desktop import cli, logfile
from ce_desktop.cli import streams

Shown = list[tuple[str, int]]


@pytest.fixture
def no_console(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Shown]:
    """Both streams None, as in the windowed bundle; the window's messages recorded."""
    shown: Shown = []
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdin", None)
    missing: dict[str, object] = {}
    monkeypatch.setattr(streams, "_missing", missing)
    monkeypatch.setattr(streams, "show_in_window", lambda text, code: shown.append((text, code)))
    monkeypatch.setenv("CE_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    yield shown
    logfile.uninstall()
    for null in missing.values():
        null.close()  # type: ignore[attr-defined]


def test_schema_is_shown_in_the_window(no_console: Shown) -> None:
    assert cli.main(["schema"]) == 0
    [(text, code)] = no_console
    assert code == 0
    assert json.loads(text)["$schema"].startswith("https://json-schema.org/")


def test_a_usage_error_is_shown_in_the_window(no_console: Shown) -> None:
    assert cli.main(["no-such-command"]) == 2
    [(text, code)] = no_console
    assert code == 2
    assert "see 'ce-desktop --help'" in text


def test_help_is_shown_in_the_window(no_console: Shown) -> None:
    assert cli.main(["--help"]) == 0
    [(text, _code)] = no_console
    assert "ce-desktop-cli" not in text  # argparse's own help, not a hint
    assert "usage: ce-desktop" in text


def test_a_passphrase_prompt_points_at_the_console_executable(
    no_console: Shown, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "keystore.json").write_text("{}", encoding="utf-8")
    assert cli.main(["list"]) == 2
    [(text, _code)] = no_console
    assert "ce-desktop-cli" in text
    assert "Traceback" not in text


def test_missing_streams_point_at_the_null_device(no_console: Shown) -> None:
    assert streams.attach_missing_streams() is True
    assert sys.stdout is not None
    assert sys.stderr is not None
    print("lost quietly")
    sys.stderr.write("also lost\n")
    assert not streams.has_console()


def test_the_self_test_runs_with_no_streams(tmp_path: Path) -> None:
    shown = tmp_path / "shown.txt"
    program = textwrap.dedent(
        f"""
        import sys
        sys.stdout = sys.stderr = sys.stdin = None
        from pathlib import Path
        from ce_desktop import cli
        from ce_desktop.cli import streams
        def show(text, code):
            Path({str(shown)!r}).write_text(f"{{code}}\\n{{text}}", encoding="utf-8")
        streams.show_in_window = show
        raise SystemExit(cli.main(["--self-test"]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "CE_DESKTOP_DATA_DIR": str(tmp_path / "data"),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # (Qt's own C++ warnings go to the descriptor, not Python)
    code, *lines = shown.read_text(encoding="utf-8").splitlines()
    assert code == "0"
    assert lines[-1] == "self-test passed"


def test_a_windowed_command_writes_the_log_beside_the_data_folder(
    no_console: Shown, tmp_path: Path
) -> None:
    cli.main(["no-such-command"])
    assert (tmp_path / "data.log").exists()
