"""Every script a family writes: a font per run of text, shaping, and right-to-left order.

DejaVu Sans covers Latin, Greek and Cyrillic (and the emoji faces). For the scripts it
lacks, a Noto font (SIL Open Font Licence, in ``resources/fonts``) is chosen per run of
text, registered only when a document first needs it, and embedded as a subset, like
every font ReportLab embeds. Such a paragraph is shaped by HarfBuzz (ReportLab's own
``shaping``, through ``uharfbuzz``): Arabic letters join, Indic vowel signs and
conjuncts take their places.

Right-to-left text (Arabic script, Hebrew) is ordered by the Unicode bidirectional
algorithm of ``python-bidi``: it gives each character its embedding level, and the
words of a paragraph are put in visual order by rule L2 of the algorithm; within each
word HarfBuzz draws the glyphs right to left. A paragraph whose first strong letter
is right-to-left is set flush right.

Text with none of these scripts takes the plain path, unchanged and as fast as before.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from xml.sax.saxutils import escape

from bidi import algorithm as bidi_algorithm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from ce_desktop.resources import resource_path

SCRIPT_FONTS: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {
    "NotoSansArabic": (
        "NotoSansArabic-Regular.ttf",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    "NotoSansHebrew": ("NotoSansHebrew-Regular.ttf", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))),
    "NotoSansDevanagari": ("NotoSansDevanagari-Regular.ttf", ((0x0900, 0x097F), (0xA8E0, 0xA8FF))),
    "NotoSansBengali": ("NotoSansBengali-Regular.ttf", ((0x0980, 0x09FF),)),
    "NotoSansGurmukhi": ("NotoSansGurmukhi-Regular.ttf", ((0x0A00, 0x0A7F),)),
    "NotoSansGujarati": ("NotoSansGujarati-Regular.ttf", ((0x0A80, 0x0AFF),)),
    "NotoSansTamil": ("NotoSansTamil-Regular.ttf", ((0x0B80, 0x0BFF),)),
}
"""Font name: (file in resources/fonts, the code point ranges it is chosen for)."""

_NEEDS_SCRIPT_FONT = re.compile(
    "["
    + "".join(
        f"{chr(first)}-{chr(last)}"
        for _file, ranges in SCRIPT_FONTS.values()
        for first, last in ranges
    )
    + "]"
)
_JOINERS = {0x200C, 0x200D}  # zero-width non-joiner and joiner: part of the run they sit in


def needs_shaping(text: str) -> bool:
    """Whether the text has a letter of a script DejaVu Sans lacks."""
    return _NEEDS_SCRIPT_FONT.search(text) is not None


def _font_for(code: int) -> str | None:
    for name, (_file, ranges) in SCRIPT_FONTS.items():
        if any(first <= code <= last for first, last in ranges):
            return name
    return None


@cache
def _register(name: str) -> None:
    """Register one script font, the first time a document uses it."""
    file_name, _ranges = SCRIPT_FONTS[name]
    pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))


def _is_rtl(character: str) -> bool:
    return unicodedata.bidirectional(character) in ("R", "AL")


def _word_levels(words: list[str], base_level: int) -> list[int]:
    """Each word's embedding level, from python-bidi's resolved character levels."""
    text = " ".join(words)
    storage = bidi_algorithm.get_empty_storage()
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    bidi_algorithm.get_embedding_levels(text, storage, False, False)
    bidi_algorithm.explicit_embed_and_overrides(storage, False)
    bidi_algorithm.resolve_weak_types(storage, False)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    levels = [char["level"] for char in storage["chars"]]
    result, position = [], 0
    for word in words:
        result.append(min(levels[position : position + len(word)]))
        position += len(word) + 1
    return result


_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
"""Hebrew, Arabic and their presentation forms: the right-to-left letters typed here."""


def has_rtl(word: str) -> bool:
    """Whether the text has a right-to-left letter."""
    return _RIGHT_TO_LEFT.search(word) is not None


def _has_ltr(word: str) -> bool:
    return any(unicodedata.bidirectional(character) == "L" for character in word)


def _has_number(word: str) -> bool:
    return any(unicodedata.bidirectional(character) in ("EN", "AN") for character in word)


def line_order(words: list[str], base_level: int) -> list[str]:
    """The words of a line in visual order.

    In a left-to-right line only the runs between two left-to-right words can move, so
    each run holding right-to-left text is ordered on its own (a long narrative with a
    few names in Arabic or Hebrew costs a few short runs, not the whole paragraph).
    """
    if base_level == 1:
        return visual_order(words, 1)
    result: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if word and not _has_ltr(word):
            run.append(word)
            continue
        if any(map(has_rtl, run)):
            # A number before the first right-to-left word goes with the left-to-right
            # text before it; after it, with the right-to-left run (rules W2, W7).
            first = next(i for i, w in enumerate(run) if has_rtl(w))
            last = max(i for i, w in enumerate(run) if has_rtl(w) or _has_number(w))
            run[first : last + 1] = visual_order(run[first : last + 1], 0)
        result += run
        run = []
        if word:
            result.append(word)
    return result


def visual_order(words: list[str], base_level: int) -> list[str]:
    """Words in the order they are seen, by rule L2 of the bidi algorithm: from the
    highest level down to the lowest odd one, reverse each run at that level or above."""
    levels = _word_levels(words, base_level)
    order = list(range(len(words)))
    if not levels:
        return []
    lowest_odd = min(level for level in levels if level % 2) if any(x % 2 for x in levels) else 1
    for level in range(max(levels), lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return [words[i] for i in order]


def base_level(text: str) -> int:
    """1 when the paragraph's first strong letter is right-to-left, else 0 (rule P2)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return 1
        if direction == "L":
            return 0
    return 0


