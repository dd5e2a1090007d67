"""The form's vocabulary: the fixed answers an assessment is written in (PRODUCT §2).

The answers (Yes/No/Not known), the risk management framework's levels, the
thresholds, an assessment's status, the kinds of concern, the audit trail's events,
and the hand-off's ways of sending and the MASH's decisions. Each value is what the
interchange format (PRODUCT §8) writes; the words the form prints are beside it, or in
``handoff`` for the hand-off's.
"""

from __future__ import annotations

from enum import StrEnum


class YesNoNotKnown(StrEnum):
    """An answer the form allows as Yes, No or Not known."""

    YES = "yes"
    NO = "no"
    NOT_KNOWN = "not_known"


class RiskLevel(StrEnum):
    """The risk management framework's levels, lowest first."""

    MINIMAL = "minimal"
    EMERGING = "emerging"
    SIGNIFICANT = "significant"
    EXPERIENCING = "experiencing"

    @property
    def rank(self) -> int:
        """Position in the framework: 0 for Minimal up to 3 for Experiencing."""
        return list(RiskLevel).index(self)

    @property
    def label(self) -> str:
        """The level as the form writes it."""
        return self.value.capitalize()


INDICATOR_LEVELS: tuple[RiskLevel, ...] = (
    RiskLevel.EMERGING,
    RiskLevel.SIGNIFICANT,
    RiskLevel.EXPERIENCING,
)
"""The levels an identified indicator can take (the form's Emerging/Significant/Experiencing)."""


class Threshold(StrEnum):
    """The thresholds the level of risk relates to."""

    EARLY_HELP = "early_help"
    CHILD_IN_NEED = "section_17"
    CHILD_PROTECTION = "section_47"

    @property
    def label(self) -> str:
        """The threshold as the form writes it."""
        return _THRESHOLD_LABELS[self]


_THRESHOLD_LABELS = {
    Threshold.EARLY_HELP: "Emerging concerns (Early Help)",
    Threshold.CHILD_IN_NEED: "Complex or serious needs (Section 17 Child in Need)",
    Threshold.CHILD_PROTECTION: "Child protection concerns (Section 47)",
}


class Status(StrEnum):
    """Where an assessment is in its life."""

    DRAFT = "draft"
    FINAL = "final"
    SENT = "sent"


class ConcernKind(StrEnum):
    """The kinds of offender, location or environment of concern on the form."""

    LOCATION = "location"
    ENVIRONMENT = "environment"
    PERSON = "person"
    OTHER = "other"


class AuditAction(StrEnum):
    """Events recorded in an assessment's own audit trail (PRODUCT §5.11)."""

    CREATED = "created"
    IMPORTED = "imported"
    REVIEW_STARTED = "review_started"
    AMENDMENT_STARTED = "amendment_started"
    AMENDED = "amended"
    FINALISED = "finalised"
    EXPORTED_PDF = "exported_pdf"
    EXPORTED_JSON = "exported_json"
    PRINTED = "printed"
    EMAILED = "emailed"
    MARKED_SENT = "marked_sent"
    MANAGER_INFORMED = "manager_informed"
    REFERRED_TO_CSC = "referred_to_csc"
    WARNING_JUSTIFIED = "warning_justified"
    SENDING_RECORDED = "sending_recorded"
    ACKNOWLEDGEMENT_RECORDED = "acknowledgement_recorded"
    DECISION_RECORDED = "decision_recorded"
    MASH_REFERENCE_RECORDED = "mash_reference_recorded"


class SendingMethod(StrEnum):
    """How an assessment went to the MASH (words: ``handoff.METHOD_LABELS``)."""

    EMAIL = "email"
    PRINTED = "printed"
    SECURE_PORTAL = "secure_portal"
    TELEPHONE = "telephone"


class MashDecision(StrEnum):
    """What the MASH decided (words: ``handoff.DECISION_LABELS``)."""

    NO_FURTHER_ACTION = "no_further_action"
    EARLY_HELP = "early_help"
    SECTION_17 = "section_17"
    SECTION_47 = "section_47"
    OTHER = "other"
