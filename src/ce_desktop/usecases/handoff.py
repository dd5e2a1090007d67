"""Use cases of the hand-off to the MASH: record a sending, record the MASH's response,
and where each assessment's hand-off stands (issue 13).

The window's "Record a sending" dialog and the command line's ``record-sending`` and
``record-response`` call these, so both write the same log and audit entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ce_desktop.domain import handoff
from ce_desktop.domain.handoff import HandOffFacts, HandOffState
from ce_desktop.domain.lifecycle import LifecycleError
from ce_desktop.domain.model import (
    Acknowledgement,
    Assessment,
    Decision,
    MashDecision,
    Sending,
    SendingMethod,
)
from ce_desktop.domain.settings import Settings
from ce_desktop.domain.working_days import WorkingCalendar, default_calendar
from ce_desktop.storage.vault import Vault

__all__ = [
    "HandOffState",
    "LifecycleError",
    "Response",
    "record_response",
    "record_sending",
    "state_of",
    "state_words",
]


def record_sending(
    vault: Vault,
    assessment: Assessment,
    *,
    how: SendingMethod,
    to: str,
    by: str,
    at: datetime,
    now: datetime,
) -> Assessment:
    """Add a sending to a final assessment's log and save it.

    Raises:
        LifecycleError: a draft, or a time in the future or before finalising.
        StorageError: not saved (a field over its limit is named).
    """
    sending = Sending(at=at, how=how, to=to.strip(), by=by.strip())
    sent = handoff.record_sending(assessment, sending, now=now)
    vault.save(sent)
    return sent


@dataclass(frozen=True)
class Response:
    """What the MASH said, as the worker records it; any part may be missing.

    Attributes:
        acknowledged_at: when the MASH acknowledged receipt (None: not recorded now).
        acknowledged_by: who at the MASH.
        decision: the MASH's decision (None: not recorded now).
        decided_at: when it was decided.
        note: the note on the decision.
        mash_reference: the MASH's own reference (None: unchanged).
    """

    acknowledged_at: datetime | None = None
    acknowledged_by: str = ""
    decision: MashDecision | None = None
    decided_at: datetime | None = None
    note: str = ""
    mash_reference: str | None = None


def record_response(
    vault: Vault, assessment: Assessment, response: Response, *, now: datetime
) -> Assessment:
    """Add the MASH's acknowledgement, decision or reference to the log, and save it.

    Raises:
        LifecycleError: not sent yet, nothing given, or a time in the future.
        StorageError: not saved (a field over its limit is named).
    """
    acknowledgement = None
    if response.acknowledged_at is not None:
        acknowledgement = Acknowledgement(
            at=response.acknowledged_at, by=response.acknowledged_by.strip()
        )
    decision = None
    if response.decision is not None:
        decision = Decision(
            at=response.decided_at or now, outcome=response.decision, note=response.note
        )
    reference = response.mash_reference
    answered = handoff.record_response(
        assessment,
        now=now,
        acknowledgement=acknowledgement,
        decision=decision,
        mash_reference=None if reference is None else reference.strip(),
    )
    vault.save(answered)
    return answered


def state_of(
    facts: HandOffFacts,
    settings: Settings,
    *,
    today: date,
    calendar: WorkingCalendar | None = None,
) -> HandOffState:
    """Where one assessment's hand-off stands today, by the worker's chase setting."""
    return handoff.state_of(
        facts,
        today=today,
        calendar=calendar or default_calendar(),
        days=settings.chase_working_days,
    )


def state_words(facts: HandOffFacts, state: HandOffState) -> str:
    """The state in the case list's words ("Chase the MASH")."""
    return handoff.state_words(facts, state)
