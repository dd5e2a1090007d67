"""For an assessment, which of the form's questions apply, which required answers are
missing, and how complete a page is (``form.yaml``'s declarations against the answers).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Any

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.derived import young_or_send
from ce_desktop.domain.form import Derived, FieldDecl, Form, expand, on_entry
from ce_desktop.domain.form_paths import read_path
from ce_desktop.domain.model import Assessment, RiskLevel


def is_empty(value: Any) -> bool:
    """Whether an answer counts as not given."""
    return value is None or value is False or value == "" or value == []


def _not_given(value: Any) -> bool:
    """Empty, or only spaces: what the checks report as missing."""
    return is_empty(value) or (isinstance(value, str) and not value.strip())


def _stored(value: Any) -> str:
    return str(getattr(value, "value", value)).strip().lower()


def applies(
    declaration: FieldDecl, assessment: Assessment, *, today: date, path: str | None = None
) -> bool:
    """Whether the question applies, given the answers so far.

    For a field repeated per catalogue entry, ``path`` is the concrete one: its
    condition is read on the same entry (an indicator's level applies once that
    indicator is identified).
    """
    condition = declaration.applies_when
    if condition is None:
        return True
    if condition.derived is Derived.THOROUGH_ASSESSMENT_NEEDED:
        return thorough_assessment_needed(assessment, today)
    assert condition.path is not None
    return _stored(read_path(assessment, on_entry(condition.path, path))) in condition.values


def shown(path: str, assessment: Assessment, form: Form, *, today: date) -> bool:
    """Whether the worker sees the question: it applies, or an answer is already written."""
    return applies(form.field(path), assessment, today=today, path=path) or not is_empty(
        read_path(assessment, path)
    )


def missing_answers(
    form: Form, assessment: Assessment, catalogue: Catalogue, *, today: date
) -> Iterator[tuple[FieldDecl, str]]:
    """Each answer the checks require (``missing:``) that applies and is not given."""
    for declaration in form.fields:
        if not declaration.checked:
            continue
        for path in expand(declaration, catalogue):
            if _not_given(read_path(assessment, path)) and applies(
                declaration, assessment, today=today, path=path
            ):
                yield declaration, path


def thorough_assessment_needed(assessment: Assessment, today: date) -> bool:
    """§4.3: Emerging or Minimal for a child under 13 or with SEND."""
    if assessment.analysis.level_of_risk not in (RiskLevel.MINIMAL, RiskLevel.EMERGING):
        return False
    return any(young_or_send(assessment, today))


class Completeness(StrEnum):
    """How far a page's answers are (a tab shows it, beside "has problems")."""

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETE = "complete"


def answers(form: Form, page: str, catalogue: Catalogue) -> Iterator[tuple[FieldDecl, str]]:
    """Each declaration of a page with each of its concrete paths."""
    for declaration in form.on_page(page):
        for path in expand(declaration, catalogue):
            yield declaration, path


def page_completeness(
    form: Form, page: str, assessment: Assessment, catalogue: Catalogue, *, today: date
) -> Completeness:
    """Not started, in progress or complete, from the page's declared answers.

    Prefilled answers do not mean "started"; a question that does not apply (a
    follow-up whose question is not Yes) is not required. The indicators page is
    complete when some are identified and each identified one has a level and a
    narrative.
    """
    if page == "indicators":
        return indicators_completeness(assessment)
    filled_any = False
    complete = True
    for declaration, path in answers(form, page, catalogue):
        if declaration.prefilled:
            continue
        filled = not is_empty(read_path(assessment, path))
        filled_any = filled_any or filled
        if not filled and declaration.required:
            complete = complete and not applies(declaration, assessment, today=today, path=path)
    if not filled_any:
        return Completeness.NOT_STARTED
    return Completeness.COMPLETE if complete else Completeness.IN_PROGRESS


def indicators_completeness(assessment: Assessment) -> Completeness:
    """Complete when some are identified and each identified one has level and narrative."""
    touched = [e for e in assessment.indicators.values() if e.identified or e.narrative]
    if not touched:
        return Completeness.NOT_STARTED
    identified = [e for e in touched if e.identified]
    done = identified and all(e.level and e.narrative.strip() for e in identified)
    return Completeness.COMPLETE if done else Completeness.IN_PROGRESS
