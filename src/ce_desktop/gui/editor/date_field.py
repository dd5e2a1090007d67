"""The date input: dd/mm/yyyy whatever the system locale, with a true empty state.

A ``QDateEdit`` cannot be empty; this one can, says in words beside the box when the
text typed is not a real date, and opens a calendar on Alt+Down, F4 or its button.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ce_desktop.domain.derived import format_date
from ce_desktop.gui.look import ERROR_STYLE
from ce_desktop.gui.placement import available_area, popup_position
from ce_desktop.gui.speech import announce, error_of, set_error

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def parse_date(text: str) -> date | None:
    """Read dd/mm/yyyy (also d/m/yyyy, with dots or dashes); None if not a real date."""
    match = _DATE_TEXT.match(text)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


INVALID_DATE_MESSAGE = "Enter a real date as dd/mm/yyyy, for example 27/03/2012"


class DateField(QWidget):
    """A date typed as dd/mm/yyyy, or picked from a calendar; empty until set.

    The text box is the focus proxy, so a label's buddy and the tab chain reach it.
    A date that is not real (31/02/2026) leaves the value empty and says so.

    Signals:
        value_changed(): the worker typed or picked a different date (or emptied it).
    """

    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setMaxLength(10)
        width = QFontMetrics(self.line.font()).horizontalAdvance("00/00/00000") + 24
        self.line.setMinimumWidth(width)
        self.line.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.button = QToolButton(self)
        self.button.setText("Calendar")
        self.button.setToolTip("Pick a date from a calendar (Alt+Down in the date box)")
        # A Tab stop of its own, after the box: reachable, and heard by its purpose.
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.button.setAccessibleName("Calendar")
        self.button.setAccessibleDescription("Alt+Down in the date box opens it too")
        self.button.clicked.connect(self.open_calendar)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.error = QLabel(INVALID_DATE_MESSAGE, self)
        self.error.setObjectName("dateError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.row.addWidget(self.line)
        self.row.addWidget(self.button)
        self.row.addWidget(self.error)
        self.row.addStretch(1)
        self.setFocusProxy(self.line)
        self._value: date | None = None
        self.line.textEdited.connect(self._on_edited)
        self.line.installEventFilter(self)
        self._calendar: QCalendarWidget | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Alt+Down or F4 in the text box opens the calendar, as in a combo box.

        Leaving the box with text that is not a whole date says so beside it.
        """
        if watched is self.line and event.type() == QEvent.Type.FocusOut:
            self._show_invalid(self._is_invalid(self.line.text(), finished=True))
        if watched is self.line and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            key = event.key()
            alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _is_invalid(text: str, *, finished: bool) -> bool:
        # While typing, only a full-length date is judged; on leaving the box, any text.
        typed = text.strip()
        if not typed or parse_date(typed) is not None:
            return False
        return finished or len(typed) >= len("dd/mm/yyyy")

    def entry_problem(self) -> str:
        """The box's own message while it holds text that is not a real date, else ""."""
        return INVALID_DATE_MESSAGE if self._is_invalid(self.line.text(), finished=True) else ""

    def name_calendar(self, name: str) -> None:
        """Name the calendar button after the date it fills ("Calendar: date of birth")."""
        self.button.setAccessibleName(f"Calendar: {name[:1].lower()}{name[1:]}")

    def _show_invalid(self, invalid: bool) -> None:
        # Said in words beside the box (not by colour alone), and to screen readers: in
        # the box's description while the worker is in it, and announced as it appears.
        # A problem found by the check (say, no date at all) stays until it is fixed.
        was = error_of(self.line) == f"Error: {INVALID_DATE_MESSAGE}"
        if invalid or was:
            set_error(self.line, INVALID_DATE_MESSAGE if invalid else "")
        self.line.setToolTip(INVALID_DATE_MESSAGE if invalid else "")
        self.error.setVisible(invalid)
        if invalid and not was:
            announce(self.line, f"Error: {INVALID_DATE_MESSAGE}", assertive=True)

    def _on_edited(self, text: str) -> None:
        parsed = parse_date(text)
        self._show_invalid(self._is_invalid(text, finished=False))
        if parsed != self._value:
            self._value = parsed
            self.value_changed.emit()

    def open_calendar(self) -> None:
        """Show a calendar under the box; picking a day fills the box."""
        if not self.line.isEnabled() or self.line.isReadOnly():
            return
        calendar = QCalendarWidget()
        calendar.setWindowFlag(Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        if self._value:
            calendar.setSelectedDate(QDate(self._value.year, self._value.month, self._value.day))
        calendar.clicked.connect(self._picked)
        calendar.activated.connect(self._picked)
        anchor = QRect(self.line.mapToGlobal(self.line.rect().topLeft()), self.line.size())
        calendar.adjustSize()
        calendar.move(popup_position(anchor, calendar.size(), available_area(self)))
        self._calendar = calendar
        calendar.show()
        calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        chosen = date(picked.year(), picked.month(), picked.day())
        if self._calendar is not None:
            self._calendar.close()
            self._calendar.deleteLater()
            self._calendar = None
        self.line.setText(format_date(chosen))
        self.line.setFocus()
        self._on_edited(self.line.text())

    def value(self) -> date | None:
        """The date, or None when the box is empty or holds no real date."""
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show ``value`` (None: empty) without emitting ``value_changed``."""
        self._value = value
        self.line.setText(format_date(value))
        self._show_invalid(False)

    def clear_value(self) -> None:
        """Empty the box."""
        self.set_value(None)

    def set_read_only(self, read_only: bool) -> None:
        """Read-only dates stay readable; the calendar is hidden."""
        self.line.setReadOnly(read_only)
        self.button.setVisible(not read_only)
