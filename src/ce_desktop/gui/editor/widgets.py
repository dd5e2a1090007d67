"""Input widgets the form's pages are built from, and the page's small building blocks.

Each input offers the same small interface, so that one binding helper can connect any
of them to the model: ``value()``, ``set_value(value)``, ``clear_value()``,
``set_read_only(flag)`` and a ``value_changed`` signal emitted on user edits only.

* ``GrowingTextEdit``: a plain-text box whose height follows its text, so a long
  narrative is never cut off inside a small scrolling box.
* ``BoolField`` and ``LineField``: a check box and a one-line text box.
* ``DateField`` (``date_field``) and ``ChoiceField`` (``choice_field``) have modules of
  their own; they are named here too, so a page imports its inputs from one place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.gui.editor.choice_field import YES_NO_NOT_KNOWN, ChoiceField, yes_no_field
from ce_desktop.gui.editor.date_field import INVALID_DATE_MESSAGE, DateField, parse_date
from ce_desktop.gui.enter_button import EnterButton

__all__ = [
    "INVALID_DATE_MESSAGE",
    "YES_NO_NOT_KNOWN",
    "BoolField",
    "ChoiceField",
    "DateField",
    "EnterButton",
    "GrowingTextEdit",
    "LineField",
    "Rule",
    "discard",
    "hint_label_style",
    "parse_date",
    "vbox",
    "yes_no_field",
]


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
