"""What every model of the form is made of (PRODUCT §2, §8): the strict base model, a
one-line field, a box for paragraphs, a point in time, and how far each may go.

Every model hides input values in validation errors (``hide_input_in_errors``), so
an error message about a bad field never carries what a worker typed about a child.
The limits are judged at the boundary (``domain.boundary``), never while the worker
types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Final

from pydantic import AfterValidator, BaseModel, ConfigDict

EARLIEST_YEAR: Final = 1900
"""The first year any date or time of an assessment can plausibly fall in."""
LATEST_YEAR: Final = 2199
"""The last: far enough for any review date, near enough for every later computation."""
LINE_LIMIT: Final = 200
"""Characters in a one-line field such as a name."""
TEXT_LIMIT: Final = 200_000
"""Characters in a box for paragraphs: about fifteen times a 2,000-word narrative."""
ROWS_LIMIT: Final = 200
"""Rows of a list (agencies, concerns) or entries of a dictionary."""


@dataclass(frozen=True)
class TextLimit:
    """How much text a field holds, and whether line breaks belong in it.

    The limits are judged at the boundary (``domain.boundary``) when something comes in
    or is saved, never while the worker types.
    """

    limit: int
    multiline: bool


Line = Annotated[str, TextLimit(LINE_LIMIT, multiline=False)]
"""A one-line field: no line breaks, at most ``LINE_LIMIT`` characters."""
Text = Annotated[str, TextLimit(TEXT_LIMIT, multiline=True)]
"""A box for paragraphs: line breaks allowed, at most ``TEXT_LIMIT`` characters."""


class FormModel(BaseModel):
    """Base of every model of the form: strict about keys, silent about values."""

    model_config = ConfigDict(
        extra="forbid",
        hide_input_in_errors=True,
        validate_assignment=True,
        str_strip_whitespace=False,
    )


def _as_utc(value: datetime) -> datetime:
    # A time without a zone (from a hand-made import file) is read as UTC, so every
    # time in the model can be compared with every other and with "now". A time at the
    # very edge of what a datetime holds cannot even be moved to UTC: it is refused here,
    # as a field error, before it can overflow.
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"is not a plausible year (from {EARLIEST_YEAR} to {LATEST_YEAR})")
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


Moment = Annotated[datetime, AfterValidator(_as_utc)]
"""A point in time, always held as an aware UTC datetime."""


def utc_now() -> datetime:
    """Now, as an aware UTC datetime truncated to the second."""
    return datetime.now(UTC).replace(microsecond=0)
