"""Bringing an assessment in from an interchange file (PRODUCT §8), as a pure step.

Everything passes the boundary first (``domain.boundary``); then the ids of the form's
lists are checked against the catalogue, a claim to be final is checked, and the
reference is made safe and unique here. The caller saves what is returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from ce_desktop.domain import boundary, lifecycle
from ce_desktop.domain.boundary import BoundaryError, Problem
from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.model import Assessment, AuditAction, is_valid_reference, new_reference

IMPORT_LIMIT: Final = 20_000_000
"""Bytes of interchange JSON read from a file or a PDF: about a hundred times the
largest real assessment, so nothing real is refused and nothing huge is read whole."""


def interchange_json(assessment: Assessment) -> bytes:
    """The interchange file's bytes: what ``export-json`` writes and the PDF carries."""
    return assessment.model_dump_json(indent=2).encode("utf-8")


class ImportRefused(ValueError):
    """The file's content is valid but cannot come in (already here, or a false final)."""


@dataclass(frozen=True)
class Intake:
    """An assessment ready to save, and what was changed on the way in, in plain words."""

    assessment: Assessment
    notes: list[str]


def prepare_import(
    data: bytes | str,
    catalogue: Catalogue,
    *,
    existing: Mapping[str, str],
    today: date,
    now: datetime | None = None,
) -> Intake:
    """The assessment in an interchange file's content, through the boundary and ready to save.

    Raises:
        NewerFormatError: the file was made by a newer release.
        BoundaryError: problems by field path (types, limits, catalogue ids).
        ImportRefused: as for :func:`admit`.
    """
    return admit(
        boundary.assessment_from_json(data), catalogue, existing=existing, today=today, now=now
    )


def admit(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    existing: Mapping[str, str],
    today: date,
    now: datetime | None = None,
) -> Intake:
    """An assessment from elsewhere (already through the boundary), checked and ready to save.

    Args:
        assessment: as read by ``boundary.assessment_from_json``; not changed.
        catalogue: the form whose ids the assessment must use.
        existing: reference of every assessment already in the data folder, by id.
        today: for a new reference.
        now: the time of the import event in the audit trail.

    Raises:
        BoundaryError: ids of the form's lists that the catalogue does not have.
        ImportRefused: the same assessment is already here, or it claims a final state
            it cannot have had (its fingerprint does not match its content, or an error
            stood at its finalised time: the checks are run as of then, not today).
    """
    problems = boundary.catalogue_problems(assessment, catalogue)
    if problems:
        raise BoundaryError(problems)
    moment = assessment.finalised_at or assessment.updated_at
    false_final = lifecycle.claimed_final_problems(assessment, catalogue, now=moment)
    if false_final:
        raise ImportRefused(f"{_named(assessment)} was not imported: {'; '.join(false_final)}.")
    if assessment.id in existing:
        raise ImportRefused(f"Assessment {existing[assessment.id]} is already here.")
    assessment = assessment.model_copy(deep=True)
    notes: list[str] = []
    used = {reference.upper() for reference in existing.values()}
    if not is_valid_reference(assessment.reference):
        # A reference is printed on PDFs and in email subjects and file names: one typed
        # by hand elsewhere could hold a name, so it is replaced, and not repeated here.
        assessment.reference = _fresh_reference(today, used)
        notes.append(
            f"The file's reference was not in CE Desktop's form: now {assessment.reference}."
        )
    elif assessment.reference.upper() in used:
        old = assessment.reference
        assessment.reference = _fresh_reference(today, used)
        notes.append(
            f"Another assessment here already has the reference {old}, "
            f"so this one is now {assessment.reference}."
        )
    assessment.record(AuditAction.IMPORTED, at=now)
    return Intake(assessment, notes)


def _named(assessment: Assessment) -> str:
    if is_valid_reference(assessment.reference):
        return f"Assessment {assessment.reference}"
    return "The assessment"


def _fresh_reference(today: date, used: set[str]) -> str:
    while True:
        reference = new_reference(today)
        if reference not in used:
            return reference


__all__ = [
    "IMPORT_LIMIT",
    "BoundaryError",
    "ImportRefused",
    "Intake",
    "Problem",
    "admit",
    "interchange_json",
    "prepare_import",
]
