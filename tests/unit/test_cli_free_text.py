"""Free text on the command line (a note, a reason) is read in one way: from a file or
standard input, stripped, refused plainly when unreadable or too long."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ce_desktop.cli import common
from ce_desktop.cli.common import CommandError, read_free_text


def test_from_standard_input_or_a_file_without_the_blank_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n  Fictional reason.\nSecond line.\n\n"))
    assert read_free_text(None, "reason", "Nothing was amended.") == (
        "Fictional reason.\nSecond line."
    )
    text = tmp_path / "note.txt"
    text.write_text("Fictional note.\n", encoding="utf-8")
    assert read_free_text(text, "note", "Nothing was recorded.") == "Fictional note."


def test_unreadable_or_too_long_is_refused_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = tmp_path / "binary"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(CommandError, match=r"^The note file .* could not be read as text\.$"):
        read_free_text(binary, "note", "Nothing was recorded.")
    with pytest.raises(CommandError, match="could not be read"):
        read_free_text(tmp_path / "missing", "reason", "Nothing was amended.")
    monkeypatch.setattr(common, "FREE_TEXT_LIMIT", 10)
    monkeypatch.setattr("sys.stdin", io.StringIO("x" * 11))
    with pytest.raises(CommandError, match=r"^The reason is too long\. Nothing was amended\.$"):
        read_free_text(None, "reason", "Nothing was amended.")
