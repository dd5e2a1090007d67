"""``print REF [--printer NAME] [--copies N]``: the paper copy, from the command line.

The same use case as the window's Print (``usecases.printing``): the exported PDF
itself goes to the print system (CUPS's ``lp``), named by the reference, and PRINTED
is noted in the audit trail only when the print system has accepted the job. When it
does not, the plain sentence goes to standard error and the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ce_desktop.cli import vault_commands
from ce_desktop.cli.common import EXIT_OK, CommandError, add_vault_options
from ce_desktop.domain.catalogue import CatalogueError, default_catalogue
from ce_desktop.domain.model import utc_now
from ce_desktop.export import printer
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import outputs
from ce_desktop.usecases import printing as print_case

NO_PRINTER = "No printer is set up on this computer, so nothing was printed."
FILE_PRINTER = (
    "Warning: the printer {name} writes a file, not paper: that file is not encrypted. "
    "For a file, use 'ce-desktop export-pdf REF -o FILE.pdf --protect' instead."
)


def register(subparsers: Any) -> None:
    """Add ``print``."""
    command = subparsers.add_parser(
        "print",
        help="print one assessment (the same PDF as export-pdf)",
        description="Send one assessment's PDF to a printer; noted as printed only when "
        "the print system accepts the job.",
    )
    add_vault_options(command)
    command.add_argument("reference", metavar="REF")
    command.add_argument("--printer", metavar="NAME", default="", help="default: the system's")
    command.add_argument("--copies", metavar="N", type=_copies, default=1)
    command.set_defaults(handler=_print)


def _copies(text: str) -> int:
    try:
        copies = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of copies") from None
    if not 1 <= copies <= 99:
        raise argparse.ArgumentTypeError("copies must be between 1 and 99")
    return copies


def _print(args: argparse.Namespace) -> int:
    # With a printer named, lp itself says whether there is such a printer.
    if not printer.available() or not (args.printer or printer.printers()):
        raise CommandError(NO_PRINTER)
    try:
        catalogue = default_catalogue()
    except (CatalogueError, FileNotFoundError) as error:
        raise CommandError(f"The form's definition could not be read: {error}") from None

    def body(vault: Vault) -> int:
        summary = vault.find(args.reference)
        assessment = vault.load(summary.id)
        settings = vault.load_settings()
        if args.printer and printer.writes_a_file(args.printer):
            sys.stderr.write(FILE_PRINTER.format(name=args.printer) + "\n")
        options = printer.PrintOptions(
            printer=args.printer, title=summary.reference, copies=args.copies
        )
        try:
            outcome, _ = print_case.print_assessment(
                vault,
                assessment,
                catalogue,
                options,
                mash_address=settings.mash_address,
                now=utc_now(),
                told=lambda words: print(words, file=sys.stderr),
            )
        except (printer.PrintRefused, outputs.ExportRefused) as error:
            raise CommandError(str(error)) from None
        sys.stderr.write(f"{outcome.message} Print job {outcome.job_id}.\n")
        return EXIT_OK

    return vault_commands.with_vault(args, body)
