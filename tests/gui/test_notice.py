"""A windowed command's output is shown whole, or cut with a pointer to the console one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from ce_desktop.gui import notice


def test_long_output_is_cut_and_says_where_the_rest_is() -> None:
    text = "\n".join(f"line {n}" for n in range(100))
    short = notice.shortened(text)
    assert short.splitlines()[: notice.MAX_LINES] == text.splitlines()[: notice.MAX_LINES]
    assert short.endswith("(70 more lines: run ce-desktop-cli to see them all.)")
    assert notice.shortened("two\nlines") == "two\nlines"


def test_a_failed_command_is_a_warning(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, QMessageBox.Icon]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append((box.text(), box.icon())))
    notice.show_command_output("ce-desktop: the passphrase is not correct.", 1)
    notice.show_command_output("self-test passed", 0)
    assert seen == [
        ("ce-desktop: the passphrase is not correct.", QMessageBox.Icon.Warning),
        ("self-test passed", QMessageBox.Icon.Information),
    ]
