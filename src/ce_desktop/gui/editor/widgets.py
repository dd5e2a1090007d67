"""Input widgets the form's pages are built from.

Each input offers the same small interface, so that one binding helper can connect any
of them to the model: ``value()``, ``set_value(value)``, ``clear_value()``,
``set_read_only(flag)`` and a ``value_changed`` signal emitted on user edits only.

* ``DateField``: dd/mm/yyyy whatever the system locale, with a true empty state (a
  ``QDateEdit`` cannot be empty), and a calendar on Alt+Down or the button beside it.
* ``GrowingTextEdit``: a plain-text box whose height follows its text, so a long
  narrative is never cut off inside a small scrolling box.
* ``ChoiceField``: a combo box with an unset state ("Choose ..."), used for Yes / No /
  Not known and for levels and thresholds.
* ``BoolField`` and ``LineField``: a check box and a one-line text box.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.domain.derived import format_date
from ce_desktop.domain.model import YesNoNotKnown
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


class LineField(QLineEdit):
    """A one-line text box.

    Signals:
        value_changed(): the worker changed the text.
    """

    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Qt cuts a one-line box at 32,767 characters without a word; the form's own
        # limit is said beside the field instead (``limits``), and nothing is cut.
        self.setMaxLength(2**31 - 1)
        self.textEdited.connect(self.value_changed)

    def value(self) -> str:
        """The text as typed."""
        return self.text()

    def set_value(self, value: str) -> None:
        """Show ``value`` without emitting ``value_changed``."""
        self.setText(value)

    def clear_value(self) -> None:
        """Empty the box."""
        self.clear()

    def set_read_only(self, read_only: bool) -> None:
        """Read-only boxes stay focusable, so their text can still be read and copied."""
        self.setReadOnly(read_only)


class _ClickableLabel(QLabel):
    """A wrapping label that toggles its check box when clicked, as a check box's text does."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click on the text counts as a click on the box."""
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class BoolField(QWidget):
    """A check box with a label that wraps (a plain ``QCheckBox`` cuts long text off).

    Signals:
        value_changed(): the worker ticked or unticked it.
    """

    value_changed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self.box = QCheckBox(self)
        self.box.setAccessibleName(text)
        self.label = _ClickableLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setBuddy(self.box)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # Without this the label keeps the height of a narrower guess and leaves gaps.
        policy.setHeightForWidth(True)
        self.label.setSizePolicy(policy)
        self.label.clicked.connect(self._label_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.setFocusProxy(self.box)
        self._read_only = False
        self.box.installEventFilter(self)
        self.box.clicked.connect(self.value_changed)
        self._fit_indicator()

    def changeEvent(self, event: QEvent) -> None:
        """Keep the tick box in proportion when the text size changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_indicator()

    def _fit_indicator(self) -> None:
        # The style draws a fixed-size box; with large text (200%) it would be a speck
        # beside its label, so it grows with the text, never below the style's own size.
        default = self.box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
        wanted = round(QFontMetrics(self.font()).height() * 0.85)
        if wanted > default:
            self.box.setStyleSheet(
                f"QCheckBox::indicator {{ width: {wanted}px; height: {wanted}px; }}"
            )
        else:
            self.box.setStyleSheet("")

    def _label_clicked(self) -> None:
        if self.box.isEnabled() and not self._read_only:
            self.box.click()

    def text(self) -> str:
        """The visible label."""
        return self._text

    def isChecked(self) -> bool:
        """Whether it is ticked."""
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:
        """Tick or untick without emitting ``value_changed``."""
        self.box.setChecked(checked)

    def click(self) -> None:
        """Tick or untick as a click would (emits ``value_changed``)."""
        self.box.click()

    def value(self) -> bool:
        """Whether it is ticked."""
        return self.box.isChecked()

    def set_value(self, value: bool) -> None:
        """Tick or untick without emitting ``value_changed``."""
        self.box.setChecked(bool(value))

    def clear_value(self) -> None:
        """Untick."""
        self.box.setChecked(False)

    def set_read_only(self, read_only: bool) -> None:
        """A read-only tick box reads as clearly as an open one, but does not change.

        A disabled one would be drawn pale, and a final assessment's answers must read
        as text; it stays a Tab stop, so a screen reader still reads it.
        """
        self._read_only = read_only
        self.box.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, read_only)

    def is_read_only(self) -> bool:
        """Whether the tick cannot be changed (a final assessment)."""
        return self._read_only

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space does not tick a read-only box."""
        if (
            watched is self.box
            and self._read_only
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select)
        ):
            return True
        return super().eventFilter(watched, event)


