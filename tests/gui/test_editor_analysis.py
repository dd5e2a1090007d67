"""The Analysis and Intended action pages, driven through their widgets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QFrame, QLabel

from ce_desktop.domain.model import (
    AuditAction,
    Concern,
    ConcernKind,
    RiskLevel,
    YesNoNotKnown,
)
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.editor.analysis_page import ExploitationTypes
from ce_desktop.gui.editor.rows import Checklist, RepeatingRows
from tests.gui.editor_support import (
    NOW,
    born_years_ago,
    choose,
    field,
    new_draft,
    show_field,
)
from tests.gui.keys import type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_exploitation_types_keep_the_primary_type_first(editor: AssessmentEditor) -> None:
    types = show_field(editor, "analysis.exploitation_types")
    assert isinstance(types, ExploitationTypes)
    types.checklist.boxes["child_sexual_exploitation"].click()
    types.checklist.boxes["child_criminal_exploitation"].click()
    assert editor.assessment().analysis.exploitation_types == [
        "child_sexual_exploitation",
        "child_criminal_exploitation",
    ]

    choose(types.primary, "child_criminal_exploitation")

    assert editor.assessment().analysis.exploitation_types == [
        "child_criminal_exploitation",
        "child_sexual_exploitation",
    ]


def test_referral_checklist_appears_at_significant_and_records_times(
    editor: AssessmentEditor,
) -> None:
    referral = editor.findChild(QFrame, "referralChecklist")
    choose(show_field(editor, "analysis.level_of_risk"), RiskLevel.EMERGING)
    assert not referral.isVisibleTo(editor.pages[3])

    choose(field(editor, "analysis.level_of_risk"), RiskLevel.SIGNIFICANT)
    assert referral.isVisibleTo(editor.pages[3])
    manager = field(editor, "referral.manager_informed_at")
    manager.click()  # type: ignore[attr-defined]

    assert editor.assessment().referral.manager_informed_at == NOW
    assert "ticked at 10:30 on 29/11/2026" in manager.label.text()  # type: ignore[attr-defined]
    assert editor.assessment().audit[-1].action is AuditAction.MANAGER_INFORMED
    manager.click()  # type: ignore[attr-defined]
    assert editor.assessment().referral.manager_informed_at is None


def test_thorough_assessment_is_asked_for_a_12_year_old_at_emerging(
    editor: AssessmentEditor,
) -> None:
    draft = new_draft()
    draft.child.date_of_birth = born_years_ago(12)
    editor.load(draft)
    thorough = field(editor, "analysis.thorough_assessment_confirmed")

    choose(show_field(editor, "analysis.level_of_risk"), RiskLevel.SIGNIFICANT)
    assert not thorough.isVisibleTo(editor.pages[3])
    choose(field(editor, "analysis.level_of_risk"), RiskLevel.EMERGING)
    assert thorough.isVisibleTo(editor.pages[3])
    thorough.click()  # type: ignore[attr-defined]
    assert editor.assessment().analysis.thorough_assessment_confirmed


def test_thorough_assessment_is_asked_for_a_24_year_old_with_send(
    editor: AssessmentEditor,
) -> None:
    draft = new_draft()
    draft.child.date_of_birth = born_years_ago(24)
    draft.child.send = YesNoNotKnown.YES
    editor.load(draft)

    choose(show_field(editor, "analysis.level_of_risk"), RiskLevel.EMERGING)

    thorough = field(editor, "analysis.thorough_assessment_confirmed")
    assert thorough.isVisibleTo(editor.pages[3])


def test_a_16_year_old_at_emerging_is_not_asked(editor: AssessmentEditor) -> None:
    draft = new_draft()
    draft.child.date_of_birth = born_years_ago(16)
    editor.load(draft)
    choose(show_field(editor, "analysis.level_of_risk"), RiskLevel.EMERGING)

    thorough = field(editor, "analysis.thorough_assessment_confirmed")
    assert not thorough.isVisibleTo(editor.pages[3])


def test_concerns_are_rows_of_kind_and_description(editor: AssessmentEditor) -> None:
    rows = show_field(editor, "analysis.concerns")
    assert isinstance(rows, RepeatingRows)
    rows.add_button.click()
    kind, description = rows.row_inputs(0)
    choose(kind, ConcernKind.LOCATION)
    type_text(description, "Car park behind the Exampletown leisure centre")
    rows.add_button.click()
    assert rows.row_inputs(1)[0].value() == ConcernKind.PERSON  # shown as it will be saved
    type_text(rows.row_inputs(1)[1], "Adult male known as “K”")

    assert editor.assessment().analysis.concerns == [
        Concern(
            kind=ConcernKind.LOCATION, description="Car park behind the Exampletown leisure centre"
        ),
        Concern(kind=ConcernKind.PERSON, description="Adult male known as “K”"),
    ]
    rows.remove_button(0).click()
    assert [c.description for c in editor.assessment().analysis.concerns] == [
        "Adult male known as “K”"
    ]


def test_framework_category_shows_the_toolkits_descriptor(editor: AssessmentEditor) -> None:
    choose(show_field(editor, "analysis.framework_category"), RiskLevel.SIGNIFICANT)

    descriptor = editor.findChild(QLabel, "frameworkDescriptor")
    assert descriptor.text() == "Vulnerable child with a number of risk indicators present"
    assert editor.assessment().analysis.framework_category is RiskLevel.SIGNIFICANT


def test_box_a_and_views_are_typed_into_the_model(editor: AssessmentEditor) -> None:
    type_text(show_field(editor, "analysis.rationale"), "Several indicators;\nrising concern.")
    type_text(show_field(editor, "analysis.child_views"), "Says she is “fine”.")

    assert editor.assessment().analysis.rationale == "Several indicators;\nrising concern."
    assert editor.assessment().analysis.child_views == "Says she is “fine”."


def test_strategies_are_ticked_into_the_plan(editor: AssessmentEditor) -> None:
    strategies = show_field(editor, "intended_action.strategies")
    assert isinstance(strategies, Checklist)
    first, second = list(strategies.boxes)[:2]
    strategies.boxes[second].click()
    strategies.boxes[first].click()

    assert editor.assessment().intended_action.strategies == [first, second]


def test_review_date_and_sharing_are_recorded(editor: AssessmentEditor) -> None:
    type_text(show_field(editor, "intended_action.next_review_date"), "1/2/2027")
    type_text(show_field(editor, "intended_action.shared_with"), "School DSL")
    type_text(show_field(editor, "intended_action.shared_on"), "30/11/2026")

    plan = editor.assessment().intended_action
    assert plan.next_review_date == date(2027, 2, 1)
    assert plan.shared_with == "School DSL"
    assert plan.shared_on == date(2026, 11, 30)
