"""The case list (PRODUCT §3.3, §3.4): every assessment, grouped by child.

``CaseListModel`` is a table over the vault's index (``Vault.list_summaries()``), so the
list opens without decrypting any assessment. A ``QSortFilterProxyModel`` gives search
as you type over every column and sorting by any column; sorting by the child column
keeps each child's assessments together, newest first. Deadlines are said in words
("Overdue", "Due soon") as well as by colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QMessageBox, QWidget

from ce_desktop.domain.derived import format_date, format_time
from ce_desktop.domain.model import Status
from ce_desktop.gui.forms.ui_case_list import Ui_CaseListPage
from ce_desktop.gui.look import make_heading

if TYPE_CHECKING:
    from ce_desktop.storage.vault import AssessmentSummary

DUE_SOON_DAYS = 14
TRAINING_MARK = "Training sample — fictional"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_OVERDUE_COLOUR = QColor("#f6d5d5")
_DUE_SOON_COLOUR = QColor("#fcefc7")
_STATUS_WORDS = {Status.DRAFT: "Draft", Status.FINAL: "Final, not sent", Status.SENT: "Sent"}
DAMAGED_WORDS = "Damaged: cannot be opened"

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """The case list's columns, in order."""

    CHILD = 0
    REFERENCE = 1
    STATUS = 2
    LEVEL = 3
    COMPLETED = 4
    SEND_BY = 5
    NEXT_REVIEW = 6


HEADERS = {
    Column.CHILD: "Child",
    Column.REFERENCE: "Reference",
    Column.STATUS: "Status",
    Column.LEVEL: "Level of risk",
    Column.COMPLETED: "Date completed",
    Column.SEND_BY: "Send by",
    Column.NEXT_REVIEW: "Next review",
}


def review_state(next_review: date | None, today: date) -> str:
    """``"Overdue"``, ``"Due soon"`` (within 14 days) or ``""`` for a next review date."""
    if next_review is None:
        return ""
    if next_review < today:
        return "Overdue"
    if next_review <= today + timedelta(days=DUE_SOON_DAYS):
        return "Due soon"
    return ""


RESIZE_PRECISION_ROWS = 200
COLUMN_COUNT = len(Column)


