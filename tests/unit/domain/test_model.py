"""The domain model: strict keys, silent values, consistent status."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from ce_desktop.domain.model import (
    STANDARD_AGENCIES,
    Assessment,
    AuditAction,
    IndicatorEntry,
    RiskLevel,
    Status,
)

NOW = datetime(2026, 11, 29, 9, 30, tzinfo=UTC)


def test_new_assessment_has_the_standard_agencies_and_a_created_event() -> None:
    a = Assessment.new(today=date(2026, 11, 29), now=NOW)
    assert [row.agency for row in a.agencies] == list(STANDARD_AGENCIES)
    assert [event.action for event in a.audit] == [AuditAction.CREATED]
    assert a.status is Status.DRAFT
    assert a.reference.startswith("CE-20261129-")


def test_references_and_ids_are_random() -> None:
    made = [Assessment.new(today=date(2026, 11, 29), now=NOW) for _ in range(50)]
    assert len({a.id for a in made}) == 50
    assert len({a.reference for a in made}) > 40


def test_unknown_keys_are_refused() -> None:
    data = Assessment.new(today=date(2026, 11, 29), now=NOW).model_dump(mode="json")
    data["child"]["nickname"] = "x"
    with pytest.raises(ValidationError):
        Assessment.model_validate(data)


def test_validation_errors_never_show_the_value_typed() -> None:
    data = Assessment.new(today=date(2026, 11, 29), now=NOW).model_dump(mode="json")
    data["child"]["date_of_birth"] = "Marker-Zyxwv-Quentin"
    data["child"]["name"] = ["Marker-Zyxwv-Quentin"]
    with pytest.raises(ValidationError) as caught:
        Assessment.model_validate(data)
    assert "Marker-Zyxwv-Quentin" not in str(caught.value)
    assert "child.date_of_birth" in str(caught.value)


def test_indicator_level_cannot_be_minimal() -> None:
    with pytest.raises(ValidationError):
        IndicatorEntry(identified=True, level=RiskLevel.MINIMAL)


def test_final_status_needs_a_finalised_time() -> None:
    data = Assessment.new(today=date(2026, 11, 29), now=NOW).model_dump(mode="json")
    data["status"] = "final"
    with pytest.raises(ValidationError):
        Assessment.model_validate(data)


def test_json_round_trip_is_stable() -> None:
    a = Assessment.new(today=date(2026, 11, 29), now=NOW)
    a.child.name = "Zoë Łukasiewicz-Nguyễn"
    a.child.date_of_birth = date(2012, 2, 29)
    text = a.model_dump_json(indent=2)
    assert Assessment.model_validate_json(text).model_dump_json(indent=2) == text


def test_risk_levels_rank_in_framework_order() -> None:
    assert [level.rank for level in RiskLevel] == [0, 1, 2, 3]
    assert RiskLevel.SIGNIFICANT.label == "Significant"


def test_times_without_a_zone_are_read_as_utc_and_compare_with_now() -> None:
    data = Assessment.new(today=date(2026, 11, 29), now=NOW).model_dump(mode="json")
    data["created_at"] = "2026-11-29T09:30:00"  # no zone, as a hand-made import might have
    data["referral"]["manager_informed_at"] = "2026-11-29T10:30:00+01:00"
    a = Assessment.model_validate(data)
    assert a.created_at == NOW
    assert a.created_at.tzinfo is not None
    assert a.referral.manager_informed_at == datetime(2026, 11, 29, 9, 30, tzinfo=UTC)
    assert a.created_at <= a.updated_at  # comparable: no naive/aware TypeError
