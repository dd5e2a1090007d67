"""A narrative box that runs over pages: ruled paragraphs outside any table.

An indicator's narrative may be thousands of words long. Inside a table cell,
ReportLab measures the cell again at every page break, which made a form with
long narratives several times slower than an office suite. Here the narrative's
paragraphs sit directly in the page frame, where each is laid out about once, and
each draws its own left and right rules, so consecutive paragraphs read as one box
under the indicator's row, continued on the next page when it runs over.

Every piece carries the ``IndicatorHead`` it belongs to (``narrative``), and the last
one says it closes the box, so that a page continuing the narrative can name its
indicator (see ``pdf_flow``).
"""

from __future__ import annotations

from copy import copy
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from ce_desktop.export.pdf_flow import IndicatorHead
from ce_desktop.export.pdf_layout import (
    FONT_ITALIC,
    GRID,
    WritingSpace,
    styles,
    text_paragraph,
)

_PADDING = 4
_LINE_WIDTH = 0.5
WRITING_LINE_SPACING = 8 * mm
"""Ruled lines for handwriting, as on lined paper."""
_WRITING_LINE = colors.Color(0.65, 0.65, 0.65)


def _rule_sides(canvas: Any, width: float, bottom: float, top: float) -> None:
    canvas.saveState()
    canvas.setLineWidth(_LINE_WIDTH)
    canvas.setStrokeColor(GRID)
    canvas.line(0, bottom, 0, top)
    canvas.line(width, bottom, width, top)
    canvas.restoreState()


def _rule_height(canvas: Any, width: float, height: float) -> None:
    _rule_sides(canvas, width, 0, height)


class RuledParagraph(Paragraph):  # type: ignore[misc]  # ReportLab is untyped
    """A paragraph with the box's side rules; its split halves keep them (same class)."""

    narrative: IndicatorHead | None = None
    _broken: tuple[float, Any] | None = None
    """(width, lines) already broken for the rest of a split paragraph."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Lay out the lines, or reuse those broken before the paragraph was split."""
        if self._broken is not None and self._broken[0] == avail_width:
            self.width = avail_width
            self.blPara = self._broken[1]
            self.height = len(self.blPara.lines) * self.style.leading
            return self.width, self.height
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        return size

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Split as a Paragraph does, each part still belonging to its indicator.

        The rest keeps the lines already broken: a 2,000-word paragraph running over
        four pages is broken into lines once, not once more at every page.
        """
        parts: list[Flowable] = super().split(avail_width, avail_height)
        for part in parts:
            part.narrative = self.narrative
        if len(parts) == 2:
            rest = copy(self.blPara)
            rest.lines = self.blPara.lines[len(parts[0].blPara.lines) :]
            parts[1]._broken = (avail_width, rest)
            if rest.kind == 1:
                parts[1].frags = self.frags  # its lines index the whole paragraph's
        return parts

    def draw(self) -> None:
        """Draw the text, then the side rules over the paragraph's full height."""
        super().draw()
        _rule_sides(self.canv, self.width, 0, self.height)


class RuledSpace(WritingSpace):
    """Vertical space inside the box: its top and bottom padding, or a blank line.

    With ``caption`` and ``closing`` it is the blank form's writing space for a
    narrative; it never splits, so a caption is never left without its space.
    """

    def __init__(
        self, height: float, *, closing: bool = False, caption: str = "", lined: bool = False
    ) -> None:
        super().__init__(height)
        self.closing = closing
        self.caption = caption
        self.lined = lined

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The closing padding shrinks to the room left: it never starts a page alone."""
        width, height = super().wrap(avail_width, avail_height)
        if self.closing and not self.caption:
            self.height = height = max(0.0, min(height, avail_height))
        return width, height

    def draw(self) -> None:
        """Side rules, the caption if any, and the box's bottom edge when closing."""
        _rule_sides(self.canv, self.width, 0, self.height)
        if self.caption:
            self.canv.setFont(FONT_ITALIC, 7.5)
            self.canv.drawString(_PADDING, self.height - 9, self.caption)
        if self.lined:
            self.canv.saveState()
            self.canv.setLineWidth(0.3)
            self.canv.setStrokeColor(_WRITING_LINE)
            y = self.height - 12 - WRITING_LINE_SPACING
            while y > WRITING_LINE_SPACING / 2:
                self.canv.line(_PADDING, y, self.width - _PADDING, y)
                y -= WRITING_LINE_SPACING
            self.canv.restoreState()
        if self.closing:
            self.canv.saveState()
            self.canv.setLineWidth(_LINE_WIDTH)
            self.canv.setStrokeColor(GRID)
            self.canv.line(0, 0, self.width, 0)
            self.canv.restoreState()


@cache
def _narrative_style() -> ParagraphStyle:
    body = styles().body
    return ParagraphStyle(
        "narrative", parent=body, leftIndent=_PADDING, rightIndent=_PADDING, spaceBefore=0
    )


def narrative_box(text: str, head: IndicatorHead | None = None) -> list[Flowable]:
    """Worker-typed text as a box of ruled paragraphs, one per line of the text.

    Args:
        text: the narrative as typed.
        head: the indicator it belongs to, named again on each page it continues on.
    """
    style = _narrative_style()
    flowables: list[Flowable] = [RuledSpace(3)]
    for line in text.strip().replace("\r\n", "\n").split("\n"):
        if line.strip():
            paragraph = text_paragraph(line, style, RuledParagraph, _rule_height)
            paragraph.narrative = head
            flowables.append(paragraph)
        elif len(flowables) > 1 and not isinstance(flowables[-1], RuledSpace):
            flowables.append(RuledSpace(style.leading / 2))
    closing = RuledSpace(4, closing=True)
    closing.closes_narrative = True
    flowables.append(closing)
    for flowable in flowables:
        flowable.narrative = head
    return flowables


def writing_box(lines: int, caption: str) -> list[Flowable]:
    """The blank form's empty narrative box: its caption, then ``lines`` ruled lines
    at handwriting spacing."""
    height = 12 + (lines + 0.5) * WRITING_LINE_SPACING
    return [RuledSpace(height, closing=True, caption=caption, lined=True)]
