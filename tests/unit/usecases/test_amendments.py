"""The amendment use cases on a real vault: version 2 saved beside the original, the
history of versions, the case list's latest versions, and the review that weighs the
latest final version, the assessment of record."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.chronology import Chronology, new_incident, with_incident
from ce_desktop.domain.model import AuditAction, RiskLevel, Status
from ce_desktop.storage.index import AssessmentSummary
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import amendments, assessments, incidents
from tests.factories import as_final, full_assessment
from tests.unit.usecases.conftest import PASSPHRASE

FINALISED = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
TODAY = date(2026, 3, 3)
REASON = "Fictional correction: the school's name was wrong."


def _finalised_v2(vault: Vault, final_id: str, *, level: RiskLevel | None = None) -> str:
    original = vault.load(final_id)
    amended = amendments.amend(vault, original, REASON, today=TODAY, now=NOW)
    if level is not None:
        amended.analysis.level_of_risk = level
        amended.analysis.framework_category = level
    later = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    return assessments.finalise(vault, amended, default_catalogue(), now=later).id


def test_amend_saves_version_2_and_keeps_the_original_byte_for_byte(vault: Vault) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    before = json.loads(vault.load(final.id).model_dump_json())

    amended = amendments.amend(vault, vault.load(final.id), REASON, today=TODAY, now=NOW)

    after = json.loads(vault.load(final.id).model_dump_json())
    assert after.pop("audit")[:-1] == before.pop("audit")
    assert after == before
    assert vault.load(final.id).audit[-1].action is AuditAction.AMENDED
    stored = vault.load(amended.id)
    assert stored.reference == f"{final.reference} v2"
    assert stored.status is Status.DRAFT
    summaries = {s.id: s for s in vault.list_summaries()}
    assert summaries[amended.id].version == 2
    assert summaries[amended.id].supersedes_id == final.id
    assert summaries[final.id].version == 1
    assert AssessmentSummary.from_json(summaries[amended.id].to_json()) == summaries[amended.id]
    assert [s.id for s in amendments.latest_versions(vault.list_summaries())] == [amended.id]


def test_a_superseded_version_cannot_be_amended_again(vault: Vault) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    amendments.amend(vault, final, REASON, today=TODAY, now=NOW)
    with pytest.raises(amendments.LifecycleError, match=r"already been amended: .* v2 supersedes"):
        amendments.amend(vault, vault.load(final.id), REASON, today=TODAY, now=NOW)
    assert len(vault.list_summaries()) == 2


def test_the_history_lists_every_version_from_any_of_them(vault: Vault) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    second = _finalised_v2(vault, final.id)
    third = amendments.amend(vault, vault.load(second), "Fictional: a second fix.", today=TODAY,
                             now=NOW)  # fmt: skip
    for asked in (final.id, second, third.id):
        versions = amendments.history(vault, asked)
        assert [v.version for v in versions] == [1, 2, 3]
        assert [v.id for v in versions] == [final.id, second, third.id]
    one, two, three = amendments.history(vault, final.id)
    assert (one.status, one.fingerprint, one.reason) == (Status.FINAL, final.fingerprint, "")
    assert (two.status, two.reason) == (Status.FINAL, REASON)
    assert two.finalised_at is not None
    assert (three.status, three.fingerprint) == (Status.DRAFT, None)
    assert three.reference == f"{final.reference} v3"


def test_a_review_starts_from_the_latest_version_whichever_is_chosen(vault: Vault) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    second = _finalised_v2(vault, final.id)
    review = assessments.start_review(vault, final.id, today=TODAY)
    assert review.previous_id == second
    assert review.amendment is None
    assert not review.reference.endswith(" v2")


def test_no_review_starts_while_the_amended_version_is_a_draft(vault: Vault) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    amendments.amend(vault, final, REASON, today=TODAY, now=NOW)
    with pytest.raises(amendments.LifecycleError, match="still a draft"):
        assessments.start_review(vault, final.id, today=TODAY)


def test_a_review_compares_with_the_latest_final_version(vault: Vault) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    review = assessments.start_review(vault, final.id, today=TODAY)
    assert amendments.record_of(vault, review.previous_id or "").id == final.id
    # Version 1 is amended after the review started: the review now weighs version 2.
    second = _finalised_v2(vault, final.id, level=RiskLevel.EMERGING)
    record = amendments.record_of(vault, review.previous_id or "")
    assert record.id == second
    assert record.analysis.level_of_risk is RiskLevel.EMERGING
    # A version 3 still a draft is not yet the record.
    amendments.amend(vault, record, "Fictional: another fix.", today=TODAY, now=NOW)
    assert amendments.record_of(vault, final.id).id == second


def test_incidents_since_the_previous_assessment_count_from_its_latest_version(
    vault: Vault,
) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    review = assessments.start_review(vault, final.id, today=TODAY)
    chronology = Chronology(child_id=final.child_id)
    between = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)  # after version 1, before version 2
    incident = new_incident(
        occurred_on=date(2026, 3, 2), what_happened="Fictional: went missing overnight.",
        source_agency="Police", recorded_by="A Worker", today=TODAY, now=between,
    )  # fmt: skip
    vault.save_chronology(with_incident(chronology, incident))
    assert len(incidents.incidents_since_previous(vault, review)) == 1
    _finalised_v2(vault, final.id)  # version 2 took in what was known on 3 March
    assert incidents.incidents_since_previous(vault, review) == []


def test_a_version_that_cannot_be_read_is_passed_over(vault: Vault) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    amended = amendments.amend(vault, final, REASON, today=TODAY, now=NOW)
    folder = vault.data_dir
    vault.close()
    for each in (folder / "assessments").glob(f"{amended.id}*"):
        each.write_bytes(b"damaged")
    reopened = Vault.unlock(folder, PASSPHRASE)
    try:
        assert [s.damaged for s in amendments.family(reopened.list_summaries(), final.id)] == [
            False,
            True,
        ]
        review = assessments.start_review(reopened, final.id, today=TODAY)
        assert review.previous_id == final.id  # not refused as "still a draft"
        assert amendments.record_of(reopened, final.id).id == final.id
        versions = amendments.history(reopened, final.id)
        assert [v.damaged for v in versions] == [False, True]
    finally:
        reopened.close()
