"""What every subcommand shares: exit codes, the plain error, the shared options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2
FREE_TEXT_LIMIT = 1_000_000
"""Characters of free text (a note, a reason) read at most: longer is refused, not cut."""


class CommandError(Exception):
    """A problem to report in one plain line; never shown with a traceback.

    Attributes:
        exit_code: 1 for a problem found, 2 for bad usage.
    """

    def __init__(self, message: str, exit_code: int = EXIT_PROBLEM) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def read_free_text(source: Path | None, what: str, nothing_done: str) -> str:
    """Free text about a child from a file, or (``source`` None) from the rest of
    standard input, without the blank lines around it; never from an argument.

    Args:
        source: the file, or None for standard input.
        what: the text's name in a message ("note", "reason").
        nothing_done: what the refusal adds ("Nothing was recorded.").

    Raises:
        CommandError: the file cannot be read as text, or the text is too long.
    """
    try:
        if source is None:
            text = sys.stdin.read(FREE_TEXT_LIMIT + 1)
        else:
            with source.open(encoding="utf-8") as file:
                text = file.read(FREE_TEXT_LIMIT + 1)
    except (OSError, UnicodeDecodeError):
        raise CommandError(f"The {what} file {source} could not be read as text.") from None
    if len(text) > FREE_TEXT_LIMIT:
        raise CommandError(f"The {what} is too long. {nothing_done}")
    return text.strip()


def add_vault_options(parser: argparse.ArgumentParser) -> None:
    """The options every vault command takes: ``--data-dir`` and ``--passphrase-stdin``."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the data folder (default: the user's data folder, or CE_DESKTOP_DATA_DIR)",
    )
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase from the first line of standard input",
    )
