"""Adding a field to Child details needs the declaration, the model field, its sample
value and the version step, and nothing in ``gui/`` or ``export/``.

A school year is added as a release would add it (``ce_desktop.domain.formats``): a
declaration in the form, a model field with a version step (``test_format_growth``'s
``NextAssessment``) and a sample value. The real page then shows it and the real PDF
prints it, with no change to their code.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from pytestqt.qtbot import QtBot

from ce_desktop.domain import form as form_module
from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.form import FieldDecl, FieldKind, default_form
from ce_desktop.export import pdf_further, pdf_layout
from ce_desktop.export.pdf import render_assessment_pdf
from ce_desktop.gui.editor import AssessmentEditor
from tests.factories import full_assessment
from tests.gui.test_field_coverage import model_leaves
from tests.unit.domain.test_format_growth import NEXT, NextAssessment, add_school_year
from tests.unit.export.conftest import page_texts, squashed

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SCHOOL_YEAR = FieldDecl(
    path="child.school_year", kind=FieldKind.LINE, page="child", label="School year"
)


@pytest.fixture
def form_with_school_year(monkeypatch: pytest.MonkeyPatch) -> form_module.Form:
    """Step 1: the declaration (as one more entry of form.yaml would give it)."""
    form = dataclasses.replace(default_form(), fields=(*default_form().fields, SCHOOL_YEAR))
    for module in (form_module, pdf_layout, pdf_further):
        monkeypatch.setattr(module, "default_form", lambda: form)
    return form


def _sample() -> NextAssessment:
    """Steps 2 and 3: the model field (with its version step) and a sample value."""
    data = add_school_year(json.loads(full_assessment().model_dump_json()))
    sample = NextAssessment.model_validate(data | {"format_version": NEXT})
    sample.child.school_year = "Year 9 at Nowhereton Academy"
    return sample


def test_the_page_shows_and_binds_the_new_field(
    qtbot: QtBot, form_with_school_year: form_module.Form
) -> None:
    editor = AssessmentEditor(default_catalogue())
    qtbot.addWidget(editor)
    editor.load(_sample())
    bound = editor._binder.field("child.school_year")
    assert bound is not None
    assert bound.label == "School year"
    assert bound.widget.value() == "Year 9 at Nowhereton Academy"  # type: ignore[attr-defined]


def test_the_pdf_prints_the_new_field(form_with_school_year: form_module.Form) -> None:
    text = squashed("".join(page_texts(render_assessment_pdf(_sample(), default_catalogue()))))
    assert squashed("School year") in text
    assert squashed("Year 9 at Nowhereton Academy") in text


def test_the_coverage_walk_finds_the_new_leaf_declared(
    form_with_school_year: form_module.Form,
) -> None:
    leaves = set(model_leaves(NextAssessment))
    assert "child.school_year" in leaves
    assert "child.school_year" in {f.path for f in form_with_school_year.fields}
