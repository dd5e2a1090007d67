"""Commands that make the paper-style PDF: ``export-pdf`` and ``blank-form`` (PRODUCT §3.11).

``export-pdf REF -o FILE.pdf [--protect]`` needs the vault; with ``--protect`` the
PDF is encrypted (AES-256) with a generated password printed once on standard
output, to be given to the reader by another channel. ``blank-form -o FILE.pdf``
needs no vault. Files are written atomically, so an interrupted export never leaves
half a PDF behind.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ce_desktop.cli import vault_commands
from ce_desktop.cli.common import EXIT_OK, CommandError, add_vault_options
from ce_desktop.domain.model import utc_now
from ce_desktop.domain.settings import Settings
from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.errors import NewerFormat, StorageError
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import incidents, outputs


def register(subparsers: Any) -> None:
    """Add ``export-pdf`` and ``blank-form``."""
    export = subparsers.add_parser(
        "export-pdf",
        help="write one assessment as the paper-style PDF",
        description="Write one assessment as the paper-style PDF of the form.",
    )
    add_vault_options(export)
    export.add_argument("reference", metavar="REF")
    export.add_argument("-o", "--output", metavar="FILE.pdf", type=Path, required=True)
    export.add_argument(
        "--protect",
        action="store_true",
        help="protect the PDF with a generated password (AES-256), printed once",
    )
    export.set_defaults(handler=_export_pdf)

    blank = subparsers.add_parser(
        "blank-form",
        help="write the blank printable form (no data folder needed)",
        description="Write the blank printable form, for when a laptop is not at hand.",
    )
    blank.add_argument("-o", "--output", metavar="FILE.pdf", type=Path, required=True)
    blank.set_defaults(handler=_blank_form)


def _check_folder(path: Path) -> None:
    """Refuse before any work if the output's folder is missing."""
    if not path.parent.is_dir():
        raise CommandError(f"The folder {path.parent} does not exist.")


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except StorageError as error:
        raise CommandError(str(error)) from None
    except OSError:
        raise CommandError(f"The file {path} could not be written.") from None


def _export_pdf(args: argparse.Namespace) -> int:
    _check_folder(args.output)
    catalogue = vault_commands.catalogue_or_fail()

    def body(vault: Vault) -> int:
        assessment = vault_commands.load_by_reference(vault, args.reference)
        try:
            settings = vault.load_settings()
        except NewerFormat as error:
            sys.stderr.write(f"{error} The default MASH address is used.\n")
            settings = Settings()
        try:
            delivered = outputs.export_pdf(
                vault,
                assessment,
                catalogue,
                args.output,
                mash_address=settings.mash_address,
                protect=args.protect,
                now=utc_now(),
            )
        except outputs.ExportRefused as error:
            raise CommandError(str(error)) from None
        except OSError:
            raise CommandError(f"The file {args.output} could not be written.") from None
        if delivered.password:
            sys.stdout.write(f"{delivered.password}\n")
            sys.stderr.write(
                f"Wrote {args.output}, protected with the password above. It is shown "
                "only once: give it to the reader by another channel (for example by "
                "phone), never in the same email.\n"
            )
        else:
            sys.stderr.write(f"Wrote {args.output}. This file is not encrypted: keep it safe.\n")
        sys.stderr.write(outputs.data_notice(bool(delivered.password)) + "\n")
        if delivered.chronology_problem:
            sys.stderr.write(f"{incidents.UNREADABLE_FOR_PDF} {delivered.chronology_problem}\n")
        return EXIT_OK

    # The vault commands' unlock, with its growing wait after wrong passphrases.
    return vault_commands.with_vault(args, body)


def _blank_form(args: argparse.Namespace) -> int:
    _check_folder(args.output)
    from ce_desktop.export.pdf import render_blank_form

    _write(args.output, render_blank_form(vault_commands.catalogue_or_fail()))
    sys.stderr.write(f"Wrote the blank form to {args.output}.\n")
    return EXIT_OK
