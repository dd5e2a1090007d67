"""Inputs that hold lists: repeating rows (agencies, concerns) and checklists.

Both follow the bindable interface of ``widgets`` (``value``, ``set_value``,
``clear_value``, ``set_read_only``, ``value_changed``), so the binder treats a whole
list as one value of the model.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from ce_desktop.gui.editor.choice_field import ChoiceField
from ce_desktop.gui.editor.widgets import (
    BoolField,
    GrowingTextEdit,
    LineField,
    discard,
    vbox,
)


@dataclass(frozen=True)
class Column:
    """One column of repeating rows.

    Attributes:
        attribute: the row model's attribute.
        label: the column heading, also each input's accessible name.
        options: for a choice column, (value, label) pairs; empty for text.
        long_text: a growing text box instead of a one-line box.
    """

    attribute: str
    label: str
    options: tuple[tuple[Any, str], ...] = ()
    long_text: bool = False


class RepeatingRows(QWidget):
    """Rows of inputs the worker adds and removes, such as "Other agencies involved".

    Signals:
        value_changed(): a row was added, removed or edited.
    """

    value_changed = Signal()

    def __init__(
        self,
        columns: Sequence[Column],
        row_type: Callable[..., BaseModel],
        *,
        add_text: str,
        noun: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._row_type = row_type
        self._noun = noun
        self._rows: list[list[QWidget]] = []
        self._removers: list[QPushButton] = []
        self._read_only = False
        layout = vbox(self)
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        for column, spec in enumerate(self._columns):
            heading = QLabel(f"<b>{spec.label}</b>", self._grid_host)
            self._grid.addWidget(heading, 0, column)
            self._grid.setColumnStretch(column, 2 if spec.long_text or not spec.options else 1)
        layout.addWidget(self._grid_host)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_text, self)
        self.add_button.clicked.connect(self._on_add)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def row_count(self) -> int:
        """How many rows are shown."""
        return len(self._rows)

    def row_inputs(self, row: int) -> list[QWidget]:
        """The inputs of one row, left to right."""
        return list(self._rows[row])

    def remove_button(self, row: int) -> QPushButton:
        """The "Remove" button of one row."""
        return self._removers[row]

    def _make_input(self, spec: Column, row: int) -> QWidget:
        widget: QWidget
        if spec.options:
            widget = ChoiceField(spec.options, placeholder="Choose", parent=self._grid_host)
        elif spec.long_text:
            widget = GrowingTextEdit(self._grid_host)
        else:
            widget = LineField(self._grid_host)
        widget.setAccessibleName(spec.label)
        widget.value_changed.connect(self.value_changed)
        widget.value_changed.connect(self._name_inputs)
        return widget

    def _append_row(self) -> list[QWidget]:
        row = len(self._rows)
        inputs = [self._make_input(spec, row) for spec in self._columns]
        for column, widget in enumerate(inputs):
            self._grid.addWidget(widget, row + 1, column, Qt.AlignmentFlag.AlignTop)
        remover = QPushButton("Remove", self._grid_host)
        remover.setAccessibleName(f"Remove {self._noun} {row + 1}")
        remover.clicked.connect(lambda: self._on_remove(self._removers.index(remover)))
        remover.setVisible(not self._read_only)
        self._grid.addWidget(remover, row + 1, len(self._columns), Qt.AlignmentFlag.AlignTop)
        for widget in inputs:
            widget.set_read_only(self._read_only)  # type: ignore[attr-defined]
        self._rows.append(inputs)
        self._removers.append(remover)
        self._fix_tab_order()
        self._name_inputs()
        return inputs

    def _name_inputs(self) -> None:
        # Each input's name stands alone on the page: the first column says which row
        # ("Agency 2"), the others name the row by its first answer ("School: name and
        # contact details"), or by its number where that answer is empty or repeated.
        leads = [self._lead(inputs) for inputs in self._rows]
        noun = self._noun[:1].upper() + self._noun[1:]
        for row, (inputs, lead) in enumerate(zip(self._rows, leads, strict=True)):
            numbered = f"{noun} {row + 1}"
            if not lead:
                lead = numbered
            elif leads.count(lead) > 1:
                lead = f"{lead} ({self._noun} {row + 1})"
            first, *others = zip(self._columns, inputs, strict=True)
            heading = first[0].label.lower()
            first[1].setAccessibleName(
                numbered if heading == self._noun else f"{numbered}: {heading}"
            )
            for spec, widget in others:
                widget.setAccessibleName(f"{lead}: {spec.label[:1].lower()}{spec.label[1:]}")

    @staticmethod
    def _lead(inputs: list[QWidget]) -> str:
        widget = inputs[0]
        if isinstance(widget, ChoiceField):
            return widget.currentText()
        value = widget.value()  # type: ignore[attr-defined]
        return " ".join(str(value).split()) if value else ""

    def _fix_tab_order(self) -> None:
        # Rows added later would otherwise be reached after everything else on the page,
        # and Tab from "Add" would jump to the tab bar. The chain is anchored on the
        # control before this list: anchoring on a widget that holds the rows makes Qt
        # insert after that widget's last child, wherever that is in the chain.
        chain: list[QWidget] = []
        for inputs, remover in zip(self._rows, self._removers, strict=True):
            chain.extend(inputs)
            chain.append(remover)
        chain.append(self.add_button)
        before = self._control_before()
        if before is not None:
            chain.insert(0, before)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _control_before(self) -> QWidget | None:
        widget = self.add_button.previousInFocusChain()
        while widget is not None and widget is not self.add_button:
            inside = widget is self or self.isAncestorOf(widget)
            if not inside and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return widget
            widget = widget.previousInFocusChain()
        return None

    def _on_add(self) -> None:
        inputs = self._append_row()
        # A new row shows what it will be saved as (e.g. a concern's kind starts as the
        # model's default), never a "Choose" that would silently save as something else.
        blank = self._row_type()
        for spec, widget in zip(self._columns, inputs, strict=True):
            widget.set_value(getattr(blank, spec.attribute))  # type: ignore[attr-defined]
        self._name_inputs()
        # A widget added to a shown layout is shown only at the next event loop, and a
        # hidden widget cannot take the focus: show the row now, then focus its first box.
        for widget in [*inputs, self._removers[-1]]:
            widget.setVisible(True)
        inputs[0].setFocus(Qt.FocusReason.TabFocusReason)
        self.value_changed.emit()

    def _on_remove(self, row: int) -> None:
        values = self.value()
        del values[row]
        self.set_value(values)
        if self._rows:
            self._removers[min(row, len(self._rows) - 1)].setFocus()
        else:
            self.add_button.setFocus()
        self.value_changed.emit()

    def _drop_rows(self) -> None:
        for inputs, remover in zip(self._rows, self._removers, strict=True):
            for widget in [*inputs, remover]:
                self._grid.removeWidget(widget)
                discard(widget)
        self._rows.clear()
        self._removers.clear()

    def value(self) -> list[BaseModel]:
        """One model per row, in the order shown."""
        return [
            self._row_type(
                **{
                    spec.attribute: widget.value()  # type: ignore[attr-defined]
                    for spec, widget in zip(self._columns, inputs, strict=True)
                    if widget.value() is not None  # type: ignore[attr-defined]
                }
            )
            for inputs in self._rows
        ]

    def set_value(self, value: Sequence[BaseModel]) -> None:
        """Show one row per model (no ``value_changed``)."""
        self._drop_rows()
        for item in value:
            inputs = self._append_row()
            for spec, widget in zip(self._columns, inputs, strict=True):
                widget.set_value(getattr(item, spec.attribute))  # type: ignore[attr-defined]
        self._name_inputs()

    def clear_value(self) -> None:
        """No rows."""
        self._drop_rows()

    def set_read_only(self, read_only: bool) -> None:
        """Freeze the rows: no adding, removing or editing."""
        self._read_only = read_only
        self.add_button.setVisible(not read_only)
        for inputs, remover in zip(self._rows, self._removers, strict=True):
            remover.setVisible(not read_only)
            for widget in inputs:
                widget.set_read_only(read_only)  # type: ignore[attr-defined]


class Checklist(QWidget):
    """Check boxes for catalogue entries; the value is the ticked ids in catalogue order.

    Signals:
        value_changed(): a box was ticked or unticked.
    """

    value_changed = Signal()

    def __init__(
        self,
        entries: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        headings: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        layout = vbox(self, spacing=4)
        self.boxes: dict[str, BoolField] = {}
        for entry_id, text in entries:
            if headings and entry_id in headings:
                heading = QLabel(f"<b>{headings[entry_id]}</b>", self)
                heading.setContentsMargins(0, 8, 0, 2)
                layout.addWidget(heading)
            box = BoolField(text, self)
            box.setObjectName(f"choice.{entry_id}")
            box.value_changed.connect(self.value_changed)
            layout.addWidget(box)
            self.boxes[entry_id] = box
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))

    def value(self) -> list[str]:
        """Ids of the ticked entries."""
        return [entry_id for entry_id, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: Sequence[str]) -> None:
        """Tick exactly these ids (unknown ids are ignored)."""
        chosen = set(value)
        for entry_id, box in self.boxes.items():
            box.setChecked(entry_id in chosen)

    def clear_value(self) -> None:
        """Untick everything."""
        self.set_value([])

    def set_read_only(self, read_only: bool) -> None:
        """Freeze every box."""
        for box in self.boxes.values():
            box.set_read_only(read_only)
