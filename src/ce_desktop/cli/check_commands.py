"""The checks from the command line: ``findings REF`` and ``finalise REF``.

``findings`` prints every finding, one a line (severity, rule, field path, message,
separated by tabs) and exits 1 while an error stands. ``finalise`` goes through the
same use case as the window's Finalise button, so the same checks and the same audit
entries apply; it refuses with the findings in the way.

A warning's written reason never comes from the command line's own text (readable by
other local accounts and kept in shell history): ``--reason KEY=-`` takes the next
line of standard input (after the passphrase, with ``--passphrase-stdin``), and
``--reason KEY=@FILE`` the whole of a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ce_desktop.cli import vault_commands
from ce_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, CommandError, add_vault_options
from ce_desktop.domain.model import utc_now
from ce_desktop.domain.rules import Finding, Severity
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import assessments

REASON_FROM_STDIN = "-"
REASON_FROM_FILE = "@"


def register(subparsers: Any) -> None:
    """Add ``findings`` and ``finalise``."""
    listing = subparsers.add_parser(
        "findings",
        help="list what the checks find in one assessment; exit 1 if any error stands",
        description="List what the checks find in one assessment: severity, rule, field "
        "and message, one a line. Exit 1 while any error stands.",
    )
    add_vault_options(listing)
    listing.add_argument("reference", metavar="REF")
    listing.set_defaults(handler=_findings)

    final = subparsers.add_parser(
        "finalise",
        help="finalise one draft, or refuse with what stands in the way",
        description="Finalise one draft through the same checks as the window. Give a "
        "warning's reason with --reason KEY=- (the next line of standard input) or "
        "--reason KEY=@FILE (the whole file); KEY is the finding's rule:path as "
        "'ce-desktop findings' shows it.",
    )
    add_vault_options(final)
    final.add_argument("reference", metavar="REF")
    final.add_argument(
        "--reason",
        action="append",
        default=[],
        metavar="KEY=-|KEY=@FILE",
        help="the written reason for one warning, from standard input or a file",
    )
    final.set_defaults(handler=_finalise)


def finding_line(finding: Finding) -> str:
    """One finding as a line of tab-separated columns."""
    return "\t".join([finding.severity.value, finding.rule_id, finding.path, finding.message])


def _findings(args: argparse.Namespace) -> int:
    catalogue = vault_commands.catalogue_or_fail()

    def body(vault: Vault) -> int:
        assessment = vault_commands.load_by_reference(vault, args.reference)
        found = assessments.findings(assessment, catalogue, now=utc_now())
        for finding in found:
            sys.stdout.write(finding_line(finding) + "\n")
        errors = sum(1 for f in found if f.severity is Severity.ERROR)
        if errors:
            sys.stderr.write(f"{errors} {'error stands' if errors == 1 else 'errors stand'}.\n")
            return EXIT_PROBLEM
        if not found:
            sys.stderr.write("The checks found nothing.\n")
        return EXIT_OK

    return vault_commands.with_vault(args, body)


def _reason_sources(raw: list[str]) -> list[tuple[str, str]]:
    """``KEY=-`` and ``KEY=@FILE`` pairs, checked before any secret is read."""
    pairs: list[tuple[str, str]] = []
    for item in raw:
        key, equals, source = item.partition("=")
        if not equals or not key:
            raise CommandError(f"--reason needs KEY=- or KEY=@FILE, not {key!r}.", EXIT_USAGE)
        if source != REASON_FROM_STDIN and not source.startswith(REASON_FROM_FILE):
            # The text itself is not repeated: it may quote the child.
            raise CommandError(
                f"The reason for {key} must come from standard input (KEY=-) or a file "
                "(KEY=@FILE), never from the command line, where other accounts can read it.",
                EXIT_USAGE,
            )
        pairs.append((key, source))
    return pairs


def _read_reasons(pairs: list[tuple[str, str]]) -> dict[str, str]:
    reasons: dict[str, str] = {}
    for key, source in pairs:
        if source == REASON_FROM_STDIN:
            line = sys.stdin.readline()
            if not line.strip():
                raise CommandError(f"No reason for {key} was given on standard input.", EXIT_USAGE)
            text = line.rstrip("\r\n")
        else:
            path = Path(source[len(REASON_FROM_FILE) :])
            try:
                text = path.read_text("utf-8").strip()
            except (OSError, UnicodeDecodeError):
                raise CommandError(f"The reason file {path} could not be read.") from None
            if not text:
                raise CommandError(f"The reason file {path} is empty.", EXIT_USAGE)
        reasons[key] = text
    return reasons


def _finalise(args: argparse.Namespace) -> int:
    pairs = _reason_sources(args.reason)
    catalogue = vault_commands.catalogue_or_fail()

    def body(vault: Vault) -> int:
        # The passphrase is the first line of standard input; the reasons follow it.
        reasons = _read_reasons(pairs)
        assessment = vault_commands.load_by_reference(vault, args.reference)
        now = utc_now()
        warnings = {
            f.key
            for f in assessments.findings(assessment, catalogue, now=now)
            if f.severity is Severity.WARNING
        }
        unknown = sorted(set(reasons) - warnings)
        if unknown:
            raise CommandError(
                f"No warning {unknown[0]} stands on {assessment.reference}. Nothing was "
                "changed. See 'ce-desktop findings'."
            )
        try:
            final = assessments.finalise(
                vault, assessments.with_reasons(assessment, reasons), catalogue, now=now
            )
        except assessments.FinaliseRefused as refused:
            for finding in refused.findings:
                sys.stdout.write(finding_line(finding) + "\n")
            raise CommandError(f"{refused} Nothing was changed.") from None
        except assessments.LifecycleError as error:
            raise CommandError(
                f"{error} {assessment.reference} is {assessment.status.value}."
            ) from None
        sys.stdout.write(f"{final.reference}\t{final.fingerprint}\n")
        sys.stderr.write(
            f"Finalised {final.reference}. Send it to Children's Social Care within 24 hours.\n"
        )
        return EXIT_OK

    return vault_commands.with_vault(args, body)
