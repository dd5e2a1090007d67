"""The CE Risk Assessment as typed data (PRODUCT §2).

The model mirrors the paper form of the Surrey CE Toolkit section by section. It is
also the interchange format (PRODUCT §8): ``Assessment.model_dump_json()`` is what
``ce-desktop export-json`` writes and ``ce-desktop import`` reads.

What the sections are made of (the strict base model, lines, boxes, moments and their
limits) is ``fields``'s; the fixed answers (levels, thresholds, status, audit events)
are ``vocabulary``'s; the hand-off log is ``handoff_log``'s. All of them are imported
from here too. The module knows nothing of Qt, files or encryption.
"""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import date, datetime
from typing import Annotated, Final, Literal

from pydantic import Field, field_validator, model_validator

from ce_desktop.domain.fields import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    LINE_LIMIT,
    ROWS_LIMIT,
    TEXT_LIMIT,
    FormModel,
    Line,
    Moment,
    Text,
    TextLimit,
    utc_now,
)
from ce_desktop.domain.handoff_log import Acknowledgement, Decision, HandOff, Sending
from ce_desktop.domain.identifiers import checked_nhs_number, checked_upn
from ce_desktop.domain.vocabulary import (
    INDICATOR_LEVELS,
    AuditAction,
    ConcernKind,
    MashDecision,
    RiskLevel,
    SendingMethod,
    Status,
    Threshold,
    YesNoNotKnown,
)

# What the sections are made of, their vocabulary and the hand-off log live in their
# own modules; they are imported from here too, with the assessment.
__all__ = [
    "EARLIEST_YEAR",
    "FORMAT_VERSION",
    "INDICATOR_LEVELS",
    "LATEST_YEAR",
    "LINE_LIMIT",
    "REFERENCE_ALPHABET",
    "ROWS_LIMIT",
    "STANDARD_AGENCIES",
    "TEXT_LIMIT",
    "Acknowledgement",
    "AgencyInvolved",
    "Amendment",
    "Analysis",
    "Assessment",
    "AssessmentDetails",
    "AuditAction",
    "AuditEvent",
    "Child",
    "Concern",
    "ConcernKind",
    "Consent",
    "Decision",
    "FormModel",
    "HandOff",
    "IndicatorEntry",
    "IntendedAction",
    "Line",
    "MashDecision",
    "Moment",
    "Referral",
    "RiskLevel",
    "Sending",
    "SendingMethod",
    "Status",
    "Text",
    "TextLimit",
    "Threshold",
    "Vulnerability",
    "VulnerabilityEntry",
    "YesNoNotKnown",
    "is_valid_reference",
    "new_reference",
    "utc_now",
]

FORMAT_VERSION: Final = 4
"""The interchange format version written by this release (see ``migrations``).

3: ``handoff`` (the hand-off log: sendings, the MASH's acknowledgement and decision).
4: ``amendment`` (version 2 or later of a final assessment: what it supersedes, why).
"""


def _new_id() -> str:
    return uuid.uuid4().hex


REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_REFERENCE = re.compile(rf"^CE-\d{{8}}-[{REFERENCE_ALPHABET}]{{4}}( v([2-9]|[1-9]\d{{1,2}}))?$")


def is_valid_reference(reference: str) -> bool:
    """Whether a reference has CE Desktop's own shape (and so carries no personal data):
    ``CE-20261129-7KQ4``, or an amended version of it, ``CE-20261129-7KQ4 v2``."""
    return bool(_REFERENCE.match(reference))


def new_reference(today: date) -> str:
    """A short human reference such as ``CE-20261129-7KQ4``: no personal data in it."""
    tail = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(4))
    return f"CE-{today:%Y%m%d}-{tail}"


