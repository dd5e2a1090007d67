"""Commands about the data folder itself: ``clear-lock``.

A lock left by a CE Desktop that no longer runs is normally taken over by the next
start. ``clear-lock`` is for IT and for the worker who wants to be sure: it removes
the lock only when the app can prove that nobody holds it, and otherwise says who
does (process id and computer name, never anything about an assessment).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ce_desktop.cli.common import EXIT_OK, EXIT_PROBLEM
from ce_desktop.storage.lock import Holder, clear_if_not_held
from ce_desktop.storage.paths import DataLayout, default_data_dir


def register(subparsers: Any) -> None:
    """Add the ``clear-lock`` command."""
    help_text = "remove the folder's lock if no running CE Desktop holds it"
    parser = subparsers.add_parser("clear-lock", help=help_text, description=help_text)
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the data folder (default: the user's data folder, or CE_DESKTOP_DATA_DIR)",
    )
    parser.set_defaults(handler=_clear_lock)


def _holder(pid: int | None, host: str | None) -> str:
    parts = [f"process {pid}" if pid is not None else "", f"on {host}" if host else ""]
    named = " ".join(part for part in parts if part)
    return f" ({named})" if named else ""


def _clear_lock(args: argparse.Namespace) -> int:
    folder = default_data_dir(getattr(args, "data_dir", None))
    judgement = clear_if_not_held(DataLayout(folder).lock)
    who = _holder(judgement.pid, judgement.host)
    if judgement.holder is Holder.NONE:
        sys.stderr.write("There is no lock on this data folder: nothing to clear.\n")
        return EXIT_OK
    if judgement.holder is Holder.GONE:
        sys.stderr.write(
            f"The lock was left by a CE Desktop that is no longer running{who}. "
            "It has been removed.\n"
        )
        return EXIT_OK
    if judgement.holder is Holder.LIVE:
        sys.stderr.write(
            f"CE Desktop is running with this data folder{who}. Close it there first; "
            "the lock was left in place.\n"
        )
        return EXIT_PROBLEM
    sys.stderr.write(
        f"The lock was taken from another computer{who}, which cannot be checked from "
        "here. If CE Desktop is closed there, remove the file ce-desktop.lock in the "
        "data folder by hand.\n"
    )
    return EXIT_PROBLEM
