"""A count beside a text field as it nears the form's limit, and a plain word past it.

The limits are the model's own (``domain.boundary``), judged at save; here the worker
sees them coming. Text is never cut: past the limit the field says so and saving is
refused with the field named, until the text is shortened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from ce_desktop.domain.boundary import field_notice
from ce_desktop.domain.model import TextLimit
from ce_desktop.gui.look import ERROR_STYLE, NOTICE_STYLE
from ce_desktop.gui.speech import describe


class LimitWatch(QObject):
    """Watches one bound text input against its limit; the label appears only when needed."""

    def __init__(self, widget: QWidget, limit: TextLimit) -> None:
        super().__init__(widget)
        self._widget: Any = widget
        self._limit = limit
        self.label: QLabel | None = None
        widget.value_changed.connect(self.update)  # type: ignore[attr-defined]

    def update(self) -> None:
        """Show, change or hide the notice for the text now in the field."""
        value = self._widget.value()
        notice = field_notice(value if isinstance(value, str) else "", self._limit)
        if notice is None:
            if self.label is not None:
                self.label.hide()
                describe(self._widget, "limit", "")
            return
        label = self._label()
        label.setText(notice)
        over = not notice.endswith("characters used.")
        label.setStyleSheet(ERROR_STYLE if over else NOTICE_STYLE)
        # One part of the field's description: its hint and any error are kept.
        describe(self._widget, "limit", notice)
        label.show()

    def _label(self) -> QLabel:
        if self.label is None:
            parent = self._widget.parentWidget()
            self.label = QLabel(parent)
            self.label.setWordWrap(True)
            self.label.setObjectName(f"{self._widget.objectName()}.limit")
            layout = parent.layout() if parent is not None else None
            if isinstance(layout, QBoxLayout):
                layout.insertWidget(layout.indexOf(self._widget) + 1, self.label)
        return self.label
