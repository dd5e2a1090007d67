"""Commands that work on the encrypted data folder (PRODUCT §3.11).

``init``, ``list``, ``import``, ``export-json``, ``check``, ``change-passphrase``,
``backup`` and ``restore``. The passphrase comes from a prompt or, with
``--passphrase-stdin``, from standard input one line per secret asked (for example
the current then the new passphrase); never from an argument or the environment.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ce_desktop.cli import streams
from ce_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, CommandError, add_vault_options
from ce_desktop.domain.catalogue import Catalogue, CatalogueError, default_catalogue
from ce_desktop.domain.chronology import incident_count_words
from ce_desktop.domain.derived import format_date
from ce_desktop.domain.model import Assessment, utc_now
from ce_desktop.domain.settings import Settings
from ce_desktop.storage import throttle
from ce_desktop.storage.errors import (
    READ_ONLY_NOTICE,
    NewerFormat,
    NoVault,
    StorageError,
    WrongPassphrase,
)
from ce_desktop.storage.paths import default_data_dir
from ce_desktop.storage.vault import AssessmentSummary, Vault
from ce_desktop.usecases import amendments, assessments, handoff, outputs
from ce_desktop.usecases.handoff import HandOffState

_sleep: Callable[[float], None] = time.sleep


def register(subparsers: Any) -> None:
    """Add the vault commands."""

    def command(name: str, help_text: str, handler: Callable[[argparse.Namespace], int]) -> Any:
        parser = subparsers.add_parser(name, help=help_text, description=help_text)
        add_vault_options(parser)
        parser.set_defaults(handler=handler)
        return parser

    command("init", "set up the encrypted data folder; prints the recovery key once", _init)
    listing = command("list", "list every assessment", _list)
    listing.add_argument("--json", action="store_true", help="print JSON instead of lines")
    listing.add_argument(
        "--on",
        metavar="DATE",
        type=_day,
        help="say where each hand-off to the MASH stands on DATE (2026-05-27; default today)",
    )
    importing = command(
        "import",
        "add an assessment from an interchange JSON file, or from a PDF that CE Desktop "
        "made (it carries the same JSON); a protected PDF asks for its password, which "
        "with --passphrase-stdin is the first line, before the passphrase",
        _import,
    )
    importing.add_argument("file", metavar="FILE.json|FILE.pdf", type=Path)
    export = command("export-json", "write one assessment as interchange JSON", _export_json)
    export.add_argument("reference", metavar="REF")
    export.add_argument("-o", "--output", metavar="FILE.json", type=Path, required=True)
    command("check", "check that every assessment file opens; exit 1 if any does not", _check)
    change = command("change-passphrase", "choose a new passphrase", _change_passphrase)
    change.add_argument(
        "--recovery-key",
        action="store_true",
        help="unlock with the recovery key instead of the current passphrase",
    )
    backup = command("backup", "write the whole data folder to one encrypted file", _backup)
    backup.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)
    restore = command("restore", "bring back the assessments from a backup file", _restore)
    restore.add_argument("file", metavar="FILE", type=Path)
    restore.add_argument(
        "--overwrite-newer",
        action="store_true",
        help="also replace assessments changed here since the backup was made",
    )


# Secrets ---------------------------------------------------------------------


def _secret(args: argparse.Namespace, prompt: str, what: str = "passphrase") -> str:
    """One secret: the next line of standard input, or a prompt that does not echo."""
    if args.passphrase_stdin:
        line = sys.stdin.readline()
        if not line:
            raise CommandError(f"No {what} was given on standard input.", EXIT_USAGE)
        return line.rstrip("\r\n")
    if not streams.has_console():
        raise CommandError(streams.CONSOLE_HINT, EXIT_USAGE)
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise CommandError(f"No {what} was given.", EXIT_USAGE) from None


def _new_secret(args: argparse.Namespace, prompt: str) -> str:
    first = _secret(args, prompt)
    if not args.passphrase_stdin and _secret(args, "Type it again: ") != first:
        raise CommandError("The two passphrases do not match. Nothing was changed.")
    return first


def _data_dir(args: argparse.Namespace) -> Path:
    return default_data_dir(getattr(args, "data_dir", None))


def _open(args: argparse.Namespace, *, recovery: bool = False) -> tuple[Vault, str]:
    """Unlock the vault, waiting longer before each attempt after repeated failures.

    Returns:
        The vault and the secret that opened it.
    """
    data_dir = _data_dir(args)
    if not Vault.exists(data_dir):
        raise CommandError(f"{NoVault()} Run 'ce-desktop init'.")
    secret = _secret(args, "Recovery key: " if recovery else "Passphrase: ")
    _sleep(throttle.delay_before_attempt(data_dir))
    try:
        if recovery:
            vault = Vault.unlock_with_recovery(data_dir, secret)
        else:
            vault = Vault.unlock(data_dir, secret)
    except WrongPassphrase:
        throttle.record_failure(data_dir)
        raise
    throttle.reset(data_dir)
    return vault, secret


def with_vault(args: argparse.Namespace, body: Callable[[Vault], int]) -> int:
    """Unlock the vault the arguments name, run ``body`` on it, and always close it.

    Storage errors become one plain line (``CommandError``); a wrong passphrase waits
    longer after each repeated failure.
    """
    try:
        vault, _ = _open(args)
    except StorageError as error:
        raise CommandError(str(error)) from None
    if vault.read_only:
        _say(READ_ONLY_NOTICE)
    try:
        return body(vault)
    except StorageError as error:
        raise CommandError(str(error)) from None
    finally:
        for notice in vault.notices:
            _say(notice)
        vault.close()


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")


# Commands --------------------------------------------------------------------


def _init(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    if Vault.exists(data_dir):
        raise CommandError("This data folder is already set up.")
    passphrase = _new_secret(args, "Choose a passphrase (at least 15 characters): ")
    try:
        vault, recovery_key = Vault.create(data_dir, passphrase)
    except StorageError as error:
        raise CommandError(str(error)) from None
    vault.close()
    _say(f"Set up the data folder {data_dir}.")
    _say("Your recovery key is below. Write it down and keep it somewhere safe:")
    _say("it is shown only once, and it is the only way in if you forget the passphrase.")
    sys.stdout.write(recovery_key + "\n")
    return EXIT_OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date such as 2026-05-27") from None


def _line(summary: AssessmentSummary, handed: str) -> str:
    level = summary.level.label if summary.level else "-"
    return "\t".join(
        [
            summary.reference,
            summary.child_name or "(no name yet)",
            "damaged" if summary.damaged else summary.status.value,
            level,
            format_date(summary.date_completed, empty="-"),
            format_date(summary.next_review, empty="-"),
            handed,
        ]
    )


def _versions(summaries: list[AssessmentSummary], summary: AssessmentSummary) -> dict[str, Any]:
    """The references of the version this one supersedes and of the one superseding it."""
    by_id = {s.id: s for s in summaries}
    earlier = by_id.get(summary.supersedes_id or "")
    later = amendments.superseded_by(summaries, summary.id)
    return {
        "supersedes": earlier.reference if earlier else None,
        "superseded_by": later.reference if later else None,
    }


def settings_of(vault: Vault) -> Settings:
    """The worker's settings, or the defaults when a newer release wrote them."""
    try:
        return vault.load_settings()
    except NewerFormat as error:
        _say(f"{error} The default settings are used.")
        return Settings()


