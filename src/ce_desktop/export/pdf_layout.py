"""The paper of the PDF: the page, the form's pieces on it, and the page furniture.

Everything here is about how the form looks on A4, not about what it says: the
sections in ``pdf_sections`` build their flowables from these pieces. The fonts, the
paragraph styles and worker-typed text are ``pdf_text``'s (its names that the
sections use are imported from here too, with the rest of the paper).

Tables are built with ``splitInRow=1`` so that a long answer in a cell flows on to the
next page instead of being cut off (ReportLab 5.1 splits a row inside its cells), and
with ``repeatRows`` so that a table's header is printed again at the top of each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ce_desktop.domain.form import default_form
from ce_desktop.export.pdf_flow import NeedsRoom
from ce_desktop.export.pdf_text import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    markup,
    para,
    paragraphs,
    register_fonts,
    style_for,
    styles,
    text_paragraph,
)

__all__ = [
    "BOTTOM_MARGIN",
    "CONTENT_WIDTH",
    "FONT",
    "FONT_BOLD",
    "FONT_ITALIC",
    "GRID",
    "LABEL_SHADE",
    "MARGIN",
    "MARK_SHADE",
    "NARRATIVE_WRITING_HEIGHT",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "TOP_MARGIN",
    "WRITING_HEIGHT",
    "Furniture",
    "NumberedCanvas",
    "WritingSpace",
    "answer_box",
    "choices",
    "draw_furniture",
    "form_table",
    "gap",
    "headed",
    "heading",
    "label",
    "markup",
    "para",
    "paragraphs",
    "printed",
    "register_fonts",
    "style_for",
    "styles",
    "text_paragraph",
    "tick",
]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
TOP_MARGIN = 24 * mm
BOTTOM_MARGIN = 22 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

TICKED = "\u2611"  # ☑
UNTICKED = "\u2610"  # ☐

LABEL_SHADE = colors.Color(0.90, 0.92, 0.95)
HEADING_SHADE = colors.Color(0.16, 0.25, 0.40)
GRID = colors.Color(0.35, 0.35, 0.35)
MARK_SHADE = colors.Color(1.0, 0.95, 0.70)

WRITING_HEIGHT = 12 * mm
"""Height of an empty answer box on the blank form: room for two handwritten lines."""
NARRATIVE_WRITING_HEIGHT = 30 * mm
"""Height of an empty narrative box on the blank form."""


class _Label(Paragraph):  # type: ignore[misc]  # ReportLab is untyped
    """A label never splits: a row whose label does not fit moves to the next page
    whole, rather than leaving the label's last lines beside an empty answer."""

    def split(self, _avail_width: float, _avail_height: float) -> list[Flowable]:
        return []


def printed(path: str) -> str:
    """The PDF's words for an answer, as ``form.yaml`` declares them."""
    return default_form().pdf_label(path)


def label(text: str) -> Paragraph:
    """A bold label as the form prints it."""
    return _Label(markup(text), styles().label)


def tick(on: bool) -> str:
    """A tick box, ticked or empty."""
    return TICKED if on else UNTICKED


def choices(options: Sequence[tuple[str, bool]]) -> Paragraph:
    """A row of labelled tick boxes such as ``☑ Yes  ☐ No  ☐ Not known``."""
    parts = [f"{tick(on)}&nbsp;{markup(text)}" for text, on in options]
    return Paragraph("&nbsp;&nbsp;&nbsp; ".join(parts), styles().body)


def heading(text: str) -> Table:
    """A shaded section heading bar, kept with what follows it, and in the outline."""
    bar = Table([[Paragraph(escape(text), styles().heading)]], colWidths=[CONTENT_WIDTH])
    bar.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), HEADING_SHADE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    bar.keepWithNext = True
    bar.outline_entry = (text, 0)
    return bar


def headed(text: str, table: Table, *, rows: int = 2) -> list[Flowable]:
    """A section: its heading bar, then its table, never the bar without its first rows."""
    bar = heading(text)
    space = gap(2 * mm)
    return [NeedsRoom([bar, space], table=table, rows=rows), bar, space, table, gap()]


def gap(height: float = 4 * mm) -> Spacer:
    """Vertical space between sections."""
    return Spacer(1, height)


BASE_TABLE_STYLE: list[tuple[Any, ...]] = [
    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
]


class FormTable(Table):  # type: ignore[misc]  # ReportLab is untyped
    """A table whose first part, when it splits over pages, keeps its outline entry."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Split as a Table does; the outline entry goes with the first part only."""
        parts: list[Flowable] = super().split(avail_width, avail_height)
        for index, part in enumerate(parts):
            part.outline_entry = getattr(self, "outline_entry", None) if index == 0 else None
        return parts


def form_table(
    rows: list[list[Any]],
    widths: Sequence[float],
    *,
    extra_style: Sequence[tuple[Any, ...]] = (),
    repeat_rows: int = 0,
    row_heights: Sequence[float | None] | None = None,
) -> Table:
    """A gridded table whose rows may split across pages and whose header repeats."""
    table = FormTable(
        rows,
        colWidths=list(widths),
        rowHeights=list(row_heights) if row_heights else None,
        repeatRows=repeat_rows,
        # Split inside the row that reaches the page end first, rather than between
        # rows: splitting between rows first leaves the remainder to restart on the same
        # page under a second copy of the header.
        splitByRow=0,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([*BASE_TABLE_STYLE, *extra_style]))
    return table


