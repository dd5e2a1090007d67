"""An assessment's life: finalise, mark sent, start a review, compare with the last one.

Pure functions over the model: the caller passes today's date and the current time, so
every step is deterministic under test.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from ce_desktop.domain import rules
from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.model import (
    Assessment,
    AuditAction,
    AuditEvent,
    HandOff,
    Referral,
    RiskLevel,
    Status,
    new_reference,
    utc_now,
)

FINGERPRINT_LENGTH = 12
"""Hex digits of the content hash printed on a final PDF: short enough to read aloud."""


class LifecycleError(ValueError):
    """A step that the assessment's status does not allow (for example editing a final)."""


class FinaliseRefused(LifecycleError):
    """The checks found an error, or a warning without its written reason.

    Attributes:
        findings: what stands in the way (errors, then warnings without a reason).
    """

    def __init__(self, findings: list[rules.Finding]) -> None:
        errors = sum(1 for f in findings if f.severity is rules.Severity.ERROR)
        reasons = len(findings) - errors
        parts = []
        if errors:
            parts.append(f"{errors} {'problem' if errors == 1 else 'problems'} to fix")
        if reasons:
            need = "warning needs" if reasons == 1 else "warnings need"
            parts.append(f"{reasons} {need} a reason")
        super().__init__(f"The assessment cannot be finalised yet: {' and '.join(parts)}.")
        self.findings = findings


def content_fingerprint(assessment: Assessment) -> str:
    """A short hash of the form's content, independent of status and audit trail.

    A paper copy can be matched to its record by this value. An amended version's
    amendment (what it supersedes, and why) is part of what its paper copy says, so it
    is part of its fingerprint; an original has none, and its fingerprint stays what
    it always was.
    """
    amended = {"amendment"} if assessment.amendment is not None else set()
    content = assessment.model_dump_json(
        include=amended
        | {
            "reference",
            "child",
            "details",
            "agencies",
            "indicators",
            "vulnerability",
            "analysis",
            "referral",
            "intended_action",
            "justifications",
        }
    )
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    return digest[:FINGERPRINT_LENGTH].upper()


def standing_in_the_way(
    assessment: Assessment, catalogue: Catalogue, *, now: datetime
) -> list[rules.Finding]:
    """What stops finalising: every error, and every warning without a written reason."""
    found = rules.check(assessment, catalogue, now=now)
    return rules.blocking(found) + rules.unjustified_warnings(assessment, found)


def finalise(assessment: Assessment, catalogue: Catalogue, *, now: datetime) -> Assessment:
    """Freeze a draft: status final, the finalised time and the content fingerprint.

    The rules run again here, whoever asks (a button, the command line, a test), so a
    draft with an error standing, or a warning without its reason, is never final.

    Raises:
        LifecycleError: the assessment is not a draft.
        FinaliseRefused: the checks found something in the way (with the findings).
    """
    if assessment.status is not Status.DRAFT:
        raise LifecycleError("Only a draft can be finalised.")
    in_the_way = standing_in_the_way(assessment, catalogue, now=now)
    if in_the_way:
        raise FinaliseRefused(in_the_way)
    moment = now
    final = assessment.model_copy(deep=True)
    final.fingerprint = content_fingerprint(final)
    final.finalised_at = moment
    final.status = Status.FINAL
    final.updated_at = moment
    # The written reasons stay in the file (and print on the PDF); the trail records
    # which warnings were accepted, by rule and field, never the reason's words.
    for key, reason in sorted(final.justifications.items()):
        if reason.strip():
            final.record(AuditAction.WARNING_JUSTIFIED, key, at=moment)
    final.record(AuditAction.FINALISED, at=moment)
    return final


def claimed_final_problems(
    assessment: Assessment, catalogue: Catalogue, *, now: datetime
) -> list[str]:
    """Why a file that says it is final (or sent) cannot be taken as final, if it cannot.

    A final assessment's fingerprint is the hash of its content, and the checks found
    no error when it was finalised. A file from elsewhere (an import) that claims to be
    final but whose fingerprint does not match what it holds, or that has errors
    standing, was changed afterwards or was never finalised here.
    """
    if assessment.status is Status.DRAFT:
        return []
    problems: list[str] = []
    if assessment.fingerprint != content_fingerprint(assessment):
        problems.append(
            "it says it is final, but its fingerprint does not match its content "
            "(it was changed after it was finalised)"
        )
    errors = rules.blocking(rules.check(assessment, catalogue, now=now))
    if errors:
        noun = "problem" if len(errors) == 1 else "problems"
        problems.append(
            f"it says it is final, but the checks find {len(errors)} {noun} that would "
            "stop it being finalised"
        )
    if assessment.finalised_at is None:
        problems.append("it says it is final, but has no time of finalising")
    return problems