class Child(FormModel):
    """Child / young person (PRODUCT §2.1)."""

    name: Line = ""
    known_as: Line = ""
    date_of_birth: date | None = None
    gender: Line = ""
    address: Text = ""
    ethnicity: Line = ""
    religion: Line = ""
    language_spoken: Line = ""
    first_language: YesNoNotKnown | None = None
    interpreter_required: YesNoNotKnown | None = None
    send: YesNoNotKnown | None = None
    """Disability / special educational needs (SEND)."""
    send_details: Text = ""
    previously_identified: YesNoNotKnown | None = None
    """Has sexual exploitation previously been identified as a specific issue?"""
    previously_identified_details: Text = ""
    person_id: Line = ""
    """The council's person id in its case system (LCS, Mosaic): free text."""
    nhs_number: Line = ""
    """Ten digits whose last is the check digit (``identifiers.checked_nhs_number``)."""
    upn: Line = ""
    """The Unique Pupil Number, its check letter first (``identifiers.checked_upn``)."""

    @field_validator("nhs_number")
    @classmethod
    def _nhs_number(cls, value: str) -> str:
        return checked_nhs_number(value)

    @field_validator("upn")
    @classmethod
    def _upn(cls, value: str) -> str:
        return checked_upn(value)

    @property
    def display_name(self) -> str:
        """The name the case list shows: the name, or the alias if no name yet."""
        return self.name.strip() or self.known_as.strip()


class Consent(FormModel):
    """Consent to share information, or the rationale for sharing without it."""

    young_person: YesNoNotKnown | None = None
    parent_carer: YesNoNotKnown | None = None
    family_agreement: Text = ""
    rationale_without_consent: Text = ""


class AssessmentDetails(FormModel):
    """Who completed the assessment, when, and the period it covers (PRODUCT §2.2)."""

    date_completed: date | None = None
    period_from: date | None = None
    period_to: date | None = None
    completed_by: Line = ""
    agency: Line = ""
    contact_details: Text = ""
    consent: Consent = Field(default_factory=Consent)


class AgencyInvolved(FormModel):
    """One row of "Other agencies involved" (PRODUCT §2.3)."""

    agency: Line = ""
    name_contact: Line = ""


STANDARD_AGENCIES: tuple[str, ...] = ("School", "GP", "CAMHS", "Social Care", "Police")
"""The agencies the form lists by name; a new assessment starts with one row each."""


class IndicatorEntry(FormModel):
    """The worker's answer for one indicator (PRODUCT §2.4)."""

    identified: bool = False
    level: RiskLevel | None = None
    narrative: Text = ""

    @field_validator("level")
    @classmethod
    def _indicator_level(cls, value: RiskLevel | None) -> RiskLevel | None:
        if value is RiskLevel.MINIMAL:
            raise ValueError("an indicator's level is Emerging, Significant or Experiencing")
        return value


class VulnerabilityEntry(FormModel):
    """One cultural, identity or additional vulnerability factor (PRODUCT §2.4a)."""

    applies: bool = False
    note: Text = ""


class Vulnerability(FormModel):
    """Cultural, identity and additional vulnerability factors, keyed by factor id."""

    factors: dict[str, VulnerabilityEntry] = Field(default_factory=dict)
    narrative: Text = ""


class Concern(FormModel):
    """One offender, location or environment of concern."""

    kind: ConcernKind = ConcernKind.PERSON
    description: Text = ""


class Analysis(FormModel):
    """Risk assessment analysis and summary (PRODUCT §2.6)."""

    exploitation_types: list[str] = Field(default_factory=list)
    """Type ids from the toolkit catalogue, the primary type first."""
    immediate_concerns: Text = ""
    action_taken_against_risk: Text = ""
    contextual_safeguarding: Text = ""
    immediate_safeguarding_actions: Text = ""
    information_sharing: Text = ""
    summary: Text = ""
    level_of_risk: RiskLevel | None = None
    threshold: Threshold | None = None
    concerns: list[Concern] = Field(default_factory=list)
    framework_category: RiskLevel | None = None
    rationale: Text = ""
    """Box A: the rationale for the level chosen."""
    protective_factors: Text = ""
    """Box A: the protective factors identified (e.g. parental protectiveness)."""
    thorough_assessment_confirmed: bool = False
    """For a child under 13 or with SEND assessed at Emerging or Minimal (PRODUCT §4.3)."""
    professional_discussion: Text = ""
    child_views: Text = ""
    parents_views: Text = ""


class Referral(FormModel):
    """The referral checklist for Significant or Experiencing (PRODUCT §4.6)."""

    manager_informed_at: Moment | None = None
    referred_to_csc_at: Moment | None = None
    telephone_referral_at: Moment | None = None
    """Immediate risk: telephone referral to Social Care and the Police."""


class IntendedAction(FormModel):
    """Intended action and review (PRODUCT §2.7)."""

    further_action: Text = ""
    strategies: list[str] = Field(default_factory=list)
    """Intervention and disruption strategy ids ticked into the plan."""
    next_review_date: date | None = None
    no_review_rationale: Text = ""
    shared_with: Line = ""
    shared_on: date | None = None


