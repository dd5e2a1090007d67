"""Commands without a console: the windowed Windows bundle has no standard streams.

PyInstaller's windowed executable (``console=False``) starts with ``sys.stdout``,
``sys.stderr`` and ``sys.stdin`` set to ``None``. Every ``write`` on them would raise
``AttributeError``. :func:`attach_missing_streams` points each missing one at the null
device; a command run from such an executable then has its output collected and shown
to the worker in a window at the end (:func:`run_collected`), so ``ce-desktop.exe
--self-test`` or a usage error still says what happened. The console executable
``ce-desktop-cli`` (same bundle folder) is the one for IT scripts and prompts.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from typing import TextIO, cast

CONSOLE_HINT = (
    "This command needs a console to ask for the passphrase: run it with "
    "ce-desktop-cli (beside ce-desktop in the same folder), or give --passphrase-stdin."
)

_missing: dict[str, TextIO] = {}
"""The streams that were missing, by name, and the null device each now writes to."""


def attach_missing_streams() -> bool:
    """Point every missing standard stream at the null device.

    Returns:
        True if any stream was missing (a windowed executable with no console).
    """
    for name in ("stdin", "stdout", "stderr"):
        if getattr(sys, name) is None:
            mode = "r" if name == "stdin" else "w"
            null = cast(TextIO, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115
            setattr(sys, name, null)
            _missing[name] = null
    return bool(_missing)


def has_console() -> bool:
    """Whether the process started with its standard streams (a console or a pipe)."""
    return not _missing


def show_in_window(text: str, exit_code: int) -> None:
    """Show a command's output in a message box (the windowed executable's only voice)."""
    from ce_desktop.app import show_command_output

    show_command_output(text, exit_code)


def run_collected(command: Callable[[], int]) -> int:
    """Run ``command`` with stdout and stderr collected, then show them in a window.

    ``SystemExit`` (argparse's ``--help`` and usage errors) is turned into its code.
    """
    collected = io.StringIO()
    saved: tuple[TextIO, TextIO] = (sys.stdout, sys.stderr)
    sys.stdout = sys.stderr = collected
    try:
        code = command()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    finally:
        sys.stdout, sys.stderr = saved
    text = collected.getvalue().strip() or ("Done." if code == 0 else "The command failed.")
    show_in_window(text, code)
    return code
