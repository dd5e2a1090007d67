"""A command's output, shown in a window when the executable has no console.

The windowed bundle's ``ce-desktop.exe list`` or ``--self-test`` would otherwise end in
silence. The text is what the command printed (plain sentences, references, the
self-test's lines); a long output is cut with a pointer to ``ce-desktop-cli``.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from ce_desktop.gui.dialogs import Dialogs

MAX_LINES = 30


def shortened(text: str, max_lines: int = MAX_LINES) -> str:
    """``text`` cut to ``max_lines`` lines, saying how many more there are and where."""
    lines = text.splitlines()
    if len(lines) <= max_lines:
        return text
    rest = len(lines) - max_lines
    return "\n".join(
        [*lines[:max_lines], "", f"({rest} more lines: run ce-desktop-cli to see them all.)"]
    )


def show_command_output(text: str, exit_code: int, dialogs: Dialogs | None = None) -> None:
    """A message box with the command's output; a warning if it did not succeed."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if dialogs is None:
        dialogs = Dialogs(None)  # plain text: the output is never taken for markup
    (dialogs.inform if exit_code == 0 else dialogs.warn)("CE Desktop", shortened(text))
    app.processEvents()
