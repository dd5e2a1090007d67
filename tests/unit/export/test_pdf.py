"""The paper-style PDF: every answer printed, nothing cut off, every page marked."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import BaseModel
from pypdf import PdfReader

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.lifecycle import finalise, mark_sent
from ce_desktop.domain.model import Assessment, ConcernKind, IndicatorEntry, RiskLevel
from ce_desktop.export.pdf import render_assessment_pdf, render_blank_form
from tests.factories import (
    CHILD_KNOWN_AS,
    CHILD_NAME,
    CREATED_AT,
    WORKER_NAME,
    full_assessment,
    last_sentence,
    narrative,
)
from tests.unit.export.conftest import page_texts, printed, squashed

# Ids and internal bookkeeping: not printed as such (ids print as the catalogue's text).
_NOT_PRINTED = {"id", "child_id", "previous_id", "exploitation_types", "strategies", "audit"}


def _filled_strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every non-empty free-text value of a model, with the key it sits under."""
    if key in _NOT_PRINTED:
        return
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _filled_strings(getattr(value, name), name)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _filled_strings(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from _filled_strings(item, key)
    elif type(value) is str and value.strip():
        yield key, value


@pytest.fixture(scope="module")
def full() -> Assessment:
    return full_assessment()


@pytest.fixture(scope="module")
def full_pdf(full: Assessment, catalogue: Catalogue) -> bytes:
    return render_assessment_pdf(full, catalogue)


@pytest.fixture(scope="module")
def full_text(full_pdf: bytes) -> str:
    return squashed("".join(page_texts(full_pdf)))


def test_every_filled_field_reaches_the_pdf(full: Assessment, full_text: str) -> None:
    checked = 0
    for key, value in _filled_strings(full):
        if key == "narrative" and value.endswith("ends here."):
            continue  # indicator narratives: their closing sentences are checked below
        assert squashed(value) in full_text, f"missing value of {key!r}"
        checked += 1
    for indicator_id in full.indicators:
        assert squashed(last_sentence(indicator_id)) in full_text
    assert checked > 40


def test_non_ascii_names_print_as_typed(full_text: str) -> None:
    for name in (CHILD_NAME, WORKER_NAME, "Zoë", "Łukasiewicz", "Nguyễn", "Аня Петрова"):
        assert squashed(name) in full_text


def test_dates_print_as_dd_mm_yyyy(full_text: str) -> None:
    for written in ("02/03/2026", "29/02/2012", "01/12/2025to28/02/2026", "29/05/2026"):
        assert written in full_text
    assert "03/03/2026" in full_text  # shared on
    assert "2026-03-02" not in full_text


@pytest.mark.parametrize(
    ("completed", "age"),
    [(date(2026, 2, 28), 13), (date(2026, 3, 1), 14), (date(2028, 2, 29), 16)],
)
def test_age_is_taken_on_the_date_completed(
    catalogue: Catalogue, completed: date, age: int
) -> None:
    assessment = Assessment.new(today=completed, now=CREATED_AT)
    assessment.child.date_of_birth = date(2012, 2, 29)
    assessment.details.date_completed = completed
    text = squashed("".join(page_texts(render_assessment_pdf(assessment, catalogue))))
    assert f"Age:{age}" in text


def test_a_birth_after_the_date_completed_prints_no_age(catalogue: Catalogue) -> None:
    assessment = Assessment.new(today=date(2026, 3, 2), now=CREATED_AT)
    assessment.child.date_of_birth = date(2026, 3, 3)
    assessment.details.date_completed = date(2026, 3, 2)
    text = squashed("".join(page_texts(render_assessment_pdf(assessment, catalogue))))
    assert "Age:-" not in text
    assert "Age:Gender" in text  # the age is left blank, for the checks to flag


def test_chosen_options_are_ticked_and_the_others_listed(
    full: Assessment, full_pdf: bytes, full_text: str, catalogue: Catalogue
) -> None:
    full_text_plain = "".join(page_texts(full_pdf))
    toolkit = catalogue.toolkit
    assert "☑Significant" in full_text  # level of risk
    for threshold in toolkit.thresholds:
        mark = "☑" if threshold.id is full.analysis.threshold else "☐"
        assert squashed(f"{mark} {threshold.description} ({threshold.title})") in full_text
    for category in toolkit.framework:
        assert squashed(category.descriptor) in full_text
    assert "☑Category3–Significantriskofsexualexploitation" in full_text
    primary = toolkit.exploitation_types[0].title
    assert squashed(f"☑ {primary} (primary)") in full_text
    chosen = [s for s in toolkit.strategies if s.id in full.intended_action.strategies]
    others = [s for s in toolkit.strategies if s.id not in full.intended_action.strategies]
    for strategy in chosen:
        assert printed(strategy.text, full_text_plain)
    for strategy in others:
        assert squashed(strategy.text) not in full_text


def test_concerns_are_grouped_under_their_kind(full: Assessment, full_pdf: bytes) -> None:
    text = "".join(page_texts(full_pdf))
    headings = ["Locations", "Environments", "Person/s who pose a risk", "Other: e.g."]
    kinds = [ConcernKind.LOCATION, ConcernKind.ENVIRONMENT, ConcernKind.PERSON, ConcernKind.OTHER]
    header = "persons who pose a risk to the child"
    start = text.index(header, text.index("Offender/Location/Environments of Concern"))
    positions = []
    for caption, kind in zip(headings, kinds, strict=True):
        where = text.index(caption, start)
        concern = next(c for c in full.analysis.concerns if c.kind is kind)
        positions += [where, text.index(concern.description, start)]
    assert positions == sorted(positions)


def test_warnings_acknowledged_and_referral_times(full: Assessment, full_text: str) -> None:
    assert "Warningsacknowledged" in full_text
    for key, justification in full.justifications.items():
        assert squashed(f"({key.split(':')[1]})") not in full_text  # no internal ids
        assert squashed(justification) in full_text
    informed = full.referral.manager_informed_at
    assert informed is not None
    assert f"{informed.astimezone():%d/%m/%Y%H:%M}" in full_text


def test_typed_text_is_printed_literally_not_as_markup(catalogue: Catalogue) -> None:
    assessment = Assessment.new(today=date(2026, 3, 2), now=CREATED_AT)
    assessment.analysis.summary = "Said <b>nothing</b> & left; 5 < 6 > 4"
    text = "".join(page_texts(render_assessment_pdf(assessment, catalogue)))
    assert "Said <b>nothing</b> & left; 5 < 6 > 4" in text


def test_an_unidentified_indicator_is_listed_unticked(catalogue: Catalogue) -> None:
    assessment = Assessment.new(today=date(2026, 3, 2), now=CREATED_AT)
    assessment.indicators = {
        "grooming": IndicatorEntry(identified=True, level=RiskLevel.EMERGING, narrative="Seen.")
    }
    text = squashed("".join(page_texts(render_assessment_pdf(assessment, catalogue))))
    assert "Evidenceofgrooming☑Emerging" in text
    assert "Concernre:onlineactivity☐" in text
    assert "Indicatorsidentified:1" in text


@pytest.mark.slow
def test_a_10000_word_narrative_flows_across_pages_uncut(catalogue: Catalogue) -> None:
    assessment = full_assessment()
    long_text = narrative(10_000, last_sentence("grooming"))
    assessment.indicators["grooming"] = IndicatorEntry(
        identified=True, level=RiskLevel.EXPERIENCING, narrative=long_text
    )
    pages = page_texts(render_assessment_pdf(assessment, catalogue))
    text = "".join(pages)
    assert squashed(last_sentence("grooming")) in squashed(text)
    # One word per filler sentence: every sentence of every narrative is on paper.
    typed = sum(entry.narrative.count("anxious") for entry in assessment.indicators.values())
    assert text.count("anxious") == typed
    assert len(pages) > 15
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2
        assert re.findall(r"Page (\d+) of (\d+)", page) == [(str(number), str(len(pages)))]
        assert "DRAFT" in page
        assert assessment.reference in page


def test_every_page_of_a_draft_is_marked(full: Assessment, full_pdf: bytes) -> None:
    pages = page_texts(full_pdf)
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2
        assert "CE Risk Assessment" in page
        assert full.reference in page
        assert re.findall(r"Page (\d+) of (\d+)", page) == [(str(number), str(len(pages)))]
        assert page.count("DRAFT") >= 2  # the header and the watermark


def test_every_page_of_a_final_shows_its_finalised_time_and_fingerprint(
    full: Assessment, catalogue: Catalogue
) -> None:
    final = finalise(full, catalogue, now=datetime(2026, 3, 2, 16, 45, tzinfo=UTC))
    assert final.finalised_at is not None
    assert final.fingerprint
    finalised = f"{final.finalised_at.astimezone():%d/%m/%Y %H:%M}"
    pages = page_texts(render_assessment_pdf(final, catalogue))
    for page in pages:
        assert f"FINAL — finalised {finalised}" in page
        assert final.fingerprint in page
        assert "DRAFT" not in page
    sent = mark_sent(final, now=datetime(2026, 3, 2, 17, 0, tzinfo=UTC))
    for page in page_texts(render_assessment_pdf(sent, catalogue)):
        assert f"FINAL — finalised {finalised}" in page
        assert "Sent" in page


def test_metadata_names_the_form_and_reference_only(full: Assessment, full_pdf: bytes) -> None:
    metadata = PdfReader(io.BytesIO(full_pdf)).metadata
    assert metadata is not None
    assert metadata.title == f"CE Risk Assessment {full.reference}"
    personal = [
        CHILD_NAME,
        CHILD_KNOWN_AS,
        WORKER_NAME,
        full.details.agency,
        full.child.address,
        "Zoë",
        "Zozo",
    ]
    for value in metadata.values():
        for item in personal:
            assert item not in str(value)
    for item in personal:
        assert item.encode("utf-8") not in full_pdf
        assert item.encode("utf-16-be") not in full_pdf


def test_the_unicode_font_is_embedded(full_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for font in fonts.values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and "/FontFile2" in descriptor.get_object():
            embedded.append(str(font["/BaseFont"]))
    assert embedded
    assert all("DejaVuSans" in name for name in embedded)


def test_the_same_assessment_gives_the_same_bytes(full: Assessment, catalogue: Catalogue) -> None:
    assert render_assessment_pdf(full, catalogue) == render_assessment_pdf(full, catalogue)


def test_the_send_line_uses_the_address_from_settings(
    full: Assessment, full_text: str, catalogue: Catalogue
) -> None:
    assert squashed(f"Send completed Risk Assessment to {catalogue.toolkit.mash_address}") in (
        full_text
    )
    pdf = render_assessment_pdf(full, catalogue, mash_address="mash.team@example.invalid")
    text = squashed("".join(page_texts(pdf)))
    assert "mash.team@example.invalid" in text
    assert catalogue.toolkit.mash_address not in text


def test_the_blank_form_lists_every_indicator_with_empty_boxes(catalogue: Catalogue) -> None:
    pages = page_texts(render_blank_form(catalogue))
    text = squashed("".join(pages))
    for indicator in catalogue.indicators:
        assert squashed(indicator.title) in text
        for prompt in indicator.prompts:
            assert squashed(prompt) in text
    for section in (
        catalogue.toolkit.vulnerability_factors,
        catalogue.toolkit.exploitation_types,
        catalogue.toolkit.thresholds,
    ):
        for entry in section:
            assert squashed(entry.title) in text
    for strategy in catalogue.toolkit.strategies:
        assert squashed(strategy.text) in text
    assert "☑" not in text
    assert text.count("☐") > len(catalogue.indicators) * 4
    for number, page in enumerate(pages, start=1):
        assert "BLANK FORM" in page
        assert "DRAFT" not in page
        assert page.count("OFFICIAL-SENSITIVE") == 2
        assert re.findall(r"Page (\d+) of (\d+)", page) == [(str(number), str(len(pages)))]


def test_long_answers_inside_tables_are_never_cut(catalogue: Catalogue) -> None:
    assessment = full_assessment()
    assessment.analysis.summary = narrative(5000, "Summary closing words here.")
    assessment.child.address = narrative(800, "Address closing words here.")
    text = "".join(page_texts(render_assessment_pdf(assessment, catalogue)))
    assert "Summaryclosingwordshere." in squashed(text)
    assert "Addressclosingwordshere." in squashed(text)
    typed = assessment.analysis.summary.count("anxious") + assessment.child.address.count("anxious")
    typed += sum(entry.narrative.count("anxious") for entry in assessment.indicators.values())
    assert text.count("anxious") == typed


def test_every_page_of_a_training_sample_says_it_is_fictional(
    full: Assessment, catalogue: Catalogue
) -> None:
    sample = full.model_copy(update={"is_training_sample": True})
    pages = page_texts(render_assessment_pdf(sample, catalogue))
    assert all("TRAINING SAMPLE — FICTIONAL" in squashed_words(p) for p in pages)
    real = page_texts(render_assessment_pdf(full, catalogue))
    assert not any("TRAINING" in page for page in real)


def squashed_words(text: str) -> str:
    """Runs of whitespace as single spaces (extraction may split a line oddly)."""
    return re.sub(r"\s+", " ", text)
