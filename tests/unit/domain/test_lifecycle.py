"""Finalise, mark sent, start a review, and what changed since the last one."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ce_desktop.domain.lifecycle import (
    LifecycleError,
    changes_since,
    content_fingerprint,
    finalise,
    mark_sent,
    start_review,
)
from ce_desktop.domain.model import Assessment, AuditAction, IndicatorEntry, RiskLevel, Status

NOW = datetime(2026, 11, 29, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 29)


def draft() -> Assessment:
    a = Assessment.new(today=TODAY, now=NOW)
    a.child.name = "Fictional Child"
    a.details.date_completed = TODAY
    a.indicators["grooming"] = IndicatorEntry(
        identified=True, level=RiskLevel.EMERGING, narrative="Fictional."
    )
    a.analysis.level_of_risk = RiskLevel.EMERGING
    return a


def test_finalise_freezes_with_time_and_fingerprint() -> None:
    final = finalise(draft(), now=NOW)
    assert final.status is Status.FINAL
    assert final.is_read_only
    assert final.finalised_at == NOW
    assert final.fingerprint == content_fingerprint(final)
    assert len(final.fingerprint) == 12
    assert final.audit[-1].action is AuditAction.FINALISED
    with pytest.raises(LifecycleError):
        finalise(final, now=NOW)


def test_fingerprint_changes_with_content_not_with_status() -> None:
    a = draft()
    before = content_fingerprint(a)
    assert content_fingerprint(finalise(a, now=NOW)) == before
    a.analysis.summary = "Changed."
    assert content_fingerprint(a) != before


def test_mark_sent_needs_a_final_assessment() -> None:
    with pytest.raises(LifecycleError):
        mark_sent(draft(), now=NOW)
    sent = mark_sent(finalise(draft(), now=NOW), now=NOW)
    assert sent.status is Status.SENT
    assert sent.sent_at == NOW
    assert sent.audit[-1].action is AuditAction.MARKED_SENT


def test_review_copies_forward_and_leaves_the_earlier_untouched() -> None:
    earlier = finalise(draft(), now=NOW)
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
    final = finalise(a, now=NOW)
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
