"""Working days in England: weekdays that are not bank holidays.

The bank holidays are data (``resources/bank_holidays.yaml``), read strictly: every
entry a real date inside the years the file says it covers, on a weekday (a holiday at
a weekend is listed by its substitute day), none twice, and every covered year with
at least England's eight. Outside the covered years only weekends are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ce_desktop.domain.yaml_entries import CatalogueError, entries, read_mapping
from ce_desktop.resources import resources_dir

FILE_NAME = "bank_holidays.yaml"
HOLIDAYS_A_YEAR = 8
"""England's standard bank holidays in every year (a coronation or jubilee adds one)."""
SATURDAY = 5


class _Holiday(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    date: date
    name: str


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days.

    Attributes:
        holidays: the bank holidays listed.
        first_year: the first year the list covers.
        last_year: the last.
    """

    holidays: frozenset[date]
    first_year: int
    last_year: int

    def is_working_day(self, day: date) -> bool:
        """A weekday that is not a bank holiday."""
        return day.weekday() < SATURDAY and day not in self.holidays

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
        day = start
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def covers(self, day: date) -> bool:
        """Whether the bank holidays of ``day``'s year are listed."""
        return self.first_year <= day.year <= self.last_year


def load_calendar(path: Path) -> WorkingCalendar:
    """Read and check a bank-holiday file.

    Raises:
        CatalogueError: the file is missing, malformed, or a date is wrong (named).
    """
    name = path.name
    data = read_mapping(path, ("region", "first_year", "last_year", "holidays"))
    first, last = data["first_year"], data["last_year"]
    if not (isinstance(first, int) and isinstance(last, int) and first <= last):
        raise CatalogueError(f"{name}: first_year and last_year: expected two years in order.")
    listed = entries(name, "holidays", data["holidays"], _Holiday, id_key="date", unique=_day)
    for holiday in listed:
        if not first <= holiday.date.year <= last:
            raise CatalogueError(f"{name}: {holiday.date}: outside {first} to {last}.")
        if holiday.date.weekday() >= SATURDAY:
            raise CatalogueError(
                f"{name}: {holiday.date}: falls at a weekend (list its substitute day)."
            )
    for year in range(first, last + 1):
        count = sum(1 for h in listed if h.date.year == year)
        if count < HOLIDAYS_A_YEAR:
            raise CatalogueError(
                f"{name}: {year}: {count} bank holidays listed, England has at least "
                f"{HOLIDAYS_A_YEAR}."
            )
    return WorkingCalendar(frozenset(h.date for h in listed), first, last)


def _day(holiday: _Holiday) -> date:
    return holiday.date


@cache
def default_calendar() -> WorkingCalendar:
    """The app's own bank holidays (``resources/bank_holidays.yaml``), read once."""
    return load_calendar(resources_dir() / FILE_NAME)
