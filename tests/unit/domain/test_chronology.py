"""A child's chronology as data: what an entry needs, its order, merging, and "since"."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from ce_desktop.domain.boundary import BoundaryError
from ce_desktop.domain.chronology import (
    CHRONOLOGY_FORMAT_VERSION,
    Chronology,
    Incident,
    IncidentRefused,
    assessed_at,
    chronology_from_json,
    chronology_to_json,
    merged,
    new_incident,
    recorded_since,
    since_previous,
    with_incident,
)
from ce_desktop.domain.migrations import NewerFormatError
from ce_desktop.domain.model import Assessment
from tests.factories import as_final

TODAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
CHILD = "0123456789abcdef0123456789abcdef"


def _incident(
    day: int, *, at: datetime = NOW, what: str = "Missing overnight (fictional)."
) -> Incident:
    return new_incident(
        occurred_on=date(2026, 3, day),
        what_happened=what,
        source_agency="Fictional Police",
        recorded_by="Alex Worker",
        today=TODAY,
        now=at,
    )


def test_an_incident_needs_every_part_and_says_which_is_missing() -> None:
    with pytest.raises(IncidentRefused) as refused:
        new_incident(
            occurred_on=None,
            what_happened="  \n",
            source_agency="Police",
            recorded_by="",
            today=TODAY,
            now=NOW,
        )
    assert str(refused.value) == (
        "The incident was not recorded: give the date it happened, what happened, who recorded it."
    )


def test_an_incident_cannot_be_in_the_future() -> None:
    with pytest.raises(IncidentRefused, match="in the future"):
        _incident(11)


def test_entries_are_kept_in_the_order_they_happened() -> None:
    chronology = Chronology(child_id=CHILD)
    for day in (5, 1, 9):
        chronology = with_incident(chronology, _incident(day))
    assert [i.occurred_on.day for i in chronology.incidents] == [1, 5, 9]


def test_two_copies_merge_each_entry_once() -> None:
    first = with_incident(Chronology(child_id=CHILD), _incident(1))
    second = with_incident(first, _incident(2))
    third = with_incident(first, _incident(3))
    both = merged(second, third)
    assert [i.occurred_on.day for i in both.incidents] == [1, 2, 3]
    assert merged(both, both) == both


def test_a_draft_weighs_what_was_recorded_before_it_started_a_final_until_finalised() -> None:
    draft = Assessment.new(today=TODAY, now=NOW)
    assert assessed_at(draft) == NOW
    final = as_final(draft, at=NOW + timedelta(days=2))
    assert assessed_at(final) == NOW + timedelta(days=2)
    recorded = [NOW - timedelta(hours=1), NOW + timedelta(days=1), NOW + timedelta(days=3)]
    assert recorded_since(recorded, assessed_at(draft)) == 2
    assert recorded_since(recorded, assessed_at(final)) == 1
    assert recorded_since(recorded, None) == 3


def test_a_review_lists_the_incidents_since_the_previous_assessment_up_to_its_own_final() -> None:
    previous = as_final(Assessment.new(today=TODAY, now=NOW), at=NOW)
    chronology = Chronology(child_id=CHILD)
    for day, hours in ((1, -5), (2, 5), (3, 50)):
        chronology = with_incident(
            chronology,
            _incident(day, at=NOW + timedelta(hours=hours)),
        )
    review = Assessment.new(today=TODAY, now=NOW + timedelta(hours=6))
    assert [i.occurred_on.day for i in since_previous(chronology, previous, review)] == [2, 3]
    finished = as_final(review, at=NOW + timedelta(hours=10))
    assert [i.occurred_on.day for i in since_previous(chronology, previous, finished)] == [2]


def test_the_file_content_passes_the_same_boundary_as_an_assessment() -> None:
    chronology = with_incident(Chronology(child_id=CHILD), _incident(1))
    assert chronology_from_json(chronology_to_json(chronology)) == chronology
    raw = json.loads(chronology_to_json(chronology))
    raw["incidents"][0]["what_happened"] = "secret words \x07"
    with pytest.raises(BoundaryError) as refused:
        chronology_from_json(json.dumps(raw).encode())
    assert "incidents.0.what_happened: holds a control character" in str(refused.value)
    assert "secret" not in str(refused.value)
    raw["incidents"][0]["unknown"] = "secret words"
    with pytest.raises(BoundaryError) as refused:
        chronology_from_json(json.dumps(raw).encode())
    assert "secret" not in str(refused.value)
    raw["format_version"] = CHRONOLOGY_FORMAT_VERSION + 1
    with pytest.raises(NewerFormatError):
        chronology_from_json(json.dumps(raw).encode())
