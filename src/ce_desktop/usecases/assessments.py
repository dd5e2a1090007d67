"""Use cases on one assessment: new, open, save, review, import, findings, finalise."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ce_desktop.domain import boundary, lifecycle, rules
from ce_desktop.domain.boundary import BoundaryError
from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.intake import IMPORT_LIMIT, ImportRefused, admit
from ce_desktop.domain.lifecycle import FinaliseRefused, LifecycleError
from ce_desktop.domain.migrations import NewerFormatError
from ce_desktop.domain.model import (
    Assessment,
    is_valid_reference,
)
from ce_desktop.domain.settings import Settings
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import amendments

__all__ = [
    "FinaliseRefused",
    "ImportRefused",
    "Imported",
    "LifecycleError",
    "Opened",
    "finalise",
    "findings",
    "import_assessment",
    "new_assessment",
    "open_assessment",
    "read_interchange",
    "save",
    "save_new",
    "start_review",
    "with_reasons",
]


@dataclass(frozen=True)
class Opened:
    """An assessment loaded from the vault, and what the load noticed on the way."""

    assessment: Assessment
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Imported:
    """An imported assessment, and whether its reference had to be replaced."""

    assessment: Assessment
    reference_replaced: bool
    notes: list[str] = field(default_factory=list)
    """What was changed on the way in (a reference replaced), in plain words."""


def new_assessment(vault: Vault, settings: Settings, *, today: date, now: datetime) -> Assessment:
    """A new draft, prefilled with the worker's details from the settings, and saved."""
    assessment = Assessment.new(today=today, now=now)
    assessment.details = assessment.details.model_copy(
        update={
            "completed_by": settings.worker_name,
            "agency": settings.agency,
            "contact_details": settings.contact_details,
        }
    )
    vault.save(assessment)
    return assessment


def save_new(vault: Vault, assessment: Assessment) -> Assessment:
    """Keep a draft made elsewhere (the training sample) in the vault."""
    vault.save(assessment)
    return assessment


def open_assessment(vault: Vault, assessment_id: str) -> Opened:
    """Load one assessment, with any warning the load raised (a backup copy used...)."""
    assessment = vault.load(assessment_id)
    return Opened(assessment, list(vault.load_warnings))


def save(vault: Vault, assessment: Assessment, *, now: datetime) -> Assessment | None:
    """Save a draft's edits with the time of the change; a final one is never rewritten.

    Returns:
        The saved copy, or None when the assessment is read-only.
    """
    if assessment.is_read_only:
        return None
    saved = assessment.model_copy(update={"updated_at": now})
    vault.save(saved)
    return saved


def start_review(vault: Vault, assessment_id: str, *, today: date) -> Assessment:
    """A new review of an assessment (which stays unchanged), saved.

    A review of an amended assessment starts from its latest version, the assessment
    of record, whichever of its versions was chosen.

    Raises:
        LifecycleError: its latest version is a draft still being amended.
    """
    return vault.start_review(amendments.review_source(vault, assessment_id), today=today)


def findings(assessment: Assessment, catalogue: Catalogue, *, now: datetime) -> list[rules.Finding]:
    """Every finding of the checks: errors, then warnings, then guidance."""
    return rules.check(assessment, catalogue, now=now)


def with_reasons(assessment: Assessment, reasons: dict[str, str]) -> Assessment:
    """A copy with written reasons for warnings, by finding key (``rule:path``)."""
    updated = assessment.model_copy(deep=True)
    updated.justifications = {**updated.justifications, **reasons}
    return updated


def finalise(
    vault: Vault, assessment: Assessment, catalogue: Catalogue, *, now: datetime
) -> Assessment:
    """Re-run the checks, freeze the draft and save it.

    Raises:
        FinaliseRefused: an error stands or a warning lacks its reason (nothing saved).
        LifecycleError: the assessment is not a draft.
    """
    final = lifecycle.finalise(assessment, catalogue, now=now)
    vault.save(final)
    return final


def read_interchange(
    path: Path, *, ask_password: Callable[[], str | None] | None = None
) -> Assessment:
    """Read an interchange JSON file, or the one a PDF made by CE Desktop carries.

    The JSON, from either, passes the same boundary. A file is a PDF by its first bytes
    or its ``.pdf`` suffix.

    Args:
        path: the file.
        ask_password: asked once for the password of a protected PDF (None: cancelled).

    Raises:
        ImportRefused: unreadable, too large, not interchange JSON, newer, or outside
            the form's types and limits (each field's path and problem listed, never
            its value); for a PDF also damaged, not CE Desktop's, protected without the
            right password.
    """
    try:
        with path.open("rb") as file:
            start = file.read(1024)
            pdf = start.lstrip().startswith(b"%PDF-") or path.suffix.lower() == ".pdf"
            limit = _pdf_data().PDF_LIMIT if pdf else IMPORT_LIMIT
            data = start + file.read(limit + 1 - len(start))
    except OSError:
        raise ImportRefused(f"{path} could not be read.") from None
    if len(data) > limit:
        raise ImportRefused(
            f"{path} is larger than any assessment (over {limit // 1_000_000} MB). "
            "Nothing was imported."
        )
    where = f"{path}"
    if pdf:
        data = _read_pdf_data(path, data, ask_password)
        where = f"The data in {path}"
    try:
        return boundary.assessment_from_json(data)
    except NewerFormatError as error:
        raise ImportRefused(f"{where}: {error} Nothing was imported.") from None
    except BoundaryError as error:
        raise ImportRefused(_problem_lines(where, error)) from None


def _pdf_data() -> Any:
    # pypdf loads at the first PDF import, not with the window.
    return importlib.import_module("ce_desktop.export.pdf_data")


def _read_pdf_data(path: Path, pdf: bytes, ask_password: Callable[[], str | None] | None) -> bytes:
    pdf_data = _pdf_data()
    try:
        try:
            data: bytes = pdf_data.read_data(pdf)
        except pdf_data.PasswordNeeded:
            password = ask_password() if ask_password is not None else None
            data = pdf_data.read_data(pdf, password)
    except pdf_data.PdfDataError as error:
        raise ImportRefused(f"{path}: {error}") from None
    return data


def _problem_lines(path: Path | str, error: BoundaryError) -> str:
    lines = [f"{path} is not a valid assessment. Nothing was imported."]
    lines += [f"  {problem}" for problem in error.problems]
    return "\n".join(lines)


def import_assessment(
    vault: Vault,
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    today: date,
    now: datetime,
) -> Imported:
    """Add an assessment from elsewhere, noting the import in its audit trail.

    The ids of the form's lists must be the catalogue's; a final one must be truly
    final (``intake.admit``). A reference not in CE Desktop's own form, or already used
    here, is replaced, and the notes say so.

    Raises:
        ImportRefused: unknown ids, already here, or it claims to be final but is not.
    """
    existing = {s.id: s.reference for s in vault.list_summaries()}
    try:
        intake = admit(assessment, catalogue, existing=existing, today=today, now=now)
    except BoundaryError as error:
        raise ImportRefused(_problem_lines("The file", error)) from None
    vault.save(intake.assessment)
    return Imported(intake.assessment, bool(intake.notes), intake.notes)


def _named(assessment: Assessment) -> str:
    """ "Assessment REF", or "The assessment" when its reference is not of our form."""
    if is_valid_reference(assessment.reference):
        return f"Assessment {assessment.reference}"
    return "The assessment"
