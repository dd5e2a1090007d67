"""Print an assessment, and note PRINTED in its audit trail only when the job was taken.

The paper copy is the exported PDF itself, handed to the print system as it is
(:mod:`ce_desktop.export.printer`). The note goes in only once the print system has
accepted the job, with the job's id and nothing else; a refusal raises
:class:`~ce_desktop.export.printer.PrintRefused` with a plain sentence and notes
nothing. The window runs the halves apart (rendering and sending off its UI thread,
the note on it); the command line runs :func:`print_assessment` whole.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.chronology_entries import NO_INCIDENTS, AsPrinted
from ce_desktop.domain.model import Assessment, AuditAction
from ce_desktop.export import printer
from ce_desktop.export.printer import PrintOptions, PrintOutcome
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import outputs
from ce_desktop.usecases.incidents import UNREADABLE_FOR_PDF, incidents_for_pdf


def render_for_print(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    mash_address: str,
    chronology: AsPrinted = NO_INCIDENTS,
) -> bytes:
    """The PDF that prints: the pages Export PDF writes (the chronology appendix too),
    never protected, and without the attached data (paper cannot carry it; the print
    queue need not hold it)."""
    data, _ = outputs.render_pdf(
        assessment,
        catalogue,
        mash_address=mash_address,
        protect=False,
        carry_data=False,
        chronology=chronology,
    )
    return data


def send(
    pdf: bytes,
    options: PrintOptions,
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> PrintOutcome:
    """Give the PDF to the print system; returns only once it has taken the job.

    Raises:
        PrintRefused: it did not (plain sentence); nothing is to be noted.
        PrintCancelled: stopped before the print system had the job.
    """
    return printer.send_pdf(pdf, options, cancelled=cancelled)


def record_printed(
    vault: Vault, target: Assessment | str, outcome: PrintOutcome, *, now: datetime
) -> Assessment:
    """Note PRINTED, with the job's id, for a job the print system has taken."""
    return outputs.record_step(vault, target, AuditAction.PRINTED, outcome.audit_detail, now=now)


def print_assessment(
    vault: Vault,
    assessment: Assessment,
    catalogue: Catalogue,
    options: PrintOptions,
    *,
    mash_address: str,
    now: datetime,
    told: Callable[[str], None] = lambda _words: None,
) -> tuple[PrintOutcome, Assessment]:
    """Render, send and, once the print system has the job, note it.

    ``told`` hears, before the job is sent, that the child's chronology could not be
    read (the paper says so in place of its appendix).

    Raises:
        PrintRefused: the print system did not take the job; nothing was noted.
        ExportRefused: the assessment must not leave as it is.
    """
    chronology = incidents_for_pdf(vault, assessment)
    if chronology.unreadable:
        told(f"{UNREADABLE_FOR_PDF} {chronology.problem}")
    pdf = render_for_print(assessment, catalogue, mash_address=mash_address, chronology=chronology)
    outcome = send(pdf, options)
    return outcome, record_printed(vault, assessment.id, outcome, now=now)
