"""The frame every editor page shares: a scrolling column of labelled, bound fields.

Labels sit above their inputs (the GOV.UK pattern: long questions wrap instead of
squeezing the input), say "(optional)" where a field may stay empty, and are the
inputs' buddies and accessible names, so a screen reader reads the same words a
sighted worker sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ce_desktop.domain import form as declared_form
from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.completeness import page_completeness, shown
from ce_desktop.domain.form import FieldDecl, FieldKind
from ce_desktop.domain.model import Assessment
from ce_desktop.gui.editor.binding import Binder
from ce_desktop.gui.editor.choice_field import yes_no_field
from ce_desktop.gui.editor.date_field import DateField
from ce_desktop.gui.editor.identifier_field import nhs_number_field, upn_field
from ce_desktop.gui.editor.widgets import GrowingTextEdit, LineField, hint_label_style
from ce_desktop.gui.speech import describe, name_region

COLUMN_CHARACTERS = 130
"""Widest the form column grows, in average characters: long lines are hard to read.
Measured in characters, not pixels, so the column widens with a larger text size."""


class Progress(StrEnum):
    """A page's status as its tab shows it (text, not only colour)."""

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETE = "complete"
    HAS_PROBLEMS = "has problems"


@dataclass
class EditorContext:
    """What every page needs: the catalogue, the binder and the clock.

    Attributes:
        catalogue: the form's indicators and the toolkit's lists.
        binder: the binding between inputs and the model.
        now: the current time (replaced in tests, so rules and ages are deterministic).
    """

    catalogue: Catalogue
    binder: Binder
    now: Callable[[], datetime]
    form: declared_form.Form = field(default_factory=lambda: declared_form.default_form())

    def assessment_day(self) -> date:
        """The date completed, or today when it is not set yet."""
        completed = self.binder.value("details.date_completed")
        return completed if isinstance(completed, date) else self.now().date()


def set_heading_font(label: QLabel, level: int) -> None:
    """Make ``label`` a heading: bold, and larger the higher its level."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * {1: 1.5, 2: 1.25, 3: 1.1}[level])
    font.setBold(True)
    label.setFont(font)


def visible_label(label: str, optional: bool) -> str:
    """The label as shown: the form's words, with "(optional)" where it applies."""
    return f"{label} (optional)" if optional else label


