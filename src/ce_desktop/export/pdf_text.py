"""The type of the PDF: its embedded fonts, its paragraph styles, and worker-typed text.

DejaVu Sans is embedded in three faces; every paragraph style of the form is made
here once. What a worker typed is set as plain text, never read as markup, each line
in the font of its script: a line in a script that needs shaping (Arabic, Hebrew,
the Indic scripts) is shaped and, read right to left, set flush right (see
``pdf_scripts`` and ``pdf_lines``). ``pdf_layout`` builds the paper's pieces from these.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph

from ce_desktop.export.pdf_lines import Decorate, ShapedLines, plain_paragraph
from ce_desktop.export.pdf_scripts import base_level, needs_shaping, shaped_markup
from ce_desktop.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"


class _UnshapedFont(TTFont):  # type: ignore[misc]  # ReportLab is untyped
    """DejaVu Sans, whose words are set as they are, never passed through HarfBuzz.

    A paragraph is shaped as a whole when it holds a word of a script that needs it;
    ReportLab then shapes each word with the font of its first letter, and skips a word
    whose font offers no HarfBuzz font. So a long narrative with one name in Arabic
    shapes that name, not its two thousand Latin words (which shaping leaves as they
    are: DejaVu needs none for Latin, Greek or Cyrillic).
    """

    def hbFont(self, fontSize: float = 10) -> Any:  # ReportLab's name
        """No HarfBuzz font: ReportLab leaves the word unshaped."""
        raise AttributeError("DejaVu Sans text is set unshaped")


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans (regular, bold, oblique) once per process."""
    faces = {
        FONT: "DejaVuSans.ttf",
        FONT_BOLD: "DejaVuSans-Bold.ttf",
        FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    }
    for name, file_name in faces.items():
        pdfmetrics.registerFont(_UnshapedFont(name, str(resource_path("fonts", file_name))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the form."""

    body: ParagraphStyle
    label: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    note: ParagraphStyle
    centred: ParagraphStyle
    listed: ParagraphStyle
    listed_small: ParagraphStyle


@cache
def styles() -> Styles:
    """The form's paragraph styles (fonts registered first)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5)
    return Styles(
        body=body,
        label=ParagraphStyle("label", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
        small=ParagraphStyle("small", parent=body, fontSize=7.5, leading=9),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=13,
            textColor=colors.white,
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=2
        ),
        note=ParagraphStyle("note", parent=body, fontName=FONT_ITALIC, fontSize=8.5, leading=11),
        centred=ParagraphStyle("centred", parent=body, alignment=TA_CENTER, fontSize=11),
        listed=ParagraphStyle("listed", parent=body, leftIndent=11, firstLineIndent=-11),
        listed_small=ParagraphStyle(
            "listed_small", parent=body, fontSize=7.5, leading=9, leftIndent=9, firstLineIndent=-9
        ),
    )


def markup(text: str) -> str:
    """Plain text as Paragraph markup: escaped, line breaks kept, every script in its font."""
    lines = text.strip().replace("\r\n", "\n").split("\n")
    return "<br/>".join(_line_markup(line) for line in lines)


def _line_markup(line: str) -> str:
    return shaped_markup(line)[0] if needs_shaping(line) else escape(line)


def style_for(text: str, style: ParagraphStyle, *, alone: bool = True) -> ParagraphStyle:
    """The style itself, or for text in a script that needs it, the shaped variant
    (set flush right when the text, ``alone`` in its paragraph, reads right to left)."""
    if not needs_shaping(text):
        return style
    return _shaped_style(style, alone and base_level(text.strip()) == 1)


@cache
def _shaped_style(style: ParagraphStyle, right_to_left: bool) -> ParagraphStyle:
    alignment = TA_RIGHT if right_to_left else style.alignment
    return ParagraphStyle(
        f"{style.name}-shaped{'-rtl' if right_to_left else ''}",
        parent=style,
        shaping=1,
        alignment=alignment,
    )


def para(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph of plain (worker-typed) text, never interpreted as markup."""
    base = style or styles().body
    return Paragraph(markup(text), style_for(text, base))


def text_paragraph(
    line: str,
    style: ParagraphStyle,
    kind: type[Paragraph] = Paragraph,
    decorate: Decorate | None = None,
) -> Flowable:
    """One line of worker-typed text as a Paragraph (of ``kind``), in its scripts' fonts
    (as ``ShapedLines``, with ``decorate``, when it has a script that needs shaping).

    Text in no script that needs shaping is given to ReportLab as one ready-made
    fragment, not as markup: the markup parser would split the line at every "&", "<"
    or ">" into fragments, each of which takes ReportLab's slow line-breaking path (a
    narrative with an ampersand took four times as long).
    """
    if not needs_shaping(line):
        return plain_paragraph(line, style, kind)
    right_to_left = base_level(line.strip()) == 1
    return ShapedLines(line, style, right_to_left=right_to_left, decorate=decorate)


@cache
def _spaced(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-spaced", parent=style, spaceBefore=style.leading / 2)


def paragraphs(text: str, style: ParagraphStyle | None = None) -> list[Flowable]:
    """Worker-typed text as one Paragraph per line, a blank line giving a little space.

    Each Paragraph is then a single run of one font, which ReportLab lays out on its
    fast path: a ``<br/>`` inside a paragraph makes it an order of magnitude slower
    on long narratives.
    """
    base = style or styles().body
    spaced = _spaced(base)
    flowables: list[Flowable] = []
    gap_before = False
    for line in text.strip().replace("\r\n", "\n").split("\n"):
        if not line.strip():
            gap_before = bool(flowables)
            continue
        flowables.append(text_paragraph(line, spaced if gap_before else base))
        gap_before = False
    return flowables
