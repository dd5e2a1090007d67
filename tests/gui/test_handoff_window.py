"""The hand-off in the window: Record a sending, the MASH's response, and the case list's
"Sent, awaiting the MASH" then "Chase the MASH" after one working day (a weekend and a
bank holiday counted), with "today" injected, never waited for."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from ce_desktop.domain.model import AuditAction, MashDecision, SendingMethod, Status
from ce_desktop.gui.case_list_model import CHASE_TIP, Column
from ce_desktop.gui.handoff_dialogs import (
    ResponseDialog,
    SendingAnswer,
    SendingDefaults,
    SendingDialog,
)
from ce_desktop.gui.main_window import MainWindow
from ce_desktop.usecases.handoff import Response
from tests.factories import as_final, full_assessment
from tests.gui.shell_support import StandInEditor, make_vault
from tests.gui.test_shell_window import open_first, unlock

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("floor_kdf"),
]

FINALISED = datetime(2026, 5, 22, 9, 0, tzinfo=UTC)  # Friday; Monday 25 May is a bank holiday
SENT = datetime(2026, 5, 22, 12, 0, tzinfo=UTC)
NOTE = "Fictional note: Early Help assessment offered to the family."
SHOTS = Path("/tmp/handoff-shots")


def _defaults(how: SendingMethod | None = None) -> SendingDefaults:
    return SendingDefaults(
        how=how, to="duty.team@example.gov.uk", by="A Fictional Worker", now=SENT,
        earliest=FINALISED,
    )  # fmt: skip


def _shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_the_sending_dialog_has_no_default_button_and_asks_how(qtbot) -> None:
    dialog = SendingDialog(_defaults())
    qtbot.addWidget(dialog)
    dialog.show()
    assert all(not b.isDefault() and not b.autoDefault() for b in dialog.findChildren(QPushButton))
    dialog.to.setFocus()
    qtbot.keyClick(dialog.to, Qt.Key.Key_Return)  # Enter once too often records nothing
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.record_button.click()  # "How" was never chosen
    assert dialog.isVisible()
    assert dialog.error.text() == "Choose how the assessment was sent."
    for field in (dialog.when, dialog.how, dialog.to, dialog.by):
        assert field.accessibleName()
    size = dialog.sizeHint()
    assert size.width() <= 1366
    assert size.height() <= 700
    dialog.how.setCurrentIndex(list(SendingMethod).index(SendingMethod.SECURE_PORTAL))
    _shot(dialog, "record-a-sending")
    dialog.record_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    answer = dialog.answer()
    assert (answer.how, answer.to, answer.at) == (
        SendingMethod.SECURE_PORTAL,
        "duty.team@example.gov.uk",
        SENT,
    )


def test_the_response_dialog_needs_something_and_keeps_the_note(qtbot) -> None:
    dialog = ResponseDialog(SENT, SENT, "", None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.record_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Tick the acknowledgement" in dialog.error.text()
    fields = (dialog.acknowledged_at, dialog.acknowledged_by, dialog.decision, dialog.note)
    for field in (*fields, dialog.decided_at, dialog.mash_reference):
        assert field.accessibleName()
    assert dialog.sizeHint().height() <= 700
    dialog.decision.setCurrentIndex(list(MashDecision).index(MashDecision.EARLY_HELP))
    dialog.note.setPlainText(NOTE)
    _shot(dialog, "record-the-response")
    dialog.record_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    response = dialog.response()
    assert response.decision is MashDecision.EARLY_HELP
    assert response.note == NOTE
    assert response.acknowledged_at is None
    assert response.mash_reference is None


def _drive_sending(window: MainWindow):  # type: ignore[no-untyped-def]
    def ask(defaults: SendingDefaults) -> SendingAnswer | None:
        dialog = SendingDialog(defaults, window)
        dialog.how.setCurrentIndex(list(SendingMethod).index(SendingMethod.EMAIL))
        dialog.record_button.click()
        return dialog.answer() if dialog.result() == QDialog.DialogCode.Accepted else None

    return ask


def _drive_response(window: MainWindow, **choices: object):  # type: ignore[no-untyped-def]
    def ask(now: datetime, earliest: datetime | None, reference: str) -> Response | None:
        dialog = ResponseDialog(now, earliest, reference, window)
        if choices.get("acknowledged"):
            dialog.acknowledged.setChecked(True)
            dialog.acknowledged_by.setText("Fictional duty worker")
        decision = choices.get("decision")
        if isinstance(decision, MashDecision):
            dialog.decision.setCurrentIndex(list(MashDecision).index(decision))
            dialog.note.setPlainText(NOTE)
        dialog.record_button.click()
        return dialog.response() if dialog.result() == QDialog.DialogCode.Accepted else None

    return ask


def _status(window: MainWindow) -> tuple[str, object, object]:
    window.show_case_list()
    model = window.case_list.model
    index = model.index(0, Column.STATUS)
    return (
        model.data(index),
        model.data(index, Qt.ItemDataRole.BackgroundRole),
        model.data(index, Qt.ItemDataRole.ToolTipRole),
    )


def test_send_then_chase_after_one_working_day_then_acknowledge_and_decide(
    qtbot, data_dir: Path
) -> None:
    vault, _key = make_vault(data_dir)
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    vault.close()
    today = [date(2026, 5, 22)]
    window = MainWindow(data_dir, editor_factory=StandInEditor, today=lambda: today[0])
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    unlock(qtbot, window)
    actions = window.export_actions
    actions.now = lambda: SENT
    actions.sending_asker = _drive_sending(window)

    open_first(qtbot, window)
    window.ui.actionRecordSending.trigger()
    sent = window.session.require_vault().load(final.id)
    assert sent.status is Status.SENT
    assert sent.handoff.sendings[0].how is SendingMethod.EMAIL
    assert sent.fingerprint == final.fingerprint

    assert _status(window)[0] == "Sent, awaiting the MASH"
    today[0] = date(2026, 5, 25)  # the bank holiday Monday, after the weekend
    assert _status(window)[0] == "Sent, awaiting the MASH"
    today[0] = date(2026, 5, 26)  # the one working day
    assert _status(window)[0] == "Sent, awaiting the MASH"
    today[0] = date(2026, 5, 27)
    words, background, tip = _status(window)
    assert words == "Chase the MASH"
    assert background is not None
    assert tip == CHASE_TIP
    _shot(window, "case-list-chase")

    open_first(qtbot, window)
    actions.response_asker = _drive_response(window, acknowledged=True)
    window.ui.actionRecordResponse.trigger()
    assert _status(window)[0] == "Sent, acknowledged by the MASH"

    open_first(qtbot, window)
    actions.response_asker = _drive_response(window, decision=MashDecision.EARLY_HELP)
    window.ui.actionRecordResponse.trigger()
    assert _status(window)[0] == "MASH decision: Early Help"
    _shot(window, "case-list-decided")

    answered = window.session.require_vault().load(final.id)
    assert answered.handoff.decisions[0].note == NOTE
    assert answered.handoff.acknowledgements[0].by == "Fictional duty worker"
    assert answered.fingerprint == final.fingerprint
    assert [e.action for e in answered.audit][-3:] == [
        AuditAction.SENDING_RECORDED,
        AuditAction.ACKNOWLEDGEMENT_RECORDED,
        AuditAction.DECISION_RECORDED,
    ]


def test_cancelling_the_sending_records_nothing(qtbot, data_dir: Path) -> None:
    vault, _key = make_vault(data_dir)
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    vault.close()
    window = MainWindow(data_dir, editor_factory=StandInEditor)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    window.export_actions.sending_asker = lambda _defaults: None
    open_first(qtbot, window)
    window.ui.actionRecordSending.trigger()
    assert window.session.require_vault().load(final.id).status is Status.FINAL
