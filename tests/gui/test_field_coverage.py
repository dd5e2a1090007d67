"""Every answer a worker gives is declared once, bound on its page, printed, and tested.

Walks every leaf of the ``Assessment`` model. Record-keeping leaves (ids, status,
times, fingerprint, audit, the reasons given on Check and finish) are listed as such
in ``form.yaml``; every other leaf must be declared there, bound on the page it is
declared on, printed in the PDF (its value where it is text or a date, under the
PDF's declared words otherwise) and filled by ``tests/factories.full_assessment`` or
by the named variant for answers that exclude each other. So adding a field to the
model fails here until it is declared and given a sample value.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import date, datetime
from enum import Enum

import pytest
from pydantic import BaseModel
from pytestqt.qtbot import QtBot

from ce_desktop.domain.catalogue import Catalogue, default_catalogue
from ce_desktop.domain.completeness import is_empty
from ce_desktop.domain.derived import format_date, format_time
from ce_desktop.domain.form import FieldKind, default_form, expand
from ce_desktop.domain.form_paths import read_path
from ce_desktop.domain.model import Assessment
from ce_desktop.export.pdf import render_assessment_pdf
from ce_desktop.gui.editor import AssessmentEditor
from tests.factories import VARIANTS, full_assessment, last_sentence
from tests.unit.export.conftest import page_texts, squashed

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

_PLACEHOLDER_OF = {"indicators": "indicators.{indicator}", "factors": "factors.{factor}"}


def model_leaves(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every leaf path of a model; catalogue-keyed entries under their placeholder."""
    for name, info in model.model_fields.items():
        annotation = info.annotation
        args = typing.get_args(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from model_leaves(annotation, f"{prefix}{name}.")
        elif typing.get_origin(annotation) is dict and args and _is_model(args[1]):
            yield from model_leaves(args[1], f"{prefix}{_PLACEHOLDER_OF.get(name, name)}.")
        else:
            yield f"{prefix}{name}"


def _is_model(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


def _sample(path: str) -> Assessment:
    return VARIANTS.get(path, full_assessment)()


def _pdf_text(assessment: Assessment, catalogue: Catalogue) -> str:
    return squashed("".join(page_texts(render_assessment_pdf(assessment, catalogue))))


def _printed_values(path: str, value: object, catalogue: Catalogue) -> list[str]:
    """What of a filled answer must show in the PDF text."""
    if isinstance(value, Enum):
        # A level or threshold prints its words; Yes / No / Not known prints as ticks.
        label = getattr(value, "label", None)
        return [label] if isinstance(label, str) else []
    if isinstance(value, str):
        if path.endswith(".narrative") and path.startswith("indicators."):
            return [last_sentence(path.split(".")[1])]
        return [value]
    if isinstance(value, datetime):
        return [format_time(value)]
    if isinstance(value, date):
        return [format_date(value)]
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return [
            text for row in value for text in row.model_dump().values() if isinstance(text, str)
        ]
    if isinstance(value, list):
        titles = {t.id: t.title for t in catalogue.toolkit.exploitation_types}
        titles |= {s.id: s.text for s in catalogue.toolkit.strategies}
        return [titles[item] for item in value]
    return []


def test_every_leaf_is_declared_or_listed_as_record_keeping() -> None:
    form = default_form()
    declared = {f.path for f in form.fields}
    leaves = set(model_leaves(Assessment))
    undeclared = sorted(leaves - declared - set(form.record_keeping))
    assert undeclared == [], "declare these in resources/form.yaml"
    assert sorted(declared - leaves) == [], "declared paths the model does not have"
    assert sorted(set(form.record_keeping) - leaves) == []


def test_every_declared_answer_is_bound_on_its_page(qtbot: QtBot, catalogue: Catalogue) -> None:
    form = default_form()
    editor = AssessmentEditor(catalogue)
    qtbot.addWidget(editor)
    page_index = {page.id: index for index, page in enumerate(form.pages)}
    binder = editor._binder
    for declaration in form.fields:
        for path in expand(declaration, catalogue):
            bound = binder.field(path)
            assert bound is not None, f"{path} is not bound on any page"
            assert bound.page == page_index[declaration.page], f"{path} is on another page"
            simple = (FieldKind.LINE, FieldKind.TEXT, FieldKind.DATE)
            if declaration.kind in simple and declaration.placeholder is None:
                assert declaration.label in bound.label


def test_every_declared_answer_is_filled_and_printed(catalogue: Catalogue) -> None:
    form = default_form()
    texts: dict[object, str] = {}
    checked = 0
    for declaration in form.fields:
        sample_of = VARIANTS.get(declaration.path, full_assessment)
        if sample_of not in texts:
            texts[sample_of] = _pdf_text(sample_of(), catalogue)
        text = texts[sample_of]
        sample = sample_of()
        if declaration.placeholder is None:
            assert squashed(declaration.printed_label) in text, (
                f"the PDF has no place for {declaration.path}"
            )
        for path in expand(declaration, catalogue):
            value = read_path(sample, path)
            assert not is_empty(value), f"tests/factories.py leaves {path} empty"
            for shown in _printed_values(path, value, catalogue):
                assert squashed(shown) in text, f"{path}'s answer is not in the PDF"
                checked += 1
    assert checked > 150
