"""The one boundary everything that comes in passes: an import, a file read, a save.

Two steps, both pure. :func:`read_document` turns bytes into a JSON object, refusing
what JSON allows but no assessment holds (deep nesting, numbers of thousands of
digits, text that is not valid Unicode), each with the path of the field concerned.
:func:`content_problems` then judges a validated :class:`Assessment` against limits a
real assessment never reaches: dates within plausible years (so every later
computation, such as a deadline 24 hours after a time, can hold them), text without
control characters (line breaks only where the form has a box for paragraphs), text
lengths and row counts, and ids that are ids, never paths. :func:`catalogue_problems`
adds the ids of the form's own lists, for what did not come from this app's window.

No message here ever carries a value: only field paths and limits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.migrations import MigrationError, NewerFormatError, migrate
from ce_desktop.domain.model import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    ROWS_LIMIT,
    TEXT_LIMIT,
    Assessment,
    TextLimit,
)

MAX_DEPTH: Final = 16
"""Nesting of objects and lists; the form itself needs four."""
MAX_DIGITS: Final = 18
"""Digits in a number; the largest a file holds is a format version."""
KEY_LIMIT: Final = 200
"""Characters in a key of the form's dictionaries (catalogue ids, finding keys)."""
AUDIT_LIMIT: Final = 10_000
"""Events in an audit trail: each export or print adds one, so it may pass ``ROWS_LIMIT``."""
INCIDENTS_LIMIT: Final = AUDIT_LIMIT
"""Entries of one child's chronology (``domain.chronology``): years of a case, not 200."""
_LONG_LISTS: Final = {
    "audit": AUDIT_LIMIT,
    "incidents": INCIDENTS_LIMIT,
    "corrections": INCIDENTS_LIMIT,
}

