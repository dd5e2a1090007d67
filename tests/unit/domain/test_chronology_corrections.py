"""Correcting an incident typed in error: the earlier text is kept, and copies merge."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from ce_desktop.domain.boundary import BoundaryError
from ce_desktop.domain.chronology import (
    Chronology,
    IncidentRefused,
    chronology_from_json,
    chronology_to_json,
    merged,
    new_incident,
    with_incident,
)
from ce_desktop.domain.chronology_entries import Entry, entries, new_correction, with_correction

TODAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
CHILD = "0123456789abcdef0123456789abcdef"


def _chronology(*days: int) -> Chronology:
    chronology = Chronology(child_id=CHILD)
    for day in days:
        chronology = with_incident(
            chronology,
            new_incident(
                occurred_on=date(2026, 3, day),
                what_happened=f"Missing overnight on day {day} (fictional).",
                source_agency="Fictional Police",
                recorded_by="Alex Worker",
                today=TODAY,
                now=NOW - timedelta(days=10 - day),
            ),
        )
    return chronology


def _correct(entry: Entry, *, what: str, day: int = 2, at: datetime = NOW, why: str = "Typo."):  # type: ignore[no-untyped-def]
    return new_correction(
        entry,
        occurred_on=date(2026, 3, day),
        what_happened=what,
        source_agency=entry.incident.source_agency,
        reason=why,
        corrected_by="Sam Senior",
        today=TODAY,
        now=at,
    )


def test_a_correction_supersedes_the_reading_and_keeps_every_earlier_one() -> None:
    chronology = _chronology(2, 5)
    first = entries(chronology)[0]
    once = with_correction(chronology, _correct(first, what="Missing for two nights."))
    twice = with_correction(
        once,
        _correct(entries(once)[0], what="Missing for three nights.", day=8, at=NOW + timedelta(1)),
    )
    # Corrected to the 8th, it now comes after the incident of the 5th.
    later, corrected = entries(twice)
    assert later.incident.occurred_on == date(2026, 3, 5)
    assert not later.corrected
    assert corrected.incident.what_happened == "Missing for three nights."
    assert corrected.incident.recorded_by == "Alex Worker"  # the first recording's
    assert [s.read.what_happened for s in corrected.earlier] == [
        "Missing overnight on day 2 (fictional).",
        "Missing for two nights.",
    ]
    assert [s.by.corrected_by for s in corrected.earlier] == ["Sam Senior", "Sam Senior"]
    # The incidents as recorded are never edited.
    assert [i.what_happened for i in twice.incidents] == [
        i.what_happened for i in chronology.incidents
    ]


def test_a_correction_needs_a_reason_a_change_and_a_plausible_date() -> None:
    (entry,) = entries(_chronology(2))
    with pytest.raises(IncidentRefused, match="give why it is corrected"):
        _correct(entry, what="Missing for two nights.", why="  ")
    with pytest.raises(IncidentRefused, match="reads the same as before"):
        _correct(entry, what=entry.incident.what_happened)
    with pytest.raises(IncidentRefused, match="The correction was not made: give what happened"):
        _correct(entry, what="\n")
    with pytest.raises(IncidentRefused, match="in the future"):
        _correct(entry, what="Missing for two nights.", day=11)
    with pytest.raises(IncidentRefused, match="The correction was not made: give who corrects it"):
        new_correction(
            entry,
            occurred_on=date(2026, 3, 2),
            what_happened="Missing for two nights.",
            source_agency="Fictional Police",
            reason="Typo.",
            corrected_by=" ",
            today=TODAY,
            now=NOW,
        )


def test_copies_with_different_corrections_merge_with_both() -> None:
    chronology = _chronology(2)
    (entry,) = entries(chronology)
    here = with_correction(chronology, _correct(entry, what="Corrected here."))
    there = with_correction(
        chronology, _correct(entry, what="Corrected on the old laptop.", at=NOW - timedelta(1))
    )
    both = merged(here, there)
    assert len(both.corrections) == 2
    assert merged(both, here) == both
    (now_reads,) = entries(both)
    assert now_reads.incident.what_happened == "Corrected here."  # the latest correction
    assert len(now_reads.earlier) == 2


def test_a_format_1_file_migrates_and_a_correction_of_no_incident_is_refused() -> None:
    chronology = _chronology(2)
    raw = json.loads(chronology_to_json(chronology))
    assert raw["format_version"] == 2
    del raw["corrections"]
    raw["format_version"] = 1
    assert chronology_from_json(json.dumps(raw).encode()) == chronology
    corrected = with_correction(
        chronology, _correct(entries(chronology)[0], what="Secret words corrected.")
    )
    tampered = json.loads(chronology_to_json(corrected))
    tampered["corrections"][0]["incident_id"] = "f" * 32
    with pytest.raises(BoundaryError) as refused:
        chronology_from_json(json.dumps(tampered).encode())
    assert "Secret" not in str(refused.value)
    tampered["format_version"] = "two"
    with pytest.raises(BoundaryError):
        chronology_from_json(json.dumps(tampered).encode())
