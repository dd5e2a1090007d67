"""The chronology from the command line: ``incident add CHILD``, ``incident list CHILD``
and ``incident correct CHILD N``.

CHILD is the reference of any assessment of the child (or the child's id, as ``list
--json`` shows it), never a name. ``incident add`` takes what happened from a file
(``--file FILE``) or else from standard input, to its end (after the passphrase's line,
with ``--passphrase-stdin``): never from an argument, which other local accounts and
the shell's history can read. The date, the source agency and who recorded it are
options (``--by`` defaults to the worker's name in the settings).

``incident list CHILD`` prints one incident a line (date, source agency, recorded by,
what happened with its line breaks shown as " / "), oldest first, each as it now reads;
a corrected one says so after its text, with its earlier text. ``--json`` prints every
field, the text whole, and each incident's corrections.

``incident correct CHILD N`` corrects the N-th incident of that list (what was typed in
error); the earlier text is kept. Why it is corrected comes from ``--reason-file FILE``
or else the first line of standard input; the corrected account from ``--file FILE`` or
else the rest of standard input (nothing: what happened stays as it reads). The date
and the agency stay unless ``--date`` or ``--agency`` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ce_desktop.cli import vault_commands
from ce_desktop.cli.common import EXIT_OK, EXIT_USAGE, CommandError, add_vault_options
from ce_desktop.domain.chronology import REVIEW_PROMPT
from ce_desktop.domain.chronology_entries import Entry
from ce_desktop.domain.derived import format_date, format_time, parse_date
from ce_desktop.domain.model import utc_now
from ce_desktop.storage.errors import NewerFormat
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import assessments, incidents


def register(subparsers: Any) -> None:
    """Add ``incident add`` and ``incident list``."""
    group = subparsers.add_parser(
        "incident",
        help="record a significant incident in a child's chronology, or list them",
        description="The chronology of significant incidents of one child.",
    )
    actions = group.add_subparsers(dest="incident_command", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        help="record one significant incident (what happened from standard input or a file)",
        description="Record one significant incident in the chronology of the child of "
        "assessment CHILD (a reference, or the child's id). What happened is read from "
        "--file FILE, or else from standard input to its end (after the passphrase's "
        "line with --passphrase-stdin); never from the command line.",
    )
    add_vault_options(add)
    add.add_argument("child", metavar="CHILD", help="a reference of one of the child's assessments")
    add.add_argument(
        "--date",
        required=True,
        metavar="DD/MM/YYYY",
        help="the day it happened (dd/mm/yyyy or yyyy-mm-dd)",
    )
    add.add_argument("--agency", required=True, metavar="AGENCY", help="the source agency")
    add.add_argument(
        "--by", metavar="NAME", help="who recorded it (default: the worker's name in settings)"
    )
    add.add_argument("--file", type=Path, metavar="FILE", help="read what happened from FILE")
    add.add_argument(
        "--start-review",
        action="store_true",
        help="also start a review of the child's current (final) assessment",
    )
    add.set_defaults(handler=_add)

    listing = actions.add_parser(
        "list",
        help="list a child's incidents, oldest first",
        description="List the chronology of the child of assessment CHILD, oldest first.",
    )
    add_vault_options(listing)
    listing.add_argument("child", metavar="CHILD")
    listing.add_argument("--json", action="store_true", help="print JSON instead of lines")
    listing.set_defaults(handler=_list)

    correct = actions.add_parser(
        "correct",
        help="correct an incident typed in error (the earlier text is kept)",
        description="Correct incident N (as `incident list` numbers them, 1 for the first) "
        "of the child of assessment CHILD. Why it is corrected comes from --reason-file, or "
        "else the first line of standard input; the corrected account from --file, or else "
        "the rest of standard input (none: it stays as it reads). Never from the command "
        "line.",
    )
    add_vault_options(correct)
    correct.add_argument("child", metavar="CHILD")
    correct.add_argument("number", metavar="N", type=int, help="the incident's line in the list")
    correct.add_argument("--date", metavar="DD/MM/YYYY", help="the corrected day it happened")
    correct.add_argument("--agency", metavar="AGENCY", help="the corrected source agency")
    correct.add_argument(
        "--by", metavar="NAME", help="who corrects it (default: the worker's name in settings)"
    )
    correct.add_argument("--file", type=Path, metavar="FILE", help="the corrected account")
    correct.add_argument(
        "--reason-file", type=Path, metavar="FILE", help="read why it is corrected from FILE"
    )
    correct.set_defaults(handler=_correct)


def parse_day(text: str) -> date:
    """A day given as dd/mm/yyyy (as the app shows dates) or yyyy-mm-dd.

    Raises:
        CommandError: neither (bad usage).
    """
    day = parse_date(text)
    if day is None:
        raise CommandError(f"--date needs a day as dd/mm/yyyy, not {text!r}.", EXIT_USAGE)
    return day


def _text_from_file(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        raise CommandError(f"The file {path} could not be read as text.") from None


def _worker(vault: Vault, given: str | None) -> str:
    if given is not None:
        return str(given)
    try:
        return vault.load_settings().worker_name
    except NewerFormat:
        return ""


def _add(args: argparse.Namespace) -> int:
    occurred_on = parse_day(args.date)
    from_file = _text_from_file(args.file) if args.file else None

    def body(vault: Vault) -> int:
        child_id = incidents.find_child(vault, args.child)
        # The passphrase was the first line of standard input; what happened follows it.
        if from_file is None and sys.stdin.isatty():
            sys.stderr.write("Type what happened, then press Ctrl+D (Ctrl+Z, Enter on Windows).\n")
        text = from_file if from_file is not None else sys.stdin.read()
        recorded_by = _worker(vault, args.by)
        try:
            recorded = incidents.record_incident(
                vault,
                child_id,
                occurred_on=occurred_on,
                what_happened=text,
                source_agency=args.agency,
                recorded_by=recorded_by,
                today=date.today(),
                now=utc_now(),
            )
        except incidents.IncidentRefused as refused:
            hint = " (give --by NAME)" if not recorded_by.strip() else ""
            raise CommandError(f"{refused}{hint}", EXIT_USAGE) from None
        for warning in recorded.warnings:
            sys.stderr.write(warning + "\n")
        count = len(recorded.chronology.incidents)
        sys.stdout.write(f"{recorded.incident.id}\n")
        sys.stderr.write(f"Recorded the incident: the child's chronology holds {count}.\n")
        current = recorded.current
        if current is not None and recorded.review_prompted and args.start_review:
            review = assessments.start_review(vault, current.id, today=date.today())
            sys.stderr.write(f"{REVIEW_PROMPT} Started the review {review.reference}.\n")
        elif current is not None and recorded.review_prompted:
            sys.stderr.write(
                f"{REVIEW_PROMPT} Start a review of {current.reference} in CE Desktop "
                "(or give --start-review).\n"
            )
        elif current is not None:
            sys.stderr.write(
                f"{REVIEW_PROMPT} Take it into account in the draft {current.reference}.\n"
            )
        return EXIT_OK

    return vault_commands.with_vault(args, body)


def _one_line(text: str) -> str:
    return " / ".join(part.strip() for part in text.splitlines() if part.strip())


def _line(entry: Entry) -> str:
    incident = entry.incident
    text = _one_line(incident.what_happened)
    for superseded in entry.earlier:
        before, correction = superseded.read, superseded.by
        text += (
            f" [corrected on {format_time(correction.corrected_at)} by "
            f"{correction.corrected_by}: {_one_line(correction.reason)}; it read before: "
            f"{format_date(before.occurred_on)}, {before.source_agency}, "
            f"{_one_line(before.what_happened)}]"
        )
    return "\t".join(
        [format_date(incident.occurred_on), incident.source_agency, incident.recorded_by, text]
    )


def _as_json(number: int, entry: Entry) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(entry.incident.model_dump_json())
    found["number"] = number
    found["corrections"] = [
        {
            **json.loads(superseded.by.model_dump_json(exclude={"incident_id"})),
            "before": json.loads(
                superseded.read.model_dump_json(
                    include={"occurred_on", "what_happened", "source_agency"}
                )
            ),
        }
        for superseded in entry.earlier
    ]
    return found


def _list(args: argparse.Namespace) -> int:
    def body(vault: Vault) -> int:
        child_id = incidents.find_child(vault, args.child)
        listed, warnings = incidents.entries_of(vault, child_id)
        for warning in warnings:
            sys.stderr.write(warning + "\n")
        if args.json:
            entries = [_as_json(number, entry) for number, entry in enumerate(listed, 1)]
            json.dump(
                {"child_id": child_id, "incidents": entries},
                sys.stdout,
                indent=2,
                ensure_ascii=False,
            )
            sys.stdout.write("\n")
        else:
            for entry in listed:
                sys.stdout.write(_line(entry) + "\n")
        if not listed:
            sys.stderr.write("No incident has been recorded for this child.\n")
        return EXIT_OK

    return vault_commands.with_vault(args, body)


def _correct(args: argparse.Namespace) -> int:
    occurred_on = parse_day(args.date) if args.date else None
    account = _text_from_file(args.file) if args.file else None
    reason = _text_from_file(args.reason_file) if args.reason_file else None

    def body(vault: Vault) -> int:
        child_id = incidents.find_child(vault, args.child)
        listed, warnings = incidents.entries_of(vault, child_id)
        for warning in warnings:
            sys.stderr.write(warning + "\n")
        nonlocal account, reason
        if (account is None or reason is None) and sys.stdin.isatty():
            sys.stderr.write(
                "Type why it is corrected on the first line, then the corrected account "
                "(nothing: it stays), then press Ctrl+D (Ctrl+Z, Enter on Windows).\n"
            )
        if reason is None:
            # After the passphrase's line: why, on one line, then the corrected account.
            reason = sys.stdin.readline() if account is None else sys.stdin.read()
        if account is None:
            account = sys.stdin.read()
        current = listed[args.number - 1].incident if 1 <= args.number <= len(listed) else None
        try:
            corrected = incidents.correct_incident(
                vault,
                child_id,
                args.number,
                occurred_on=occurred_on or (current.occurred_on if current else None),
                what_happened=account
                if account.strip()
                else (current.what_happened if current else ""),
                source_agency=args.agency
                if args.agency is not None
                else (current.source_agency if current else ""),
                reason=reason,
                corrected_by=_worker(vault, args.by),
                today=date.today(),
                now=utc_now(),
            )
        except incidents.IncidentRefused as refused:
            raise CommandError(str(refused), EXIT_USAGE) from None
        sys.stdout.write(f"{corrected.entry.incident.id}\n")
        sys.stderr.write(
            f"Corrected incident {args.number}: its earlier text is kept in the chronology, "
            "marked as corrected.\n"
        )
        return EXIT_OK

    return vault_commands.with_vault(args, body)
