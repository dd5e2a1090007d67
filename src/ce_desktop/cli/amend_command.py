"""``ce-desktop amend REF``: the next version of a final assessment, with a reason.

The reason is free text: it comes from standard input (to its end, after the
passphrase's line with ``--passphrase-stdin``) or from ``--reason-file FILE``, never
from an argument, which other local accounts and the shell's history can read. The
new version's reference (``REF v2``) is printed on standard output; it is a draft, to
be finalised through the same checks (``ce-desktop finalise 'REF v2'``, or in the
window). The original stays as it was.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ce_desktop.cli import vault_commands
from ce_desktop.cli.common import EXIT_OK, CommandError, add_vault_options, read_free_text
from ce_desktop.domain.model import utc_now
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import amendments


def register(subparsers: Any) -> None:
    """Add ``amend``."""
    parser = subparsers.add_parser(
        "amend",
        allow_abbrev=False,  # "--reason TEXT" must never pass as "--reason-file"
        help="start the next version of a final assessment (the reason from standard input)",
        description=(
            "Start the next version of a final assessment (REF v2), a draft to correct "
            "and finalise. The original stays as it was. The reason comes from "
            "--reason-file FILE, or else from standard input to its end (after the "
            "passphrase's line with --passphrase-stdin); never from the command line."
        ),
    )
    add_vault_options(parser)
    parser.add_argument("reference", metavar="REF")
    parser.add_argument(
        "--reason-file", metavar="FILE", type=Path, help="read the reason for the amendment here"
    )
    parser.set_defaults(handler=_amend)


def _read(source: Path | None) -> str:
    return read_free_text(source, "reason", "Nothing was amended.")


def _amend(args: argparse.Namespace) -> int:
    # A file is read before unlocking, so a wrong name costs no passphrase; standard
    # input is read after it, as its first line is the passphrase.
    reason = _read(args.reason_file) if args.reason_file is not None else None

    def body(vault: Vault) -> int:
        final = vault_commands.load_by_reference(vault, args.reference)
        if reason is None and sys.stdin.isatty():
            sys.stderr.write(
                "Type the reason for the amendment, then press Ctrl+D (Ctrl+Z, Enter on Windows).\n"
            )
        given = reason if reason is not None else _read(None)
        try:
            amended = amendments.amend(vault, final, given, today=date.today(), now=utc_now())
        except amendments.LifecycleError as error:
            raise CommandError(f"Nothing was amended. {error}") from None
        sys.stdout.write(amended.reference + "\n")
        sys.stderr.write(
            f"Started {amended.reference}, a draft: correct it, then finalise it through "
            f"the same checks. {final.reference} stays as it was.\n"
        )
        return EXIT_OK

    return vault_commands.with_vault(args, body)
