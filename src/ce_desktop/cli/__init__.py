"""The command-line companion (PRODUCT §3.11), in the spirit of ``keepassxc-cli``.

``ce-desktop`` with no subcommand starts the desktop app. Exit codes: 0 success,
1 a problem found (wrong passphrase, damaged file), 2 bad usage. Messages go to
stderr in plain words; a traceback never reaches the user.

Each group of subcommands lives in its own module with a ``register(subparsers)``
function that adds its parsers and sets ``handler`` on each.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from ce_desktop.cli import streams
from ce_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, CommandError

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one plain line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"ce-desktop: {message} (see 'ce-desktop --help')\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    """The full parser: global options and every subcommand."""
    from ce_desktop import __version__
    from ce_desktop.cli import (
        amend_command,
        basic_commands,
        check_commands,
        export_commands,
        folder_commands,
        handoff_commands,
        incident_commands,
        print_command,
        vault_commands,
    )

    parser = _Parser(
        prog="ce-desktop",
        description="CE Desktop: the Child Exploitation (CE) Risk Assessment, offline.",
    )
    parser.add_argument("--version", action="version", version=f"ce-desktop {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="run the built-in self-test (for IT teams) and exit",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the data folder (default: the user's data folder, or CE_DESKTOP_DATA_DIR)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in (
        basic_commands,
        vault_commands,
        check_commands,
        export_commands,
        print_command,
        folder_commands,
        handoff_commands,
        incident_commands,
        amend_command,
    ):
        module.register(subparsers)
    return parser


def _plain_launch(argv: Sequence[str]) -> tuple[bool, str | None]:
    """Whether the arguments only start the app (at most ``--data-dir DIR``), and the DIR.

    Starting the app then skips the commands' parsers and the modules behind them, so
    the window appears sooner.
    """
    launch = _QuietParser(add_help=False, allow_abbrev=False)
    launch.add_argument("--data-dir")
    try:
        known, rest = launch.parse_known_args(list(argv))
    except ValueError:  # e.g. --data-dir with no folder: the full parser explains
        return False, None
    return not rest, known.data_dir


class _QuietParser(argparse.ArgumentParser):
    """A parser that raises on a usage error instead of printing and exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ValueError(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ce-desktop`` and ``ce-desktop-cli`` executables.

    Started without standard streams (the windowed bundle), the missing ones point at
    the null device, and a command's output is shown in a window when it ends.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    windowed = streams.attach_missing_streams()
    plain, data_dir = _plain_launch(arguments)
    if plain:
        from ce_desktop.app import run_app

        return run_app(data_dir=data_dir)
    if windowed:
        from ce_desktop import logfile
        from ce_desktop.storage.paths import default_data_dir

        logfile.install(default_data_dir(data_dir))
        return streams.run_collected(lambda: _run_command(arguments))
    return _run_command(arguments)


def _run_command(arguments: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(arguments)
    try:
        if args.self_test:
            from ce_desktop.app import run_self_test

            return run_self_test()
        if args.command is None:
            from ce_desktop.app import run_app

            return run_app(data_dir=args.data_dir)
        code: int = args.handler(args)
        return code
    except CommandError as error:
        sys.stderr.write(f"ce-desktop: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("ce-desktop: stopped.\n")
        return EXIT_PROBLEM
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`)
        return EXIT_OK
    except OSError as error:
        # A disk, permission or device problem: the system's words, never a traceback.
        log.debug("command failed: %s", type(error).__name__)
        reason = error.strerror or type(error).__name__
        sys.stderr.write(f"ce-desktop: the command could not finish: {reason}.\n")
        return EXIT_PROBLEM
    except Exception as error:  # a fault of ours: one plain line, the type only in the log
        log.debug("unexpected failure: %s", type(error).__name__)
        sys.stderr.write(
            "ce-desktop: something went wrong and the command stopped "
            f"({type(error).__name__}). Files are written whole or not at all.\n"
        )
        return EXIT_PROBLEM
