"""The "check your answers" list of the whole form, with a "Change" link per answer.

Built from the binder's fields, so every input of every page appears under its own
label without a second list of the form to keep in step. Indicators and
vulnerability factors appear only where ticked: 29 "Not identified" lines would bury
the ones that matter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.derived import format_date, format_moment
from ce_desktop.domain.model import ConcernKind, Threshold, YesNoNotKnown
from ce_desktop.gui.editor.binding import Binder, BoundField
from ce_desktop.gui.editor.date_field import DateField
from ce_desktop.gui.editor.form import set_heading_font
from ce_desktop.gui.editor.identifier_field import IdentifierField
from ce_desktop.gui.editor.widgets import EnterButton, discard

NOT_ANSWERED = "Not answered"
NOT_A_REAL_DATE = "Not a real date"
"""Shown for a date box whose text is not a real date (the typed text is not repeated)."""
NOT_A_VALID_NUMBER = "Not a valid number"
"""Shown for an NHS number or UPN box whose number fails its check (not repeated)."""
LONG_TEXT = 600
"""Characters of a long answer shown in the summary; the page holds the rest."""

SPOKEN_ANSWER = 80
"""Characters of an answer a "Change" button's name repeats; the row holds the rest."""


def change_name(label: str, answer: str) -> str:
    """A "Change" button's accessible name: the question and the answer it changes.

    E.g. "Change date of birth, 09/05/2012": it stands alone in a list of buttons.
    """
    question = label[:1].lower() + label[1:] if label[1:2].islower() else label
    said = " ".join(answer.split()) if answer else NOT_ANSWERED.lower()
    if len(said) > SPOKEN_ANSWER:
        said = said[:SPOKEN_ANSWER].rstrip() + "…"
    return f"Change {question}, {said}"


_YES_NO = {YesNoNotKnown.YES: "Yes", YesNoNotKnown.NO: "No", YesNoNotKnown.NOT_KNOWN: "Not known"}


def _titles(catalogue: Catalogue) -> dict[str, str]:
    toolkit = catalogue.toolkit
    titles = {t.id: t.title for t in toolkit.exploitation_types}
    titles.update({s.id: s.text for s in toolkit.strategies})
    return titles


def format_value(value: Any, titles: dict[str, str]) -> str:
    """An answer as plain text for the summary ("" when empty)."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else ""
    if isinstance(value, datetime):
        return format_moment(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, YesNoNotKnown):
        return _YES_NO[value]
    if isinstance(value, Threshold):
        return value.label
    if isinstance(value, ConcernKind):
        return value.value.capitalize()
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, list):
        return "\n".join(_format_item(item, titles) for item in value)
    text = str(value)
    if len(text) > LONG_TEXT:
        return text[:LONG_TEXT].rstrip() + "… (continues on the page)"
    return text


def _format_item(item: Any, titles: dict[str, str]) -> str:
    if isinstance(item, BaseModel):
        parts = [format_value(getattr(item, name), titles) for name in type(item).model_fields]
        return ": ".join(p for p in parts if p)
    return titles.get(str(item), str(item))


class SummaryList(QWidget):
    """Label, answer and "Change" for every answer of the form, page by page."""

    def __init__(
        self,
        binder: Binder,
        catalogue: Catalogue,
        page_titles: list[str],
        go_to: Callable[[str], None],
        parent: QWidget | None = None,
        *,
        shown: Callable[[str], bool] = lambda _path: True,
    ) -> None:
        super().__init__(parent)
        self._binder = binder
        self._shown = shown
        self._titles = _titles(catalogue)
        self._indicator_titles = {i.id: i.title for i in catalogue.indicators}
        self._factor_titles = {f.id: f.title for f in catalogue.toolkit.vulnerability_factors}
        self._page_titles = page_titles
        self._go_to = go_to
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self.change_buttons: dict[str, QPushButton] = {}

    def rebuild(self, *, read_only: bool) -> None:
        """Show the answers as they are now."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                discard(widget)
        self.change_buttons = {}
        if self._binder.assessment is None:
            return
        row = 0
        current_page = -1
        for field in self._binder.fields():
            if field.page >= len(self._page_titles):
                continue
            shown = self._row_for(field)
            if shown is None:
                continue
            label, answer = shown
            if field.page != current_page:
                current_page = field.page
                heading = QLabel(self._page_titles[field.page])
                set_heading_font(heading, 3)
                heading.setContentsMargins(0, 14, 0, 4)
                self._grid.addWidget(heading, row, 0, 1, 3)
                row += 1
            self._add_row(row, field, label, answer, read_only=read_only)
            row += 1

    def _row_for(self, field: BoundField) -> tuple[str, str] | None:
        path = field.path
        value = self._binder.value(path)
        parts = path.split(".")
        if parts[0] == "indicators":
            entry = self._binder.assessment.entry(parts[1]) if self._binder.assessment else None
            if entry is None or not entry.identified or parts[2] == "identified":
                return None
            title = self._indicator_titles.get(parts[1], parts[1])
            return f"{title}: {field.label.lower()}", format_value(value, self._titles)
        if parts[:2] == ["vulnerability", "factors"]:
            applies = self._binder.value(".".join([*parts[:3], "applies"]))
            if not applies:
                return None
            title = self._factor_titles.get(parts[2], parts[2])
            if parts[3] == "applies":
                return title, "Applies"
            return f"{title}: note", format_value(value, self._titles)
        if not self._shown(path):
            return None  # a question the worker was not shown (it does not apply)
        if isinstance(field.widget, DateField) and field.widget.entry_problem():
            return field.label, NOT_A_REAL_DATE  # typed, but no date is kept
        if isinstance(field.widget, IdentifierField) and field.widget.entry_problem():
            return field.label, NOT_A_VALID_NUMBER  # typed, but it fails its check
        return field.label, format_value(value, self._titles)

    def _add_row(
        self, row: int, field: BoundField, label: str, answer: str, *, read_only: bool
    ) -> None:
        name = QLabel(label)
        name.setWordWrap(True)
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setStyleSheet("font-weight: 600;")
        value = QLabel(answer or NOT_ANSWERED)
        value.setWordWrap(True)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not answer:
            value.setStyleSheet("color: #505a5f;")
        self._grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
        if not read_only:
            change = EnterButton("Change")
            change.setObjectName(f"change.{field.path}")
            change.setAccessibleName(change_name(label, answer))
            change.setFlat(True)
            change.setStyleSheet("color: #1d70b8; text-decoration: underline;")
            change.setCursor(Qt.CursorShape.PointingHandCursor)
            change.clicked.connect(lambda: self._go_to(field.path))
            self._grid.addWidget(change, row, 2, Qt.AlignmentFlag.AlignTop)
            self.change_buttons[field.path] = change
