"""The window on a child's chronology: every incident in date order, "Add an incident…",
"Correct the selected incident…" with the earlier text kept, by keyboard and by name."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ce_desktop.domain.chronology import Chronology, new_incident, with_incident
from ce_desktop.domain.chronology_entries import Entry, entries, new_correction, with_correction
from ce_desktop.gui.chronology_view import TITLE, ChronologyDialog
from ce_desktop.gui.correction_dialog import CorrectionAnswers, CorrectionDialog
from ce_desktop.gui.incident_dialog import IncidentAnswers
from tests.gui.fake_dialogs import RecordingDialogs
from tests.gui.keys import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)
CHILD = "0123456789abcdef0123456789abcdef"


def _chronology() -> Chronology:
    chronology = Chronology(child_id=CHILD)
    for day, what, agency in (
        (4, "Seen at the fictional Nortown station late at night.", "Fictional Police"),
        (2, "New phone and trainers, unexplained (fictional).", "Exampletown School"),
    ):
        chronology = with_incident(
            chronology,
            new_incident(
                occurred_on=date(2026, 3, day),
                what_happened=what,
                source_agency=agency,
                recorded_by="Alex Worker",
                today=TODAY,
                now=NOW - timedelta(days=5 - day),
            ),
        )
    return chronology


def _corrected() -> list[Entry]:
    chronology = _chronology()
    station = entries(chronology)[1]
    correction = new_correction(
        station,
        occurred_on=station.incident.occurred_on,
        what_happened="Seen at the fictional Southby station late at night.",
        source_agency=station.incident.source_agency,
        reason="The station was typed wrongly.",
        corrected_by="Sam Senior",
        today=TODAY,
        now=NOW,
    )
    return entries(with_correction(chronology, correction))


def test_every_incident_in_date_order_a_correction_with_its_earlier_text(qtbot) -> None:
    dialog = ChronologyDialog("For a fictional child.", _corrected(), add=list, correct=list)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert dialog.windowTitle() == TITLE
    assert [table.horizontalHeaderItem(c).text() for c in range(4)] == [
        "Date",
        "What happened",
        "Source agency",
        "Recorded by",
    ]
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == "02/03/2026"
    assert table.item(0, 2).text() == "Exampletown School"
    assert table.item(0, 3).text().startswith("Alex Worker\n")
    assert table.item(1, 0).text() == "04/03/2026\n(corrected)"
    corrected = table.item(1, 1).text()
    assert corrected.startswith("Seen at the fictional Southby station late at night.")
    assert "by Sam Senior. Why: The station was typed wrongly." in corrected
    assert (
        "Before the correction it read (04/03/2026, Fictional Police): Seen at the fictional "
        "Nortown station late at night."
    ) in corrected
    assert dialog.count.text() == "&2 incidents, oldest first (1 corrected):"
    assert table.accessibleName() == "Incidents, oldest first"
    assert dialog.count.buddy() is table
    assert not any(
        b.isDefault() or b.autoDefault()
        for b in (dialog.add_button, dialog.correct_button, dialog.close_button)
    )


def test_the_window_is_used_by_keyboard_alone(qtbot) -> None:
    added: list[bool] = []

    def add() -> list[Entry] | None:
        added.append(True)
        return None

    dialog = ChronologyDialog("For a fictional child.", _corrected(), add=add, correct=list)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.table
    assert dialog.selected() is not None  # the newest row, ready to be corrected
    reached = []
    for _ in range(3):
        press(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == [dialog.add_button, dialog.correct_button, dialog.close_button]
    press(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.table  # round again
    # Enter in the list adds nothing; Space on "Add an incident…" does.
    press(dialog.table, Qt.Key.Key_Return)
    assert added == []
    assert dialog.isVisible()
    press(dialog.table, Qt.Key.Key_Tab)
    press(dialog.add_button, Qt.Key.Key_Space)
    assert added == [True]
    assert "&A" in dialog.add_button.text()  # Alt+A too
    assert "&C" in dialog.correct_button.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_with_none_recorded_it_says_so_and_offers_only_to_add(qtbot) -> None:
    dialog = ChronologyDialog("For a fictional child.", [], add=list, correct=list)
    qtbot.addWidget(dialog)
    assert dialog.count.text() == "&No incident has been recorded for this child yet."
    assert not dialog.correct_button.isEnabled()
    assert dialog.add_button.isEnabled()


def test_the_correction_form_starts_from_how_the_incident_reads(qtbot) -> None:
    entry = _corrected()[1]
    tried: list[CorrectionAnswers] = []

    def correct(answers: CorrectionAnswers) -> str | None:
        tried.append(answers)
        return "The correction was not made: give why it is corrected." if len(tried) == 1 else None

    dialog = CorrectionDialog(
        "For a fictional child.", entry, today=TODAY, corrected_by="Sam Senior", correct=correct
    )
    qtbot.addWidget(dialog)
    assert dialog.what.toPlainText() == entry.incident.what_happened
    assert dialog.agency.text() == "Fictional Police"
    names = [
        w.accessibleName()
        for w in (dialog.when, dialog.what, dialog.agency, dialog.reason, dialog.corrected_by)
    ]
    assert names == [
        "Date it happened",
        "What happened",
        "Source agency",
        "Why it is corrected",
        "Corrected by",
    ]
    assert not dialog.correct_button.isDefault()
    dialog.correct_button.click()
    assert not dialog.problem.isHidden()
    assert "give why it is corrected" in dialog.problem.text()
    dialog.reason.setPlainText("Typed in error.")
    dialog.correct_button.click()
    assert tried[-1].reason == "Typed in error."
    assert dialog.result() == CorrectionDialog.DialogCode.Accepted


def test_from_the_case_list_and_the_open_assessment_add_and_correct(
    qtbot, shown_window, dialogs: RecordingDialogs
) -> None:
    from tests.gui.shell_support import unlock

    window = shown_window(child="Testy Fictional")
    unlock(qtbot, window)
    (draft,) = window.session.vault.list_summaries()
    today = window.session.today()
    dialogs.chronology_steps = ["add", 0]
    dialogs.incidents = [IncidentAnswers(today, "Found at a fictional station.", "Police", "A")]
    dialogs.corrections = [
        CorrectionAnswers(today, "Found at a fictional bus station.", "Police", " ", "B"),
        CorrectionAnswers(today, "Found at a fictional bus station.", "Police", "Typo.", "B"),
    ]
    dialogs.answers = [False]  # "Not now" to opening the draft after the incident
    assert window.case_list.select(draft.id)
    assert window.case_list.chronology_button.isEnabled()
    window.case_list.chronology_button.click()

    opened, after_adding, after_correcting = dialogs.chronologies
    assert opened == []
    assert [e.incident.what_happened for e in after_adding] == ["Found at a fictional station."]
    assert dialogs.correction_refusals == ["The correction was not made: give why it is corrected."]
    (entry,) = after_correcting
    assert entry.incident.what_happened == "Found at a fictional bus station."
    assert entry.earlier[0].read.what_happened == "Found at a fictional station."
    assert entry.earlier[0].by.corrected_by == "B"
    (question,) = dialogs.questions  # the review prompt, once the window is closed
    assert "The toolkit asks for a new assessment after any significant incident" in question

    # From the open assessment, by the File menu.
    window.session.open(draft.id)
    action = window.findChild(type(window.ui.actionNewReview), "actionChronology")
    assert action is not None
    assert action.isEnabled()
    assert action in window.ui.menuFile.actions()
    action.trigger()
    assert dialogs.chronologies[-1][0].corrected
    window.lock()
    assert not action.isEnabled()
