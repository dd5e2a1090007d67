"""The Child details page, driven through its widgets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPushButton

from ce_desktop.domain.model import AgencyInvolved, Status, YesNoNotKnown
from ce_desktop.domain.settings import Settings
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.editor.rows import RepeatingRows
from tests.gui.editor_support import (
    born_years_ago,
    choose,
    field,
    new_draft,
    show_field,
)
from tests.gui.keys import type_text

# The offscreen platform says this whenever a window is shown (Qt 6.12).
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NAME = "Zoë Łukasiewicz-Nguyễn"


def test_name_typed_outside_ascii_reaches_the_model(editor: AssessmentEditor) -> None:
    type_text(show_field(editor, "child.name"), NAME)
    type_text(show_field(editor, "child.known_as"), "Аня")

    assert editor.assessment().child.name == NAME
    assert editor.assessment().child.known_as == "Аня"
    assert editor.tabs.tabText(0) == "Child details — in progress"


def test_every_edit_is_announced(editor: AssessmentEditor, qtbot) -> None:
    with qtbot.waitSignals([editor.edited] * 1):
        type_text(show_field(editor, "child.gender"), "F")


def test_dates_are_typed_as_day_month_year_and_start_empty(editor: AssessmentEditor) -> None:
    date_of_birth = show_field(editor, "child.date_of_birth")
    assert date_of_birth.line.text() == ""  # not 01/01/2000
    assert date_of_birth.line.placeholderText() == "dd/mm/yyyy"

    type_text(date_of_birth, "09/05/2012")
    type_text(show_field(editor, "details.date_completed"), "20/11/2026")

    assert editor.assessment().child.date_of_birth == date(2012, 5, 9)
    assert editor.assessment().details.date_completed == date(2026, 11, 20)
    assert editor.findChild(QLabel, "age").text() == "Age 14 on the date completed"


def test_a_date_that_does_not_exist_is_not_stored(editor: AssessmentEditor) -> None:
    box = show_field(editor, "details.period_from")
    type_text(box, "31/02/2026")

    assert editor.assessment().details.period_from is None
    assert box.line.property("invalid") is True
    assert box.error.isVisibleTo(box)  # said in words beside the box, not by colour alone
    assert "dd/mm/yyyy" in box.error.text()
    box.set_value(None)
    assert not box.error.isVisibleTo(box)


def test_a_short_date_is_flagged_when_the_worker_moves_on(editor: AssessmentEditor) -> None:
    box = show_field(editor, "details.period_to")
    type_text(box, "1/3/12")
    assert not box.error.isVisibleTo(box)  # still typing: not judged yet
    box.line.clearFocus()
    box.eventFilter(box.line, QFocusEvent(QEvent.Type.FocusOut))
    assert box.error.isVisibleTo(box)


def test_age_is_shown_for_today_until_the_date_completed_is_known(
    editor: AssessmentEditor,
) -> None:
    type_text(show_field(editor, "child.date_of_birth"), born_years_ago(12).strftime("%d/%m/%Y"))

    assert editor.findChild(QLabel, "age").text() == "Age 12 today"


def test_send_details_appear_when_the_answer_is_yes(editor: AssessmentEditor) -> None:
    details = field(editor, "child.send_details")
    assert not details.isVisibleTo(editor.pages[0])

    choose(show_field(editor, "child.send"), YesNoNotKnown.YES)

    assert editor.assessment().child.send is YesNoNotKnown.YES
    assert details.isVisibleTo(editor.pages[0])
    type_text(details, "Autism spectrum condition")
    assert editor.assessment().child.send_details == "Autism spectrum condition"


def test_agencies_are_added_and_removed_as_rows(editor: AssessmentEditor) -> None:
    rows = show_field(editor, "agencies")
    assert isinstance(rows, RepeatingRows)
    assert rows.row_count() == 5  # School, GP, CAMHS, Social Care, Police

    rows.add_button.click()
    agency, contact = rows.row_inputs(5)
    type_text(agency, "Youth Offending Service")
    type_text(contact, "Sam Example, 01234 567890")
    rows.remove_button(1).click()  # the GP row

    agencies = editor.assessment().agencies
    assert [a.agency for a in agencies] == [
        "School",
        "CAMHS",
        "Social Care",
        "Police",
        "Youth Offending Service",
    ]
    assert agencies[-1] == AgencyInvolved(
        agency="Youth Offending Service", name_contact="Sam Example, 01234 567890"
    )


def test_removing_a_row_keeps_the_others_values(editor: AssessmentEditor) -> None:
    rows = show_field(editor, "agencies")
    type_text(rows.row_inputs(0)[1], "Ms Example, head of year")
    rows.remove_button(2).click()

    assert rows.row_inputs(0)[1].value() == "Ms Example, head of year"
    assert [b.accessibleName() for b in rows.findChildren(QPushButton) if b.isVisible()][:2] == [
        "Remove agency 1",
        "Remove agency 2",
    ]


def test_settings_prefill_a_new_draft(editor: AssessmentEditor) -> None:
    settings = Settings(worker_name="Alex Worker", agency="Exampletown School", contact_details="x")
    editor.load(new_draft(), settings=settings)

    assert field(editor, "details.completed_by").value() == "Alex Worker"
    assert editor.assessment().details.agency == "Exampletown School"
    assert editor.tabs.tabText(0) == "Child details — not started"


def test_settings_never_overwrite_what_was_written(editor: AssessmentEditor) -> None:
    draft = new_draft()
    draft.details.completed_by = "Jo Original"
    editor.load(draft, settings=Settings(worker_name="Alex Worker"))

    assert editor.assessment().details.completed_by == "Jo Original"


def test_the_date_completed_sets_an_empty_review_date_three_months_on(
    editor: AssessmentEditor,
) -> None:
    type_text(show_field(editor, "details.date_completed"), "30/11/2026")

    assert editor.assessment().intended_action.next_review_date == date(2027, 2, 28)
    assert field(editor, "intended_action.next_review_date").line.text() == "28/02/2027"


def test_a_review_date_already_chosen_is_kept(editor: AssessmentEditor) -> None:
    type_text(show_field(editor, "intended_action.next_review_date"), "01/01/2027")
    type_text(show_field(editor, "details.date_completed"), "20/11/2026")

    assert editor.assessment().intended_action.next_review_date == date(2027, 1, 1)


def test_the_loaded_assessment_is_not_changed_behind_the_callers_back(
    editor: AssessmentEditor,
) -> None:
    draft = new_draft()
    editor.load(draft)
    type_text(show_field(editor, "child.name"), "Sam")

    assert draft.child.name == ""
    assert editor.assessment().child.name == "Sam"
    assert editor.assessment().status is Status.DRAFT


def _child_details_answered(send: YesNoNotKnown) -> object:
    """Every question of Child details that applies answered, the follow-ups left empty."""
    draft = new_draft()
    child = draft.child
    child.name, child.gender, child.address = "Fictional Child", "Female", "1 Fictional Road"
    child.ethnicity, child.language_spoken = "Fictional", "English"
    child.date_of_birth = born_years_ago(14)
    child.first_language = child.interpreter_required = YesNoNotKnown.NO
    child.send = send
    child.previously_identified = YesNoNotKnown.NO
    details = draft.details
    details.date_completed = details.period_from = details.period_to = date(2026, 11, 20)
    details.completed_by, details.agency, details.contact_details = "A Worker", "School", "01"
    details.consent.young_person = details.consent.parent_carer = YesNoNotKnown.YES
    return draft


def test_follow_ups_are_required_only_when_their_question_is_yes(
    editor: AssessmentEditor,
) -> None:
    editor.load(_child_details_answered(YesNoNotKnown.NO))
    assert editor.tabs.tabText(0) == "Child details — complete"

    editor.load(_child_details_answered(YesNoNotKnown.YES))
    assert editor.tabs.tabText(0) == "Child details — in progress"  # "please clarify" applies


def test_check_and_finish_lists_only_the_questions_shown(editor: AssessmentEditor) -> None:
    editor.load(_child_details_answered(YesNoNotKnown.NO))
    editor.tabs.setCurrentIndex(editor.tabs.count() - 1)
    listed = editor.check_page.summary.change_buttons
    assert "child.send" in listed
    assert "child.send_details" not in listed
    assert "child.previously_identified_details" not in listed
    assert "referral.manager_informed_at" not in listed  # no level chosen: no referral
    assert "analysis.thorough_assessment_confirmed" not in listed
