"""A 65-page assessment a reader can follow: what belongs together stays together.

Built once: every indicator identified at Experiencing with a 2,000-word narrative,
each opening with its own sentence, then read back page by page.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.model import Assessment, IndicatorEntry, RiskLevel
from ce_desktop.export.pdf import render_assessment_pdf, render_blank_form
from tests.factories import full_assessment, last_sentence, narrative
from tests.unit.export.conftest import page_texts, squashed

_FURNITURE_LINES = 4
"""Lines every page carries besides the form: marking twice, header, footer."""


def opening_sentence(indicator_id: str) -> str:
    return f"Opening remark {indicator_id.replace('_', ' ')} starts here."


@pytest.fixture(scope="module")
def long_assessment(catalogue: Catalogue) -> Assessment:
    assessment = full_assessment(catalogue=catalogue)
    for indicator_id in catalogue.indicator_ids():
        text = narrative(2000, last_sentence(indicator_id))
        assessment.indicators[indicator_id] = IndicatorEntry(
            identified=True,
            level=RiskLevel.EXPERIENCING,
            narrative=f"{opening_sentence(indicator_id)} {text}",
        )
    return assessment


@pytest.fixture(scope="module")
def long_pdf(long_assessment: Assessment, catalogue: Catalogue) -> bytes:
    return render_assessment_pdf(long_assessment, catalogue)


@pytest.fixture(scope="module")
def pages(long_pdf: bytes) -> list[str]:
    return [squashed(page) for page in page_texts(long_pdf)]


def _page_of(pages: list[str], text: str) -> int:
    found = [number for number, page in enumerate(pages) if squashed(text) in page]
    assert len(found) == 1, f"{text!r} on pages {found}"
    return found[0]


def test_the_assessment_is_long(pages: list[str]) -> None:
    assert len(pages) > 55


def test_each_indicator_title_is_on_the_page_where_its_narrative_starts(
    pages: list[str], catalogue: Catalogue
) -> None:
    for definition in catalogue.indicators:
        page = pages[_page_of(pages, opening_sentence(definition.id))]
        title = squashed(definition.title)
        continued = squashed(f"{definition.title} (continued)")
        assert page.count(title) > page.count(continued), definition.id


def test_every_page_continuing_a_narrative_names_its_indicator(
    pages: list[str], catalogue: Catalogue
) -> None:
    continued_pages = 0
    for definition in catalogue.indicators:
        start = _page_of(pages, opening_sentence(definition.id))
        end = _page_of(pages, last_sentence(definition.id))
        for number in range(start + 1, end + 1):
            assert squashed(f"{definition.title} (continued)") in pages[number], (
                definition.id,
                number + 1,
            )
            continued_pages += 1
    assert continued_pages > 25


def test_the_indicators_header_repeats_on_every_page_of_section_one(
    pages: list[str], catalogue: Catalogue
) -> None:
    first = _page_of(pages, opening_sentence(catalogue.indicators[0].id))
    last = _page_of(pages, last_sentence(catalogue.indicators[-1].id))
    for page in pages[first : last + 1]:
        assert "Indicators:oneormoreindicatorsidentifiedrequiresinput" in page


def test_no_page_holds_only_a_line_or_two(long_pdf: bytes) -> None:
    for number, page in enumerate(page_texts(long_pdf), start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert len(lines) - _FURNITURE_LINES >= 5, f"page {number}: {lines}"


def test_the_send_line_is_not_alone_on_the_last_page(pages: list[str]) -> None:
    assert "SendcompletedRiskAssessment" in pages[-1]
    assert "Warningsacknowledged" in pages[-1]


def test_the_framework_is_never_split(pages: list[str], catalogue: Catalogue) -> None:
    blank = [squashed(page) for page in page_texts(render_blank_form(catalogue))]
    for document in (pages, blank):
        page = document[_page_of(document, "Category 1 –")]
        assert "RiskManagementFramework" in page
        assert "Category4–" in page


def _outline(reader: PdfReader) -> list[tuple[str, int, int]]:
    """(title, depth, page index) of every outline entry, in order."""
    entries: list[tuple[str, int, int]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((str(item.title), depth, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def test_the_outline_lists_every_section_and_identified_indicator(
    long_pdf: bytes, pages: list[str], catalogue: Catalogue
) -> None:
    reader = PdfReader(io.BytesIO(long_pdf))
    assert reader.page_mode == "/UseOutlines"
    outline = _outline(reader)
    titles = [title for title, _depth, _page in outline]
    for section in (
        "Child and assessment details",
        "Other agencies involved",
        "Section 1. CE Risk Assessment Indicators",
        "Section 2. Cultural, identity and additional vulnerability factors",
        "Section 3. Risk Assessment Analysis and Summary",
        "Risk Management Framework",
        "Intended action and review",
        "Warnings acknowledged",
    ):
        assert section in titles
    by_title = {title: (depth, page) for title, depth, page in outline}
    for definition in catalogue.indicators:
        depth, page = by_title[definition.title]
        assert depth == 1
        assert page == _page_of(pages, opening_sentence(definition.id))
    assert by_title["Section 3. Risk Assessment Analysis and Summary"][1] == _page_of(
        pages, "Section 3. Risk Assessment Analysis and Summary"
    )


def test_an_unidentified_indicator_is_not_in_the_outline(catalogue: Catalogue) -> None:
    assessment = full_assessment(catalogue=catalogue)
    assessment.indicators["grooming"] = IndicatorEntry(identified=False)
    reader = PdfReader(io.BytesIO(render_assessment_pdf(assessment, catalogue)))
    titles = [title for title, _depth, _page in _outline(reader)]
    assert "Evidence of grooming" not in titles
    assert "Coerced into sexual activity" in titles
