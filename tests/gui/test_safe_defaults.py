"""No dialog's default button records what did not happen, or loses anything.

The real dialogs, answered from the keyboard: Enter after "no mail program opened"
never marks the assessment as sent; Finalise asks once, Enter alone goes back; once
final, the next step is shown with Email, Export and Print at hand.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.domain.derived import format_moment
from ce_desktop.domain.model import Status
from ce_desktop.gui.case_commands import CaseCommands
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.finalise_dialogs import FINALISE_QUESTION, NextStep, NextStepDialog
from tests.factories import full_assessment
from tests.gui.fake_dialogs import RecordingDialogs
from tests.gui.keys import press
from tests.gui.modal import answer_next_modals, when_modal

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FINALISED_AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_enter_twice_after_no_mail_program_does_not_mark_as_sent(parent: QWidget) -> None:
    seen: list[QWidget] = []
    answer_next_modals([Qt.Key.Key_Return, Qt.Key.Key_Return], seen)
    dialogs = Dialogs(parent)
    dialogs.inform("Email to Social Care", "No mail program opened it.")
    marked = dialogs.confirm("Email to Social Care", "Mark it?", "Mark as sent")
    assert len(seen) == 2
    assert marked is False
    assert isinstance(seen[1], QMessageBox)
    assert seen[1].defaultButton().text() == "Not now"


def test_the_yes_of_a_question_is_still_one_choice_away(parent: QWidget) -> None:
    def choose_yes(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        next(b for b in dialog.buttons() if b.text() == "Mark as sent").click()

    when_modal(choose_yes)
    assert Dialogs(parent).confirm("Email to Social Care", "Mark it?", "Mark as sent")


def test_finalise_asks_once_and_enter_alone_goes_back(parent: QWidget) -> None:
    seen: list[QWidget] = []
    answer_next_modals([Qt.Key.Key_Return], seen)
    assert Dialogs(parent).ask_finalise() is False
    assert isinstance(seen[0], QMessageBox)
    assert seen[0].text() == FINALISE_QUESTION


def test_the_finalise_question_keeps_its_focus_on_go_back_when_activated(parent: QWidget) -> None:
    """The window manager's activation once left the focus on "Finalise": Space said yes."""
    focused: list[str] = []

    def activate_with_focus_elsewhere(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        finalise = next(b for b in dialog.buttons() if "Finalise" in b.text())
        finalise.setFocus()
        QApplication.sendEvent(dialog, QEvent(QEvent.Type.WindowActivate))
        focused.append(dialog.focusWidget().text())
        press(dialog.focusWidget(), Qt.Key.Key_Space)

    when_modal(activate_with_focus_elsewhere)
    assert Dialogs(parent).ask_finalise() is False
    assert focused == ["&Go back"]


def test_finalise_is_one_deliberate_choice_away(parent: QWidget) -> None:
    def finalise(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        next(b for b in dialog.buttons() if "Finalise" in b.text()).click()

    when_modal(finalise)
    assert Dialogs(parent).ask_finalise() is True


def test_the_next_step_says_send_within_24_hours_with_the_ways_at_hand(qtbot: QtBot) -> None:
    dialog = NextStepDialog(FINALISED_AT)
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert "send it to Children's Social Care within 24 hours" in text
    assert f"by {format_moment(FINALISED_AT)}." in text
    names = {b.text() for b in dialog.findChildren(QPushButton)}
    assert {"Email to Social Care…", "Export PDF…", "Print…"} <= names
    export = dialog.findChild(QPushButton, "nextStep.export")
    export.click()
    assert dialog.chosen is NextStep.EXPORT


class FakeSession:
    def __init__(self) -> None:
        self.finalised = 0

    def now(self) -> datetime:
        return FINALISED_AT

    def finalise(self):
        self.finalised += 1
        return full_assessment().model_copy(
            update={"status": Status.FINAL, "finalised_at": FINALISED_AT}
        )


def _commands(parent: QWidget, session: FakeSession, dialogs: Dialogs) -> CaseCommands:
    return CaseCommands(parent, session, None, lambda: None, dialogs)  # type: ignore[arg-type]


def test_declining_the_question_finalises_nothing(parent: QWidget) -> None:
    session = FakeSession()
    dialogs = RecordingDialogs(finalise=False)
    _commands(parent, session, dialogs).finalise()
    assert dialogs.finalise_asked == 1
    assert session.finalised == 0
    assert dialogs.send_by == []  # no next step shown


def test_after_finalising_the_step_chosen_is_done(parent: QWidget) -> None:
    session = FakeSession()
    dialogs = RecordingDialogs(finalise=True, step=NextStep.EMAIL)
    commands = _commands(parent, session, dialogs)
    done: list[str] = []
    commands.next_steps = {NextStep.EMAIL: lambda: done.append("email")}
    commands.finalise()
    assert dialogs.finalise_asked == 1
    assert session.finalised == 1
    assert dialogs.send_by == [FINALISED_AT + timedelta(hours=24)]
    assert done == ["email"]