def font_for_word(word: str) -> str | None:
    """The one script font that has every character of the word, if there is one.

    ReportLab shapes a word with the font of its first run, so a word is kept in one
    font whenever it can be (a name with its comma, a vowel sign with its letter).
    """
    fonts = {font for font in map(_font_for, map(ord, word)) if font}
    if len(fonts) != 1:
        return None
    (font,) = fonts
    _register(font)
    characters = pdfmetrics.getFont(font).face.charToGlyph
    return font if all(ord(character) in characters for character in word) else None


@lru_cache(maxsize=4096)
def runs(word: str) -> list[tuple[str, str | None]]:
    """The word's runs of text, each with its script font (None: the form's font)."""
    whole = font_for_word(word)
    if whole:
        return [(word, whole)]
    parts: list[tuple[str, str | None]] = []
    current: str | None = None
    run = ""
    for character in word:
        code = ord(character)
        font = current if code in _JOINERS or unicodedata.category(character) == "Mn" else None
        font = font or _font_for(code)
        if font != current and run:
            parts.append((run, current))
            run = ""
        current = font
        run += character
    if run:
        parts.append((run, current))
    for _run, font in parts:
        if font:
            _register(font)
    return parts


def _runs_markup(word: str) -> str:
    """A word as markup, each run of a script font in a ``<font>`` tag."""
    return "".join(
        f'<font name="{font}">{escape(run)}</font>' if font else escape(run)
        for run, font in runs(word)
    )


def shaped_markup(line: str, *, reorder: bool = True) -> tuple[str, bool]:
    """One line of plain text as Paragraph markup, words in visual order.

    Args:
        line: the text, in logical order (or already in visual order: ``reorder``
            False).

    Returns:
        The markup, and whether the line reads right to left (to be set flush right).
    """
    words = line.split()
    level = base_level(line)
    if reorder and has_rtl(line):
        words = line_order(words, level)
    marked = (_runs_markup(w) if needs_shaping(w) else escape(w) for w in words)
    return " ".join(marked), level == 1


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, corrected: a character beyond U+FFFF is written as
    its UTF-16 surrogate pair (ReportLab writes ``<1F600>``, which readers take as
    U+1F60), and a joined Arabic letter form or ligature reads as the letters it stands
    for (not as a presentation form, which a search for the name would not find)."""
    entries = []
    for code, value in enumerate(subset):
        text = chr(value)
        if 0xFB50 <= value <= 0xFDFF or 0xFE70 <= value <= 0xFEFF:
            text = unicodedata.normalize("NFKC", text)  # a ligature: its letters in order
        entries.append(f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>")
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *entries,
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # ReportLab 5.1 looks it up at each embedding

# ReportLab 5.1 shapes with discretionary ligatures ("dlig") on by default, which no
# text engine does (HarfBuzz, Qt and LibreOffice leave them off): Arabic names then
# print with ligatures the window never shows, such as yeh-meem in "مريم", and a
# ligature's letters read back swapped in some PDF readers. Off, as everywhere else;
# the ligatures Arabic requires (lam-alef) stay, being "rlig".
_SHAPING_FEATURES = ttfonts.shapeFragWord.__defaults__[0]
_SHAPING_FEATURES.pop("dlig", None)
