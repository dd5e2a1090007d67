"""Numbered migrations, tested with a synthetic older version."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from ce_desktop.domain.boundary import assessment_from_json
from ce_desktop.domain.migrations import (
    MIGRATIONS,
    MigrationError,
    NewerFormatError,
    assessment_to_json,
    migrate,
)
from ce_desktop.domain.model import FORMAT_VERSION, Assessment

NOW = datetime(2026, 11, 29, 9, 30, tzinfo=UTC)


def _zero_to_one(data: dict[str, Any]) -> dict[str, Any]:
    # The synthetic version 0 kept the child's name at the top level.
    data = dict(data)
    data.setdefault("child", {})["name"] = data.pop("child_name")
    return data


def test_an_older_version_is_migrated_step_by_step() -> None:
    current = Assessment.new(today=date(2026, 11, 29), now=NOW).model_dump(mode="json")
    current["child"].pop("name")
    old = {**current, "format_version": 0, "child_name": "Fictional Child"}
    migrated = migrate(old, registry={0: _zero_to_one, **MIGRATIONS})
    assert migrated["format_version"] == FORMAT_VERSION
    assert Assessment.model_validate(migrated).child.name == "Fictional Child"


def test_a_missing_step_is_an_error() -> None:
    with pytest.raises(MigrationError):
        migrate({"format_version": 0}, registry={}, current=2)


def test_a_newer_version_is_refused_plainly() -> None:
    with pytest.raises(NewerFormatError, match="newer version of CE Desktop"):
        migrate({"format_version": FORMAT_VERSION + 1})


@pytest.mark.parametrize("version", [None, "1", True, -1])
def test_invalid_versions_are_refused(version: object) -> None:
    with pytest.raises(MigrationError):
        migrate({"format_version": version})


def test_json_helpers_round_trip() -> None:
    a = Assessment.new(today=date(2026, 11, 29), now=NOW)
    text = assessment_to_json(a)
    assert assessment_from_json(text) == a
    assert assessment_to_json(assessment_from_json(text)) == text


@pytest.mark.parametrize("text", ["not json", "[1, 2]", "{"])
def test_json_helpers_refuse_garbage_plainly(text: str) -> None:
    with pytest.raises(ValueError, match=r"(JSON|assessment)"):
        assessment_from_json(text)


def test_a_format_3_final_becomes_an_original_with_its_fingerprint_unchanged() -> None:
    from ce_desktop.domain.lifecycle import content_fingerprint
    from tests.factories import as_final, full_assessment

    final = as_final(full_assessment())
    written_by_format_3 = final.model_dump(mode="json", exclude={"amendment"})
    written_by_format_3["format_version"] = 3

    migrated = Assessment.model_validate(migrate(written_by_format_3))

    assert migrated.format_version == FORMAT_VERSION == 4
    assert migrated.amendment is None
    assert migrated.fingerprint == content_fingerprint(migrated) == final.fingerprint
