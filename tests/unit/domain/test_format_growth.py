"""Adding a field, step by step, as ``ce_desktop.domain.formats`` tells it.

A school year in the child's details: the model field, the version step and its
migration. An older file migrates to the new version; the new version's file is
reported as newer by this release, never as damaged; and without the step, the
snapshot test would fail and an older release would take the file for damaged.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import pytest
from pydantic import Field, ValidationError

from ce_desktop.domain.migrations import NewerFormatError, migrate
from ce_desktop.domain.model import FORMAT_VERSION, Assessment, Child
from tests.factories import full_assessment
from tests.unit.domain.test_format_snapshots import schema_of, snapshot_path

NEXT = FORMAT_VERSION + 1


class ChildWithSchoolYear(Child):
    """Step 2: the model field, with a default meaning "not answered"."""

    school_year: str = ""


class NextAssessment(Assessment):
    """Step 3: the version step (the real change edits ``model.py`` in place)."""

    format_version: Literal[NEXT] = NEXT  # type: ignore[assignment,valid-type]
    child: ChildWithSchoolYear = Field(default_factory=ChildWithSchoolYear)


def add_school_year(data: dict[str, Any]) -> dict[str, Any]:
    """Step 3: the migration from the current version, a pure function of the JSON."""
    child = dict(data.get("child") or {})
    child.setdefault("school_year", "")
    return {**data, "child": child}


def test_an_older_file_migrates_to_the_next_version() -> None:
    older = json.loads(full_assessment().model_dump_json())

    upgraded = migrate(older, registry={FORMAT_VERSION: add_school_year}, current=NEXT)
    migrated = NextAssessment.model_validate(upgraded)

    assert migrated.format_version == NEXT
    assert migrated.child.school_year == ""
    assert migrated.child.name == older["child"]["name"]
    assert migrated.indicators.keys() == full_assessment().indicators.keys()


def test_the_next_versions_file_is_newer_to_this_release_not_damaged() -> None:
    newer = NextAssessment.model_validate(
        add_school_year(json.loads(full_assessment().model_dump_json())) | {"format_version": NEXT}
    )
    newer.child.school_year = "Year 9"
    with pytest.raises(NewerFormatError, match="made by a newer version of CE Desktop"):
        migrate(json.loads(newer.model_dump_json()))


def test_without_the_version_step_the_field_would_look_like_damage() -> None:
    document = json.loads(full_assessment().model_dump_json())
    document["child"]["school_year"] = "Year 9"  # a newer release that forgot the step
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Assessment.model_validate(migrate(document))
    # ...and the snapshot of the current version catches the change before release.
    current = json.loads(snapshot_path("assessment", FORMAT_VERSION).read_text("utf-8"))
    assert schema_of(NextAssessment) != current
    assert "school_year" in schema_of(NextAssessment)["$defs"]["ChildWithSchoolYear"]["properties"]
