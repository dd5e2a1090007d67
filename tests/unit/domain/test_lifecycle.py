"""Finalise, mark sent, start a review, and what changed since the last one."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.lifecycle import (
    FinaliseRefused,
    LifecycleError,
    changes_since,
    claimed_final_problems,
    content_fingerprint,
    finalise,
    mark_sent,
    start_review,
)
from ce_desktop.domain.model import (
    Assessment,
    AuditAction,
    IndicatorEntry,
    RiskLevel,
    Status,
    Threshold,
    YesNoNotKnown,
)
from ce_desktop.domain.rules import add_months

NOW = datetime(2026, 11, 29, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 29)
CATALOGUE = default_catalogue()


def draft() -> Assessment:
    """A fictional 14-year-old's draft the checks find nothing in the way of."""
    a = Assessment.new(today=TODAY, now=NOW)
    a.child.name = "Fictional Child"
    a.child.date_of_birth = date(2012, 6, 1)
    a.child.send = YesNoNotKnown.NO
    a.details.date_completed = TODAY
    a.details.consent.young_person = YesNoNotKnown.YES
    a.indicators["grooming"] = IndicatorEntry(
        identified=True, level=RiskLevel.EMERGING, narrative="Fictional."
    )
    a.analysis.level_of_risk = RiskLevel.EMERGING
    a.analysis.threshold = Threshold.EARLY_HELP
    a.analysis.rationale = "Fictional rationale."
    a.intended_action.next_review_date = add_months(TODAY, 3)
    return a


def test_finalise_freezes_with_time_and_fingerprint() -> None:
    final = finalise(draft(), CATALOGUE, now=NOW)
    assert final.status is Status.FINAL
    assert final.is_read_only
    assert final.finalised_at == NOW
    assert final.fingerprint == content_fingerprint(final)
    assert len(final.fingerprint) == 12
    assert final.audit[-1].action is AuditAction.FINALISED
    with pytest.raises(LifecycleError):
        finalise(final, CATALOGUE, now=NOW)


def test_fingerprint_changes_with_content_not_with_status() -> None:
    a = draft()
    before = content_fingerprint(a)
    assert content_fingerprint(finalise(a, CATALOGUE, now=NOW)) == before
    a.analysis.summary = "Changed."
    assert content_fingerprint(a) != before


def test_mark_sent_needs_a_final_assessment() -> None:
    with pytest.raises(LifecycleError):
        mark_sent(draft(), now=NOW)
    sent = mark_sent(finalise(draft(), CATALOGUE, now=NOW), now=NOW)
    assert sent.status is Status.SENT
    assert sent.sent_at == NOW
    assert sent.audit[-1].action is AuditAction.MARKED_SENT


def test_review_copies_forward_and_leaves_the_earlier_untouched() -> None:
    earlier = finalise(draft(), CATALOGUE, now=NOW)
    snapshot = earlier.model_dump_json()
    review = start_review(earlier, today=date(2027, 2, 1), now=NOW)
    assert earlier.model_dump_json() == snapshot
    assert review.id != earlier.id
    assert review.reference != earlier.reference
    assert review.child_id == earlier.child_id
    assert review.previous_id == earlier.id
    assert review.status is Status.DRAFT
    assert review.child.name == "Fictional Child"
    assert review.indicators == earlier.indicators
    assert review.details.date_completed is None
    assert review.justifications == {}
    assert [e.action for e in review.audit] == [AuditAction.REVIEW_STARTED]


def test_changes_since_lists_new_gone_and_changed_levels() -> None:
    earlier = draft()
    earlier.indicators["self_harm"] = IndicatorEntry(
        identified=True, level=RiskLevel.SIGNIFICANT, narrative="x"
    )
    review = start_review(earlier, today=TODAY, now=NOW)
    review.indicators["grooming"] = IndicatorEntry(
        identified=True, level=RiskLevel.SIGNIFICANT, narrative="x"
    )
    review.indicators["self_harm"] = IndicatorEntry(identified=False)
    review.indicators["abduction"] = IndicatorEntry(
        identified=True, level=RiskLevel.EXPERIENCING, narrative="x"
    )
    review.analysis.level_of_risk = RiskLevel.EXPERIENCING
    order = ["grooming", "abduction", "self_harm"]
    changes = changes_since(earlier, review, order)
    assert [(c.indicator_id, c.kind) for c in changes.indicators] == [
        ("grooming", "level"),
        ("abduction", "new"),
        ("self_harm", "gone"),
    ]
    assert changes.level_changed
    assert (changes.level_before, changes.level_after) == (
        RiskLevel.EMERGING,
        RiskLevel.EXPERIENCING,
    )


def test_finalising_records_each_justified_warning_in_the_trail() -> None:
    a = draft()
    a.justifications = {
        "consent:details.consent.rationale_without_consent": "Fictional reason.",
        "send_within_24h:details.date_completed": "   ",
    }
    final = finalise(a, CATALOGUE, now=NOW)
    trail = [(e.action, e.detail) for e in final.audit]
    assert trail[-2:] == [
        (AuditAction.WARNING_JUSTIFIED, "consent:details.consent.rationale_without_consent"),
        (AuditAction.FINALISED, ""),
    ]
    assert all("Fictional reason" not in e.detail for e in final.audit)


def test_a_review_asks_again_for_the_thorough_assessment_confirmation() -> None:
    earlier = draft()
    earlier.analysis.thorough_assessment_confirmed = True
    review = start_review(earlier, today=TODAY, now=NOW)
    assert review.analysis.thorough_assessment_confirmed is False
    assert earlier.analysis.thorough_assessment_confirmed is True


def test_finalise_refuses_while_an_error_stands_whoever_calls_it() -> None:
    a = draft()
    a.analysis.rationale = ""
    with pytest.raises(FinaliseRefused) as refused:
        finalise(a, CATALOGUE, now=NOW)
    assert [f.path for f in refused.value.findings] == ["analysis.rationale"]
    assert "1 problem to fix" in str(refused.value)
    assert a.status is Status.DRAFT


def test_finalise_refuses_a_warning_without_its_reason() -> None:
    a = draft()
    a.details.consent.young_person = YesNoNotKnown.NO
    with pytest.raises(FinaliseRefused) as refused:
        finalise(a, CATALOGUE, now=NOW)
    (warning,) = refused.value.findings
    assert "1 warning needs a reason" in str(refused.value)
    a.justifications[warning.key] = "Fictional: sharing without consent, risk of harm."
    assert finalise(a, CATALOGUE, now=NOW).status is Status.FINAL


def test_a_real_final_claims_nothing_false() -> None:
    assert claimed_final_problems(finalise(draft(), CATALOGUE, now=NOW), CATALOGUE, now=NOW) == []
    assert claimed_final_problems(draft(), CATALOGUE, now=NOW) == []


def test_a_made_up_final_is_found_out() -> None:
    fake = draft()
    fake.analysis.level_of_risk = None
    fake.analysis.rationale = ""
    fake.fingerprint = "ABCDEF123456"
    fake.finalised_at = NOW
    fake.status = Status.FINAL
    problems = claimed_final_problems(fake, CATALOGUE, now=NOW)
    assert len(problems) == 2
    assert "fingerprint does not match" in problems[0]
    assert "2 problems" in problems[1]