class FieldBlock(QWidget):
    """A label, an optional hint and the input under them.

    Attributes:
        label: the visible label (the input's buddy).
        hint: the hint under the label, or None.
        input: the bound input.
    """

    def __init__(
        self,
        text: str,
        widget: QWidget,
        hint: str | None,
        parent: QWidget | None = None,
        *,
        spoken: str | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        self.label = QLabel(f"<b>{_escape(text)}</b>", self)
        self.label.setWordWrap(True)
        self.label.setBuddy(widget)
        self.label.setAccessibleName(text)
        layout.addWidget(self.label)
        self.hint: QLabel | None = None
        if hint:
            self.hint = QLabel(hint, self)
            self.hint.setWordWrap(True)
            self.hint.setStyleSheet(hint_label_style())
            layout.addWidget(self.hint)
        # The name a screen reader says: the label, or fuller words where the label alone
        # repeats on the page ("Agency" -> "Agency of the person completing").
        name = spoken or text
        widget.setAccessibleName(name)
        proxy = widget.focusProxy()
        if proxy is not None:
            proxy.setAccessibleName(name)
        describe(widget, "hint", hint or "")
        if isinstance(widget, DateField):
            widget.name_calendar(name)
        widget.setParent(self)
        layout.addWidget(widget)
        self.input = widget


def _input_for(declaration: FieldDecl) -> QWidget:
    """The input of a simple declared kind."""
    if declaration.kind is FieldKind.LINE:
        return LineField()
    if declaration.kind is FieldKind.TEXT:
        return GrowingTextEdit()
    if declaration.kind is FieldKind.DATE:
        return DateField()
    if declaration.kind is FieldKind.YES_NO:
        return yes_no_field()
    if declaration.kind is FieldKind.NHS_NUMBER:
        return nhs_number_field()
    if declaration.kind is FieldKind.UPN:
        return upn_field()
    raise ValueError(f"{declaration.path}: a {declaration.kind.value} input is made by its page")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class EditorPage(QWidget):
    """One tab of the editor: a scrolling column of sections and bound fields.

    Pages that need it add a bar above the column (``top``) or a pane beside it
    (``middle``); both stay put while the column scrolls.

    Attributes:
        title: the tab's name, e.g. "Child details".
        page_heading: the page's first heading, spoken when the page is shown: the
            page is a region named by it, said as the focus enters the page.
        index: the tab's position, used to tag the fields bound on this page.
        scroll_area: the scroll area holding the column.
    """

    title = ""

    def __init__(self, context: EditorContext, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.binder = context.binder
        self.catalogue = context.catalogue
        self.index = index
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Not a stop of its own, and unnamed: Tab goes straight to the first field, and
        # the page around it is the region a screen reader names by its heading as the
        # focus enters (Orca says nothing of a panel whose one child has its name).
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.page_heading = ""
        name_region(self, self.title)
        self.body = QWidget()
        self.body.setMaximumWidth(QFontMetrics(self.font()).averageCharWidth() * COLUMN_CHARACTERS)
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(24, 16, 24, 24)
        self.column.setSpacing(6)
        outer = QWidget()
        outer_layout = QHBoxLayout(outer)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        outer_layout.addWidget(self.body, 10, Qt.AlignmentFlag.AlignTop)
        outer_layout.addStretch(1)
        self.scroll_area.setWidget(outer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.top = QVBoxLayout()
        layout.addLayout(self.top)
        self.middle = QHBoxLayout()
        self.middle.addWidget(self.scroll_area, 1)
        layout.addLayout(self.middle, 1)

    def heading(self, text: str, *, level: int = 2) -> QLabel:
        """A section heading."""
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        set_heading_font(label, level)
        label.setAccessibleName(text)
        label.setContentsMargins(0, 12 if level > 1 else 0, 0, 4)
        self.column.addWidget(label)
        if level == 1 and not self.page_heading:
            self.page_heading = text
            name_region(self, text)
        return label

    def paragraph(self, text: str, *, hint: bool = False) -> QLabel:
        """A paragraph of explanation (plain text, wrapped)."""
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if hint:
            label.setStyleSheet(hint_label_style())
        self.column.addWidget(label)
        return label

    def field(
        self,
        path: str,
        widget: QWidget,
        label: str,
        *,
        hint: str | None = None,
        optional: bool = False,
        spoken: str | None = None,
    ) -> FieldBlock:
        """Add a labelled input bound to ``path`` and return its block.

        ``spoken``: the accessible name where the label alone would repeat on the page.
        """
        text = visible_label(label, optional)
        block = FieldBlock(text, widget, hint, self.body, spoken=spoken)
        self.binder.bind(path, widget, label=text, page=self.index, optional=optional)
        self.column.addWidget(block)
        return block

    def declared(self, path: str, widget: QWidget | None = None) -> FieldBlock:
        """Add the input ``form.yaml`` declares for ``path``, with its label and hint.

        Simple kinds (line, text, date, yes / no / not known) get their input made
        here; the others are given by the page (``widget``).
        """
        declaration = self.context.form.field(path)
        made = widget if widget is not None else _input_for(declaration)
        return self.field(
            path,
            made,
            declaration.label,
            hint=declaration.hint or None,
            optional=declaration.optional,
            spoken=declaration.spoken or None,
        )

    def declared_check(
        self, path: str, box: QWidget, *, layout: QVBoxLayout | None = None
    ) -> QWidget:
        """Add a declared tick box (its label is its own text) with its declared hint."""
        declaration = self.context.form.field(path)
        return self.checkbox(
            path,
            box,
            hint=declaration.hint or None,
            optional=declaration.optional,
            layout=layout,
        )

    def show_what_applies(self) -> None:
        """Show each declared question that applies (or already has an answer), hide the rest.

        A follow-up such as "please clarify further" shows when its question is Yes;
        details already written stay visible, so nothing typed is ever hidden away.
        """
        assessment = self.binder.assessment
        if assessment is None:
            return
        today = self.context.now().date()
        for declaration in self.context.form.on_page(self.form_page):
            if declaration.applies_when is None or declaration.placeholder is not None:
                continue
            bound = self.binder.field(declaration.path)
            if bound is None:
                continue
            block = bound.widget.parentWidget()
            if isinstance(block, FieldBlock):
                visible = shown(declaration.path, assessment, self.context.form, today=today)
                block.setVisible(visible)

    def condition_paths(self) -> set[str]:
        """The answers that decide which of this page's questions apply."""
        return {
            d.applies_when.path
            for d in self.context.form.on_page(self.form_page)
            if d.applies_when is not None and d.applies_when.path is not None
        }

    def checkbox(
        self,
        path: str,
        box: QWidget,
        *,
        hint: str | None = None,
        optional: bool = True,
        layout: QVBoxLayout | None = None,
    ) -> QWidget:
        """Add a check box bound to ``path`` (its own text is its label); return its block."""
        text = box.text()  # type: ignore[attr-defined]
        box.setAccessibleName(text)
        self.binder.bind(path, box, label=text, page=self.index, optional=optional)
        block = QWidget(self.body)
        inner = QVBoxLayout(block)
        inner.setContentsMargins(0, 2, 0, 2)
        inner.setSpacing(0)
        inner.addWidget(box)
        if hint:
            box.setAccessibleDescription(hint)
            note = QLabel(hint, block)
            note.setWordWrap(True)
            note.setStyleSheet(hint_label_style() + " margin-left: 26px;")
            inner.addWidget(note)
        (layout if layout is not None else self.column).addWidget(block)
        return block

    def spoken_on_arrival(self) -> str:
        """What a screen reader is told when the page is shown: its heading."""
        return self.page_heading

    def news_on_arrival(self) -> str:
        """What is told when the page is shown beyond its heading ("" on most pages)."""
        return ""

    def reveal(self, widget: QWidget) -> None:
        """Scroll so that ``widget`` is in view."""
        self.scroll_area.ensureWidgetVisible(widget, 40, 80)

    def refresh(self) -> None:
        """Bring derived displays up to date with the model (on load and when shown)."""

    def on_edited(self, path: str) -> None:
        """React to an edit anywhere in the form (cheap; called per keystroke)."""

    def clear_derived(self) -> None:
        """Forget anything shown that is not a bound input (on lock)."""

    def progress(self, assessment: Assessment) -> Progress:
        """Not started, in progress or complete: the domain's reading of the page's
        declared answers (a question that does not apply is not required)."""
        completeness = page_completeness(
            self.context.form,
            self.form_page,
            assessment,
            self.catalogue,
            today=self.context.now().date(),
        )
        return Progress(completeness.value)

    form_page = ""
    """The page's id in ``form.yaml``."""