_ID_KEY = re.compile(r"^[a-z0-9_]{1,64}$")
_FINDING_KEY = re.compile(r"^[a-z0-9_]{1,64}:[A-Za-z0-9_.]{0,135}$")
_LINE_BREAKS = frozenset("\n\r\t")
_CONTROL_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc), line breaks and tabs included."""
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""The same, less the line feed, carriage return and tab a box for paragraphs holds."""
_WHOLE = "(the whole file)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with what came in: where, and what, in plain words."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class BoundaryError(ValueError):
    """What came in was refused; ``problems`` lists each field and why (never a value)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}.{part}" if path else str(part)
    return f"{path}.{part}" if path else part


# --- bytes to a JSON object ------------------------------------------------------


@dataclass(frozen=True)
class _HugeNumber:
    """Stands in for a number too long to be one of ours, so its path can be named."""

    digits: int


def _parse_number(text: str) -> Any:
    digits = sum(ch.isdigit() for ch in text)
    if digits > MAX_DIGITS:
        return _HugeNumber(digits)
    return int(text) if text.lstrip("-").isdigit() else float(text)


def _refuse_constant(_name: str) -> Any:
    return _HugeNumber(0)


_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},:]')


def _nesting_problem(text: str) -> Problem | None:
    """The path where nesting first goes deeper than ``MAX_DEPTH``, scanned without recursion."""
    stack: list[list[Any]] = []  # [kind, key or index, expecting a key]
    for match in _TOKEN.finditer(text):
        part = match.group()
        top = stack[-1] if stack else None
        if part in "{[":
            if len(stack) >= MAX_DEPTH:
                path = ".".join(str(frame[1]) for frame in stack if frame[1] != "")
                return Problem(path or _WHOLE, f"is nested more than {MAX_DEPTH} deep")
            stack.append(["{", "", True] if part == "{" else ["[", 0, False])
        elif part in "}]":
            if stack:
                stack.pop()
        elif part == ",":
            if top is not None and top[0] == "[":
                top[1] += 1
            elif top is not None:
                top[2] = True
        elif part.startswith('"') and top is not None and top[0] == "{" and top[2]:
            try:
                top[1] = json.loads(part)
            except ValueError:
                top[1] = "?"
            top[2] = False
    return None


def _text_problem(text: str) -> str | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "holds a character that is not valid Unicode"
    return None


def _raw_problems(value: Any, path: str, depth: int = 0) -> Iterator[Problem]:
    # Sizes far past any limit are refused here, before the form's types are checked,
    # so a 10 MB text or 200,000 rows cost a moment, not seconds.
    where = path or _WHOLE
    if depth > MAX_DEPTH:
        yield Problem(where, f"is nested more than {MAX_DEPTH} deep")
    elif isinstance(value, _HugeNumber):
        yield Problem(where, f"is a number longer than {MAX_DIGITS} digits, or not a number")
    elif isinstance(value, str):
        problem = _text_problem(value)
        if problem:
            yield Problem(where, problem)
        elif len(value) > TEXT_LIMIT:
            yield Problem(where, f"is longer than {TEXT_LIMIT:,} characters ({len(value):,})")
    elif isinstance(value, dict | list) and len(value) > AUDIT_LIMIT:
        yield Problem(where, f"has more than {AUDIT_LIMIT:,} rows ({len(value):,})")
    elif isinstance(value, dict):
        for key, item in value.items():
            problem = _text_problem(key)
            if problem:
                yield Problem(where, f"has a key that {problem}")
                continue
            yield from _raw_problems(item, _join(path, key), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _raw_problems(item, _join(path, index), depth + 1)


def read_document(data: bytes | str) -> dict[str, Any]:
    """The JSON object in ``data``, a leading byte-order mark allowed.

    Raises:
        BoundaryError: not UTF-8, not JSON, not an object, or holding nesting, numbers
            or text no assessment holds; each problem names its field's path.
    """
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BoundaryError([Problem(_WHOLE, "is not UTF-8 text")]) from None
    else:
        text = data.removeprefix("\ufeff")
    try:
        document = json.loads(
            text,
            parse_int=_parse_number,
            parse_float=_parse_number,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as error:
        raise BoundaryError([Problem(_WHOLE, f"is not valid JSON (line {error.lineno})")]) from None
    except RecursionError:
        # Nested deeper than the parser goes: the scanner finds where, without recursion.
        nesting = _nesting_problem(text) or Problem(_WHOLE, "is nested too deep")
        raise BoundaryError([nesting]) from None
    except ValueError:
        raise BoundaryError([Problem(_WHOLE, "is not valid JSON")]) from None
    if not isinstance(document, dict):
        raise BoundaryError([Problem(_WHOLE, "does not hold an assessment")])
    problems = list(_raw_problems(document, ""))
    if problems:
        raise BoundaryError(problems)
    return document


# --- a validated assessment against the limits -------------------------------------


def _string_problems(text: str, limit: TextLimit, path: str) -> Iterator[Problem]:
    problem = _text_problem(text)
    if problem:
        yield Problem(path, problem)
        return
    if len(text) > limit.limit:
        yield Problem(path, f"is longer than {limit.limit:,} characters ({len(text):,})")
    found = (_CONTROL_IN_TEXT if limit.multiline else _CONTROL_IN_LINE).search(text)
    if found is not None:
        ch = found.group()
        kind = "a control character" if ch not in _LINE_BREAKS else "a line break or tab"
        yield Problem(path, f"holds {kind}, which this field does not allow")


def _time_problem(value: date | datetime, path: str) -> Iterator[Problem]:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        yield Problem(path, f"is not a plausible year (from {EARLIEST_YEAR} to {LATEST_YEAR})")


def _key_problem(key: str, path: str, *, finding: bool) -> Iterator[Problem]:
    pattern = _FINDING_KEY if finding else _ID_KEY
    if len(key) > KEY_LIMIT or not pattern.match(key):
        yield Problem(path, "has a key that is not an id of the form")


def _model_problems(model: BaseModel, path: str) -> Iterator[Problem]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        where = _join(path, name)
        limit = next((m for m in info.metadata if isinstance(m, TextLimit)), None)
        if name == "justifications":  # a written reason per finding: paragraphs
            limit = TextLimit(TEXT_LIMIT, multiline=True)
        yield from _value_problems(value, where, limit, name)


def _value_problems(value: Any, path: str, limit: TextLimit | None, name: str) -> Iterator[Problem]:
    if isinstance(value, BaseModel):
        yield from _model_problems(value, path)
    elif isinstance(value, str):
        yield from _string_problems(value, limit or TextLimit(KEY_LIMIT, multiline=False), path)
    elif isinstance(value, date):  # a datetime is a date too
        yield from _time_problem(value, path)
    elif isinstance(value, list):
        most = _LONG_LISTS.get(name, ROWS_LIMIT)
        if len(value) > most:
            yield Problem(path, f"has more than {most:,} rows ({len(value):,})")
            return
        for index, item in enumerate(value):
            yield from _value_problems(item, _join(path, index), limit, name)
    elif isinstance(value, dict):
        if len(value) > ROWS_LIMIT:
            yield Problem(path, f"has more than {ROWS_LIMIT:,} entries ({len(value):,})")
            return
        for key, item in value.items():
            where = _join(path, key) if _ID_KEY.match(key) else path
            found = list(_key_problem(key, path, finding=name == "justifications"))
            yield from found
            if not found:
                yield from _value_problems(item, where, limit, name)


def content_problems(assessment: Assessment) -> list[Problem]:
    """What in a validated assessment passes limits a real one never reaches.

    Applies to every assessment that comes in, whether from a file of this app or not:
    its checks depend on nothing but the content (never today's date).
    """
    return list(_model_problems(assessment, ""))


def record_problems(record: BaseModel) -> list[Problem]:
    """:func:`content_problems` for another of the form's records (a child's chronology)."""
    return list(_model_problems(record, ""))


def catalogue_problems(assessment: Assessment, catalogue: Catalogue) -> list[Problem]:
    """Ids of the form's lists that this release's catalogue does not know."""
    toolkit = catalogue.toolkit
    known_indicators = set(catalogue.indicator_ids())
    known_types = {t.id for t in toolkit.exploitation_types}
    known_strategies = {s.id for s in toolkit.strategies}
    known_factors = {f.id for f in toolkit.vulnerability_factors}
    problems: list[Problem] = []

    def unknown(ids: Any, known: set[str], path: str, what: str, *, keyed: bool) -> None:
        for index, item in enumerate(ids):
            if item not in known:
                where = path if keyed else _join(path, index)
                problems.append(Problem(where, f"names {what} the form does not have"))

    unknown(assessment.indicators, known_indicators, "indicators", "an indicator", keyed=True)
    unknown(
        assessment.vulnerability.factors,
        known_factors,
        "vulnerability.factors",
        "a vulnerability factor",
        keyed=True,
    )
    unknown(
        assessment.analysis.exploitation_types,
        known_types,
        "analysis.exploitation_types",
        "an exploitation type",
        keyed=False,
    )
    unknown(
        assessment.intended_action.strategies,
        known_strategies,
        "intended_action.strategies",
        "a strategy",
        keyed=False,
    )
    return problems


NEAR_LIMIT = 0.9
"""From this share of a field's limit on, the window shows the count beside the field."""


