"""The chronology's use cases on a real vault: record, find the child, what is new."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ce_desktop.domain.model import Assessment
from ce_desktop.storage.atomic import backup_path
from ce_desktop.storage.errors import AssessmentNotFound
from ce_desktop.storage.paths import DataLayout
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import assessments, incidents
from tests.factories import as_final, full_assessment

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)


def _final(vault: Vault, *, at: datetime = NOW - timedelta(days=5)) -> Assessment:
    final = as_final(full_assessment(), at=at)
    vault.save(final)
    return final


def _record(vault: Vault, child_id: str, *, at: datetime = NOW, day: int = 9) -> incidents.Recorded:
    return incidents.record_incident(
        vault,
        child_id,
        occurred_on=date(2026, 3, day),
        what_happened="Found with older fictional males in a car park.",
        source_agency="Fictional Police",
        recorded_by="Alex Worker",
        today=TODAY,
        now=at,
    )


def test_a_child_is_found_by_any_of_their_references_or_their_id(vault: Vault) -> None:
    final = _final(vault)
    review = vault.start_review(final.id, today=TODAY)
    assert incidents.find_child(vault, final.reference) == final.child_id
    assert incidents.find_child(vault, review.reference.lower()) == final.child_id
    assert incidents.find_child(vault, final.child_id) == final.child_id
    with pytest.raises(AssessmentNotFound, match="CE-20990101-ZZZZ was not found"):
        incidents.find_child(vault, "CE-20990101-ZZZZ")


def test_recording_an_incident_prompts_a_review_of_the_current_final(vault: Vault) -> None:
    final = _final(vault)
    recorded = _record(vault, final.child_id)
    assert recorded.review_prompted
    assert recorded.current is not None
    assert recorded.current.reference == final.reference
    chronology, _ = incidents.chronology_of(vault, final.child_id)
    assert chronology.incidents == [recorded.incident]
    assert vault.load(final.id) == final  # the final assessment is not touched


def test_a_draft_is_reminded_not_reviewed(vault: Vault) -> None:
    final = _final(vault)
    review = vault.start_review(final.id, today=TODAY)
    recorded = _record(vault, final.child_id, at=review.created_at + timedelta(minutes=1))
    assert not recorded.review_prompted
    assert recorded.current is not None
    assert recorded.current.id == review.id


def test_the_case_list_counts_incidents_since_the_last_assessment(vault: Vault) -> None:
    final = _final(vault)
    other = _final(vault)  # another child, without incidents
    assert incidents.new_incident_counts(vault) == {}
    _record(vault, final.child_id, at=NOW - timedelta(days=6), day=3)  # before the final
    assert incidents.new_incident_counts(vault) == {}
    _record(vault, final.child_id)
    _record(vault, final.child_id, day=8)
    assert incidents.new_incident_counts(vault) == {final.child_id: 2}
    assert other.child_id not in incidents.new_incident_counts(vault)
    # Starting the review the incidents prompt takes them in.
    assessments.start_review(vault, final.id, today=TODAY)
    assert incidents.new_incident_counts(vault) == {}


def test_a_review_shows_the_incidents_since_the_previous_assessment(vault: Vault) -> None:
    final = _final(vault)
    _record(vault, final.child_id, at=NOW - timedelta(days=6), day=3)
    since = _record(vault, final.child_id).incident
    review = vault.start_review(final.id, today=TODAY)
    assert incidents.incidents_since_previous(vault, review) == [since]
    assert len(incidents.incidents_since_previous(vault, final)) == 1  # not a review: up to it


def test_a_damaged_chronology_never_stops_an_incident_being_recorded(vault: Vault) -> None:
    final = _final(vault)
    _record(vault, final.child_id)
    path = DataLayout(vault.data_dir).chronology(final.child_id)
    for each in (path, backup_path(path)):
        if each.exists():
            each.write_bytes(b"damaged")
    recorded = _record(vault, final.child_id, day=8)
    assert "is damaged and cannot be opened" in recorded.warnings[0]
    assert "quarantine folder" in recorded.warnings[0]
    assert incidents.chronology_of(vault, final.child_id)[0].incidents == [recorded.incident]
    assert sorted(p.read_bytes() for p in (vault.data_dir / "quarantine").iterdir()) == [b"damaged"]


def test_a_refused_incident_saves_nothing(vault: Vault) -> None:
    final = _final(vault)
    with pytest.raises(incidents.IncidentRefused, match="in the future"):
        _record(vault, final.child_id, day=11)
    assert not DataLayout(vault.data_dir).incidents.exists()


def _correct(vault: Vault, child_id: str, which: int | str, what: str) -> incidents.Corrected:
    return incidents.correct_incident(
        vault,
        child_id,
        which,
        occurred_on=date(2026, 3, 9),
        what_happened=what,
        source_agency="Fictional Police",
        reason="The place was typed wrongly.",
        corrected_by="Sam Senior",
        today=TODAY,
        now=NOW + timedelta(hours=1),
    )


def test_an_incident_is_corrected_by_its_number_and_its_earlier_text_is_kept(
    vault: Vault,
) -> None:
    final = _final(vault)
    _record(vault, final.child_id, at=NOW - timedelta(days=6), day=3)
    recorded = _record(vault, final.child_id, day=9).incident
    corrected = _correct(vault, final.child_id, 2, "Found with older fictional males in a park.")
    assert corrected.entry.incident.id == recorded.id
    assert corrected.entry.earlier[0].read.what_happened == recorded.what_happened
    assert corrected.entry.earlier[0].by.corrected_by == "Sam Senior"
    listed, _ = incidents.entries_of(vault, final.child_id)
    assert listed[1].incident.what_happened == "Found with older fictional males in a park."
    assert listed[1].corrected
    assert not listed[0].corrected
    # The review page and the PDF read the incident as corrected, the PDF its history too.
    review = vault.start_review(final.id, today=TODAY)
    (weighed,) = incidents.incidents_since_previous(vault, review)
    assert weighed.what_happened == "Found with older fictional males in a park."
    printed = incidents.incidents_for_pdf(vault, review)
    assert [e.corrected for e in printed.entries] == [False, True]
    # By id too; a second correction keeps both earlier readings.
    again = _correct(vault, final.child_id, recorded.id, "Found with fictional males at a park.")
    assert len(again.entry.earlier) == 2


def test_no_such_incident_and_an_unchanged_correction_save_nothing(vault: Vault) -> None:
    final = _final(vault)
    _record(vault, final.child_id)
    path = DataLayout(vault.data_dir).chronology(final.child_id)
    before = path.read_bytes()
    with pytest.raises(incidents.IncidentRefused, match=r"no incident 2 .* it holds 1 incident"):
        _correct(vault, final.child_id, 2, "Anything.")
    with pytest.raises(incidents.IncidentRefused, match="reads the same as before"):
        incidents.correct_incident(
            vault,
            final.child_id,
            1,
            occurred_on=date(2026, 3, 9),
            what_happened="Found with older fictional males in a car park.",
            source_agency="Fictional Police",
            reason="No change really.",
            corrected_by="Sam Senior",
            today=TODAY,
            now=NOW,
        )
    assert path.read_bytes() == before


def test_the_pdf_is_told_when_the_chronology_cannot_be_read(vault: Vault) -> None:
    final = _final(vault)
    assert incidents.incidents_for_pdf(vault, final).unreadable is False
    _record(vault, final.child_id)
    path = DataLayout(vault.data_dir).chronology(final.child_id)
    for each in (path, backup_path(path)):
        if each.exists():
            each.write_bytes(b"damaged")
    printed = incidents.incidents_for_pdf(vault, final)
    assert printed.unreadable
    assert printed.entries == ()
