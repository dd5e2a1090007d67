"""The "Record a significant incident" dialog and the case list's word for new incidents."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ce_desktop.domain.handoff import HandOffFacts
from ce_desktop.domain.model import MashDecision, Status
from ce_desktop.gui.case_list import CaseListPage, Column
from ce_desktop.gui.incident_dialog import IncidentAnswers, IncidentDialog
from ce_desktop.storage.vault import AssessmentSummary
from tests.gui.fake_dialogs import RecordingDialogs
from tests.gui.keys import press, type_text

# The offscreen platform cannot raise a window or grab the keyboard (the completer's list).
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise", "grabbing the keyboard")

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _dialog(qtbot, answers: list[str | None]) -> tuple[IncidentDialog, list[str]]:
    tried: list[str] = []

    def record(given: IncidentAnswers) -> str | None:
        tried.append(given.what_happened)
        return answers.pop(0)

    dialog = IncidentDialog(
        "For a fictional child, found by assessment CE-20261120-AAAA.",
        today=TODAY,
        recorded_by="Alex Worker",
        record=record,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog, tried


def test_safe_defaults_today_the_worker_and_no_default_button(qtbot) -> None:
    dialog, tried = _dialog(qtbot, [None])
    assert dialog.day() == TODAY
    assert dialog.when.maximumDate().toPython() == TODAY  # never a day in the future
    assert dialog.recorded_by.text() == "Alex Worker"
    type_text(dialog.agency, "Police")
    press(dialog.agency, Qt.Key.Key_Return)  # Enter in a field records nothing
    assert tried == []
    assert dialog.isVisible()
    assert not dialog.record_button.isDefault()


def test_keyboard_order_and_names(qtbot) -> None:
    dialog, _ = _dialog(qtbot, [None])
    dialog.when.setFocus()
    order = []
    for _ in range(6):
        focused = QApplication.focusWidget()
        while focused is not None and not focused.objectName().startswith(
            ("incident", "record", "cancel")
        ):
            focused = focused.parentWidget()
        order.append(focused.objectName() if focused is not None else "")
        dialog.focusNextChild()  # what Tab does
    assert order == [
        "incidentDate",
        "incidentWhat",
        "incidentAgency",
        "incidentRecordedBy",
        "recordIncident",
        "cancelIncident",
    ]
    names = [w.accessibleName() for w in (dialog.when, dialog.what, dialog.agency)]
    assert names == ["Date it happened", "What happened", "Source agency"]
    assert dialog.recorded_by.accessibleName() == "Recorded by"
    assert dialog.what.tabChangesFocus()  # Tab leaves the text box


def test_a_refusal_is_shown_in_the_dialog_and_nothing_typed_is_lost(qtbot) -> None:
    dialog, tried = _dialog(qtbot, ["The incident was not recorded: give the source agency.", None])
    type_text(dialog.what, "Found at a fictional station.")
    dialog.record_button.click()
    assert dialog.isVisible()
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == "The incident was not recorded: give the source agency."
    assert dialog.what.toPlainText() == "Found at a fictional station."
    type_text(dialog.agency, "School")
    dialog.record_button.click()
    assert not dialog.isVisible()
    assert tried == ["Found at a fictional station."] * 2


def test_it_fits_a_1366_by_768_screen(qtbot) -> None:
    dialog, _ = _dialog(qtbot, [None])
    hint = dialog.sizeHint()
    assert hint.width() <= 1366
    assert hint.height() <= 700


def _summary(n: int, child: str, *, assessed: datetime, **fields: object) -> AssessmentSummary:
    values: dict[str, object] = {
        "id": f"{n:032x}",
        "reference": f"CE-2026110{n}-AAAA",
        "child_id": child * 32,
        "child_name": f"Child {child}",
        "status": Status.FINAL,
        "level": None,
        "date_completed": None,
        "send_by": None,
        "next_review": TODAY + timedelta(days=60),
        "updated_at": assessed,
        "is_training_sample": False,
        "assessed_at": assessed,
    }
    values.update(fields)
    return AssessmentSummary(**values)  # type: ignore[arg-type]


def test_the_case_list_says_which_child_has_incidents_since_their_last_assessment(qtbot) -> None:
    page = CaseListPage(today=lambda: TODAY, now=lambda: NOW)
    qtbot.addWidget(page)
    older = _summary(1, "a", assessed=NOW - timedelta(days=30))
    newer = _summary(2, "a", assessed=NOW - timedelta(days=3))
    other = _summary(3, "b", assessed=NOW - timedelta(days=3))
    page.set_summaries([older, newer, other], {"a" * 32: 2})
    model = page.model
    text = {
        model.summary(row).reference: model.index(row, Column.NEXT_REVIEW).data()
        for row in range(model.rowCount())
    }
    assert text[newer.reference] == "Review now: 2 incidents since (19/01/2027)"
    assert text[older.reference] == "19/01/2027"
    assert text[other.reference] == "19/01/2027"
    row = model.row_of(newer.id)
    assert row is not None
    tooltip = model.index(row, Column.NEXT_REVIEW).data(Qt.ItemDataRole.ToolTipRole)
    assert "The toolkit asks for a new assessment after any significant incident" in tooltip
    assert model.index(row, Column.NEXT_REVIEW).data(Qt.ItemDataRole.BackgroundRole) is not None
    page.ui.searchEdit.setText("review now")
    assert page.proxy.rowCount() == 1


def test_the_review_prompt_is_never_cut_off_on_a_laptop_screen(qtbot) -> None:
    """The last column took only what the others left: "Review now: ..." at 1366 wide."""
    page = CaseListPage(today=lambda: TODAY, now=lambda: NOW)
    qtbot.addWidget(page)
    long_name = "Zoë Fictional-Example-Whitfield (Training sample — fictional)"
    decided = HandOffFacts(
        last_sent_at=NOW - timedelta(days=3), acknowledged=True, decision=MashDecision.SECTION_47
    )
    newer = _summary(
        2,
        "a",
        assessed=NOW - timedelta(days=3),
        child_name=long_name,
        status=Status.SENT,
        handoff=decided,
    )
    page.set_summaries([newer], {"a" * 32: 2})
    page.resize(1300, 600)
    page.show()
    qtbot.waitExposed(page)
    table = page.ui.table
    row = page.proxy.mapFromSource(page.model.index(page.model.row_of(newer.id) or 0, 0)).row()
    prompt = page.proxy.index(row, Column.NEXT_REVIEW).data()
    assert prompt.startswith("Review now")
    needed = table.fontMetrics().horizontalAdvance(prompt)
    header = table.horizontalHeader()
    assert header.sectionSize(Column.NEXT_REVIEW) > needed


def test_deleting_a_childs_only_assessment_says_their_incidents_go_with_it(
    qtbot, dialogs: RecordingDialogs
) -> None:
    page = CaseListPage(today=lambda: TODAY, now=lambda: NOW, dialogs=dialogs)
    qtbot.addWidget(page)
    only = _summary(1, "a", assessed=NOW)
    first, second = (_summary(n, "b", assessed=NOW - timedelta(days=n)) for n in (2, 3))
    page.set_summaries([only, first, second])
    dialogs.answer = False
    for summary in (only, first):
        assert page.select(summary.id)
        page.ui.deleteButton.click()
    assert "this child's only assessment: the significant incidents" in dialogs.questions[0]
    assert "only assessment" not in dialogs.questions[1]


def test_for_a_draft_the_window_offers_to_open_it_and_a_refusal_is_said(
    qtbot, shown_window, dialogs: RecordingDialogs
) -> None:
    from tests.gui.shell_support import unlock

    window = shown_window(child="Testy Fictional")
    unlock(qtbot, window)
    (draft,) = window.session.vault.list_summaries()
    today = window.session.today()
    dialogs.incidents = [
        IncidentAnswers(today, "  ", "Police", "Alex Worker"),
        IncidentAnswers(today, "Found at a fictional station.", "Police", "Alex Worker"),
    ]
    dialogs.answers = [True]
    assert window.case_list.select(draft.id)
    window.case_list.incident_button.click()
    assert dialogs.incident_forms == [
        f"For Testy Fictional, found by assessment {draft.reference}."
    ]
    assert dialogs.incident_refusals == ["The incident was not recorded: give what happened."]
    (question,) = dialogs.questions
    assert "The toolkit asks for a new assessment after any significant incident" in question
    assert f"The draft {draft.reference} is this child's current assessment" in question
    assert window.session.current_id == draft.id  # "Open the draft" opened it
    chronology, _ = window.session.vault.load_chronology(draft.child_id)
    assert [i.what_happened for i in chronology.incidents] == ["Found at a fictional station."]
