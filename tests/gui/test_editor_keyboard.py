"""The editor by keyboard: no invisible Tab stop, a new row takes the focus and Tab
goes on into it, a problem link focuses its field, a drop-down with no answer
highlights nothing, and the calendar is a Tab stop that opens on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.domain.model import YesNoNotKnown
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.editor.rows import RepeatingRows
from ce_desktop.gui.editor.widgets import DateField, yes_no_field
from ce_desktop.gui.focus_ring import FocusRing, install_focus_rings
from ce_desktop.gui.main_window import MainWindow
from ce_desktop.gui.placement import available_area, popup_position
from tests.gui.editor_support import field, shown_editor
from tests.gui.keys import press, type_text
from tests.gui.shell_support import PASSPHRASE, make_vault

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)


@pytest.fixture
def editor(qtbot: QtBot) -> AssessmentEditor:
    """The shared shown editor holding a new draft (see ``editor_support``)."""
    return shown_editor(qtbot)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_the_first_tab_from_the_tab_bar_is_a_field_on_every_page(
    editor: AssessmentEditor,
) -> None:
    bar = editor.tabs.tabBar()
    for index, page in enumerate(editor.pages):
        editor.tabs.setCurrentIndex(index)
        bar.setFocus()
        press(bar, Qt.Key.Key_Tab)
        widget = focused()
        assert not isinstance(widget, QScrollArea), page.title
        assert page.isAncestorOf(widget), page.title
        assert widget.isVisible(), page.title


def test_a_new_assessment_starts_in_its_first_field(editor: AssessmentEditor) -> None:
    editor.tabs.tabBar().setFocus()
    editor.focus_start()
    assert focused() is field(editor, "child.name")


def _concerns(editor: AssessmentEditor) -> RepeatingRows:
    rows = field(editor, "analysis.concerns")
    assert isinstance(rows, RepeatingRows)
    return rows


def test_a_new_row_takes_the_focus_and_tab_goes_on_into_the_page(
    editor: AssessmentEditor,
) -> None:
    editor.go_to("analysis.concerns")
    rows = _concerns(editor)
    for _ in range(2):
        rows.add_button.setFocus()
        press(rows.add_button, Qt.Key.Key_Space)
    last = rows.row_count() - 1
    assert focused() is rows.row_inputs(last)[0]
    order = []
    for _ in range(4):
        press(focused(), Qt.Key.Key_Tab)
        order.append(focused())
    assert order[:3] == [*rows.row_inputs(last)[1:], rows.remove_button(last), rows.add_button][:3]
    assert order[2] is rows.add_button
    assert order[3] is field(editor, "analysis.framework_category")
    # Backwards too: from the first row's box to the field before the list.
    rows.row_inputs(0)[0].setFocus()
    press(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not rows.isAncestorOf(focused())
    assert editor.pages[editor.tabs.currentIndex()].isAncestorOf(focused())


def test_following_a_problem_puts_a_visible_focus_on_its_field(
    qtbot: QtBot, editor: AssessmentEditor
) -> None:
    rings = install_focus_rings()
    editor.go_to("analysis.rationale")
    target = field(editor, "analysis.rationale")
    qtbot.waitUntil(lambda: focused() is target)
    assert rings.ring is not None
    assert rings.ring.parentWidget() is target
    assert rings.ring.isVisible()
    assert target.findChild(FocusRing) is rings.ring


def test_a_drop_down_with_no_answer_highlights_nothing(qtbot: QtBot) -> None:
    box = yes_no_field()
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    assert not view.currentIndex().isValid()
    press(view, Qt.Key.Key_Return)  # Enter alone chooses nothing
    assert box.value() is None
    box.showPopup()
    qtbot.waitUntil(view.isVisible)
    press(view, Qt.Key.Key_Down)
    press(view, Qt.Key.Key_Return)
    assert box.value() == YesNoNotKnown.YES


def test_the_calendar_button_is_a_tab_stop(qtbot: QtBot) -> None:
    date_field = DateField()
    qtbot.addWidget(date_field)
    date_field.show()
    date_field.activateWindow()
    qtbot.waitUntil(date_field.isActiveWindow)
    date_field.line.setFocus()
    press(date_field.line, Qt.Key.Key_Tab)
    assert focused() is date_field.button
    press(date_field.button, Qt.Key.Key_Space)
    calendar = QApplication.activePopupWidget() or date_field.findChild(QCalendarWidget)
    assert calendar is not None


def test_the_calendar_opens_on_screen_near_the_bottom(qtbot: QtBot) -> None:
    area = available_area()
    date_field = DateField()
    qtbot.addWidget(date_field)
    date_field.show()
    qtbot.waitExposed(date_field)
    date_field.move(area.left() + 20, area.bottom() - date_field.height() - 10)
    qtbot.waitUntil(lambda: date_field.geometry().bottom() > area.bottom() - 60)
    date_field.open_calendar()
    calendar = date_field._calendar
    assert calendar is not None
    qtbot.waitExposed(calendar)
    assert area.contains(calendar.frameGeometry()), (area, calendar.frameGeometry())
    calendar.close()


def test_a_pop_up_goes_above_its_box_when_there_is_no_room_below() -> None:
    area = QRect(0, 0, 1366, 728)
    box = QRect(100, 700, 120, 24)
    assert popup_position(box, QSize(300, 200), area).y() == 500
    assert popup_position(QRect(100, 100, 120, 24), QSize(300, 200), area).y() == 124
    assert popup_position(QRect(1300, 100, 60, 24), QSize(300, 200), area).x() == 1066


@pytest.mark.usefixtures("floor_kdf")
def test_ctrl_n_opens_a_new_assessment_with_the_keyboard_in_its_first_field(
    qtbot: QtBot, data_dir: Path
) -> None:
    vault, _key = make_vault(data_dir)
    vault.close()
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    secret = window.unlock_page.ui.secretEdit
    type_text(secret, PASSPHRASE)
    press(secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.case_list, timeout=20000)
    qtbot.keyClick(window.case_list.ui.newButton, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.editor is not None and window.current_page() is window.editor)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field(window.editor, "child.name"))
    type_text(focused(), "Zoë")
    assert window.session.current().child.name == "Zoë"
