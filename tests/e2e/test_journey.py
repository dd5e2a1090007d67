"""The whole journey through the real main window.

First run; a new assessment with every named input of every page filled through the
widgets (text typed key by key, non-ASCII included); autosave; the window closed; a
new window on the same folder unlocked; every value found as typed; the problems the
check lists fixed by following their links; finalised; a review started; locked and
unlocked back to the same place.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QTabWidget, QWidget

from ce_desktop.domain.model import RiskLevel, Status, Threshold
from ce_desktop.gui.autosave import SaveState
from ce_desktop.gui.editor.widgets import (
    BoolField,
    ChoiceField,
    DateField,
    GrowingTextEdit,
    LineField,
)
from ce_desktop.gui.main_window import WINDOW_TITLE, MainWindow
from tests.gui.fake_dialogs import RecordingDialogs
from tests.gui.keys import type_text
from tests.gui.shell_support import PASSPHRASE, unlock

pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("floor_kdf"),
]

TODAY = date.today()
SECTIONS = ("child.", "details.", "indicators.", "vulnerability.", "analysis.", "intended_action.")
LEFT_FOR_THE_CHECK = "analysis.rationale"
CHOICES = {
    "analysis.level_of_risk": RiskLevel.EXPERIENCING,
    "analysis.framework_category": RiskLevel.EXPERIENCING,
    "analysis.threshold": Threshold.CHILD_PROTECTION,
}
DATES = {
    "child.date_of_birth": TODAY.replace(year=TODAY.year - 14) - timedelta(days=40),
    "details.date_completed": TODAY,
    "details.period_from": TODAY - timedelta(days=30),
    "details.period_to": TODAY,
    "intended_action.next_review_date": TODAY + timedelta(days=60),
    "intended_action.shared_on": TODAY,
}


def _ddmmyyyy(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def start(qtbot, data_dir: Path) -> MainWindow:
    # As the app starts; the worker's answers to the questions are recorded.
    window = MainWindow(data_dir, staged=True, dialogs=RecordingDialogs(finalise=True))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def first_run(qtbot, window: MainWindow) -> None:
    page = window.first_run
    assert window.current_page() is page
    qtbot.keyClicks(page.ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClicks(page.ui.repeatEdit, PASSPHRASE)
    qtbot.mouseClick(page.ui.createButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.ui.recoveryKeyLabel.text() != "", timeout=30000)
    last = page.ui.recoveryKeyLabel.text().rsplit("-", 1)[1]
    qtbot.mouseClick(page.ui.recoveryContinueButton, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.ui.lastGroupEdit, last)
    qtbot.mouseClick(page.ui.confirmButton, Qt.MouseButton.LeftButton)
    type_text(page.ui.workerNameEdit, "Sam Wörker")
    type_text(page.ui.agencyEdit, "Exampletown Youth Service")
    qtbot.mouseClick(page.ui.finishButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.case_list, timeout=10000)


def inputs(editor: QWidget, kind: type) -> list[QWidget]:
    return [
        w
        for w in editor.findChildren(kind)
        if w.objectName().startswith(SECTIONS) and w.objectName() != ""
    ]


def choose(combo: ChoiceField, value: object) -> None:
    if combo.count() == 0:
        return
    target = combo.findData(value) if value is not None else 0
    assert target >= 0, (combo.objectName(), value)
    combo.setFocus()
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        before = combo.currentIndex()
        qtbot_press(combo, key)
        assert combo.currentIndex() != before, combo.objectName()


def qtbot_press(widget: QWidget, key: Qt.Key) -> None:
    from tests.gui.keys import press

    press(widget, key)


def fill_every_page(editor) -> dict[str, str]:
    """Tick, choose, date and type every named input; return the typed texts by path."""
    for box in inputs(editor, BoolField):
        editor.go_to(box.objectName())
        if not box.isChecked() and box.isEnabled():
            box.click()
    QApplication.processEvents()
    for combo in inputs(editor, ChoiceField):
        if not combo.isEnabled():
            continue
        editor.go_to(combo.objectName())
        wanted = CHOICES.get(combo.objectName())
        if combo.objectName().endswith(".level") and combo.objectName().startswith("indic"):
            wanted = RiskLevel.EXPERIENCING
        choose(combo, wanted)
    for field in inputs(editor, DateField):
        path = field.objectName()
        if path in DATES and field.isEnabled():
            editor.go_to(path)
            field.line.selectAll()
            type_text(field.line, _ddmmyyyy(DATES[path]))
    typed: dict[str, str] = {}
    texts = [*inputs(editor, LineField), *inputs(editor, GrowingTextEdit)]
    for number, field in enumerate(texts):
        path = field.objectName()
        if path == LEFT_FOR_THE_CHECK or not field.isEnabled() or field.isReadOnly():
            continue
        editor.go_to(path)
        field.selectAll()
        text = f"Zoë note {number}: ễ €"
        type_text(field, text)
        typed[path] = text
    return typed


def value_of(editor, path: str) -> str:
    field = editor.findChild(QWidget, path)
    return field.toPlainText() if isinstance(field, GrowingTextEdit) else field.text()


def test_the_whole_journey(qtbot, data_dir: Path) -> None:
    window = start(qtbot, data_dir)
    first_run(qtbot, window)
    window.session.autosaver.idle_ms = 200

    window.ui.actionNewAssessment.trigger()
    editor = window.editor
    assert window.current_page() is editor
    typed = fill_every_page(editor)
    assert len(typed) > 60
    qtbot.waitUntil(lambda: window.session.autosaver.state is SaveState.SAVED, timeout=10000)
    assert window.save_status.label.text() == "All changes saved"
    assessment_id = window.session.current_id
    assert window.windowTitle() == WINDOW_TITLE
    window.close()

    window = start(qtbot, data_dir)
    unlock(qtbot, window)
    assert window.current_page() is window.case_list
    assert window.case_list.select(assessment_id)
    qtbot.mouseClick(window.case_list.ui.openButton, Qt.MouseButton.LeftButton)
    editor = window.editor
    missing = {path: value_of(editor, path) for path, text in typed.items()}
    missing = {p: v for p, v in missing.items() if v != typed[p]}
    assert missing == {}
    stored = window.session.current()
    assert stored.child.date_of_birth == DATES["child.date_of_birth"]
    assert stored.analysis.level_of_risk is RiskLevel.EXPERIENCING

    # Check and finish: the summary lists the empty Box A rationale; its link leads there.
    tabs = editor.findChild(QTabWidget)
    tabs.setCurrentIndex(tabs.count() - 1)
    editor.run_check()
    links = [b for b in editor.findChildren(QPushButton) if b.objectName().startswith("problem.")]
    rationale_link = next(b for b in links if LEFT_FOR_THE_CHECK in b.objectName())
    qtbot.mouseClick(rationale_link, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.location()[1] == LEFT_FOR_THE_CHECK, timeout=3000)
    type_text(QApplication.focusWidget(), "Several indicators at the highest level.")
    tabs.setCurrentIndex(tabs.count() - 1)
    editor.run_check()
    for box in editor.findChildren(GrowingTextEdit):
        if box.objectName().startswith("justification.") and box.isVisible():
            type_text(box, "Discussed with the manager.")
    finalise = editor.findChild(QPushButton, "finalise")
    qtbot.waitUntil(finalise.isEnabled, timeout=3000)
    dialogs = window.dialogs
    assert isinstance(dialogs, RecordingDialogs)
    qtbot.mouseClick(finalise, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.current().status is Status.FINAL, timeout=5000)
    assert dialogs.finalise_asked == 1  # "Finalise" was chosen, then the next step shown
    [send_by] = dialogs.send_by
    assert send_by is not None

    review_button = window.editor.findChild(QPushButton, "startReview")
    qtbot.mouseClick(review_button, Qt.MouseButton.LeftButton)
    review = window.session.current()
    assert review.status is Status.DRAFT
    assert review.previous_id == assessment_id
    assert review.child.name == typed["child.name"]

    window.ui.actionLock.trigger()
    assert window.current_page() is window.unlock_page
    assert window.editor is None
    unlock(qtbot, window)
    assert window.session.current_id == review.id
    assert window.current_page() is window.editor
    assert window.windowTitle() == WINDOW_TITLE
