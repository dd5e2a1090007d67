"""The choice input: a drop-down with an unset state ("Choose ..."), used for
Yes / No / Not known and for levels, thresholds and categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget

from ce_desktop.domain.model import YesNoNotKnown


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
