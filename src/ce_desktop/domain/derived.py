"""Values worked out from an assessment, each in one place: the age, the send-by time,
"under 13 or with SEND", and how a date or a moment is written for a person.

The pages, the case list, the command line, the checks and the PDF all call these, so
a date reads the same everywhere and no copy of a rule can drift. A source test
(``tests/unit/domain/test_derived.py``) fails if a date format or an age sum appears
anywhere else.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from ce_desktop.domain.model import Assessment, Status, YesNoNotKnown

DATE_FORMAT = "%d/%m/%Y"
"""How the paper form writes a date: 27/03/2012."""
TIME_FORMAT = "%H:%M"

YOUNG_CHILD_AGE = 13
"""Under 13 (or with SEND), a child is not assessed as Emerging without a thorough assessment."""
SEND_WITHIN = timedelta(hours=24)
"""A completed assessment goes to Children's Social Care within 24 hours."""


def format_date(value: date | None, *, empty: str = "") -> str:
    """A date as the form writes it (dd/mm/yyyy), or ``empty`` when not given."""
    return value.strftime(DATE_FORMAT) if value else empty


def parse_date(text: str) -> date | None:
    """A day as the form writes it (dd/mm/yyyy) or as ISO 8601 (yyyy-mm-dd); else None."""
    for pattern in (DATE_FORMAT, "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def format_time(value: datetime | None, *, empty: str = "") -> str:
    """A moment in the laptop's local time as ``dd/mm/yyyy HH:MM``."""
    if value is None:
        return empty
    local = value.astimezone()
    return f"{format_date(local)} {local.strftime(TIME_FORMAT)}"


def format_moment(value: datetime, *, joiner: str = "on") -> str:
    """A moment in the laptop's local time in words: ``14:05 on 02/03/2026``."""
    local = value.astimezone()
    return f"{local.strftime(TIME_FORMAT)} {joiner} {format_date(local)}"


def format_day_and_time(value: datetime) -> str:
    """A moment in local time, date first: ``02/03/2026 at 14:05``."""
    local = value.astimezone()
    return f"{format_date(local)} at {local.strftime(TIME_FORMAT)}"


def age_on(date_of_birth: date | None, on: date) -> int | None:
    """Age in whole years on a date, or None when unknown or born after that date.

    A child born on 29 February turns a year older on 1 March in a common year, as in
    UK law (the tuple comparison gives exactly that). A birth after ``on`` is an error
    the checks report (``rules.rule_dates``); it never becomes a negative age.
    """
    if date_of_birth is None or date_of_birth > on:
        return None
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - int(before_birthday)


def assessment_day(assessment: Assessment, today: date) -> date:
    """The day the assessment is about: its date completed, or today until it has one."""
    return assessment.details.date_completed or today


def child_age(assessment: Assessment, today: date) -> int | None:
    """The child's age on the assessment day (None when unknown or not yet born)."""
    return age_on(assessment.child.date_of_birth, assessment_day(assessment, today))


def has_send(assessment: Assessment) -> bool:
    """Whether the child has recorded special educational needs or disabilities."""
    return assessment.child.send is YesNoNotKnown.YES


def young_or_send(assessment: Assessment, today: date) -> tuple[bool, bool]:
    """Whether the child is under 13 on the assessment day, and whether they have SEND.

    Either one means Emerging or Minimal needs a thorough assessment first (§4.3).
    """
    age = child_age(assessment, today)
    return age is not None and age < YOUNG_CHILD_AGE, has_send(assessment)


def completion_moment(assessment: Assessment) -> datetime | None:
    """When the assessment was completed: when finalised, or else the end of the date
    completed (a draft has only a date: the latest moment of that day is the fair one).
    """
    if assessment.finalised_at is not None:
        return assessment.finalised_at
    if assessment.details.date_completed is None:
        return None
    return datetime.combine(assessment.details.date_completed, time.max, tzinfo=UTC)


def send_by(assessment: Assessment) -> datetime | None:
    """The deadline for sending to Children's Social Care, until it is marked sent."""
    if assessment.status is Status.SENT:
        return None
    moment = completion_moment(assessment)
    return None if moment is None else moment + SEND_WITHIN
