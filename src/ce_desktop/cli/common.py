"""What every subcommand shares: exit codes, the plain error, the shared options."""

from __future__ import annotations

import argparse

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A problem to report in one plain line; never shown with a traceback.

    Attributes:
        exit_code: 1 for a problem found, 2 for bad usage.
    """

    def __init__(self, message: str, exit_code: int = EXIT_PROBLEM) -> None:
        super().__init__(message)
        self.exit_code = exit_code


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
