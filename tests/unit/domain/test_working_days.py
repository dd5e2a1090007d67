"""Working days in England: weekends and the bank holidays of resources/, read strictly."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from ce_desktop.domain.working_days import (
    HOLIDAYS_A_YEAR,
    CatalogueError,
    default_calendar,
    load_calendar,
)


def _easter(year: int) -> date:
    # The anonymous Gregorian algorithm: an independent check of the listed Easters.
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def test_the_calendar_covers_2024_to_2028_with_easter_where_it_falls() -> None:
    calendar = default_calendar()
    assert calendar.first_year <= 2024
    assert calendar.last_year >= 2028
    for year in range(2024, 2029):
        easter = _easter(year)
        assert easter - timedelta(days=2) in calendar.holidays  # Good Friday
        assert easter + timedelta(days=1) in calendar.holidays  # Easter Monday
        assert sum(1 for day in calendar.holidays if day.year == year) >= HOLIDAYS_A_YEAR


def test_weekends_and_bank_holidays_are_not_working_days() -> None:
    calendar = default_calendar()
    assert calendar.is_working_day(date(2025, 8, 22))  # a Friday
    assert not calendar.is_working_day(date(2025, 8, 23))  # Saturday
    assert not calendar.is_working_day(date(2025, 8, 25))  # Summer bank holiday
    assert not calendar.is_working_day(date(2026, 12, 28))  # Boxing Day, substitute
    # Friday, then the weekend and the bank holiday Monday: the first working day is Tuesday.
    assert calendar.add_working_days(date(2025, 8, 22), 1) == date(2025, 8, 26)
    assert calendar.add_working_days(date(2025, 8, 22), 2) == date(2025, 8, 27)
    assert calendar.add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)


def _write(tmp_path: Path, holidays: str, years: str = "first_year: 2024\nlast_year: 2024") -> Path:
    path = tmp_path / "bank_holidays.yaml"
    path.write_text(f"region: England\n{years}\nholidays:\n{holidays}", encoding="utf-8")
    return path


_GOOD_2024 = "".join(
    f"  - {{date: {day}, name: Holiday}}\n"
    for day in (
        "2024-01-01",
        "2024-03-29",
        "2024-04-01",
        "2024-05-06",
        "2024-05-27",
        "2024-08-26",
        "2024-12-25",
        "2024-12-26",
    )
)


def test_a_well_formed_file_loads(tmp_path: Path) -> None:
    assert len(load_calendar(_write(tmp_path, _GOOD_2024)).holidays) == 8


@pytest.mark.parametrize(
    ("holidays", "problem"),
    [
        (_GOOD_2024 + "  - {date: 2024-06-01, name: Saturday}\n", "weekend"),
        (_GOOD_2024 + "  - {date: 2025-06-02, name: Next year}\n", "outside 2024 to 2024"),
        (_GOOD_2024 + "  - {date: 2024-01-01, name: Again}\n", "duplicate"),
        (_GOOD_2024 + "  - {date: '2024-06-03', name: Quoted}\n", "date"),
        (_GOOD_2024 + "  - {date: 2024-06-03, name: X, extra: 1}\n", "unknown key"),
        (_GOOD_2024.split("\n", 1)[1], "7 bank holidays listed"),
    ],
)
def test_a_wrong_entry_is_refused_by_name(tmp_path: Path, holidays: str, problem: str) -> None:
    with pytest.raises(CatalogueError, match=problem):
        load_calendar(_write(tmp_path, holidays))


def test_years_out_of_order_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="two years in order"):
        load_calendar(_write(tmp_path, _GOOD_2024, "first_year: 2025\nlast_year: 2024"))
