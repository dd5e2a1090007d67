"""Amend a final assessment, and the versions of an assessment (issue 13, point 2).

The window's "Amend a final assessment…" and ``ce-desktop amend REF`` call
:func:`amend`, so both keep the original as it was (only its audit trail grows) and
start the new version as a draft that is finalised through the same checks.

An assessment and its amended versions are one assessment in several versions. The
case list shows the latest (:func:`latest_versions`), its history lists them all
(:func:`history`), and a review weighs the latest final version, the assessment of
record (:func:`record_of`, :func:`review_source`), never one it superseded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ce_desktop.domain import amendments
from ce_desktop.domain.lifecycle import LifecycleError
from ce_desktop.domain.model import Assessment, Status
from ce_desktop.storage.errors import StorageError
from ce_desktop.storage.summaries import AssessmentSummary
from ce_desktop.storage.vault import Vault

__all__ = [
    "LifecycleError",
    "Version",
    "amend",
    "check_amendable",
    "family",
    "history",
    "latest_versions",
    "record_of",
    "review_source",
    "superseded_by",
]


def superseded_by(
    summaries: Iterable[AssessmentSummary], assessment_id: str
) -> AssessmentSummary | None:
    """The version that supersedes this one, if there is one."""
    return next((s for s in summaries if s.supersedes_id == assessment_id), None)


def latest_versions(summaries: Sequence[AssessmentSummary]) -> list[AssessmentSummary]:
    """The summaries less every version a later one supersedes (the case list's rows)."""
    superseded = {s.supersedes_id for s in summaries if s.supersedes_id}
    return [s for s in summaries if s.id not in superseded]


def family(summaries: Sequence[AssessmentSummary], assessment_id: str) -> list[AssessmentSummary]:
    """Every version of the assessment this id is a version of, the original first.

    Followed back through what each version supersedes, then forward through what
    supersedes each; a version whose file is gone ends the walk there.
    """
    by_id = {s.id: s for s in summaries}
    start = by_id.get(assessment_id)
    if start is None:
        return []
    seen = {start.id}
    first = start
    while first.supersedes_id in by_id and first.supersedes_id not in seen:
        first = by_id[first.supersedes_id]
        seen.add(first.id)
    chain = [first]
    while (later := superseded_by(summaries, chain[-1].id)) is not None and later not in chain:
        chain.append(later)
    return chain


def check_amendable(vault: Vault, assessment: Assessment) -> None:
    """Refuse, before a reason is asked for, what cannot be amended.

    Raises:
        LifecycleError: a draft, or a version a later one already supersedes.
    """
    if assessment.status is Status.DRAFT:
        raise LifecycleError(amendments.ONLY_A_FINAL)
    later = superseded_by(vault.list_summaries(), assessment.id)
    if later is not None:
        raise LifecycleError(
            f"{assessment.reference} has already been amended: {later.reference} supersedes "
            "it. Open the latest version from the case list and amend that one."
        )


def amend(
    vault: Vault, final: Assessment, reason: str, *, today: date, now: datetime
) -> Assessment:
    """Save the new version's draft and the original's audit entry; the new version.

    Raises:
        LifecycleError: a draft, no reason, or this version was already amended.
        StorageError: not saved (a reason over its limit is named).
    """
    check_amendable(vault, final)
    original, amended = amendments.amend(final, reason, today=today, now=now)
    vault.save(amended)
    vault.save(original)
    return amended


@dataclass(frozen=True)
class Version:
    """One version of an assessment, as its history lists it.

    Attributes:
        id: the version's own id (to open it).
        reference: ``REF`` for the original, ``REF v2`` and on for the later ones.
        version: 1, 2, ...
        status: draft, final or sent.
        finalised_at: when it was finalised (None for a draft).
        fingerprint: its fingerprint (None for a draft).
        reason: why it was amended ("" for the original).
        damaged: its file cannot be read (only its reference is known).
    """

    id: str
    reference: str
    version: int
    status: Status
    finalised_at: datetime | None
    fingerprint: str | None
    reason: str
    damaged: bool = False


def _unreadable(summary: AssessmentSummary) -> Version:
    return Version(
        id=summary.id,
        reference=summary.reference,
        version=summary.version,
        status=summary.status,
        finalised_at=None,
        fingerprint=None,
        reason="",
        damaged=True,
    )


def history(vault: Vault, assessment_id: str) -> list[Version]:
    """Every version of this assessment, the original first, each read from its file."""
    versions = []
    for summary in family(vault.list_summaries(), assessment_id):
        try:
            if summary.damaged:
                raise StorageError(summary.reference)
            each = vault.load(summary.id)
        except StorageError:
            versions.append(_unreadable(summary))
            continue
        reason = each.amendment.reason if each.amendment else ""
        versions.append(
            Version(
                each.id,
                each.reference,
                amendments.version_of(each),
                each.status,
                each.finalised_at,
                each.fingerprint,
                reason,
            )
        )
    return versions


def record_of(vault: Vault, assessment_id: str) -> Assessment:
    """The assessment of record among this one's versions: the latest final version.

    An amended version still a draft is not yet a record; an assessment never amended
    is its own record (whatever its status).

    Raises:
        StorageError: the assessment cannot be read.
    """
    chain = family(vault.list_summaries(), assessment_id)
    finals = [s for s in chain if s.status is not Status.DRAFT and not s.damaged]
    if finals and finals[-1].id != assessment_id:
        try:
            return vault.load(finals[-1].id)
        except StorageError:
            pass  # the latest cannot be read: the one asked for is the best there is
    return vault.load(assessment_id)


def review_source(vault: Vault, assessment_id: str) -> str:
    """The id of the version a review of this assessment starts from: the latest one
    that can be read.

    Raises:
        LifecycleError: a later version is a draft still being amended.
    """
    readable = [s for s in family(vault.list_summaries(), assessment_id) if not s.damaged]
    if not readable or readable[-1].id == assessment_id:
        return assessment_id
    latest = readable[-1]
    if latest.status is Status.DRAFT:
        raise LifecycleError(
            f"{latest.reference}, the amended version of this assessment, is still a "
            "draft. Finalise it first, so the review starts from the corrected assessment."
        )
    return latest.id
