"""Check and finish: the error summary, warnings' reasons, finalising, finals and reviews."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
)
from pytestqt.qtbot import QtBot

from ce_desktop.domain.identifiers import NHS_NUMBER_MESSAGE, UPN_MESSAGE
from ce_desktop.domain.lifecycle import start_review
from ce_desktop.domain.model import Consent, IndicatorEntry, RiskLevel
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.editor.date_field import INVALID_DATE_MESSAGE
from ce_desktop.gui.error_summary import LinkButton
from tests.factories import as_final
from tests.gui.editor_support import NOW, TODAY, complete_draft, field, new_draft, show_field
from tests.gui.keys import press, type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CHECK = 5


def open_check(editor: AssessmentEditor) -> None:
    editor.tabs.setCurrentIndex(CHECK)
    QApplication.processEvents()


def problem_links(editor: AssessmentEditor) -> list[LinkButton]:
    return [
        b
        for b in editor.findChildren(LinkButton)
        if b.objectName().startswith("problem.") and b.isVisibleTo(editor)
    ]


def finalise_button(editor: AssessmentEditor) -> QPushButton:
    return editor.findChild(QPushButton, "finalise")


def test_a_new_draft_lists_its_problems_and_cannot_be_finalised(
    editor: AssessmentEditor,
) -> None:
    open_check(editor)

    messages = [link.message for link in problem_links(editor)]
    assert "Enter the child's date of birth" in messages
    assert "Enter the date the assessment was completed" in messages
    assert not finalise_button(editor).isEnabled()
    assert editor.tabs.tabText(CHECK) == "Check and finish — has problems"
    assert editor.tabs.tabText(0) == "Child details — has problems"


def test_the_line_under_finalise_counts_the_problems_the_summary_lists(
    editor: AssessmentEditor,
) -> None:
    open_check(editor)  # a new draft: errors and a warning (consent) both listed

    listed = problem_links(editor)
    assert any(link.objectName().startswith("problem.consent:") for link in listed)
    hint = editor.check_page.finalise_hint.text()
    assert hint == f"Fix the {len(listed)} problems above before finalising."
    assert f"{len(listed)} problems to fix" in editor.check_page.problems_said()


def test_a_problem_link_moves_focus_to_its_field(editor: AssessmentEditor) -> None:
    open_check(editor)
    link = next(b for b in problem_links(editor) if b.message == "Enter the child's date of birth")

    link.setFocus()
    press(link, Qt.Key.Key_Return)
    QApplication.processEvents()

    assert editor.tabs.currentIndex() == 0
    assert QApplication.focusWidget() is field(editor, "child.date_of_birth").line
    assert editor.location() == (0, "child.date_of_birth")


def test_fixing_a_field_clears_its_tabs_problem(editor: AssessmentEditor) -> None:
    draft = complete_draft()
    draft.child.date_of_birth = None
    editor.load(draft)
    open_check(editor)
    assert editor.tabs.tabText(0) == "Child details — has problems"

    next(b for b in problem_links(editor) if "date of birth" in b.message).click()
    type_text(field(editor, "child.date_of_birth"), "09/05/2012")

    assert editor.tabs.tabText(0) == "Child details — in progress"


def test_a_complete_draft_can_be_finalised(editor: AssessmentEditor, qtbot: QtBot) -> None:
    editor.load(complete_draft())
    open_check(editor)

    assert problem_links(editor) == []
    assert finalise_button(editor).isEnabled()
    assert "to a manager immediately" in editor.findChild(QLabel, "guidanceFindings").text()
    with qtbot.waitSignal(editor.finalise_requested):
        finalise_button(editor).click()


def test_a_warning_needs_a_written_reason_before_finalising(
    editor: AssessmentEditor, qtbot: QtBot
) -> None:
    draft = complete_draft()
    draft.details.consent = Consent()  # neither consent nor a rationale recorded
    editor.load(draft)
    open_check(editor)
    assert not finalise_button(editor).isEnabled()
    (key, reason) = next(iter(editor.check_page.justification_boxes.items()))
    assert key.startswith("consent:")

    type_text(reason, "Mother unreachable today; consent to be sought at tomorrow's visit.")

    assert finalise_button(editor).isEnabled()
    assert editor.assessment().justifications[key].startswith("Mother unreachable")
    assert editor.tabs.tabText(CHECK) == "Check and finish — complete"
    with qtbot.waitSignal(editor.finalise_requested):
        finalise_button(editor).click()


def test_change_links_go_to_the_answer(editor: AssessmentEditor) -> None:
    editor.load(complete_draft())
    open_check(editor)
    change = editor.findChild(QPushButton, "change.analysis.rationale")
    assert change.accessibleName() == (
        "Change rationale for the level of risk, Repeated missing episodes with an older adult."
    )

    change.click()
    QApplication.processEvents()

    assert editor.tabs.currentIndex() == 3
    assert QApplication.focusWidget() is field(editor, "analysis.rationale")


def test_the_summary_shows_answers_and_identified_indicators(editor: AssessmentEditor) -> None:
    editor.load(complete_draft())
    open_check(editor)

    texts = [label.text() for label in editor.check_page.summary.findChildren(QLabel)]
    assert "Zoë Fictional-Example" in texts
    assert "Evidence of grooming: narrative of concern" in texts
    assert "Gifts from an older man." in texts
    assert not any(t.startswith("Self-Harm") for t in texts)


def test_a_final_assessment_is_read_only_and_offers_a_review(
    editor: AssessmentEditor, qtbot: QtBot
) -> None:
    editor.load(as_final(complete_draft(), at=NOW))

    assert editor.tabs.currentIndex() == CHECK
    assert field(editor, "child.name").isReadOnly()  # type: ignore[attr-defined]
    # Read-only, not disabled: the answers read as text (see test_read_only_reads_as_text).
    assert field(editor, "analysis.level_of_risk").is_read_only()  # type: ignore[attr-defined]
    assert field(editor, "indicators.grooming.identified").is_read_only()  # type: ignore[attr-defined]
    assert not finalise_button(editor).isVisibleTo(editor)
    assert "final" in editor.findChild(QLabel, "finalBanner").text()
    type_text(field(editor, "child.name"), "changed")
    assert editor.assessment().child.name == "Zoë Fictional-Example"
    with qtbot.waitSignal(editor.start_review_requested):
        editor.findChild(QPushButton, "startReview").click()


def test_a_review_shows_what_changed_since_the_previous_assessment(
    editor: AssessmentEditor,
) -> None:
    previous = as_final(complete_draft(), at=NOW)
    review = start_review(previous, today=TODAY, now=NOW)
    review.indicators["offending"] = IndicatorEntry()
    review.indicators["grooming"] = IndicatorEntry(
        identified=True, level=RiskLevel.EXPERIENCING, narrative="Now meeting him."
    )
    review.indicators["self_harm"] = IndicatorEntry(
        identified=True, level=RiskLevel.EMERGING, narrative="Cuts seen."
    )
    review.analysis.level_of_risk = RiskLevel.EXPERIENCING
    editor.load(review, previous=previous)
    open_check(editor)

    changes = editor.findChild(QLabel, "reviewChanges").text()
    assert previous.reference in changes
    assert "Level of risk: was Significant, now Experiencing" in changes
    assert "Newly identified: Self-harm (Emerging)" in changes
    assert "No longer identified: Offending" in changes.replace(" e.g.", "")
    assert "Level changed: Evidence of grooming, was Significant, now Experiencing" in changes


def test_clear_leaves_no_assessment_text_in_any_widget(editor: AssessmentEditor) -> None:
    draft = complete_draft()
    draft.indicators["grooming"].narrative = "Secret narrative Łukasz"
    draft.analysis.concerns = []
    editor.load(draft, previous=as_final(complete_draft(), at=NOW))
    open_check(editor)
    secrets = [
        "Zoë",
        "Alex Worker",
        "Exampletown",
        "Secret narrative",
        "older man",
        "Missing three",
    ]

    editor.clear()

    for widget in editor.findChildren(QLineEdit):
        assert not any(s in widget.text() for s in secrets), widget.objectName()
    for widget in editor.findChildren(QTextEdit):
        assert not any(s in widget.toPlainText() for s in secrets), widget.objectName()
    for widget in editor.findChildren(QLabel):
        assert not any(s in widget.text() for s in secrets), widget.text()
    for widget in editor.findChildren(QAbstractButton):
        assert not any(s in widget.text() for s in secrets), widget.text()
    for widget in editor.findChildren(QComboBox):
        assert widget.currentIndex() == -1 or widget.objectName() == "", widget.objectName()
    with pytest.raises(RuntimeError):
        editor.assessment()


def test_location_is_restored_after_clear_and_load(editor: AssessmentEditor) -> None:
    draft = new_draft()
    editor.load(draft)
    editor.go_to("analysis.summary")
    location = editor.location()
    assert location == (3, "analysis.summary")
    editor.clear()
    editor.tabs.setCurrentIndex(0)

    editor.load(draft)
    editor.restore_location(location)

    assert editor.tabs.currentIndex() == 3
    assert QApplication.focusWidget() is field(editor, "analysis.summary")


def test_a_date_that_is_not_real_is_said_so_at_the_check(
    editor: AssessmentEditor, caplog: pytest.LogCaptureFixture
) -> None:
    type_text(show_field(editor, "child.date_of_birth"), "31/02/2012")
    open_check(editor)

    messages = {link.objectName(): link.message for link in problem_links(editor)}
    assert messages["problem.entry:child.date_of_birth"] == INVALID_DATE_MESSAGE
    assert "Enter the child's date of birth" not in messages.values()
    assert not finalise_button(editor).isEnabled()
    answers = [label.text() for label in editor.check_page.summary.findChildren(QLabel)]
    assert "Not a real date" in answers
    assert "31/02/2012" not in " ".join(answers) + caplog.text

    link = next(b for b in problem_links(editor) if b.message == INVALID_DATE_MESSAGE)
    link.setFocus()
    press(link, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert QApplication.focusWidget() is field(editor, "child.date_of_birth").line


@pytest.mark.parametrize(
    ("path", "typed", "message"),
    [
        ("child.nhs_number", "943 476 5918", NHS_NUMBER_MESSAGE),  # wrong check digit
        ("child.upn", "A12345678901", UPN_MESSAGE),  # wrong check letter
    ],
)
def test_a_number_that_fails_its_check_is_said_so_at_the_check(
    editor: AssessmentEditor,
    caplog: pytest.LogCaptureFixture,
    path: str,
    typed: str,
    message: str,
) -> None:
    """Optional, but typed: left out silently, the PDF would go without it unsaid."""
    editor.load(complete_draft())
    type_text(show_field(editor, path), typed)
    open_check(editor)

    messages = {link.objectName(): link.message for link in problem_links(editor)}
    assert messages[f"problem.entry:{path}"] == message
    assert not finalise_button(editor).isEnabled()
    answers = [label.text() for label in editor.check_page.summary.findChildren(QLabel)]
    assert "Not a valid number" in answers
    assert typed not in " ".join(answers) + caplog.text

    link = next(b for b in problem_links(editor) if b.message == message)
    link.setFocus()
    press(link, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert QApplication.focusWidget() is field(editor, path).line