def mark_sent(assessment: Assessment, *, now: datetime | None = None) -> Assessment:
    """Record that the final assessment went to Children's Social Care."""
    if assessment.status is Status.DRAFT:
        raise LifecycleError("Finalise the assessment before marking it as sent.")
    if assessment.status is Status.SENT:
        return assessment
    moment = now or utc_now()
    sent = assessment.model_copy(deep=True)
    sent.sent_at = moment
    sent.status = Status.SENT
    sent.updated_at = moment
    sent.record(AuditAction.MARKED_SENT, at=moment)
    return sent


def draft_copy(source: Assessment, *, today: date, now: datetime | None = None) -> Assessment:
    """A deep copy of ``source`` as a brand-new draft: new id and reference, no history.

    The child id, the audit trail and the link to a previous assessment are the
    caller's to set: a review keeps the child, a training sample does not.
    """
    moment = now or utc_now()
    draft = source.model_copy(deep=True)
    draft.id = Assessment.new(today=today, now=moment).id
    draft.reference = new_reference(today)
    draft.previous_id = None
    draft.status = Status.DRAFT
    draft.created_at = moment
    draft.updated_at = moment
    draft.finalised_at = None
    draft.sent_at = None
    draft.fingerprint = None
    draft.handoff = HandOff()  # the sendings were of the earlier assessment, not this one
    draft.amendment = None  # a review is a new assessment, not a later version
    return draft


def start_review(previous: Assessment, *, today: date, now: datetime | None = None) -> Assessment:
    """A new draft for the same child, copied forward from an earlier assessment.

    The earlier assessment is not touched. Dates of this assessment, its status, its
    referral checklist, its justifications and its audit trail start afresh; the
    child, agencies, indicators, vulnerability factors, analysis and plan carry over
    as the starting point of the review.
    """
    moment = now or utc_now()
    review = draft_copy(previous, today=today, now=moment)
    review.previous_id = previous.id
    review.details = review.details.model_copy(
        update={"date_completed": None, "period_from": None, "period_to": None}
    )
    review.intended_action = review.intended_action.model_copy(
        update={"next_review_date": None, "no_review_rationale": "", "shared_on": None}
    )
    review.referral = Referral()
    # The confirmation of a thorough assessment (§4.3) is about that assessment only.
    review.analysis = review.analysis.model_copy(update={"thorough_assessment_confirmed": False})
    review.justifications = {}
    review.audit = [
        AuditEvent(at=moment, action=AuditAction.REVIEW_STARTED, detail=previous.reference)
    ]
    return review


@dataclass(frozen=True)
class IndicatorChange:
    """How one indicator moved between the previous assessment and this review."""

    indicator_id: str
    before: RiskLevel | None
    after: RiskLevel | None
    """None means not identified (a level of None on an identified entry is 'no level')."""
    kind: str
    """``"new"``, ``"gone"`` or ``"level"``."""


@dataclass(frozen=True)
class ReviewChanges:
    """What changed since the previous assessment (PRODUCT §3.8a)."""

    indicators: list[IndicatorChange]
    level_before: RiskLevel | None
    level_after: RiskLevel | None

    @property
    def level_changed(self) -> bool:
        """Whether the overall level of risk moved."""
        return self.level_before != self.level_after


def changes_since(previous: Assessment, current: Assessment, order: list[str]) -> ReviewChanges:
    """Indicators newly identified, gone or changed level, in the catalogue's ``order``."""
    before = previous.identified_indicators()
    after = current.identified_indicators()
    changes: list[IndicatorChange] = []
    for key in order:
        was, now = before.get(key), after.get(key)
        if was is None and now is not None:
            changes.append(IndicatorChange(key, None, now.level, "new"))
        elif was is not None and now is None:
            changes.append(IndicatorChange(key, was.level, None, "gone"))
        elif was is not None and now is not None and was.level != now.level:
            changes.append(IndicatorChange(key, was.level, now.level, "level"))
    return ReviewChanges(changes, previous.analysis.level_of_risk, current.analysis.level_of_risk)
