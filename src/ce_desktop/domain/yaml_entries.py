"""Strict reading of the catalogue's YAML files: lists of entries checked one by one.

Every failure raises :class:`CatalogueError` with a message of the form
``"<file>: <entry>: <problem>."``, where the entry is named by its position and, when
it has one, its id, so that a mistake in a resource file is found in seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError


class CatalogueError(ValueError):
    """A resource file is missing or malformed; the message names file, entry and problem."""


_E = TypeVar("_E", bound=BaseModel)


def read_mapping(path: Path, keys: Sequence[str], name: str = "") -> dict[str, Any]:
    """Parse a YAML file whose top level must be a mapping with exactly ``keys``.

    Args:
        path: the file.
        keys: the top-level keys it must have, and no others.
        name: how messages name the file (default: its file name).

    Raises:
        CatalogueError: unreadable file, YAML syntax error, or wrong top-level keys.
    """
    name = name or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogueError(f"{name}: the file cannot be read ({error.strerror}).") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "top level"
        problem = getattr(error, "problem", None) or "unreadable"
        raise CatalogueError(f"{name}: {where}: the YAML is not valid ({problem}).") from error
    if not isinstance(data, dict):
        raise CatalogueError(f"{name}: top level: expected a mapping with {quoted(keys)}.")
    unknown = [key for key in data if key not in keys]
    if unknown:
        raise CatalogueError(f"{name}: top level: unknown key {quoted(unknown)}.")
    missing = [key for key in keys if key not in data]
    if missing:
        raise CatalogueError(f"{name}: top level: missing key {quoted(missing)}.")
    return data


def quoted(keys: Sequence[object]) -> str:
    """Keys as a quoted, comma-separated list for messages."""
    return ", ".join(f"'{key}'" for key in keys)


def describe(error: dict[str, Any]) -> str:
    """One pydantic error as a plain problem, with the key path inside the entry."""
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"])
    where = where.lstrip(".")
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{where}'"
    if kind == "missing":
        return f"missing key '{where}'"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"'{where}' is {error['input']!r}, which is not one of {expected}"
    return f"'{where}': {error['msg']}"


def _entry_name(section: str, index: int, raw: object, id_key: str) -> str:
    label = f"{section} entry {index + 1}"
    if isinstance(raw, dict) and isinstance(raw.get(id_key), str):
        label += f" ('{raw[id_key]}')"
    return label


def entries(
    name: str,
    section: str,
    raw: object,
    model: type[_E],
    *,
    id_key: str = "id",
    unique: Callable[[_E], object] | None = None,
) -> list[_E]:
    """Validate one list of entries, naming the first bad entry and its problem.

    Args:
        name: the file, for messages.
        section: the list's key in the file, for messages.
        raw: the parsed list.
        model: the pydantic model of one entry.
        id_key: the key that names an entry in messages.
        unique: gives the value that must not repeat across entries (none if omitted).

    Raises:
        CatalogueError: not a list, an entry that does not validate, or a duplicate.
    """
    if not isinstance(raw, list):
        raise CatalogueError(f"{name}: {section}: expected a list of entries.")
    entries: list[_E] = []
    seen: set[object] = set()
    for index, item in enumerate(raw):
        label = _entry_name(section, index, item, id_key)
        if not isinstance(item, dict):
            raise CatalogueError(f"{name}: {label}: expected a mapping of keys.")
        try:
            entry = model.model_validate(item)
        except ValidationError as error:
            problems = "; ".join(describe(dict(e)) for e in error.errors())
            raise CatalogueError(f"{name}: {label}: {problems}.") from None
        if unique is not None:
            key = unique(entry)
            if key in seen:
                raise CatalogueError(f"{name}: {label}: duplicate {id_key} '{key}'.")
            seen.add(key)
        entries.append(entry)
    return entries
