"""Amendments: version 2 of a final assessment, the original's content and fingerprint
unchanged, the new version finalised through the same checks."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ce_desktop.domain import amendments
from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.lifecycle import (
    LifecycleError,
    claimed_final_problems,
    content_fingerprint,
    finalise,
    start_review,
)
from ce_desktop.domain.model import (
    AuditAction,
    Sending,
    SendingMethod,
    Status,
    is_valid_reference,
)
from tests.factories import as_final, full_assessment

NOW = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
TODAY = date(2026, 3, 3)
REASON = "Fictional correction: the date of birth was typed wrongly."


def test_amending_makes_version_2_and_leaves_the_original_as_it_was() -> None:
    final = as_final(full_assessment())
    final.handoff.sendings = [Sending(at=NOW, how=SendingMethod.EMAIL, to="Fictional MASH")]
    before = final.model_dump_json(exclude={"audit"})
    original, amended = amendments.amend(final, f"  {REASON}\n", today=TODAY, now=NOW)

    assert original.model_dump_json(exclude={"audit"}) == before
    assert original.fingerprint == content_fingerprint(original) == final.fingerprint
    assert original.audit[:-1] == final.audit
    assert original.audit[-1].action is AuditAction.AMENDED
    assert original.audit[-1].detail == amended.reference
    assert amended.reference == f"{final.reference} v2"
    assert is_valid_reference(amended.reference)
    assert amended.status is Status.DRAFT
    assert amended.fingerprint is None
    assert amended.child_id == final.child_id
    assert amended.previous_id == final.previous_id
    assert amended.id != final.id
    assert amended.handoff.sendings == []  # the sendings were of version 1
    assert amended.amendment is not None
    assert amended.amendment.version == 2
    assert amended.amendment.supersedes_id == final.id
    assert amended.amendment.supersedes_fingerprint == final.fingerprint
    assert amended.amendment.reason == REASON
    assert [e.action for e in amended.audit] == [AuditAction.AMENDMENT_STARTED]
    assert amendments.notice(amended) == (
        f"Amended, version 2: supersedes version 1 (fingerprint {final.fingerprint})"
    )
    assert amendments.notice(final) == ""
    assert amended.child == final.child
    assert amended.indicators == final.indicators


def test_the_amended_version_is_finalised_through_the_same_checks() -> None:
    final = as_final(full_assessment())
    _original, amended = amendments.amend(final, REASON, today=TODAY, now=NOW)
    amended.details.date_completed = None  # an error the checks stop on
    with pytest.raises(LifecycleError):
        finalise(amended, default_catalogue(), now=NOW)
    amended.details.date_completed = final.details.date_completed
    second = finalise(amended, default_catalogue(), now=NOW)
    assert second.fingerprint != final.fingerprint  # its amendment is part of its content
    assert claimed_final_problems(second, default_catalogue(), now=NOW) == []
    _again, third = amendments.amend(second, REASON, today=TODAY, now=NOW)
    assert third.reference == f"{final.reference} v3"
    assert third.amendment is not None
    assert third.amendment.supersedes_fingerprint == second.fingerprint
    assert amendments.notice(third).startswith("Amended, version 3: supersedes version 2")


def test_a_changed_reason_no_longer_matches_the_amended_versions_fingerprint() -> None:
    _original, amended = amendments.amend(as_final(full_assessment()), REASON, today=TODAY, now=NOW)
    second = finalise(amended, default_catalogue(), now=NOW)
    assert second.amendment is not None
    second.amendment.reason = "Fictional: a reason changed after finalising."
    problems = claimed_final_problems(second, default_catalogue(), now=NOW)
    assert any("fingerprint does not match" in p for p in problems)


def test_a_draft_or_no_reason_is_refused_and_a_review_is_no_amendment() -> None:
    with pytest.raises(LifecycleError, match="Only a final"):
        amendments.amend(full_assessment(), REASON, today=TODAY, now=NOW)
    with pytest.raises(LifecycleError, match="Give the reason"):
        amendments.amend(as_final(full_assessment()), "  \n", today=TODAY, now=NOW)
    _original, amended = amendments.amend(as_final(full_assessment()), REASON, today=TODAY, now=NOW)
    review = start_review(as_final(amended), today=TODAY, now=NOW)
    assert review.amendment is None
    assert amendments.base_reference(amended.reference) + " v2" == amended.reference


def test_references_of_versions_have_the_apps_own_shape() -> None:
    assert is_valid_reference("CE-20260303-ABCD v2")
    assert is_valid_reference("CE-20260303-ABCD v17")
    assert not is_valid_reference("CE-20260303-ABCD v1")
    assert not is_valid_reference("CE-20260303-ABCD v02")
    assert not is_valid_reference("CE-20260303-ABCD v2 Jane")
