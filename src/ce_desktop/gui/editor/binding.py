"""The one binding between the editor's inputs and the assessment model.

Each input is bound once to a dotted model path such as ``"child.name"``,
``"indicators.grooming.narrative"`` or ``"vulnerability.factors.deaf.note"``. An edit
writes only that one value into the model, so the model is always current and never
rebuilt from the widgets; loading writes every bound value into its widget. The same
paths name the rules' findings, so a finding leads straight to its input.

Bound inputs follow the small interface of ``widgets``: ``value()``, ``set_value()``,
``clear_value()``, ``set_read_only()`` and a ``value_changed`` signal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ce_desktop.domain.boundary import limit_for
from ce_desktop.domain.completeness import is_empty
from ce_desktop.domain.form_paths import read_path, write_path
from ce_desktop.domain.model import Assessment
from ce_desktop.gui.editor.limits import LimitWatch

__all__ = ["Binder", "BoundField", "read_path", "write_path"]


class Bindable(Protocol):
    """What an input offers the binder (see ``widgets``)."""

    value_changed: Any

    def value(self) -> Any: ...
    def set_value(self, value: Any) -> None: ...
    def clear_value(self) -> None: ...
    def set_read_only(self, read_only: bool) -> None: ...


@dataclass
class BoundField:
    """One input bound to one model path.

    Attributes:
        path: dotted model path; also the widget's objectName.
        widget: the input.
        label: its visible label (the form's wording).
        page: index of the editor page it sits on.
        optional: labelled "(optional)"; an empty optional field still lets a page be complete.
    """

    path: str
    widget: QWidget
    label: str
    page: int
    optional: bool = False

    @property
    def input(self) -> Bindable:
        """The widget seen through the bindable interface."""
        return cast(Bindable, self.widget)


class Binder(QObject):
    """Binds inputs to model paths and keeps the model current edit by edit.

    Signals:
        edited(str): the worker changed the value at this path (the model holds it already).
    """

    edited = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fields: dict[str, BoundField] = {}
        self._assessment: Assessment | None = None
        self._read_only = False
        self._limits: dict[str, LimitWatch] = {}

    @property
    def assessment(self) -> Assessment | None:
        """The model being edited, or None when nothing is loaded."""
        return self._assessment

    def bind(
        self, path: str, widget: QWidget, *, label: str, page: int, optional: bool = False
    ) -> None:
        """Bind ``widget`` to ``path``; the widget takes the path as its objectName."""
        field = BoundField(path, widget, label, page, optional)
        self._fields[path] = field
        widget.setObjectName(path)
        field.input.value_changed.connect(lambda: self._on_changed(field))
        limit = limit_for(path)
        if limit is not None:
            self._limits[path] = LimitWatch(widget, limit)

    def _on_changed(self, field: BoundField) -> None:
        if self._assessment is None or self._read_only:
            return
        write_path(self._assessment, field.path, field.input.value())
        self.edited.emit(field.path)

    def fields(self, page: int | None = None) -> Iterator[BoundField]:
        """Bound fields in the order they were bound, optionally of one page only."""
        return (f for f in self._fields.values() if page is None or f.page == page)

    def field(self, path: str) -> BoundField | None:
        """The field bound to exactly ``path``, if any."""
        return self._fields.get(path)

    def field_for(self, path: str) -> BoundField | None:
        """The field that best shows ``path``: itself, a bound parent, or its first part.

        A finding about ``agencies.2.name_contact`` leads to the agencies rows; one about
        ``details.consent`` leads to the first consent question.
        """
        parts = path.split(".")
        for end in range(len(parts), 0, -1):
            found = self._fields.get(".".join(parts[:end]))
            if found is not None:
                return found
        prefix = path + "."
        return next((f for f in self._fields.values() if f.path.startswith(prefix)), None)

    def value(self, path: str) -> Any:
        """The model value at ``path`` (None when nothing is loaded)."""
        return None if self._assessment is None else read_path(self._assessment, path)

    def is_empty(self, path: str) -> bool:
        """Whether the model holds nothing at ``path`` (no text, no choice, not ticked)."""
        return is_empty(self.value(path))

    def set_value(self, path: str, value: Any) -> None:
        """Change a value as if the worker had: model, widget, then ``edited``."""
        if self._assessment is None:
            return
        write_path(self._assessment, path, value)
        field = self._fields.get(path)
        if field is not None:
            field.input.set_value(value)
        self.edited.emit(path)

    def load(self, assessment: Assessment) -> None:
        """Show ``assessment`` in every bound input (no ``edited`` is emitted)."""
        self._assessment = assessment
        for field in self._fields.values():
            field.widget.blockSignals(True)
            try:
                field.input.set_value(read_path(assessment, field.path))
            finally:
                field.widget.blockSignals(False)
        for watch in self._limits.values():
            watch.update()

    def clear(self) -> None:
        """Empty every input and forget the model."""
        self._assessment = None
        for field in self._fields.values():
            field.widget.blockSignals(True)
            try:
                field.input.clear_value()
            finally:
                field.widget.blockSignals(False)
        for watch in self._limits.values():
            watch.update()

    def set_read_only(self, read_only: bool) -> None:
        """Freeze or unfreeze every input (a final assessment is read-only)."""
        self._read_only = read_only
        for field in self._fields.values():
            field.input.set_read_only(read_only)

    @property
    def read_only(self) -> bool:
        """Whether the inputs are frozen."""
        return self._read_only
