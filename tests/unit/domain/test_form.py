"""form.yaml, loaded strictly; which questions apply; how complete a page is."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.completeness import Completeness, applies, page_completeness, shown
from ce_desktop.domain.form import Form, Missing, default_form, load_form, model_has
from ce_desktop.domain.model import Assessment, IndicatorEntry, RiskLevel, YesNoNotKnown
from ce_desktop.domain.rules import Finding, Severity, check
from ce_desktop.domain.yaml_entries import CatalogueError
from ce_desktop.resources import resource_path
from tests.factories import full_assessment

TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)
ERROR = Severity.ERROR


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
        (
            "  - {path: child.x, kind: line, page: child, label: X, optional: true,"
            " missing: {message: Enter X}}\n",
            "optional or prefilled",
        ),
        (
            "  - {path: child.x, kind: line, page: child, label: X, missing: {mesage: Enter X}}\n",
            "unknown key",
        ),
        (
            "  - {path: 'indicators.{indicator}.x', kind: text, page: indicators, label: X,"
            " applies_when: {path: 'vulnerability.factors.{factor}.applies', values: ['true']}}\n",
            "another entry",
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


def _requiring(form: Form, path: str, message: str) -> Form:
    """A copy of ``form`` in which the checks require the answer at ``path``."""
    fields = tuple(
        f.model_copy(update={"optional": False, "missing": Missing(message=message)})
        if f.path == path
        else f
        for f in form.fields
    )
    return replace(form, fields=fields)


def test_a_declaration_change_alone_makes_the_checks_report_an_answer_missing() -> None:
    """What the checks require is read from the form: no rule names the religion."""
    a = full_assessment()
    a.child.religion = ""
    catalogue = default_catalogue()
    assert [f for f in check(a, catalogue, now=NOW) if f.path == "child.religion"] == []
    changed = _requiring(default_form(), "child.religion", "Enter the child's religion")
    found = [f for f in check(a, catalogue, now=NOW, form=changed) if f.path == "child.religion"]
    assert found == [
        Finding("required", Severity.ERROR, "Enter the child's religion", "child.religion")
    ]
    a.child.religion = "Fictional faith"
    assert [f for f in check(a, catalogue, now=NOW, form=changed) if f.severity is ERROR] == []


def test_a_follow_up_that_does_not_apply_is_never_reported_missing() -> None:
    a = full_assessment()
    catalogue = default_catalogue()
    changed = _requiring(default_form(), "child.send_details", "Give the SEND details")
    a.child.send_details = ""
    for answer in (YesNoNotKnown.NO, YesNoNotKnown.NOT_KNOWN, None):
        a.child.send = answer
        paths = [f.path for f in check(a, catalogue, now=NOW, form=changed)]
        assert "child.send_details" not in paths
    a.child.send = YesNoNotKnown.YES
    paths = [f.path for f in check(a, catalogue, now=NOW, form=changed)]
    assert "child.send_details" in paths


def test_an_indicator_not_identified_is_never_reported_missing() -> None:
    blank = Assessment.new(today=TODAY)
    catalogue = default_catalogue()
    assert [f for f in check(blank, catalogue, now=NOW) if f.path.startswith("indicators.")] == []
    blank.indicators["grooming"] = IndicatorEntry(identified=True)
    paths = {f.path for f in check(blank, catalogue, now=NOW) if f.rule_id == "indicator_complete"}
    assert paths == {"indicators.grooming.level", "indicators.grooming.narrative"}


def test_a_rationale_for_no_review_means_the_review_date_is_not_missing() -> None:
    a = full_assessment()
    a.intended_action.next_review_date = None
    a.intended_action.no_review_rationale = "   "
    assert "review_date" in {f.rule_id for f in check(a, default_catalogue(), now=NOW)}
    a.intended_action.no_review_rationale = "The case is closing"
    assert "review_date" not in {f.rule_id for f in check(a, default_catalogue(), now=NOW)}
