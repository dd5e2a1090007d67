"""Numbered migrations of the interchange format (PRODUCT §8).

An assessment written by an older release is upgraded on load, one version at a
time, before it is validated. Each migration is a pure function from the JSON object
of version ``n`` to that of version ``n + 1``.

* 1 to 2: the identifiers a case system matches on (the council's person id, the NHS
  number, the UPN) join the child's details, empty.
* 2 to 3: the hand-off log (``handoff``) starts empty. An assessment an older release
  marked as sent keeps its ``sent_at``, which the hand-off state reads as its sending.
* 3 to 4: ``amendment`` is none: every assessment written before amendments is an
  original (version 1), and its fingerprint stays what it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ce_desktop.domain.formats import is_newer
from ce_desktop.domain.model import FORMAT_VERSION, Assessment

__all__ = ["MIGRATIONS", "MigrationError", "NewerFormatError", "is_newer", "migrate"]

JsonObject = dict[str, Any]
Migration = Callable[[JsonObject], JsonObject]


def _add_identifiers(data: JsonObject) -> JsonObject:
    """Format 1 to 2: the child's person id, NHS number and UPN, not yet given."""
    child = data.get("child")
    if isinstance(child, dict):
        child = dict(child)
        for name in ("person_id", "nhs_number", "upn"):
            child.setdefault(name, "")
        data["child"] = child
    return data


def _add_handoff_log(data: JsonObject) -> JsonObject:
    data.setdefault("handoff", {})
    return data


def _no_amendment(data: JsonObject) -> JsonObject:
    """Format 3 to 4: an original, not an amended version."""
    data.setdefault("amendment", None)
    return data


MIGRATIONS: dict[int, Migration] = {1: _add_identifiers, 2: _add_handoff_log, 3: _no_amendment}
"""``MIGRATIONS[n]`` upgrades a version-``n`` object to version ``n + 1``."""


class MigrationError(ValueError):
    """The data cannot be brought to the current format version."""


class NewerFormatError(MigrationError):
    """The data was written by a newer release of CE Desktop."""


def migrate(
    data: JsonObject,
    *,
    registry: Mapping[int, Migration] = MIGRATIONS,
    current: int = FORMAT_VERSION,
) -> JsonObject:
    """Upgrade ``data`` step by step to the ``current`` format version.

    Raises:
        NewerFormatError: the data's version is newer than this release knows.
        MigrationError: the version is not a whole number, or has no migration.
    """
    # An object with no version at all is read as the current one; validation then lists
    # whatever else is wrong with it, field by field.
    version = data.get("format_version", current)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise MigrationError("The assessment has no valid format version.")
    if version > current:
        raise NewerFormatError(
            f"This assessment was made by a newer version of CE Desktop (format {version}). "
            "Update CE Desktop to open it."
        )
    while version < current:
        step = registry.get(version)
        if step is None:
            raise MigrationError(f"No migration from format version {version}.")
        data = step(dict(data))
        version += 1
        data["format_version"] = version
    return data


def assessment_to_json(assessment: Assessment) -> str:
    """The interchange JSON of an assessment: indented, UTF-8, stable."""
    return assessment.model_dump_json(indent=2) + "\n"
