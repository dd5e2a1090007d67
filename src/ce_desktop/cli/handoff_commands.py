"""The hand-off to the MASH from the command line: ``record-sending`` and
``record-response`` (issue 13), through the same use cases as the window.

A note on the MASH's decision is free text about a child: it comes from a file
(``--note-file FILE``) or standard input (``--note-file -``, after the passphrase line
with ``--passphrase-stdin``), never from an argument, which other local accounts and
the shell's history can read.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ce_desktop.cli import vault_commands
from ce_desktop.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    add_vault_options,
    read_free_text,
)
from ce_desktop.domain.handoff import METHOD_LABELS
from ce_desktop.domain.model import MashDecision, SendingMethod, utc_now
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import handoff


def register(subparsers: Any) -> None:
    """Add ``record-sending`` and ``record-response``."""
    sending = subparsers.add_parser(
        "record-sending",
        help="record that a final assessment was sent to the MASH",
        description="Record when, how, to whom and by whom a final assessment was sent.",
    )
    add_vault_options(sending)
    sending.add_argument("reference", metavar="REF")
    sending.add_argument(
        "--how", required=True, choices=[m.value for m in SendingMethod], help="how it was sent"
    )
    sending.add_argument("--to", required=True, help="to whom (for example the MASH's address)")
    sending.add_argument("--by", help="by whom (default: your name from the settings)")
    sending.add_argument("--at", metavar="TIME", help="when, as 2026-05-22T14:30 (default: now)")
    sending.set_defaults(handler=_record_sending)

    response = subparsers.add_parser(
        "record-response",
        allow_abbrev=False,  # "--note TEXT" must never pass as "--note-file"
        help="record the MASH's acknowledgement, decision or reference",
        description=(
            "Record the MASH's acknowledgement of receipt, its decision on next steps "
            "(with a note from a file or standard input), or its own reference."
        ),
    )
    add_vault_options(response)
    response.add_argument("reference", metavar="REF")
    response.add_argument("--acknowledged", action="store_true", help="the MASH acknowledged")
    response.add_argument("--acknowledged-by", default="", metavar="NAME", help="who at the MASH")
    response.add_argument("--acknowledged-at", metavar="TIME", help="when (default: now)")
    response.add_argument(
        "--decision", choices=[d.value for d in MashDecision], help="the MASH's decision"
    )
    response.add_argument("--decided-at", metavar="TIME", help="when (default: now)")
    response.add_argument(
        "--note-file",
        metavar="FILE",
        help="the note on the decision, from FILE, or '-' for the rest of standard input",
    )
    response.add_argument("--mash-reference", metavar="MASHREF", help="the MASH's own reference")
    response.set_defaults(handler=_record_response)


def moment(text: str | None) -> datetime | None:
    """A time given on the command line (ISO 8601; without a zone, the laptop's own)."""
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"'{text}' is not a time: give it as 2026-05-22T14:30.", EXIT_USAGE
        ) from None
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(UTC).replace(microsecond=0)


def _record_sending(args: argparse.Namespace) -> int:
    at = moment(args.at)

    def body(vault: Vault) -> int:
        assessment = vault_commands.load_by_reference(vault, args.reference)
        by = args.by if args.by is not None else vault_commands.settings_of(vault).worker_name
        now = utc_now()
        try:
            sent = handoff.record_sending(
                vault,
                assessment,
                how=SendingMethod(args.how),
                to=args.to,
                by=by,
                at=at or now,
                now=now,
            )
        except handoff.LifecycleError as error:
            raise CommandError(f"Nothing was recorded. {error}") from None
        label = METHOD_LABELS[SendingMethod(args.how)]
        sys.stderr.write(f"Recorded the sending of {sent.reference} ({label}).\n")
        return EXIT_OK

    return vault_commands.with_vault(args, body)


def _read_note(source: str | None) -> str:
    if source is None:
        return ""
    path = None if source == "-" else Path(source)
    return read_free_text(path, "note", "Nothing was recorded.")


def _record_response(args: argparse.Namespace) -> int:
    if not (args.acknowledged or args.decision or args.mash_reference is not None):
        raise CommandError(
            "Give --acknowledged, --decision or --mash-reference (see --help).", EXIT_USAGE
        )
    if args.note_file is not None and not args.decision:
        raise CommandError("A note goes with a --decision.", EXIT_USAGE)
    acknowledged_at, decided_at = moment(args.acknowledged_at), moment(args.decided_at)
    # A file is read before unlocking, so a wrong name costs no passphrase; standard
    # input is read after it, as its first line is the passphrase.
    note = "" if args.note_file == "-" else _read_note(args.note_file)

    def body(vault: Vault) -> int:
        text = _read_note("-") if args.note_file == "-" else note
        assessment = vault_commands.load_by_reference(vault, args.reference)
        now = utc_now()
        response = handoff.Response(
            acknowledged_at=(acknowledged_at or now) if args.acknowledged else None,
            acknowledged_by=args.acknowledged_by,
            decision=MashDecision(args.decision) if args.decision else None,
            decided_at=decided_at,
            note=text,
            mash_reference=args.mash_reference,
        )
        try:
            answered = handoff.record_response(vault, assessment, response, now=now)
        except handoff.LifecycleError as error:
            raise CommandError(f"Nothing was recorded. {error}") from None
        sys.stderr.write(f"Recorded the MASH's response for {answered.reference}.\n")
        return EXIT_OK

    return vault_commands.with_vault(args, body)
