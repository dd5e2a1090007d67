"""Every script a family writes prints with its own glyphs, shaped, in reading order."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.model import Assessment
from ce_desktop.export.pdf import render_assessment_pdf
from ce_desktop.export.pdf_layout import FONT
from ce_desktop.export.pdf_scripts import SCRIPT_FONTS, font_for_word, visual_order
from tests.factories import full_assessment
from tests.unit.export.conftest import page_texts

# Fictional names, one per script, each with an emoji.
NAMES = {
    "Arabic": "مريم الحسن 😀",
    "Hebrew": "נועה כהן 😀",
    "Bengali": "অনিতা দাস 😀",
    "Gurmukhi": "ਹਰਪ੍ਰੀਤ ਕੌਰ 😀",
    "Gujarati": "ગીતા પટેલ 😀",
    "Devanagari": "आरव शर्मा 😀",
    "Tamil": "தமிழ்செல்வி ராஜன் 😀",
    "Latin": "Zoë Łukasiewicz-Nguyễn 😀",
    "Greek": "Ελένη Παπαδοπούλου 😀",
    "Cyrillic": "Аня Петрова 😀",
}


@pytest.fixture(scope="module")
def named(catalogue: Catalogue) -> Assessment:
    assessment = full_assessment(catalogue=catalogue)
    assessment.agencies = assessment.agencies[:1]
    for index, name in enumerate(NAMES.values()):
        assessment.agencies.append(
            assessment.agencies[0].model_copy(update={"agency": f"Agency {index}"})
        )
        assessment.agencies[-1].name_contact = name
    assessment.child.name = NAMES["Arabic"]
    return assessment


@pytest.fixture(scope="module")
def named_pdf(named: Assessment, catalogue: Catalogue) -> bytes:
    return render_assessment_pdf(named, catalogue)


def _fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use: name -> embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[str(font["/BaseFont"]).split("+")[-1]] = embedded
    return found


def test_each_script_has_its_font_embedded_as_a_subset(named_pdf: bytes) -> None:
    fonts = _fonts(named_pdf)
    for name in SCRIPT_FONTS:
        assert fonts.get(f"{name}-Regular") is True, name
    # ReportLab lists Helvetica, its default, on every page; no text is set in it.
    used = {name: embedded for name, embedded in fonts.items() if name != "/Helvetica"}
    assert all(used.values())
    reader = PdfReader(io.BytesIO(named_pdf))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            base = str(font.get_object()["/BaseFont"])
            assert base == "/Helvetica" or base[7] == "+"  # a subset: "AAAAAA+Name"


def test_every_character_of_every_name_has_a_glyph(named_pdf: bytes) -> None:
    from reportlab.pdfbase import pdfmetrics

    for script, name in NAMES.items():
        for word in name.split():
            font = font_for_word(word) or FONT
            glyphs = pdfmetrics.getFont(font).face.charToGlyph
            missing = [c for c in word if ord(c) not in glyphs]
            assert not missing, (script, word, missing)


def test_a_latin_only_assessment_embeds_no_script_font(catalogue: Catalogue) -> None:
    fonts = _fonts(render_assessment_pdf(full_assessment(catalogue=catalogue), catalogue))
    assert not [name for name in fonts if name.startswith("NotoSans")]


def test_the_text_layer_gives_back_what_was_typed(named_pdf: bytes) -> None:
    text = unicodedata.normalize("NFC", "".join(page_texts(named_pdf)))
    for script in ("Latin", "Greek", "Cyrillic"):
        assert NAMES[script] in text  # emoji included: U+1F600, not U+1F60
    for script in ("Hebrew", "Arabic"):
        # Each right-to-left word reads back in logical order, shaped forms and
        # ligatures as the letters they stand for; the reader gives the words of the
        # line in the order they are seen.
        words = NAMES[script].split()
        assert " ".join(visual_order(words, 1)) in text


def test_right_to_left_words_are_ordered_by_the_bidi_algorithm() -> None:
    assert visual_order(["مريم", "الحسن"], 1) == ["الحسن", "مريم"]
    assert visual_order(["Seen", "with", "مريم", "الحسن", "today"], 0) == [
        "Seen",
        "with",
        "الحسن",
        "مريم",
        "today",
    ]
    # The number follows the Latin words (rule W7), so the three read left to right.
    assert visual_order(["اسم", "John", "Smith", "12"], 1) == ["John", "Smith", "12", "اسم"]
    assert visual_order(["اسم", "12", "مريم"], 1) == ["مريم", "12", "اسم"]


def test_a_right_to_left_paragraph_reads_from_its_first_line_down() -> None:
    from ce_desktop.export.pdf_layout import styles, text_paragraph
    from ce_desktop.export.pdf_lines import ShapedLines

    words = [f"كلمة{number}" for number in range(60)]  # "word" with a number
    paragraph = text_paragraph(" ".join(words), styles().body)
    assert isinstance(paragraph, ShapedLines)
    assert paragraph.right_to_left
    _width, height = paragraph.wrap(200, 1000)
    lines = [[word for word, _w in line] for line in paragraph._lines or []]
    assert len(lines) > 3
    assert [word for line in lines for word in line] == words  # logical order, top down
    first, rest = paragraph.split(200, height / 2)
    assert isinstance(first, ShapedLines)
    assert isinstance(rest, ShapedLines)
    assert first.text.split() + rest.text.split() == words
    assert rest.wrap(200, 1000)[1] + first.wrap(200, 1000)[1] == height


def test_arabic_is_shaped_without_discretionary_ligatures() -> None:
    from reportlab.pdfbase.ttfonts import shapeStr

    from ce_desktop.export.pdf_scripts import runs

    runs("مريم")  # registers the Arabic font
    shaped = shapeStr("مريم الحسن", "NotoSansArabic", 9)
    # Each glyph one letter in its joined form, as the window shows it: no ligature
    # of two letters (Arabic Presentation Forms-A, U+FBxx-U+FDxx, beyond the letters).
    assert not [c for c in shaped if 0xFC00 <= ord(c) <= 0xFDFF]
    assert unicodedata.normalize("NFKC", shaped) == "مريم الحسن"[::-1]  # drawn right to left
