"""Every kind of focusable control shows where the focus is, measured on its pixels.

Each control is grabbed with the focus elsewhere and with the focus on it; the pixels
that changed by at least 3:1 must cover a 2-pixel perimeter of the control, at least
2 pixels thick on every side (WCAG 2.2, 2.4.7 and 2.4.13's measure: see focus_pixels).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.gui.case_list import CaseListPage
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.editor.rows import RepeatingRows
from ce_desktop.gui.editor.widgets import BoolField, DateField
from ce_desktop.gui.focus_ring import install_focus_rings
from tests.gui.editor_support import field, shown_editor
from tests.gui.focus_pixels import measure_focus

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def editor(qtbot: QtBot) -> AssessmentEditor:
    """The shared shown editor holding a new draft (see ``editor_support``)."""
    return shown_editor(qtbot)


@pytest.fixture(autouse=True)
def rings() -> None:
    install_focus_rings()


def _shown(editor: AssessmentEditor, path: str) -> QWidget:
    editor.go_to(path)
    return field(editor, path)


def _assert_visible(shown: QWidget, focus: QWidget, away: QWidget) -> None:
    change = measure_focus(shown, focus, away)
    assert change.visible, (type(shown).__name__, change)


@pytest.mark.parametrize(
    ("path", "away_path"),
    [
        ("child.name", "child.gender"),  # one-line box
        ("child.address", "child.gender"),  # multi-line box
        ("child.first_language", "child.gender"),  # drop-down
    ],
)
def test_text_boxes_and_drop_downs(editor: AssessmentEditor, path: str, away_path: str) -> None:
    shown = _shown(editor, path)
    _assert_visible(shown, shown, field(editor, away_path))


def test_a_date_box_and_its_calendar_button(editor: AssessmentEditor) -> None:
    date = _shown(editor, "child.date_of_birth")
    assert isinstance(date, DateField)
    away = field(editor, "child.gender")
    _assert_visible(date.line, date.line, away)
    _assert_visible(date.button, date.button, away)


def test_a_tick_box_with_its_label(editor: AssessmentEditor) -> None:
    box = _shown(editor, "indicators.missing_from_home.identified")
    assert isinstance(box, BoolField)
    away = field(editor, "indicators.grooming.identified")
    _assert_visible(box, box.box, away)


def test_a_button(editor: AssessmentEditor) -> None:
    rows = _shown(editor, "analysis.concerns")
    assert isinstance(rows, RepeatingRows)
    away = field(editor, "analysis.rationale")
    _assert_visible(rows.add_button, rows.add_button, away)


def test_the_tab_bar(editor: AssessmentEditor) -> None:
    bar = editor.tabs.tabBar()
    _assert_visible(bar, bar, _shown(editor, "child.name"))


def test_the_case_list_table(qtbot) -> None:
    page = CaseListPage()
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    _assert_visible(page.ui.table, page.ui.table, page.ui.searchEdit)
    _assert_visible(page.sort_box, page.sort_box, page.ui.searchEdit)
