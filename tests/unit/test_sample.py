"""The fictional training sample: valid, stable, and in step with the catalogue."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, time
from typing import Any

import pytest

from ce_desktop.cli.basic_commands import interchange_schema
from ce_desktop.domain import rules
from ce_desktop.domain.catalogue import Catalogue, load_catalogue
from ce_desktop.domain.model import Assessment, RiskLevel
from ce_desktop.resources import resource_path

SAMPLE = resource_path("samples", "sample-assessment.json")


@pytest.fixture(scope="module")
def text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample(text: str) -> Assessment:
    return Assessment.model_validate_json(text)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_the_sample_round_trips_byte_for_byte(text: str, sample: Assessment) -> None:
    assert sample.model_dump_json(indent=2) + "\n" == text
    again = Assessment.model_validate_json(sample.model_dump_json())
    assert again == sample


def test_the_sample_is_plainly_fictional(text: str, sample: Assessment) -> None:
    assert sample.is_training_sample
    assert "Fictional" in sample.child.name
    assert any(ord(ch) > 127 for ch in sample.child.name)  # exercises the Unicode paths
    # Phone numbers only from Ofcom's range reserved for drama (01632 960000-960999).
    phones = re.findall(r"\b0\d{3,4} ?\d{6,7}\b", text)
    assert phones
    assert all(p.replace(" ", "").startswith("01632960") for p in phones)
    emails = re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)
    assert all(e.endswith("@example.org") for e in emails)


def test_every_id_in_the_sample_is_in_the_catalogue(
    sample: Assessment, catalogue: Catalogue
) -> None:
    toolkit = catalogue.toolkit
    assert set(sample.indicators) <= set(catalogue.indicator_ids())
    assert set(sample.intended_action.strategies) <= {s.id for s in toolkit.strategies}
    assert set(sample.vulnerability.factors) <= {f.id for f in toolkit.vulnerability_factors}
    assert set(sample.analysis.exploitation_types) <= {t.id for t in toolkit.exploitation_types}


def test_the_sample_exercises_most_of_the_form(sample: Assessment) -> None:
    identified = sample.identified_indicators()
    assert len(identified) >= 5
    assert {e.level for e in identified.values()} >= {RiskLevel.EMERGING, RiskLevel.SIGNIFICANT}
    assert all(e.narrative for e in identified.values())
    assert len(sample.agencies) >= 5
    assert len({c.kind for c in sample.analysis.concerns}) >= 3
    assert len(sample.analysis.exploitation_types) >= 2
    assert sample.analysis.rationale
    assert sample.analysis.protective_factors
    assert sample.referral.manager_informed_at
    assert sample.referral.referred_to_csc_at
    assert sample.intended_action.strategies
    assert sample.audit


def test_the_sample_passes_the_toolkit_rules_on_the_day(
    sample: Assessment, catalogue: Catalogue
) -> None:
    completed = sample.details.date_completed
    assert completed is not None
    on_the_day = datetime.combine(completed, time(17), tzinfo=UTC)
    findings = rules.check(sample, catalogue, now=on_the_day)
    assert rules.blocking(findings) == []
    assert rules.unjustified_warnings(sample, findings) == []


# --- the interchange JSON Schema, checked structurally (no schema library needed) ----


def _conforms(value: Any, schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    """Problems of ``value`` against the subset of JSON Schema pydantic emits."""
    if "$ref" in schema:
        return _conforms(value, defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    if "anyOf" in schema:
        branches = [_conforms(value, branch, defs) for branch in schema["anyOf"]]
        return [] if any(not b for b in branches) else min(branches, key=len)
    if "const" in schema and value != schema["const"]:
        return [f"{value!r} is not {schema['const']!r}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{value!r} is not one of {schema['enum']}"]
    kinds = {
        "object": dict,
        "array": list,
        "string": str,
        "boolean": bool,
        "null": type(None),
        "integer": int,
    }
    kind = schema.get("type")
    if kind in kinds and not isinstance(value, kinds[kind]):
        return [f"{value!r} is not of type {kind}"]
    if "pattern" in schema and not re.search(schema["pattern"], value):
        return [f"{value!r} does not match {schema['pattern']}"]
    problems: list[str] = []
    if kind == "object":
        properties = schema.get("properties", {})
        problems += [f"missing {key}" for key in schema.get("required", []) if key not in value]
        for key, item in value.items():
            if key in properties:
                problems += [f"{key}: {p}" for p in _conforms(item, properties[key], defs)]
            elif schema.get("additionalProperties") is False:
                problems.append(f"unexpected key {key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                extra = schema["additionalProperties"]
                problems += [f"{key}: {p}" for p in _conforms(item, extra, defs)]
    if kind == "array":
        for index, item in enumerate(value):
            problems += [f"[{index}]: {p}" for p in _conforms(item, schema["items"], defs)]
    return problems


def test_the_sample_validates_against_the_interchange_schema(text: str) -> None:
    schema = interchange_schema()
    document = json.loads(text)
    assert set(schema["properties"]) == set(document)
    assert _conforms(document, schema, schema["$defs"]) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("colour",), "red"),
        (("analysis", "level_of_risk"), "amber"),
        (("indicators", "grooming"), {"identified": "perhaps"}),
    ],
)
def test_the_schema_check_rejects_what_the_schema_forbids(
    text: str, path: tuple[str, ...], value: object
) -> None:
    schema = interchange_schema()
    document = json.loads(text)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert _conforms(document, schema, schema["$defs"]) != []