def limit_for(path: str) -> TextLimit | None:
    """The text limit of the field at a dotted model path such as ``indicators.x.narrative``."""
    model: type[BaseModel] = Assessment
    parts = path.split(".")
    index = 0
    while index < len(parts):
        info = model.model_fields.get(parts[index])
        if info is None:
            return None
        if index == len(parts) - 1:
            return next((m for m in info.metadata if isinstance(m, TextLimit)), None)
        annotation: Any = info.annotation
        if get_origin(annotation) in (dict, list):
            annotation, index = get_args(annotation)[-1], index + 2
        else:
            index += 1
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        model = annotation
    return None


def field_notice(text: str, limit: TextLimit) -> str | None:
    """What the window says beside a field as its text nears or passes the limit, or None.

    Typed text is never cut: past the limit the worker is told, and the save refused.
    """
    problems = [p.message for p in _string_problems(text, limit, "") if "longer" not in p.message]
    if problems:
        return f"This field {problems[0]}. Remove it so the assessment can be saved."
    if len(text) > limit.limit:
        over = len(text) - limit.limit
        return (
            f"{over:,} characters over the limit of {limit.limit:,}. Shorten the text so the "
            "assessment can be saved; nothing has been cut."
        )
    if len(text) >= NEAR_LIMIT * limit.limit:
        return f"{len(text):,} of {limit.limit:,} characters used."
    return None


def check_content(assessment: Assessment) -> Assessment:
    """The assessment itself if it is within every limit.

    Raises:
        BoundaryError: one problem per field outside the limits.
    """
    problems = content_problems(assessment)
    if problems:
        raise BoundaryError(problems)
    return assessment


def validated(document: dict[str, Any]) -> Assessment:
    """The assessment a JSON object holds, migrated, validated and within every limit.

    Raises:
        NewerFormatError: made by a newer release (the caller decides what to say).
        BoundaryError: one problem per field: the form's types, then the limits.
    """
    try:
        assessment = Assessment.model_validate(migrate(document))
    except NewerFormatError:
        raise
    except MigrationError as error:
        raise BoundaryError([Problem("format_version", str(error))]) from None
    except ValidationError as error:
        problems = []
        for found in error.errors(include_input=False, include_url=False):
            path = ".".join(str(part) for part in found["loc"]) or _WHOLE
            problems.append(Problem(path, found["msg"].removeprefix("Value error, ")))
        raise BoundaryError(problems) from None
    return check_content(assessment)


def assessment_from_json(data: bytes | str) -> Assessment:
    """Interchange JSON of any known version as a current assessment, through the boundary.

    Raises:
        NewerFormatError, BoundaryError: as for :func:`read_document` and :func:`validated`.
    """
    return validated(read_document(data))