class WritingSpace(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Empty room of a fixed height across the whole width (to write in by hand).

    It never splits: the space moves to the next page whole.
    """

    def __init__(self, height: float) -> None:
        super().__init__()
        self.height = height

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        """Take the whole width and the given height."""
        self.width = avail_width
        return avail_width, self.height

    def split(self, _avail_width: float, _avail_height: float) -> list[Flowable]:
        """Refuse to split."""
        return []

    def draw(self) -> None:
        """Nothing: the space is the point."""


def answer_box(text: str, *, blank: bool, height: float = WRITING_HEIGHT) -> list[Flowable]:
    """What a value cell holds: the text, or a writing space on the blank form."""
    if blank:
        return [WritingSpace(height)]
    return paragraphs(text)


@dataclass(frozen=True)
class Furniture:
    """What every page carries besides the form itself.

    Attributes:
        reference: the assessment's reference ("" on the blank form).
        status_banner: large status words in the header: "DRAFT", "FINAL", "BLANK FORM".
        status_line: the longer status at the foot of the page (finalised time, fingerprint).
        watermark: a light diagonal word across the page, or "" for none.
        notice: a line above the foot of every page ("Amended, version 2: ..."), or "".
    """

    reference: str
    status_banner: str
    status_line: str
    watermark: str
    notice: str = ""


def draw_furniture(canvas: Canvas, furniture: Furniture) -> None:
    """Draw the header, footer and watermark of one page (under the form's content)."""
    canvas.saveState()
    if furniture.watermark:
        # Solid pale grey, not a transparency: it lies under the content anyway, and a
        # transparency makes PostScript print paths (CUPS's pdftops) rasterise the page.
        # 0.93 is the 0.80 grey at 35% over white that it once was.
        canvas.setFillColor(colors.Color(0.93, 0.93, 0.93))
        canvas.setFont(FONT_BOLD, 110)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -40, furniture.watermark)
        canvas.rotate(-45)
        canvas.translate(-PAGE_WIDTH / 2, -PAGE_HEIGHT / 2)
    canvas.setFillColor(colors.black)
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 9 * mm, "OFFICIAL-SENSITIVE")
    canvas.drawCentredString(PAGE_WIDTH / 2, 7 * mm, "OFFICIAL-SENSITIVE")

    header_y = PAGE_HEIGHT - 16 * mm
    canvas.setFont(FONT_BOLD, 10)
    canvas.drawString(MARGIN, header_y, "CE Risk Assessment")
    reference = furniture.reference or "__________________"
    canvas.setFont(FONT, 9)
    canvas.drawString(MARGIN + 42 * mm, header_y, f"Reference: {reference}")
    canvas.setFont(FONT_BOLD, 15)
    canvas.setFillColor(colors.Color(0.70, 0.05, 0.05))
    canvas.drawRightString(PAGE_WIDTH - MARGIN, header_y - 1, furniture.status_banner)
    canvas.setFillColor(colors.black)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, header_y - 3 * mm, PAGE_WIDTH - MARGIN, header_y - 3 * mm)

    canvas.line(MARGIN, FOOTER_Y + 4 * mm, PAGE_WIDTH - MARGIN, FOOTER_Y + 4 * mm)
    canvas.setFont(FONT, 8)
    for number, line in enumerate(footer_lines(furniture.status_line)):
        canvas.drawString(MARGIN, FOOTER_Y - number * FOOTER_LEADING, line)
    if furniture.notice:
        canvas.setFont(FONT_BOLD, 8)
        canvas.drawString(MARGIN, FOOTER_Y + 5.5 * mm, furniture.notice)
    canvas.restoreState()


FOOTER_Y = 13 * mm
"""The baseline of the footer's first line, where "Page X of Y" stands on the right."""
FOOTER_LEADING = 3.2 * mm


def footer_lines(status_line: str) -> list[str]:
    """The status line as drawn: one line, or two where it would run into "Page X of
    Y" (a fingerprint and a time of sending), broken between its " · " parts."""

    def width(text: str) -> float:
        return float(pdfmetrics.stringWidth(text, FONT, 8))

    room = PAGE_WIDTH - 2 * MARGIN - width("Page 999 of 999") - 4 * mm
    parts = status_line.split(" · ")
    for count in range(len(parts), 1, -1):
        first = " · ".join(parts[:count])
        if width(first) <= room:
            return [first] + ([" · ".join(parts[count:])] if count < len(parts) else [])
    return [parts[0], " · ".join(parts[1:])] if len(parts) > 1 else parts


class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
    """A canvas that knows the page count, for "Page X of Y" on every page.

    Pages are held back until the document is complete, then each is stamped with its
    number and the total before being written.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_states: list[dict[str, Any]] = []
        self._bookmarks: list[tuple[str, dict[str, Any]]] = []

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:
        """Held with the page: a bookmark must point at the page as finally written."""
        self._bookmarks.append((key, kwargs))

    def showPage(self) -> None:
        self._page_states.append(dict(self.__dict__))
        self._bookmarks = []
        self._startPage()

    def save(self) -> None:
        """Stamp every held page with "Page X of Y", then write the document."""
        total = len(self._page_states)
        for number, state in enumerate(self._page_states, start=1):
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.drawRightString(PAGE_WIDTH - MARGIN, FOOTER_Y, f"Page {number} of {total}")
            for key, kwargs in state["_bookmarks"]:
                super().bookmarkPage(key, **kwargs)
            super().showPage()
        super().save()