class Amendment(FormModel):
    """What makes an assessment a later version of a final one (issue 13 point 2).

    Attributes:
        version: 2 for the first amendment, 3 for an amendment of that, and so on.
        supersedes_id: the id of the version this one supersedes.
        supersedes_fingerprint: that version's fingerprint, as its paper copy shows it.
        reason: why it was amended (printed on every copy of this version).
    """

    version: Annotated[int, Field(ge=2, le=ROWS_LIMIT)]
    supersedes_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    supersedes_fingerprint: Annotated[str, Field(pattern=r"^[0-9A-F]{12}$")]
    reason: Text


class AuditEvent(FormModel):
    """One entry of the assessment's audit trail."""

    at: Moment
    action: AuditAction
    detail: Line = ""


class Assessment(FormModel):
    """A whole CE Risk Assessment: the form, its status and its audit trail.

    Attributes:
        id: random id; names the encrypted file, so it carries no personal data.
        reference: the short reference printed on the PDF and quoted in emails.
        child_id: shared by every assessment (and review) of the same child.
        previous_id: the assessment this review was started from, if any.
        justifications: written justifications for warnings, keyed by finding key.
        fingerprint: short hash of the content when it was finalised.
        handoff: every sending to the MASH and its responses (not fingerprinted).
        amendment: for version 2 or later of a final assessment, which version it
            supersedes and why (None for an original).
    """

    format_version: Literal[4] = FORMAT_VERSION
    id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")] = Field(default_factory=_new_id)
    reference: Annotated[str, Field(min_length=1, max_length=40)]
    child_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")] = Field(default_factory=_new_id)
    previous_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")] | None = None
    status: Status = Status.DRAFT
    is_training_sample: bool = False
    created_at: Moment
    updated_at: Moment
    finalised_at: Moment | None = None
    sent_at: Moment | None = None
    fingerprint: str | None = None

    child: Child = Field(default_factory=Child)
    details: AssessmentDetails = Field(default_factory=AssessmentDetails)
    agencies: list[AgencyInvolved] = Field(default_factory=list)
    indicators: dict[str, IndicatorEntry] = Field(default_factory=dict)
    vulnerability: Vulnerability = Field(default_factory=Vulnerability)
    analysis: Analysis = Field(default_factory=Analysis)
    referral: Referral = Field(default_factory=Referral)
    intended_action: IntendedAction = Field(default_factory=IntendedAction)
    justifications: dict[str, Text] = Field(default_factory=dict)
    audit: list[AuditEvent] = Field(default_factory=list)
    handoff: HandOff = Field(default_factory=HandOff)
    amendment: Amendment | None = None

    @model_validator(mode="after")
    def _status_is_consistent(self) -> Assessment:
        if self.status is not Status.DRAFT and self.finalised_at is None:
            raise ValueError("a final or sent assessment has a finalised time")
        if self.status is Status.SENT and self.sent_at is None:
            raise ValueError("a sent assessment has a sent time")
        return self

    @classmethod
    def new(cls, *, today: date, now: datetime | None = None) -> Assessment:
        """A fresh draft with the form's standard agency rows and one audit event."""
        moment = now or utc_now()
        return cls(
            reference=new_reference(today),
            created_at=moment,
            updated_at=moment,
            agencies=[AgencyInvolved(agency=name) for name in STANDARD_AGENCIES],
            audit=[AuditEvent(at=moment, action=AuditAction.CREATED)],
        )

    def entry(self, indicator_id: str) -> IndicatorEntry:
        """The entry for an indicator, empty if the worker has not touched it."""
        return self.indicators.get(indicator_id) or IndicatorEntry()

    def identified_indicators(self) -> dict[str, IndicatorEntry]:
        """Only the indicators ticked as identified, in insertion order."""
        return {key: e for key, e in self.indicators.items() if e.identified}

    def record(self, action: AuditAction, detail: str = "", *, at: datetime | None = None) -> None:
        """Append an audit event (the detail must never carry a field value)."""
        self.audit = [*self.audit, AuditEvent(at=at or utc_now(), action=action, detail=detail)]

    @property
    def is_read_only(self) -> bool:
        """A final or sent assessment is frozen; changes go into a new review."""
        return self.status is not Status.DRAFT
