"""The case list: grouped by child, search as you type, sort, deadlines said in words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from ce_desktop.domain.model import RiskLevel, Status
from ce_desktop.gui.case_list import CaseListPage, Column
from ce_desktop.storage.vault import AssessmentSummary
from tests.gui.fake_dialogs import RecordingDialogs

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _summary(n: int, child: str, **fields) -> AssessmentSummary:
    values = {
        "id": f"{n:032x}",
        "reference": f"CE-2026110{n}-AAAA",
        "child_id": f"{abs(hash(child)) % 10**12:032x}",
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
    _summary(1, "Bea Example", next_review=TODAY - timedelta(days=1), level=RiskLevel.SIGNIFICANT),
    _summary(2, "Ada Example", next_review=TODAY + timedelta(days=10), level=RiskLevel.EMERGING),
    _summary(3, "Ada Example", next_review=TODAY + timedelta(days=60)),
    _summary(
        4,
        "Cy Example",
        status=Status.FINAL,
        send_by=NOW - timedelta(hours=2),
        date_completed=TODAY - timedelta(days=2),
        level=RiskLevel.EXPERIENCING,
    ),
    _summary(5, "Dee Practice", is_training_sample=True),
]


@pytest.fixture
def page(qtbot, dialogs: RecordingDialogs) -> CaseListPage:
    widget = CaseListPage(today=lambda: TODAY, now=lambda: NOW, dialogs=dialogs)
    qtbot.addWidget(widget)
    widget.set_summaries(SUMMARIES)
    return widget


def _column(page: CaseListPage, column: Column) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_grouped_by_child_with_newest_first(page) -> None:
    names = _column(page, Column.CHILD)
    assert names[:2] == ["Ada Example", "Ada Example"]
    refs = _column(page, Column.REFERENCE)
    assert refs[:2] == ["CE-20261102-AAAA", "CE-20261103-AAAA"]


def test_review_deadlines_are_said_in_words(page) -> None:
    reviews = dict(
        zip(_column(page, Column.CHILD), _column(page, Column.NEXT_REVIEW), strict=False)
    )
    assert reviews["Bea Example"] == "19/11/2026 (Overdue)"
    assert "(Due soon)" in _column(page, Column.NEXT_REVIEW)[0]
    assert _column(page, Column.NEXT_REVIEW)[1] == "19/01/2027"


def test_send_by_shows_while_final_and_unsent(page) -> None:
    send_by = dict(zip(_column(page, Column.CHILD), _column(page, Column.SEND_BY), strict=False))
    assert send_by["Cy Example"].endswith("(Overdue)")
    assert send_by["Bea Example"] == ""
    status = dict(zip(_column(page, Column.CHILD), _column(page, Column.STATUS), strict=False))
    assert status["Cy Example"] == "Final, not sent"


def test_training_sample_is_marked_fictional(page) -> None:
    assert "Dee Practice (Training sample — fictional)" in _column(page, Column.CHILD)


def test_search_as_you_type(qtbot, page) -> None:
    qtbot.keyClicks(page.ui.searchEdit, "ada")
    assert _column(page, Column.CHILD) == ["Ada Example", "Ada Example"]
    page.ui.searchEdit.clear()
    qtbot.keyClicks(page.ui.searchEdit, "experiencing")
    assert _column(page, Column.CHILD) == ["Cy Example"]
    page.ui.searchEdit.clear()
    assert page.proxy.rowCount() == len(SUMMARIES)


def test_sort_by_level_uses_the_framework_order(page) -> None:
    page.ui.table.sortByColumn(Column.LEVEL, Qt.SortOrder.DescendingOrder)
    assert _column(page, Column.LEVEL)[:3] == ["Experiencing", "Significant", "Emerging"]


def test_sort_by_next_review_is_by_date_not_text(page) -> None:
    page.ui.table.sortByColumn(Column.NEXT_REVIEW, Qt.SortOrder.AscendingOrder)
    assert _column(page, Column.CHILD)[:3] == ["Bea Example", "Ada Example", "Ada Example"]


def test_delete_asks_first(qtbot, page, dialogs: RecordingDialogs) -> None:
    page.select(SUMMARIES[0].id)
    dialogs.answers = [False, True]
    with qtbot.assertNotEmitted(page.delete_confirmed):
        qtbot.mouseClick(page.ui.deleteButton, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.delete_confirmed) as deleted:
        qtbot.mouseClick(page.ui.deleteButton, Qt.MouseButton.LeftButton)
    assert deleted.args == [SUMMARIES[0].id]
    assert len(dialogs.questions) == 2  # asked each time, the answer "No" first


def test_buttons_need_a_selection_and_enter_opens(qtbot, page) -> None:
    assert not page.ui.openButton.isEnabled()
    page.select(SUMMARIES[3].id)
    assert page.ui.openButton.isEnabled()
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.mouseClick(page.ui.openButton, Qt.MouseButton.LeftButton)
    assert opened.args == [SUMMARIES[3].id]
