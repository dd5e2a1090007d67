"""form.yaml, loaded strictly; which questions apply; how complete a page is."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.form import (
    Completeness,
    applies,
    default_form,
    load_form,
    model_has,
    page_completeness,
    shown,
)
from ce_desktop.domain.model import Assessment, RiskLevel, YesNoNotKnown
from ce_desktop.domain.rules import Severity, check
from ce_desktop.domain.yaml_entries import CatalogueError
from ce_desktop.resources import resource_path
from tests.factories import full_assessment

TODAY = date(2026, 11, 29)


def test_the_shipped_form_loads() -> None:
    form = default_form()
    assert [p.id for p in form.pages] == [
        "child",
        "vulnerability",
        "indicators",
        "analysis",
        "action",
    ]
    assert form.pdf_label("child.date_of_birth") == "DOB"
    assert form.label("indicators.grooming.level") == "Level"


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ("  - {path: child.name, kind: line, page: child, label: Again}\n", "duplicate path"),
        ("  - {path: child.x, kind: slider, page: child, label: X}\n", "kind"),
        ("  - {path: child.x, kind: line, page: nowhere, label: X}\n", "unknown page"),
        ("  - {path: child.x, kind: line, page: child, label: X, colour: red}\n", "unknown key"),
        (
            "  - {path: child.x, kind: text, page: child, label: X,"
            " applies_when: {path: child.nothing, values: ['yes']}}\n",
            "not declared",
        ),
        ("  - {path: child.shoe_size, kind: line, page: child, label: X}\n", "no such answer"),
        (
            "  - {path: 'indicators.{indicator}.colour', kind: line, page: indicators, label: X}\n",
            "no such answer",
        ),
    ],
)
def test_a_bad_declaration_is_refused_with_its_place(
    tmp_path: Path, extra: str, problem: str
) -> None:
    text = resource_path("form.yaml").read_text("utf-8")
    text = text.replace("\nrecord_keeping:", extra + "\nrecord_keeping:")
    path = tmp_path / "form.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(CatalogueError, match=problem):
        load_form(path)


def test_a_follow_up_applies_only_when_its_question_is_yes() -> None:
    form = default_form()
    details = form.field("child.send_details")
    a = Assessment.new(today=TODAY)
    assert not applies(details, a, today=TODAY)
    a.child.send = YesNoNotKnown.NO
    assert not applies(details, a, today=TODAY)
    a.child.send = YesNoNotKnown.YES
    assert applies(details, a, today=TODAY)


def test_an_answer_already_written_stays_shown() -> None:
    a = Assessment.new(today=TODAY)
    a.child.send = YesNoNotKnown.NO
    a.child.send_details = "Written before the answer changed"
    assert shown("child.send_details", a, default_form(), today=TODAY)


def test_the_thorough_assessment_question_applies_under_13_at_emerging() -> None:
    form = default_form()
    a = Assessment.new(today=TODAY)
    a.child.date_of_birth = date(2016, 1, 1)
    question = form.field("analysis.thorough_assessment_confirmed")
    assert not applies(question, a, today=TODAY)
    a.analysis.level_of_risk = RiskLevel.EMERGING
    assert applies(question, a, today=TODAY)


def test_prefilled_answers_do_not_start_a_page() -> None:
    a = Assessment.new(today=TODAY)
    a.details.completed_by = "A Worker"
    catalogue = default_catalogue()
    assert page_completeness(default_form(), "child", a, catalogue, today=TODAY) is (
        Completeness.NOT_STARTED
    )
    a.child.name = "Fictional Child"
    assert page_completeness(default_form(), "child", a, catalogue, today=TODAY) is (
        Completeness.IN_PROGRESS
    )


def test_child_details_is_complete_when_the_follow_ups_do_not_apply() -> None:
    a = full_assessment()
    catalogue = default_catalogue()
    form = default_form()
    assert page_completeness(form, "child", a, catalogue, today=TODAY) is Completeness.COMPLETE
    a.child.send_details = ""
    assert page_completeness(form, "child", a, catalogue, today=TODAY) is (Completeness.IN_PROGRESS)
    a.child.send = YesNoNotKnown.NO
    a.child.previously_identified = YesNoNotKnown.NOT_KNOWN
    a.child.previously_identified_details = ""
    assert page_completeness(form, "child", a, catalogue, today=TODAY) is Completeness.COMPLETE


def test_every_declared_path_is_an_answer_of_the_model() -> None:
    form = default_form()
    assert all(model_has(f.path) for f in form.fields)
    assert not model_has("child.shoe_size")


def test_what_the_checks_require_is_declared_required() -> None:
    """An answer whose absence is an error is not declared optional: one "required"."""
    form = default_form()
    blank = Assessment.new(today=TODAY)
    findings = check(blank, default_catalogue(), now=datetime(2026, 11, 29, tzinfo=UTC))
    errors = [f.path for f in findings if f.severity is Severity.ERROR]
    assert errors
    assert [path for path in errors if form.field(path).optional] == []
