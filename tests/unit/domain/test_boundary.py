"""The one boundary: what no real assessment holds is refused with its field's path."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from ce_desktop.domain import lifecycle
from ce_desktop.domain.boundary import (
    MAX_DEPTH,
    BoundaryError,
    assessment_from_json,
    content_problems,
    read_document,
)
from ce_desktop.domain.catalogue import Catalogue, default_catalogue
from ce_desktop.domain.intake import ImportRefused, Intake, prepare_import
from ce_desktop.domain.model import FORMAT_VERSION, LINE_LIMIT, ROWS_LIMIT, TEXT_LIMIT, Assessment
from tests.unit.domain.test_rules import NOW, valid_assessment

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


def _document(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(valid_assessment().model_dump_json())
    for dotted, value in changes.items():
        node = raw
        *parents, last = dotted.split("__")
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[last] = value
    return raw


def _paths(text: str | bytes) -> list[str]:
    with pytest.raises(BoundaryError) as caught:
        assessment_from_json(text)
    return [problem.path for problem in caught.value.problems]


def test_a_byte_order_mark_is_accepted() -> None:
    text = json.dumps(_document())
    assert assessment_from_json(b"\xef\xbb\xbf" + text.encode()).child.name == "Fictional Child"
    assert assessment_from_json("\ufeff" + text).child.name == "Fictional Child"


@pytest.mark.parametrize("bad", ["Fictional\x00Child", "Fictional\x1b[31mChild", "Two\nlines"])
def test_control_characters_and_line_breaks_in_a_name_are_refused(bad: str) -> None:
    assert _paths(json.dumps(_document(child__name=bad))) == ["child.name"]


def test_line_breaks_belong_in_a_narrative_but_nul_does_not() -> None:
    ok = _document(indicators__grooming__narrative="First.\n\nSecond.\tIndented.")
    assert assessment_from_json(json.dumps(ok)).indicators["grooming"].narrative.startswith("F")
    bad = _document(indicators__grooming__narrative="First.\x00")
    assert _paths(json.dumps(bad)) == ["indicators.grooming.narrative"]


def test_limits_name_the_field_and_the_limit() -> None:
    long_narrative = _document(analysis__summary="x" * (TEXT_LIMIT + 1))
    with pytest.raises(BoundaryError) as caught:
        assessment_from_json(json.dumps(long_narrative))
    (problem,) = caught.value.problems
    assert problem.path == "analysis.summary"
    assert f"{TEXT_LIMIT:,} characters" in problem.message
    assert _paths(json.dumps(_document(child__name="y" * (LINE_LIMIT + 1)))) == ["child.name"]
    rows = [{"agency": "School", "name_contact": ""}] * (ROWS_LIMIT + 1)
    assert _paths(json.dumps(_document(agencies=rows))) == ["agencies"]


def test_a_limit_is_not_reached_by_a_long_real_narrative() -> None:
    words = ("the young person was seen again near the station late at night " * 300).strip()
    doc = _document(indicators__grooming__narrative=words)  # about 3,600 words
    assert assessment_from_json(json.dumps(doc)).indicators["grooming"].narrative == words


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("created_at", "9999-12-31T23:59:59Z"),
        ("updated_at", "0001-01-01T00:00:00Z"),
        ("child__date_of_birth", "1066-10-14"),
        ("intended_action__next_review_date", "9999-12-31"),
    ],
)
def test_extreme_times_are_refused_at_their_field(field: str, value: str) -> None:
    assert _paths(json.dumps(_document(**{field: value}))) == [field.replace("__", ".")]


def test_an_id_is_never_a_path() -> None:
    paths = _paths(json.dumps(_document(previous_id="../../other/assessments/x")))
    assert paths == ["previous_id"]


def test_deep_nesting_is_refused_with_its_path() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    text = json.dumps(_document(child__name="PLACEHOLDER")).replace('"PLACEHOLDER"', deep)
    (path,) = _paths(text)
    assert path.startswith("child.name")
    assert path.count(".") == MAX_DEPTH - 1


def test_a_5000_digit_number_is_refused_with_its_path() -> None:
    text = json.dumps(_document()).replace(
        f'"format_version": {FORMAT_VERSION}', '"format_version": ' + "9" * 5000
    )
    assert _paths(text) == ["format_version"]


def test_a_lone_surrogate_is_refused_with_its_path() -> None:
    text = json.dumps(_document(child__name="Zeta")).replace("Zeta", "Ze\\ud800ta")
    assert _paths(text) == ["child.name"]


def test_bad_bytes_and_non_objects_are_said_plainly() -> None:
    for data in (b"\xff\xfe{}", b"[1, 2]", b"{", b'{"a": NaN}'):
        with pytest.raises(BoundaryError) as caught:
            read_document(data)
        assert caught.value.problems


def test_the_limits_do_not_depend_on_today() -> None:
    old = valid_assessment()
    old.created_at = old.updated_at = datetime(1990, 1, 1, tzinfo=UTC)
    assert content_problems(old) == []


# --- import ------------------------------------------------------------------------------


def _import(
    catalogue: Catalogue, raw: dict[str, Any], existing: dict[str, str] | None = None
) -> Intake:
    return prepare_import(json.dumps(raw), catalogue, existing=existing or {}, today=TODAY)


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("indicators", {"no_such_indicator": {}}, "indicators"),
        ("vulnerability__factors", {"no_such_factor": {}}, "vulnerability.factors"),
        ("analysis__exploitation_types", ["no_such_type"], "analysis.exploitation_types.0"),
        ("intended_action__strategies", ["no_such_strategy"], "intended_action.strategies.0"),
    ],
)
def test_import_refuses_ids_the_catalogue_does_not_have(
    catalogue: Catalogue, field: str, value: Any, path: str
) -> None:
    with pytest.raises(BoundaryError) as caught:
        _import(catalogue, _document(**{field: value}))
    assert [problem.path for problem in caught.value.problems] == [path]


def test_a_duplicate_reference_is_given_a_new_one_said_plainly(catalogue: Catalogue) -> None:
    raw = _document()
    intake = _import(catalogue, raw, existing={"f" * 32: raw["reference"]})
    assert intake.assessment.reference != raw["reference"]
    assert raw["reference"] in intake.notes[0]
    assert intake.assessment.reference in intake.notes[0]


def test_the_same_assessment_twice_is_refused(catalogue: Catalogue) -> None:
    raw = _document()
    with pytest.raises(ImportRefused, match="already here"):
        _import(catalogue, raw, existing={raw["id"]: raw["reference"]})


def _final() -> Assessment:
    return lifecycle.finalise(valid_assessment(), default_catalogue(), now=NOW)


def test_a_true_final_is_imported_as_final(catalogue: Catalogue) -> None:
    intake = _import(catalogue, json.loads(_final().model_dump_json()))
    assert intake.assessment.status.value == "final"


def test_a_final_whose_content_changed_is_refused(catalogue: Catalogue) -> None:
    raw = json.loads(_final().model_dump_json())
    raw["analysis"]["rationale"] = "Changed after finalising."
    with pytest.raises(ImportRefused, match="fingerprint does not match"):
        _import(catalogue, raw)


def test_a_final_that_could_not_have_been_finalised_is_refused(catalogue: Catalogue) -> None:
    final = _final()
    final.analysis.rationale = ""  # a blocking error, with a fingerprint to match it
    final.fingerprint = lifecycle.content_fingerprint(final)
    with pytest.raises(ImportRefused, match="checks find 1 problem"):
        _import(catalogue, json.loads(final.model_dump_json()))


def test_a_final_is_judged_as_of_its_finalised_time_not_today(catalogue: Catalogue) -> None:
    final = _final()
    # Completed the day after it was finalised: an error then, though a past date today.
    final.details.date_completed = NOW.date() + timedelta(days=1)
    final.fingerprint = lifecycle.content_fingerprint(final)
    with pytest.raises(ImportRefused, match="checks find 1 problem"):
        _import(catalogue, json.loads(final.model_dump_json()))


def test_a_time_at_the_edge_with_a_zone_is_a_field_error_not_an_overflow() -> None:
    for moment in ("9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00"):
        assert _paths(json.dumps(_document(updated_at=moment))) == ["updated_at"]
