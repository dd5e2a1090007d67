"""The case list's table: one row per assessment summary, searched and sorted in Python.

Sorting uses each column's typed key (dates, ranks, names) once per sort, and searching
folds case and accents (``domain.search``) of each row's text once per refresh, so
5,000 assessments sort and filter without a call back into Python per comparison.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from ce_desktop.domain.chronology import REVIEW_PROMPT, incident_count_words
from ce_desktop.domain.defaults import DEFAULT_CHASE_DAYS
from ce_desktop.domain.derived import format_date, format_time
from ce_desktop.domain.handoff import HandOffState, state_of, state_words
from ce_desktop.domain.model import Status
from ce_desktop.domain.search import fold
from ce_desktop.domain.working_days import WorkingCalendar, default_calendar
from ce_desktop.usecases.amendments import latest_versions

if TYPE_CHECKING:
    from ce_desktop.storage.vault import AssessmentSummary

DUE_SOON_DAYS = 14
TRAINING_MARK = "Training sample — fictional"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_OVERDUE_COLOUR = QColor("#f6d5d5")
_DUE_SOON_COLOUR = QColor("#fcefc7")
_GROUP_BAND_COLOUR = QColor("#eef2f6")
_LATER_IN_GROUP_COLOUR = QColor("#505a5f")
NO_ASSESSMENTS = (
    'There are no assessments yet. Choose "New assessment" to start one, or open the '
    "sample assessment to practise."
)
NO_MATCH = "No assessments match. Check the spelling, or clear the search to see every assessment."
_STATUS_WORDS = {Status.DRAFT: "Draft", Status.FINAL: "Final, not sent", Status.SENT: "Sent"}
DAMAGED_WORDS = "Damaged: cannot be opened"
CHASE_TIP = (
    "No acknowledgement or decision from the MASH in time (Working Together: within one "
    "working day of the referral). Contact the MASH, then record their response."
)

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

SORT_CHOICES: tuple[tuple[str, Column, Qt.SortOrder], ...] = (
    ("Child (grouped)", Column.CHILD, Qt.SortOrder.AscendingOrder),
    ("Reference", Column.REFERENCE, Qt.SortOrder.AscendingOrder),
    ("Status", Column.STATUS, Qt.SortOrder.AscendingOrder),
    ("Level of risk, highest first", Column.LEVEL, Qt.SortOrder.DescendingOrder),
    ("Date completed, newest first", Column.COMPLETED, Qt.SortOrder.DescendingOrder),
    ("Send by, soonest first", Column.SEND_BY, Qt.SortOrder.AscendingOrder),
    ("Next review, soonest first", Column.NEXT_REVIEW, Qt.SortOrder.AscendingOrder),
)
"""The "Sort by" list: each column in the order a worker most often wants it."""


class CaseListModel(QAbstractTableModel):
    """One row per assessment summary.

    Attributes:
        today: gives today's date (tests pin it).
        now: gives the current time, aware (tests pin it).
        chase_days: working days after a sending before "Chase the MASH" (a setting).
        calendar: the working days (England's bank holidays).
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
        self.chase_days = DEFAULT_CHASE_DAYS
        self.calendar: WorkingCalendar = default_calendar()
        self._rows: list[AssessmentSummary] = []
        self._search_text: list[str] = []
        # Per row, when sorted by child: (band 0/1, position in the child's group, size).
        self._groups: list[tuple[int, int, int]] = []
        self._sort_column = Column.CHILD
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._new_incidents: dict[str, int] = {}
        self._of_child: Counter[str] = Counter()
        """Per assessment id, the incidents recorded since it (its child's current one)."""

    def set_summaries(
        self, summaries: Sequence[AssessmentSummary], new_incidents: Mapping[str, int] = {}
    ) -> None:
        """Replace every row, keeping the current sort.

        An amended assessment is listed by its latest version only (the ones it
        supersedes stay in the vault, as they were, and open from its versions).
        ``new_incidents`` gives, per child id, the incidents recorded since the child's
        last assessment: said on that assessment's row, as a review due now.
        """
        latest = latest_versions(summaries)
        self.beginResetModel()
        self._of_child = Counter(summary.child_id for summary in summaries)
        self._new_incidents = _on_current_rows(latest, new_incidents)
        self._rows = self._sorted(latest)
        self._after_reorder()
        self.endResetModel()

    def _after_reorder(self) -> None:
        self._search_text = [
            fold(
                " ".join([*(self._text(summary, column) for column in Column), summary.identifiers])
            )
            for summary in self._rows
        ]
        self._groups = []
        if self._sort_column is not Column.CHILD:
            return
        start, band = 0, 0
        for row in range(len(self._rows) + 1):
            if row == len(self._rows) or self._rows[row].child_id != self._rows[start].child_id:
                size = row - start
                self._groups.extend((band, position, size) for position in range(size))
                start, band = row, 1 - band

    def assessments_of_child(self, child_id: str) -> int:
        """How many assessments (every version of each) the vault holds for this child."""
        return self._of_child[child_id]

    def search_text(self, row: int) -> str:
        """Every column's text of ``row``, folded for searching (see ``domain.search``)."""
        return self._search_text[row]

    def grouped(self) -> bool:
        """Whether the rows are shown in groups by child (sorted by the Child column)."""
        return bool(self._groups)

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
        self._after_reorder()
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
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(summary, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(summary, column) + self._group_words(index.row(), column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(index.row(), column)
        if role == SORT_ROLE:
            return self._sort_key(summary, column)
        if role == ID_ROLE:
            return summary.id
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(index.row(), summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary, column)
        return None

    def _group_words(self, row: int, column: Column) -> str:
        if column is not Column.CHILD or not self._groups:
            return ""
        _band, position, size = self._groups[row]
        return f", assessment {position + 1} of {size} for this child" if size > 1 else ""

    def _foreground(self, row: int, column: Column) -> QBrush | None:
        # Within a child's group only the first (newest) row's name is in full black,
        # so each group's start stands out without hiding the name of the others.
        if column is Column.CHILD and self._groups and self._groups[row][1] > 0:
            return QBrush(_LATER_IN_GROUP_COLOUR)
        return None

    def handoff_state(self, summary: AssessmentSummary) -> HandOffState:
        """Where the assessment's hand-off to the MASH stands today."""
        return state_of(
            summary.handoff, today=self.today(), calendar=self.calendar, days=self.chase_days
        )

    def _to_chase(self, summary: AssessmentSummary) -> bool:
        sent = summary.status is Status.SENT and not summary.damaged
        return sent and self.handoff_state(summary) is HandOffState.CHASE

    def _status_words(self, summary: AssessmentSummary) -> str:
        if summary.damaged:
            return DAMAGED_WORDS
        if summary.status is not Status.SENT:
            return _STATUS_WORDS[summary.status]
        return state_words(summary.handoff, self.handoff_state(summary))

    def _send_by_overdue(self, summary: AssessmentSummary) -> bool:
        return summary.send_by is not None and summary.send_by < self.now()

    def _text(self, summary: AssessmentSummary, column: Column) -> str:
        if column is Column.CHILD:
            name = summary.child_name or "(no name yet)"
            return f"{name} ({TRAINING_MARK})" if summary.is_training_sample else name
        if column is Column.REFERENCE:
            return summary.reference
        if column is Column.STATUS:
            return self._status_words(summary)
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
        since = self._new_incidents.get(summary.id)
        if since:
            return f"Review now: {incident_count_words(since)} since" + (
                f" ({text})" if text else ""
            )
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

    def _background(self, row: int, summary: AssessmentSummary, column: Column) -> QBrush | None:
        warning = self._warning_background(summary, column)
        if warning is not None:
            return warning
        if self._groups and self._groups[row][0] == 1:
            return QBrush(_GROUP_BAND_COLOUR)
        return None

    def _warning_background(self, summary: AssessmentSummary, column: Column) -> QBrush | None:
        if column is Column.STATUS and self._to_chase(summary):
            return QBrush(_OVERDUE_COLOUR)
        if column is Column.NEXT_REVIEW:
            state = review_state(summary.next_review, self.today())
            if state == "Overdue" or summary.id in self._new_incidents:
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
        if column is Column.STATUS and summary.status is Status.SENT:
            if self._to_chase(summary):
                return CHASE_TIP
            return "Record the MASH's acknowledgement and decision from the File menu."
        if column is Column.SEND_BY and summary.status is Status.FINAL:
            return (
                "Send to Children's Social Care within 24 hours of completing, then record "
                "the sending."
            )
        since = self._new_incidents.get(summary.id)
        if column is Column.NEXT_REVIEW and since:
            return f"{incident_count_words(since)} recorded since this assessment. {REVIEW_PROMPT}"
        if column is Column.NEXT_REVIEW and summary.next_review:
            return "Review at least every three months, or after any significant incident."
        return None


def _on_current_rows(
    summaries: Sequence[AssessmentSummary], new_incidents: Mapping[str, int]
) -> dict[str, int]:
    """Per child with new incidents, their count keyed by the child's current assessment.

    The current one is the one that last took in what was known (``assessed_at``).
    """
    current: dict[str, AssessmentSummary] = {}
    for summary in summaries:
        if summary.child_id not in new_incidents or summary.assessed_at is None:
            continue
        known = current.get(summary.child_id)
        if known is None or (known.assessed_at and summary.assessed_at > known.assessed_at):
            current[summary.child_id] = summary
    return {summary.id: new_incidents[child] for child, summary in current.items()}


class CaseListProxy(QSortFilterProxyModel):
    """Search over every column, ignoring case and accents; every word must be found.

    Sorting is the source model's (see ``CaseListModel.sort``).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []
        self._shown_column = -1
        self._shown_order = Qt.SortOrder.AscendingOrder

    def set_query(self, text: str) -> None:
        """Show only the rows whose text holds every word of ``text``."""
        words = fold(text).split()
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        """Whether the row holds every word searched for."""
        if not self._words:
            return True
        source = self.sourceModel()
        if not isinstance(source, CaseListModel):
            return True
        haystack = source.search_text(source_row)
        return all(word in haystack for word in self._words)

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
