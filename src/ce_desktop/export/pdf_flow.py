"""How the form flows over pages: what is kept together, what each page repeats, the outline.

A reader of a 60-page assessment must always know where they are. So:

- an indicator's row, a heading or a table's header never ends a page on its own:
  ``NeedsRoom`` starts a new page unless the first lines of what follows fit too;
- a page that continues an indicator's narrative starts with the indicators' header
  and "<indicator> (continued)", and every page of Section 1 repeats its header;
- each section and each identified indicator is an entry of the PDF's outline
  (bookmarks), and the document opens with the outline shown.

Flowables say what they are with plain attributes read by ``FormDocument`` after each
is drawn: ``outline_entry`` (title, level), ``narrative`` (the ``IndicatorHead`` it
belongs to), ``closes_narrative``, ``opens_section_one`` and ``closes_section_one``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable, Table
from reportlab.platypus.flowables import CondPageBreak


@dataclass(frozen=True)
class IndicatorHead:
    """What a continued narrative repeats of its indicator's row."""

    title: str
    ticked: bool
    level: str


class NeedsRoom(CondPageBreak):  # type: ignore[misc]  # ReportLab is untyped
    """A new page unless ``flowables`` fit here with the first lines of what follows.

    Args:
        flowables: kept whole (a heading, an indicator's row).
        table: a table that follows, of which the first ``rows`` rows must fit too
            (each counted up to ``row_cap`` points: a long row may split).
        extra: more room wanted below, in points (a narrative's first lines).
    """

    def __init__(
        self,
        flowables: Sequence[Flowable],
        *,
        table: Table | None = None,
        rows: int = 2,
        row_cap: float = 60.0,
        extra: float = 0.0,
    ) -> None:
        super().__init__(0)
        self._flowables = list(flowables)
        self._table = table
        self._rows = rows
        self._row_cap = row_cap
        self._extra = extra

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Measure what must fit, then break the page if it does not."""
        needed = self._extra
        for flowable in self._flowables:
            needed += flowable.wrap(avail_width, avail_height)[1] + flowable.getSpaceBefore()
        if self._table is not None:
            self._table.wrap(avail_width, avail_height)
            heights = self._table._rowHeights[: self._rows]
            needed += sum(min(height, self._row_cap) for height in heights)
        self.height = needed
        result: tuple[float, float] = super().wrap(avail_width, avail_height)
        return result


RepeatBuilder = Callable[[IndicatorHead | None], list[Flowable]]
"""Builds what a page of Section 1 starts with: the header, and the continued row."""


class FormDocument(BaseDocTemplate):  # type: ignore[misc]  # ReportLab is untyped
    """The form's document: page-top repeats and the outline, driven by flowable marks."""

    def __init__(self, *args: Any, repeat: RepeatBuilder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._repeat = repeat
        self._in_section_one = False
        self._open: IndicatorHead | None = None
        self._outline_count = 0

    def handle_documentBegin(self) -> None:
        """Open with the outline shown (reset the state for a fresh build)."""
        super().handle_documentBegin()
        self._in_section_one = False
        self._open = None
        self._outline_count = 0
        self.canv.showOutline()

    def handle_frameBegin(
        self, resume: int = 0, pageTopFlowables: list[Flowable] | None = None
    ) -> None:
        """Start a page inside Section 1 with its header and any continued narrative."""
        top = list(pageTopFlowables or [])
        if self._in_section_one:
            top += self._repeat(self._open)
        super().handle_frameBegin(resume, top or None)

    def afterFlowable(self, flowable: Flowable) -> None:
        """Follow where the reader is, and add the flowable's outline entry if any."""
        if getattr(flowable, "opens_section_one", False):
            self._in_section_one = True
        head = getattr(flowable, "narrative", None)
        if head is not None:
            self._open = None if getattr(flowable, "closes_narrative", False) else head
        if getattr(flowable, "closes_section_one", False):
            self._in_section_one = False
            self._open = None
        entry = getattr(flowable, "outline_entry", None)
        if entry is not None:
            title, level = entry
            self._outline_count += 1
            key = f"outline-{self._outline_count}"
            height = getattr(flowable, "height", None) or getattr(flowable, "_height", 0)
            top = self.frame._y + height + 6
            self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)