def _list(args: argparse.Namespace) -> int:
    def body(vault: Vault) -> int:
        summaries = vault.list_summaries()
        settings = settings_of(vault)
        on = args.on or date.today()
        states = [handoff.state_of(s.handoff, settings, today=on) for s in summaries]
        if args.json:
            listed = [
                s.to_json() | {"handoff_state": state.value} | _versions(summaries, s)
                for s, state in zip(summaries, states, strict=True)
            ]
            json.dump(listed, sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            for summary, state in zip(summaries, states, strict=True):
                words = (
                    "-"
                    if state is HandOffState.NOT_SENT
                    else handoff.state_words(summary.handoff, state)
                )
                sys.stdout.write(_line(summary, words) + "\n")
        return EXIT_OK

    return with_vault(args, body)


def _import(args: argparse.Namespace) -> int:
    def pdf_password() -> str:
        return _secret(args, "Password of the PDF: ", "password for the PDF")

    try:
        assessment = assessments.read_interchange(args.file, ask_password=pdf_password)
    except assessments.ImportRefused as error:
        raise CommandError(str(error)) from None
    catalogue = catalogue_or_fail()

    def body(vault: Vault) -> int:
        try:
            imported = assessments.import_assessment(
                vault, assessment, catalogue, today=date.today(), now=utc_now()
            )
        except assessments.ImportRefused as error:
            raise CommandError(str(error)) from None
        for note in imported.notes:
            _say(note)
        sys.stdout.write(imported.assessment.reference + "\n")
        return EXIT_OK

    return with_vault(args, body)


def _export_json(args: argparse.Namespace) -> int:
    def body(vault: Vault) -> int:
        opened = load_by_reference(vault, args.reference)
        outputs.export_json(vault, opened, args.output, now=utc_now())
        _say(f"Wrote {args.output}. This file is not encrypted: keep it safe.")
        return EXIT_OK

    return with_vault(args, body)


def load_by_reference(vault: Vault, reference: str) -> Assessment:
    """The assessment with this reference, saying on stderr what its load noticed."""
    opened = assessments.open_assessment(vault, vault.find(reference).id)
    for warning in opened.warnings:
        _say(warning)
    return opened.assessment


def catalogue_or_fail() -> Catalogue:
    """The form's catalogue, or one plain line if it cannot be read."""
    try:
        return default_catalogue()
    except (CatalogueError, FileNotFoundError) as error:
        raise CommandError(f"The form's definition could not be read: {error}") from None


def _check(args: argparse.Namespace) -> int:
    def body(vault: Vault) -> int:
        problems = vault.check()
        for name, message in problems:
            sys.stdout.write(f"{name}: {message}\n")
        for draft in vault.recoverable_drafts():
            sys.stdout.write(f"{draft.reference}: unsaved changes from a crash can be recovered\n")
        if problems:
            noun = "problem" if len(problems) == 1 else "problems"
            _say(f"{len(problems)} {noun} found in the data folder (listed above).")
            return EXIT_PROBLEM
        chronologies = len(vault.chronology_summaries())
        also = ""
        if chronologies:
            noun = "chronology" if chronologies == 1 else "chronologies"
            also = f" and {chronologies} {noun} of incidents"
        _say(f"All {len(vault.list_summaries())} assessments{also} open correctly.")
        return EXIT_OK

    return with_vault(args, body)


def _change_passphrase(args: argparse.Namespace) -> int:
    try:
        vault, _ = _open(args, recovery=args.recovery_key)
    except StorageError as error:
        raise CommandError(str(error)) from None
    try:
        vault.change_passphrase(_new_secret(args, "New passphrase (at least 15 characters): "))
    except StorageError as error:
        raise CommandError(str(error)) from None
    finally:
        vault.close()
    _say("The passphrase was changed.")
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    def body(vault: Vault) -> int:
        made = outputs.backup(vault, args.output)
        _say(
            f"Wrote the backup {args.output}. {outputs.backup_words(made)} It opens with the "
            "current passphrase."
        )
        return EXIT_OK

    return with_vault(args, body)


def _restore(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    if not Vault.exists(data_dir):
        secret = _secret(args, "Passphrase or recovery key of the backup: ")
        try:
            vault = Vault.restore_new(data_dir, args.file, secret)
        except StorageError as error:
            raise CommandError(str(error)) from None
        count = len(vault.list_summaries())
        chronologies = vault.chronology_summaries().values()
        incidents = sum(len(chronology.recorded) for chronology in chronologies)
        vault.close()
        children = "1 child" if len(chronologies) == 1 else f"{len(chronologies)} children"
        _say(
            f"Restored {count} assessments into {data_dir}, with the chronologies of "
            f"incidents of {children} ({incident_count_words(incidents)})."
        )
        return EXIT_OK

    try:
        vault, vault_secret = _open(args)
    except StorageError as error:
        raise CommandError(str(error)) from None
    try:
        try:
            report = vault.restore(args.file, vault_secret, overwrite_newer=args.overwrite_newer)
        except WrongPassphrase:
            secret = _secret(args, "Passphrase or recovery key of the backup: ")
            report = vault.restore(args.file, secret, overwrite_newer=args.overwrite_newer)
    except StorageError as error:
        raise CommandError(str(error)) from None
    finally:
        vault.close()
    _say(f"Restored. {outputs.restore_words(report)}")
    for reference in report.replaced:
        _say(f"  replaced {reference}")
    return EXIT_OK