class CaseListModel(QAbstractTableModel):
    """One row per assessment summary.

    Attributes:
        today: gives today's date (tests pin it).
        now: gives the current time, aware (tests pin it).
    """

    def __init__(
        self,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.now = now
        self._rows: list[AssessmentSummary] = []
        self._sort_column = Column.CHILD
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_summaries(self, summaries: Sequence[AssessmentSummary]) -> None:
        """Replace every row, keeping the current sort."""
        self.beginResetModel()
        self._rows = self._sorted(list(summaries))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's typed key (dates, ranks, names), in Python, once.

        The proxy hands sorting to this model: a Qt-side sort would call back into
        Python twice per comparison, which costs a second with 5,000 assessments.
        """
        if column < 0:
            return
        self._sort_column, self._sort_order = Column(column), order
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(self._rows)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[AssessmentSummary]) -> list[AssessmentSummary]:
        column = self._sort_column

        def key(summary: AssessmentSummary) -> Any:
            value = self._sort_key(summary, column)
            return (1, value) if isinstance(value, str) else (0, value)

        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=key, reverse=descending)

    def summary(self, row: int) -> AssessmentSummary:
        """The summary shown in ``row`` of this (source) model."""
        return self._rows[row]

    def row_of(self, assessment_id: str) -> int | None:
        """The row of an assessment, or None if it is not listed."""
        for row, summary in enumerate(self._rows):
            if summary.id == assessment_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows: one per assessment (none below the top level)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Columns: see :class:`Column`."""
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, sort keys, colours and tooltips of one cell."""
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(summary, column)
        if role == SORT_ROLE:
            return self._sort_key(summary, column)
        if role == ID_ROLE:
            return summary.id
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary, column)
        return None

    def _send_by_overdue(self, summary: AssessmentSummary) -> bool:
        return summary.send_by is not None and summary.send_by < self.now()

    def _text(self, summary: AssessmentSummary, column: Column) -> str:
        if column is Column.CHILD:
            name = summary.child_name or "(no name yet)"
            return f"{name} ({TRAINING_MARK})" if summary.is_training_sample else name
        if column is Column.REFERENCE:
            return summary.reference
        if column is Column.STATUS:
            return DAMAGED_WORDS if summary.damaged else _STATUS_WORDS[summary.status]
        if column is Column.LEVEL:
            return summary.level.label if summary.level else ""
        if column is Column.COMPLETED:
            return format_date(summary.date_completed)
        if column is Column.SEND_BY:
            if summary.send_by is None or summary.status is not Status.FINAL:
                return ""
            when = format_time(summary.send_by)
            return f"{when} (Overdue)" if self._send_by_overdue(summary) else when
        state = review_state(summary.next_review, self.today())
        text = format_date(summary.next_review)
        return f"{text} ({state})" if state else text

    def _sort_key(self, summary: AssessmentSummary, column: Column) -> Any:
        if column is Column.CHILD:
            # Keeps one child's assessments together, the newest first within the child.
            newest_first = -summary.updated_at.timestamp()
            return (summary.child_name.casefold(), summary.child_id, newest_first)
        if column is Column.LEVEL:
            return summary.level.rank if summary.level else -1
        if column is Column.COMPLETED:
            return summary.date_completed or date.min
        if column is Column.SEND_BY:
            if summary.send_by is None or summary.status is not Status.FINAL:
                return datetime.max.replace(tzinfo=UTC)
            return summary.send_by
        if column is Column.NEXT_REVIEW:
            return summary.next_review or date.max
        return self._text(summary, column).casefold()

    def _background(self, summary: AssessmentSummary, column: Column) -> QBrush | None:
        if column is Column.NEXT_REVIEW:
            state = review_state(summary.next_review, self.today())
            if state == "Overdue":
                return QBrush(_OVERDUE_COLOUR)
            if state == "Due soon":
                return QBrush(_DUE_SOON_COLOUR)
        if (
            column is Column.SEND_BY
            and summary.status is Status.FINAL
            and self._send_by_overdue(summary)
        ):
            return QBrush(_OVERDUE_COLOUR)
        return None

    def _tooltip(self, summary: AssessmentSummary, column: Column) -> str | None:
        if column is Column.SEND_BY and summary.status is Status.FINAL:
            return (
                "Send to Children's Social Care within 24 hours of completing, then mark it sent."
            )
        if column is Column.NEXT_REVIEW and summary.next_review:
            return "Review at least every three months, or after any significant incident."
        return None


class CaseListProxy(QSortFilterProxyModel):
    """Search over every column; sorting is the source model's (see ``CaseListModel.sort``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._shown_column = -1
        self._shown_order = Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source model sort; the proxy keeps its order and only filters."""
        self._shown_column, self._shown_order = column, order
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def sortColumn(self) -> int:
        """The column the rows are sorted by (for the header's indicator)."""
        return self._shown_column

    def sortOrder(self) -> Qt.SortOrder:
        """The direction of the sort (for the header's indicator)."""
        return self._shown_order


class CaseListPage(QWidget):
    """The case list screen.

    Signals:
        new_requested(): "New assessment".
        open_requested(str): open the assessment with this id.
        review_requested(str): start a review from the assessment with this id.
        delete_confirmed(str): the worker confirmed deleting this assessment.
        sample_requested(): "Open the sample assessment".

    Attributes:
        model: the table over the summaries.
        proxy: the sorted, filtered view of ``model`` the table shows.
    """

    new_requested = Signal()
    open_requested = Signal(str)
    review_requested = Signal(str)
    delete_confirmed = Signal(str)
    sample_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CaseListPage()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        make_heading(self.ui.heading)
        self.model = CaseListModel(today, now, self)
        self.proxy = CaseListProxy(self)
        self.proxy.setSourceModel(self.model)
        table = self.ui.table
        table.setModel(self.proxy)
        table.sortByColumn(Column.CHILD, Qt.SortOrder.AscendingOrder)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.CHILD, QHeaderView.ResizeMode.Stretch)
        for column in Column:
            if column is not Column.CHILD:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Fit columns to the first rows only: measuring all 5,000 would cost a second.
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        self.ui.searchEdit.textChanged.connect(self.proxy.setFilterFixedString)
        self.ui.newButton.clicked.connect(self.new_requested)
        self.ui.sampleButton.clicked.connect(self.sample_requested)
        self.ui.openButton.clicked.connect(self._open_selected)
        self.ui.reviewButton.clicked.connect(self._review_selected)
        self.ui.deleteButton.clicked.connect(self._delete_selected)
        table.activated.connect(lambda _index: self._open_selected())
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.proxy.layoutChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_summaries(self, summaries: Sequence[AssessmentSummary]) -> None:
        """Show these summaries, keeping the selection if its assessment is still there."""
        keep = self.selected_id()
        self.model.set_summaries(summaries)
        self.ui.emptyLabel.setVisible(not summaries)
        if keep:
            self.select(keep)

    def clear(self) -> None:
        """Forget every row and the search text (used when the app locks)."""
        self.ui.searchEdit.clear()
        self.model.set_summaries([])

    def selected_id(self) -> str | None:
        """The id of the selected assessment, if any."""
        rows = self.ui.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return str(value) if value else None

    def select(self, assessment_id: str) -> bool:
        """Select (and scroll to) an assessment; False if it is not shown."""
        row = self.model.row_of(assessment_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.ui.table.selectRow(index.row())
        self.ui.table.scrollTo(index)
        return True

    def focus_list(self) -> None:
        """Focus the table (or the search box when the list is empty)."""
        if self.proxy.rowCount():
            self.ui.table.setFocus()
            if not self.selected_id():
                self.ui.table.selectRow(0)
        else:
            self.ui.newButton.setFocus()

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        for button in (self.ui.openButton, self.ui.reviewButton, self.ui.deleteButton):
            button.setEnabled(chosen)

    def _open_selected(self) -> None:
        chosen = self.selected_id()
        if chosen:
            self.open_requested.emit(chosen)

    def _review_selected(self) -> None:
        chosen = self.selected_id()
        if chosen:
            self.review_requested.emit(chosen)

    def _delete_selected(self) -> None:
        chosen = self.selected_id()
        if not chosen:
            return
        row = self.model.row_of(chosen)
        which = ""
        if row is not None:
            summary = self.model.summary(row)
            completed = format_date(summary.date_completed) or "not yet completed"
            name = summary.child_name or "no name yet"
            which = f" {summary.reference} ({name}, {completed})"
        # The name is shown so the right record is deleted; the dialog's title never has it.
        answer = QMessageBox.question(
            self,
            "Delete this assessment?",
            f"Delete assessment{which}? It is removed from this laptop and cannot be "
            "brought back, except from a backup.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_confirmed.emit(chosen)
