"""The case list by keyboard and by eye: search folds case and accents, says so when
nothing matches, shows each child's group, and Tab, Ctrl+F and sorting need no mouse."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ce_desktop.domain.model import RiskLevel, Status
from ce_desktop.gui.case_list import CaseListPage, Column
from ce_desktop.gui.case_list_model import NO_MATCH
from ce_desktop.storage.vault import AssessmentSummary
from tests.gui.keys import press, type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _summary(n: int, child: str, child_id: int, **fields) -> AssessmentSummary:
    values = {
        "id": f"{n:032x}",
        "reference": f"CE-2026110{n}-AAAA",
        "child_id": f"{child_id:032x}",
        "child_name": child,
        "status": Status.DRAFT,
        "level": None,
        "date_completed": None,
        "send_by": None,
        "next_review": None,
        "updated_at": NOW - timedelta(days=n),
        "is_training_sample": False,
    }
    values.update(fields)
    return AssessmentSummary(**values)


SUMMARIES = [
    _summary(1, "Zoë Łukasiewicz", 1, level=RiskLevel.SIGNIFICANT),
    _summary(2, "Zoë Łukasiewicz", 1, identifiers="FICT-7 9990000018 999 000 0018 B801200005001"),
    _summary(3, "Ada Example", 2, level=RiskLevel.EMERGING),
    _summary(4, "Bea Example", 3, level=RiskLevel.EXPERIENCING),
    _summary(5, "Bea Example", 3),
]


@pytest.fixture
def page(qtbot: QtBot) -> CaseListPage:
    widget = CaseListPage(today=lambda: TODAY, now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.set_summaries(SUMMARIES)
    widget.resize(1000, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _children(page: CaseListPage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, Column.CHILD).data() for row in range(proxy.rowCount())]


@pytest.mark.parametrize("query", ["lukasiewicz", "zoe", "ZOË", "Łukasiewicz zoe"])
def test_search_ignores_case_and_accents(page: CaseListPage, query: str) -> None:
    type_text(page.ui.searchEdit, query)
    assert _children(page) == ["Zoë Łukasiewicz", "Zoë Łukasiewicz"]
    assert page.ui.emptyLabel.isHidden()


@pytest.mark.parametrize("query", ["999 000 0018", "9990000018", "b801200005001", "fict-7"])
def test_search_finds_a_child_by_an_identifier(page: CaseListPage, query: str) -> None:
    type_text(page.ui.searchEdit, query)
    assert _children(page) == ["Zoë Łukasiewicz"]


def test_no_match_is_said_plainly(page: CaseListPage) -> None:
    type_text(page.ui.searchEdit, "nobody by this name")
    assert page.proxy.rowCount() == 0
    assert page.ui.emptyLabel.isVisible()
    assert page.ui.emptyLabel.text() == NO_MATCH
    page.ui.searchEdit.clear()
    assert page.ui.emptyLabel.isHidden()


def test_each_childs_group_shows_as_one_band(page: CaseListPage) -> None:
    proxy = page.proxy
    assert _children(page) == [
        "Ada Example",
        "Bea Example",
        "Bea Example",
        "Zoë Łukasiewicz",
        "Zoë Łukasiewicz",
    ]

    def band(row: int) -> object:
        brush = proxy.index(row, Column.REFERENCE).data(Qt.ItemDataRole.BackgroundRole)
        return brush.color().name() if brush is not None else None

    bands = [band(row) for row in range(proxy.rowCount())]
    assert bands[1] == bands[2] != bands[0] == bands[3] == bands[4]
    assert not page.ui.table.alternatingRowColors()
    # The later rows of a group are said as such, and drawn lighter than the first.
    spoken = proxy.index(2, Column.CHILD).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "Bea Example, assessment 2 of 2 for this child"
    assert proxy.index(1, Column.CHILD).data(Qt.ItemDataRole.ForegroundRole) is None
    assert proxy.index(2, Column.CHILD).data(Qt.ItemDataRole.ForegroundRole) is not None
    page.ui.table.sortByColumn(Column.REFERENCE, Qt.SortOrder.AscendingOrder)
    assert page.ui.table.alternatingRowColors()


def test_tab_and_shift_tab_leave_the_table(qtbot: QtBot, page: CaseListPage) -> None:
    table = page.ui.table
    page.focus_list()
    assert QApplication.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.ui.sampleButton


def test_ctrl_f_goes_to_the_search_box(qtbot: QtBot, page: CaseListPage) -> None:
    page.focus_list()
    qtbot.keyClick(page.ui.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.ui.searchEdit


def test_sorting_needs_no_mouse(qtbot: QtBot, page: CaseListPage) -> None:
    box = page.sort_box
    page.ui.searchEdit.setFocus()
    qtbot.keyClick(page.ui.searchEdit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is box
    choice = box.findText("Level of risk, highest first")
    while box.currentIndex() != choice:
        press(box, Qt.Key.Key_Down)
    levels = [page.proxy.index(r, Column.LEVEL).data() for r in range(3)]
    assert levels == ["Experiencing", "Significant", "Emerging"]
    header = page.ui.table.horizontalHeader()
    assert header.sortIndicatorSection() == Column.LEVEL