class GrowingTextEdit(QTextEdit):
    """A plain-text box that grows with its text and never scrolls inside itself.

    The page around it scrolls instead, so a 2,000-word narrative is shown whole.
    Tab moves to the next field rather than typing a tab character.

    Signals:
        value_changed(): the worker changed the text.
    """

    value_changed = Signal()

    MIN_LINES = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._setting = False
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.textChanged.connect(self._on_text_changed)
        self._fit_height()

    def _on_text_changed(self) -> None:
        if not self._setting:
            self.value_changed.emit()

    def _fit_height(self, *_: object) -> None:
        lines = QFontMetrics(self.font()).lineSpacing()
        content = max(self.document().size().height(), lines * self.MIN_LINES + 8)
        frame = 2 * self.frameWidth()
        height = int(content) + frame + 2
        if height != self.height():
            self.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        """Refit when the font changes (for example at a larger text scale)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()

    def resizeEvent(self, event: Any) -> None:
        """Refit when the width changes: the text rewraps to a new height."""
        super().resizeEvent(event)
        self._fit_height()

    def value(self) -> str:
        """The text as typed."""
        return self.toPlainText()

    def set_value(self, value: str) -> None:
        """Show ``value`` without emitting ``value_changed``."""
        if value == self.toPlainText():
            return
        self._setting = True
        try:
            self.setPlainText(value)
        finally:
            self._setting = False

    def clear_value(self) -> None:
        """Empty the box, dropping its undo history with it."""
        self.set_value("")
        self.document().clearUndoRedoStacks()

    def set_read_only(self, read_only: bool) -> None:
        """Read-only boxes stay focusable, so their text can still be read and copied."""
        self.setReadOnly(read_only)


class ChoiceField(QComboBox):
    """A drop-down with an unset state, shown as its placeholder ("Choose an answer").

    The wheel only changes the choice once the box has focus, so scrolling the page
    over it never changes an answer by accident.

    Signals:
        value_changed(): the worker chose an option.
    """

    value_changed = Signal()

    def __init__(
        self,
        options: Sequence[tuple[Any, str]],
        placeholder: str = "Choose an answer",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setPlaceholderText(placeholder)
        self._read_only = False
        self.set_options(options)
        self.activated.connect(lambda _index: self.value_changed.emit())

    def set_options(self, options: Sequence[tuple[Any, str]]) -> None:
        """Replace the options, keeping the current value if it is still offered."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        for value, label in options:
            self.addItem(label, value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        """The chosen option's value, or None when nothing is chosen."""
        index = self.currentIndex()
        return None if index < 0 else self.itemData(index)

    def set_value(self, value: Any) -> None:
        """Choose ``value`` (None: nothing chosen) without emitting ``value_changed``."""
        index = -1 if value is None else self.findData(value)
        self.setCurrentIndex(index)

    def clear_value(self) -> None:
        """Back to the unset state."""
        self.setCurrentIndex(-1)

    def set_read_only(self, read_only: bool) -> None:
        """A read-only choice reads as its answer in full contrast, and cannot change.

        A disabled one would be drawn pale; this one stays a Tab stop, opens no list,
        and ignores the keys and the wheel that would change it.
        """
        self._read_only = read_only

    def is_read_only(self) -> bool:
        """Whether the answer cannot be changed (a final assessment)."""
        return self._read_only

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys change nothing while read-only (Tab still moves on)."""
        if self._read_only:
            event.ignore()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click opens nothing while read-only."""
        if self._read_only:
            event.ignore()
            return
        super().mousePressEvent(event)

    def showPopup(self) -> None:
        """Open the list with nothing highlighted while there is no answer yet.

        Qt highlights the first option, so Down then Enter would choose the second
        ("No") when the worker meant the first; with nothing highlighted, Down goes
        to the first option and Enter alone chooses nothing.
        """
        if self._read_only:
            return
        super().showPopup()
        if self.currentIndex() < 0:
            view = self.view()
            view.selectionModel().clearSelection()
            view.setCurrentIndex(QModelIndex())

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Let the page scroll unless the worker has focused this box."""
        if self.hasFocus() and not self._read_only:
            super().wheelEvent(event)
        else:
            event.ignore()


YES_NO_NOT_KNOWN: tuple[tuple[YesNoNotKnown, str], ...] = (
    (YesNoNotKnown.YES, "Yes"),
    (YesNoNotKnown.NO, "No"),
    (YesNoNotKnown.NOT_KNOWN, "Not known"),
)


def yes_no_field(parent: QWidget | None = None) -> ChoiceField:
    """A Yes / No / Not known answer that starts unanswered."""
    return ChoiceField(YES_NO_NOT_KNOWN, parent=parent)


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
        self.error.setStyleSheet("color: #b10e1e; font-weight: bold;")
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


class EnterButton(QPushButton):
    """A push button that Return and Enter press, as Space does (links in the form)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return and Enter activate the button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)


def hint_label_style() -> str:
    """The style of hint text under a label (GOV.UK's secondary text colour)."""
    return "color: #505a5f;"


class Rule(QFrame):
    """A thin horizontal line between sections."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.HLine)
        self.setFrameShadow(QFrame.Shadow.Sunken)


def vbox(widget: QWidget, spacing: int = 8) -> QVBoxLayout:
    """A vertical layout on ``widget`` without outer margins."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout


def discard(widget: QWidget) -> None:
    """Hide a widget, empty every text it holds now, and delete it later.

    ``deleteLater`` waits for the event loop; emptying first means that no text of an
    assessment lingers in a widget tree between a lock and the next event.
    """
    widget.hide()
    for child in [widget, *widget.findChildren(QWidget)]:
        # Emptying a box is not an edit: nothing may reach the model from here.
        child.blockSignals(True)
        if isinstance(child, QLabel | QLineEdit | QAbstractButton):
            child.setText("")
        elif isinstance(child, QTextEdit):
            child.clear()
    widget.deleteLater()
