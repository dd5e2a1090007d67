"""The input of a checked number: the NHS number or the UPN.

The worker types the number as it is written (``943 476 5919``); the model holds it
only once it passes its check (``domain.identifiers``), as a date box holds a date
only once it is real. Leaving the box with a number that fails says so beside it in
words, in the box's accessible description, and aloud.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from ce_desktop.domain.identifiers import (
    NHS_NUMBER_MESSAGE,
    UPN_MESSAGE,
    checked_nhs_number,
    checked_upn,
    format_nhs_number,
)
from ce_desktop.gui.look import ERROR_STYLE
from ce_desktop.gui.speech import announce, error_of, set_error

INPUT_LIMIT = 20
"""Characters the box takes: a UPN is 13, an NHS number with spaces 12."""


class IdentifierField(QWidget):
    """A one-line box for a number with a check digit or letter; empty until it passes.

    The text box is the focus proxy, so a label's buddy and the tab chain reach it.

    Signals:
        value_changed(): the number kept changed (a valid one typed, or the box emptied).
    """

    value_changed = Signal()

    def __init__(
        self,
        check: Callable[[str], str],
        message: str,
        *,
        shown: Callable[[str], str] = str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._shown = shown
        self.message = message
        self.line = QLineEdit(self)
        self.line.setMaxLength(INPUT_LIMIT)
        # As wide as the longest number, in the font's own measure (so it grows with a
        # larger text size), whether or not a message stands beside it.
        self.line.setFixedWidth(QFontMetrics(self.line.font()).horizontalAdvance("W" * 15) + 24)
        self.error = QLabel(message, self)
        self.error.setObjectName("identifierError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line)
        row.addWidget(self.error)
        row.addStretch(1)
        self.setFocusProxy(self.line)
        self._value = ""
        self.line.textEdited.connect(self._on_edited)
        self.line.installEventFilter(self)

    def _checked(self, text: str) -> str | None:
        try:
            return self._check(text)
        except ValueError:
            return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Leaving the box with a number that fails its check says so beside it."""
        if watched is self.line and event.type() == QEvent.Type.FocusOut:
            self._show_invalid(self._checked(self.line.text()) is None)
        return super().eventFilter(watched, event)

    def _show_invalid(self, invalid: bool) -> None:
        # As the date box does: in words beside the box, in its description, and aloud
        # as it appears; a problem found by the check stays until it is fixed.
        was = error_of(self.line) == f"Error: {self.message}"
        if invalid or was:
            set_error(self.line, self.message if invalid else "")
        self.error.setVisible(invalid)
        if invalid and not was:
            announce(self.line, f"Error: {self.message}", assertive=True)

    def _on_edited(self, text: str) -> None:
        checked = self._checked(text)
        if checked is not None:
            self._show_invalid(False)
        kept = checked or ""
        if kept != self._value:
            self._value = kept
            self.value_changed.emit()

    def entry_problem(self) -> str:
        """The box's own message while it holds a number that fails its check, else ""."""
        typed = self.line.text().strip()
        return self.message if typed and self._checked(typed) is None else ""

    def value(self) -> str:
        """The number as kept, or "" while the box is empty or its number fails."""
        return self._value

    def set_value(self, value: str) -> None:
        """Show ``value`` (as people write it) without emitting ``value_changed``."""
        self._value = value
        self.line.setText(self._shown(value) if value else "")
        self._show_invalid(False)

    def clear_value(self) -> None:
        """Empty the box."""
        self.set_value("")

    def set_read_only(self, read_only: bool) -> None:
        """Read-only boxes stay focusable, so the number can still be read and copied."""
        self.line.setReadOnly(read_only)


def nhs_number_field(parent: QWidget | None = None) -> IdentifierField:
    """The NHS number's box: ten digits with a matching check digit."""
    return IdentifierField(
        checked_nhs_number, NHS_NUMBER_MESSAGE, shown=format_nhs_number, parent=parent
    )


def upn_field(parent: QWidget | None = None) -> IdentifierField:
    """The UPN's box: a check letter and 12 characters, as the DfE specifies."""
    return IdentifierField(checked_upn, UPN_MESSAGE, parent=parent)
