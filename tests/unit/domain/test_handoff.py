"""The hand-off log: sendings, the MASH's responses, and when to chase (issue 13)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from ce_desktop.domain import handoff
from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.handoff import HandOffFacts, HandOffState
from ce_desktop.domain.lifecycle import (
    LifecycleError,
    claimed_final_problems,
    content_fingerprint,
    mark_sent,
    start_review,
)
from ce_desktop.domain.migrations import migrate
from ce_desktop.domain.model import (
    Acknowledgement,
    Assessment,
    AuditAction,
    Decision,
    MashDecision,
    Sending,
    SendingMethod,
    Status,
)
from ce_desktop.domain.working_days import default_calendar
from tests.factories import as_final, full_assessment

FINALISED = datetime(2026, 5, 22, 9, 0, tzinfo=UTC)  # a Friday before a bank holiday Monday
SENT = datetime(2026, 5, 22, 12, 0, tzinfo=UTC)
CALENDAR = default_calendar()


def _final() -> Assessment:
    return as_final(full_assessment(), at=FINALISED)


def _sent(at: datetime = SENT, final: Assessment | None = None) -> Assessment:
    sending = Sending(at=at, how=SendingMethod.EMAIL, to="Fictional MASH", by="A Worker")
    return handoff.record_sending(final or _final(), sending, now=at)


def _state(assessment: Assessment, today: date, days: int = 1) -> HandOffState:
    facts = HandOffFacts.of(assessment)
    return handoff.state_of(facts, today=today, calendar=CALENDAR, days=days)


def test_a_sending_makes_the_assessment_sent_and_is_in_the_audit_trail() -> None:
    sent = _sent()
    assert sent.status is Status.SENT
    assert sent.sent_at == SENT
    assert sent.handoff.sendings[0].how is SendingMethod.EMAIL
    assert sent.audit[-1].action is AuditAction.SENDING_RECORDED
    assert sent.audit[-1].detail == "email"  # the method only, never a typed value


def test_recording_never_changes_the_fingerprint_a_paper_copy_matches() -> None:
    final = _final()
    sent = _sent(final=final)
    again = handoff.record_sending(
        sent, Sending(at=SENT, how=SendingMethod.TELEPHONE, to="Duty desk"), now=SENT
    )
    answered = handoff.record_response(
        again,
        now=SENT,
        acknowledgement=Acknowledgement(at=SENT, by="MASH duty worker"),
        decision=Decision(at=SENT, outcome=MashDecision.SECTION_47, note="Strategy discussion."),
        mash_reference="MASH-0001",
    )
    assert content_fingerprint(answered) == final.fingerprint == answered.fingerprint
    assert claimed_final_problems(answered, default_catalogue(), now=SENT) == []
    assert len(answered.handoff.sendings) == 2


def test_a_draft_a_future_time_and_a_time_before_finalising_are_refused() -> None:
    sending = Sending(at=SENT, how=SendingMethod.PRINTED)
    with pytest.raises(LifecycleError, match="Finalise"):
        handoff.record_sending(full_assessment(), sending, now=SENT)
    with pytest.raises(LifecycleError, match="future"):
        handoff.record_sending(_final(), sending, now=SENT - timedelta(minutes=1))
    early = Sending(at=FINALISED - timedelta(hours=1), how=SendingMethod.PRINTED)
    with pytest.raises(LifecycleError, match="before the assessment was finalised"):
        handoff.record_sending(_final(), early, now=SENT)
    with pytest.raises(LifecycleError, match="Record a sending"):
        handoff.record_response(_final(), now=SENT, mash_reference="X")
    with pytest.raises(LifecycleError, match="Give an acknowledgement"):
        handoff.record_response(_sent(), now=SENT)


def test_the_chase_comes_after_one_working_day_past_a_weekend_and_a_bank_holiday() -> None:
    sent = _sent()  # Friday 22 May 2026; Monday 25 May is a bank holiday
    assert _state(sent, date(2026, 5, 22)) is HandOffState.AWAITING
    assert _state(sent, date(2026, 5, 23)) is HandOffState.AWAITING  # Saturday
    assert _state(sent, date(2026, 5, 25)) is HandOffState.AWAITING  # bank holiday
    assert _state(sent, date(2026, 5, 26)) is HandOffState.AWAITING  # the working day
    assert _state(sent, date(2026, 5, 27)) is HandOffState.CHASE
    assert _state(sent, date(2026, 5, 27), days=2) is HandOffState.AWAITING
    assert _state(sent, date(2026, 5, 28), days=2) is HandOffState.CHASE


def test_an_acknowledgement_or_a_decision_ends_the_chase() -> None:
    later = date(2026, 9, 30)
    sent = _sent()
    acknowledged = handoff.record_response(
        sent, now=SENT, acknowledgement=Acknowledgement(at=SENT, by="Duty")
    )
    assert _state(acknowledged, later) is HandOffState.ACKNOWLEDGED
    decided = handoff.record_response(
        sent, now=SENT, decision=Decision(at=SENT, outcome=MashDecision.EARLY_HELP)
    )
    assert _state(decided, later) is HandOffState.DECIDED
    facts = HandOffFacts.of(decided)
    assert handoff.state_words(facts, HandOffState.DECIDED) == "MASH decision: Early Help"
    assert [e.action for e in decided.audit[-1:]] == [AuditAction.DECISION_RECORDED]
    assert decided.audit[-1].detail == "early_help"
    assert _state(_final(), later) is HandOffState.NOT_SENT


def test_an_older_file_migrates_with_an_empty_log_and_keeps_its_sent_time() -> None:
    sent = mark_sent(_final(), now=SENT)
    older = json.loads(sent.model_dump_json())
    older["format_version"] = 1
    del older["handoff"]
    migrated = Assessment.model_validate(migrate(older))
    assert migrated.handoff.sendings == []
    assert HandOffFacts.of(migrated).last_sent_at == SENT
    assert _state(migrated, date(2026, 5, 27)) is HandOffState.CHASE


def test_a_review_starts_with_an_empty_log() -> None:
    answered = handoff.record_response(
        _sent(), now=SENT, acknowledgement=Acknowledgement(at=SENT), mash_reference="MASH-1"
    )
    review = start_review(answered, today=date(2026, 8, 1), now=SENT)
    assert review.handoff.sendings == []
    assert review.handoff.acknowledgements == []
    assert review.handoff.mash_reference == ""
    assert HandOffFacts.of(review).last_sent_at is None
