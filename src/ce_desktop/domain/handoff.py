"""The hand-off to the MASH: record a sending and the MASH's responses, and say when
to chase (issue 13).

Working Together to Safeguard Children: within one working day of a referral the
local authority acknowledges receipt and decides on next steps; the referrer follows
up when this is not forthcoming. So an assessment sent, with neither acknowledgement
nor decision by the end of the working day after the day it was sent, shows "Chase
the MASH" (the number of working days is the worker's setting).

The log lives in ``Assessment.handoff``, outside the content the fingerprint covers:
recording a sending or a response never changes what a paper copy matches. Each entry
also goes in the audit trail, whose detail names the method or decision, never a
typed value. Pure functions: the caller passes the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from ce_desktop.domain.handoff_log import Acknowledgement, Decision, Sending
from ce_desktop.domain.lifecycle import LifecycleError
from ce_desktop.domain.model import Assessment
from ce_desktop.domain.vocabulary import AuditAction, MashDecision, SendingMethod, Status
from ce_desktop.domain.working_days import WorkingCalendar

METHOD_LABELS = {
    SendingMethod.EMAIL: "Email",
    SendingMethod.PRINTED: "Printed and handed over",
    SendingMethod.SECURE_PORTAL: "Secure portal",
    SendingMethod.TELEPHONE: "Telephone referral",
}
DECISION_LABELS = {
    MashDecision.NO_FURTHER_ACTION: "No further action",
    MashDecision.EARLY_HELP: "Early Help",
    MashDecision.SECTION_17: "Section 17 (Child in Need)",
    MashDecision.SECTION_47: "Section 47 or strategy discussion",
    MashDecision.OTHER: "Other",
}


class HandOffState(StrEnum):
    """Where the hand-off to the MASH stands."""

    NOT_SENT = "not_sent"
    AWAITING = "awaiting"
    CHASE = "chase"
    ACKNOWLEDGED = "acknowledged"
    DECIDED = "decided"


STATE_WORDS = {
    HandOffState.NOT_SENT: "Not sent",
    HandOffState.AWAITING: "Sent, awaiting the MASH",
    HandOffState.CHASE: "Chase the MASH",
    HandOffState.ACKNOWLEDGED: "Sent, acknowledged by the MASH",
    HandOffState.DECIDED: "MASH decision",
}


@dataclass(frozen=True)
class HandOffFacts:
    """What the case list keeps of an assessment's hand-off (no typed words).

    Attributes:
        last_sent_at: the latest sending (or an older release's "marked sent" time).
        acknowledged: the MASH acknowledged receipt.
        decision: the MASH's latest decision, if any.
    """

    last_sent_at: datetime | None = None
    acknowledged: bool = False
    decision: MashDecision | None = None

    @classmethod
    def of(cls, assessment: Assessment) -> HandOffFacts:
        """The facts of one assessment's log."""
        log = assessment.handoff
        last = max((s.at for s in log.sendings), default=assessment.sent_at)
        decision = log.decisions[-1].outcome if log.decisions else None
        return cls(last, bool(log.acknowledgements), decision)


def chase_from(sent_at: datetime, calendar: WorkingCalendar, days: int) -> date:
    """The first day to chase: the day after the ``days``-th working day after sending.

    The day of sending is the laptop's local date of ``sent_at``.
    """
    sent_on = sent_at.astimezone().date()
    return calendar.add_working_days(sent_on, days) + timedelta(days=1)


def state_of(
    facts: HandOffFacts, *, today: date, calendar: WorkingCalendar, days: int
) -> HandOffState:
    """Where the hand-off stands on ``today``."""
    if facts.decision is not None:
        return HandOffState.DECIDED
    if facts.acknowledged:
        return HandOffState.ACKNOWLEDGED
    if facts.last_sent_at is None:
        return HandOffState.NOT_SENT
    if today >= chase_from(facts.last_sent_at, calendar, days):
        return HandOffState.CHASE
    return HandOffState.AWAITING


def state_words(facts: HandOffFacts, state: HandOffState) -> str:
    """The state as the case list says it ("MASH decision: Early Help")."""
    if state is HandOffState.DECIDED and facts.decision is not None:
        return f"{STATE_WORDS[state]}: {DECISION_LABELS[facts.decision]}"
    return STATE_WORDS[state]


def record_sending(assessment: Assessment, sending: Sending, *, now: datetime) -> Assessment:
    """Add one sending to the log: the assessment is then sent (if it was not yet).

    Raises:
        LifecycleError: a draft, or a sending in the future or before finalising.
    """
    if assessment.status is Status.DRAFT or assessment.finalised_at is None:
        raise LifecycleError("Finalise the assessment before recording a sending.")
    if sending.at > now:
        raise LifecycleError("The time of sending is in the future.")
    if sending.at < assessment.finalised_at:
        raise LifecycleError("The time of sending is before the assessment was finalised.")
    sent = assessment.model_copy(deep=True)
    sent.handoff.sendings = [*sent.handoff.sendings, sending]
    sent.sent_at = min(sent.sent_at or sending.at, sending.at)
    sent.status = Status.SENT
    sent.updated_at = now
    sent.record(AuditAction.SENDING_RECORDED, sending.how.value, at=now)
    return sent


def record_response(
    assessment: Assessment,
    *,
    now: datetime,
    acknowledgement: Acknowledgement | None = None,
    decision: Decision | None = None,
    mash_reference: str | None = None,
) -> Assessment:
    """Add the MASH's acknowledgement, decision or reference (any of them) to the log.

    Raises:
        LifecycleError: nothing has been sent yet, nothing given, or a time in the future.
    """
    if assessment.status is not Status.SENT:
        raise LifecycleError("Record a sending before the MASH's response.")
    if acknowledgement is None and decision is None and mash_reference is None:
        raise LifecycleError("Give an acknowledgement, a decision or the MASH's reference.")
    for given in (acknowledgement, decision):
        if given is not None and given.at > now:
            raise LifecycleError("The time of the MASH's response is in the future.")
    answered = assessment.model_copy(deep=True)
    log = answered.handoff
    if acknowledgement is not None:
        log.acknowledgements = [*log.acknowledgements, acknowledgement]
        answered.record(AuditAction.ACKNOWLEDGEMENT_RECORDED, at=now)
    if decision is not None:
        log.decisions = [*log.decisions, decision]
        answered.record(AuditAction.DECISION_RECORDED, decision.outcome.value, at=now)
    if mash_reference is not None:
        log.mash_reference = mash_reference
        answered.record(AuditAction.MASH_REFERENCE_RECORDED, at=now)
    answered.updated_at = now
    return answered
