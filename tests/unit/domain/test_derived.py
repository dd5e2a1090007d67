"""The derived values, each in one domain function, and nowhere else in the source."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ce_desktop.domain import derived
from ce_desktop.domain.derived import (
    age_on,
    child_age,
    format_date,
    format_time,
    send_by,
    young_or_send,
)
from ce_desktop.domain.model import Assessment, Status, YesNoNotKnown

SOURCE = Path(derived.__file__).resolve().parents[1]
TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=UTC)


def test_age_handles_29_february_birthdays() -> None:
    leapling = date(2012, 2, 29)
    assert age_on(leapling, date(2025, 2, 28)) == 12
    assert age_on(leapling, date(2025, 3, 1)) == 13
    assert age_on(leapling, date(2024, 2, 29)) == 12
    assert age_on(leapling, date(2024, 2, 28)) == 11


def test_a_birth_after_the_assessment_day_is_no_age_at_all() -> None:
    assert age_on(date(2026, 12, 1), TODAY) is None
    assert age_on(TODAY, TODAY) == 0
    assert age_on(None, TODAY) is None


def test_the_age_is_on_the_date_completed_or_else_today() -> None:
    a = Assessment.new(today=TODAY, now=NOW)
    a.child.date_of_birth = date(2012, 12, 1)
    assert child_age(a, TODAY) == 13
    a.details.date_completed = date(2026, 6, 1)
    assert child_age(a, TODAY) == 13
    a.details.date_completed = date(2024, 12, 1)
    assert child_age(a, TODAY) == 12


def test_under_13_or_with_send() -> None:
    a = Assessment.new(today=TODAY, now=NOW)
    a.child.date_of_birth = date(2014, 1, 1)
    assert young_or_send(a, TODAY) == (True, False)
    a.child.date_of_birth = date(2030, 1, 1)  # not yet born: not "young"
    a.child.send = YesNoNotKnown.YES
    assert young_or_send(a, TODAY) == (False, True)


def test_send_by_is_24_hours_after_completion_until_sent() -> None:
    a = Assessment.new(today=TODAY, now=NOW)
    assert send_by(a) is None
    a.details.date_completed = TODAY
    assert send_by(a) == datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=UTC)
    a.finalised_at = NOW
    assert send_by(a) == datetime(2026, 11, 30, 9, 30, tzinfo=UTC)
    a.status = Status.FINAL
    a.sent_at = NOW
    a.status = Status.SENT
    assert send_by(a) is None


def test_dates_read_as_the_paper_form_writes_them() -> None:
    assert format_date(date(2012, 3, 27)) == "27/03/2012"
    assert format_date(None) == ""
    assert format_date(None, empty="-") == "-"
    assert format_time(None) == ""
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", format_time(NOW))


# What the source may not hold outside derived.py: a date pattern (strftime codes for a
# person, e.g. "%d/%m", "%H:%M"), or an age sum (a year minus a birth year).
_DATE_PATTERN = re.compile(r"%d/%m|%H:%M|%m/%d|strftime\(|:%d|:%H")
_AGE_SUM = re.compile(r"\.year\s*-\s*\w*\.?(date_of_birth|born|birth)|age_at\(")
_ALLOWED = {Path("domain/derived.py")}
# Machine-readable stamps (file names), not shown to a person.
_MACHINE_STAMPS = {Path("storage/assessments.py"): "%Y%m%dT%H%M%S%fZ"}


def _source_files() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("*.py") if "forms" not in p.parts)


@pytest.mark.parametrize("pattern", [_DATE_PATTERN, _AGE_SUM], ids=["date", "age"])
def test_no_date_is_formatted_nor_age_computed_outside_derived(pattern: re.Pattern[str]) -> None:
    found = []
    for path in _source_files():
        relative = path.relative_to(SOURCE)
        if relative in _ALLOWED:
            continue
        text = path.read_text("utf-8")
        stamp = _MACHINE_STAMPS.get(relative)
        if stamp:
            text = text.replace(f'strftime("{stamp}")', "")
        found += [f"{relative}:{m.group(0)}" for m in pattern.finditer(text)]
    assert found == []
