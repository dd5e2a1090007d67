"""A paragraph in several scripts, broken into lines here and set one line at a time.

ReportLab lays out a paragraph that changes font (a name in Arabic in an English
narrative) on its slow path, word by word in Python, and again at every page it runs
over: a 2,000-word narrative with a few such names took five times as long as the
same words in Latin letters. ``ShapedLines`` measures each word once (a shaped word
by its HarfBuzz advances), breaks the logical text into lines greedily as ReportLab
does, then puts each line's words in visual order (the bidi algorithm, per line, as
rule L1-L2 intends) and hands ReportLab one short paragraph per line. A line with no
script font takes ReportLab's fast path.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from functools import cache, lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.platypus import Flowable, Paragraph

from ce_desktop.export.pdf_scripts import has_rtl, line_order, needs_shaping, runs

Decorate = Callable[[Any, float, float], None]
"""Draws around the lines (a box's side rules): canvas, width, height."""

_SLACK = 0.995
"""Lines are filled to just under the width, so ReportLab never breaks one again."""


@cache
def _plain_fragment(style: ParagraphStyle) -> Any:
    """The fragment the markup parser makes of plain text in this style."""
    return Paragraph("x", style).frags[0]


def plain_paragraph(
    text: str, style: ParagraphStyle, kind: type[Paragraph] = Paragraph
) -> Paragraph:
    """Plain text as a Paragraph of one ready-made fragment, not parsed as markup.

    The markup parser would split the text at every "&", "<" or ">" into fragments,
    each of which takes ReportLab's slow line-breaking path (a narrative with an
    ampersand took four times as long).
    """
    fragment = copy(_plain_fragment(style))
    fragment.text = text
    return kind(escape(text), style, frags=[fragment])


def _word_width(word: str, style: ParagraphStyle) -> float:
    return _width_of(word, style.fontName, style.fontSize)


@lru_cache(maxsize=16384)
def _width_of(word: str, font_name: str, size: float) -> float:
    if not needs_shaping(word):
        return float(pdfmetrics.stringWidth(word, font_name, size))
    total = 0.0
    for text, font in runs(word):
        if font is None:
            total += float(pdfmetrics.stringWidth(text, font_name, size))
        else:
            total += _shaped(text, font, size)[1]
    return total


@lru_cache(maxsize=4096)
def _shaped(text: str, font: str, size: float) -> tuple[str, float]:
    """The text shaped by HarfBuzz in the font (glyphs in visual order), and its width.

    Names recur through a narrative: each is shaped once per export, not at every
    line it is measured and drawn on.
    """
    shaped = shapeStr(text, font, size)
    if isinstance(shaped, ShapedStr):
        advances = sum(data.x_advance for data in shaped.__shapeData__)
        return shaped, float(advances) * size / 1000
    return shaped, float(pdfmetrics.stringWidth(text, font, size))


Line = list[tuple[str, float]]
"""A line's words in logical order, each with its width."""


class ShapedLines(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """One line of worker-typed text in several scripts, set as a paragraph would be.

    Each line is drawn word by word: a run of plain words as one string, a word of a
    script font shaped by HarfBuzz (the canvas's own shaping), so no paragraph has to
    be laid out again.
    """

    narrative: Any = None

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        right_to_left: bool = False,
        decorate: Decorate | None = None,
        lines: list[Line] | None = None,
        width: float = -1.0,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.right_to_left = right_to_left
        self.decorate = decorate
        self._lines = lines
        self._width = width
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def _break(self, width: float) -> list[Line]:
        style = self.style
        available = (width - style.leftIndent - style.rightIndent) * _SLACK
        space = pdfmetrics.stringWidth(" ", style.fontName, style.fontSize)
        lines: list[Line] = [[]]
        used = 0.0
        for word in self.text.split():
            needed = _word_width(word, style)
            if lines[-1] and used + space + needed > available:
                lines.append([])
                used = 0.0
            used += (space if lines[-1] else 0.0) + needed
            lines[-1].append((word, needed))
        return lines

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        """Break into lines, once for each width."""
        if self._lines is None or avail_width != self._width:
            self._lines = self._break(avail_width)
            self._width = avail_width
        self.width = avail_width
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """At a line boundary, at least two lines on each side where there are four."""
        self.wrap(avail_width, avail_height)
        assert self._lines is not None
        fit = int((avail_height + 1e-6) // self.style.leading)
        if fit < min(2, len(self._lines)) or fit >= len(self._lines):
            return []
        parts = []
        for lines in (self._lines[:fit], self._lines[fit:]):
            part = ShapedLines(
                " ".join(word for line in lines for word, _width in line),
                self.style,
                right_to_left=self.right_to_left,
                decorate=self.decorate,
                lines=lines,
                width=avail_width,
            )
            part.narrative = self.narrative
            parts.append(part)
        return parts

    def draw(self) -> None:
        """Each line from the top, its words in visual order, then the decoration."""
        assert self._lines is not None
        style = self.style
        space = pdfmetrics.stringWidth(" ", style.fontName, style.fontSize)
        y = self.height - style.fontSize
        for line in self._lines:
            self._draw_line(line, y, space)
            y -= style.leading
        if self.decorate is not None:
            self.decorate(self.canv, self.width, self.height)

    def _draw_line(self, line: Line, y: float, space: float) -> None:
        style = self.style
        widths = dict(line)
        words = [word for word, _width in line]
        if self.right_to_left or has_rtl(" ".join(words)):
            words = line_order(words, 1 if self.right_to_left else 0)
        length = sum(width for _word, width in line) + space * (len(line) - 1)
        x = style.leftIndent
        if self.right_to_left:
            x = self.width - style.rightIndent - length
        text = self.canv.beginText(x, y)
        text.setFillColor(style.textColor)
        plain: list[str] = []
        plain_x = x
        for word in words:
            if not needs_shaping(word):
                if not plain:
                    plain_x = x
                plain.append(word)
            else:
                self._plain(text, plain, plain_x, y)
                plain = []
                self._shaped_word(text, word, x, y)
            x += widths[word] + space
        self._plain(text, plain, plain_x, y)
        self.canv.drawText(text)

    def _plain(self, text: Any, words: list[str], x: float, y: float) -> None:
        if words:
            text.setTextOrigin(x, y)
            text.setFont(self.style.fontName, self.style.fontSize)
            text.textOut(" ".join(words) + " ")

    def _shaped_word(self, text: Any, word: str, x: float, y: float) -> None:
        size = self.style.fontSize
        for part, font in runs(word):
            text.setTextOrigin(x, y)
            if font is None:
                text.setFont(self.style.fontName, size)
                text.textOut(part)
                x += _width_of(part, self.style.fontName, size)
                continue
            shaped, width = _shaped(part, font, size)
            text.setFont(font, size)
            text.textOut(shaped)
            x += width
        text.setTextOrigin(x, y)
        text.setFont(self.style.fontName, size)
        text.textOut(" ")
