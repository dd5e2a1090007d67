"""The chronology of significant incidents prints as the PDF's appendix."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime, timedelta

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.chronology import Chronology, new_incident, with_incident
from ce_desktop.domain.chronology_entries import (
    AsPrinted,
    entries,
    new_correction,
    with_correction,
)
from ce_desktop.export.pdf import render_assessment_pdf
from ce_desktop.export.pdf_chronology import APPENDIX_TITLE, UNREADABLE
from tests.factories import as_final, full_assessment, narrative

NOW = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)


def _text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def _chronology(child_id: str, *accounts: str) -> Chronology:
    chronology = Chronology(child_id=child_id)
    for number, what in enumerate(accounts):
        chronology = with_incident(
            chronology,
            new_incident(
                occurred_on=date(2026, 3, 1 + number),
                what_happened=what,
                source_agency=f"Agency number {number}",
                recorded_by="Alex Worker",
                today=date(2026, 3, 10),
                now=NOW + timedelta(days=number),
            ),
        )
    return chronology


def _incidents(child_id: str, *accounts: str) -> AsPrinted:
    return AsPrinted(tuple(entries(_chronology(child_id, *accounts))))


def test_the_appendix_lists_every_incident_on_a_page_of_its_own() -> None:
    assessment = full_assessment()
    incidents = _incidents(
        assessment.child_id, "Found at a fictional station at night.", "New phone, unexplained."
    )
    without = render_assessment_pdf(assessment, default_catalogue())
    pdf = render_assessment_pdf(assessment, default_catalogue(), chronology=incidents)
    assert APPENDIX_TITLE not in _text(without)
    pages = _text(pdf).split("\f")
    (appendix,) = [page for page in pages if APPENDIX_TITLE in page]
    assert pages.index(appendix) == len(_text(without).split("\f")) - 1  # after the form
    for words in ("01/03/2026", "Found at a fictional station", "Agency number 1", "Alex Worker"):
        assert words in appendix
    assert "2 incidents recorded" in appendix
    assert "not part of the assessment's content or its fingerprint" in " ".join(appendix.split())


def test_a_long_account_flows_on_and_a_final_says_up_to_when() -> None:
    final = as_final(full_assessment(), at=NOW + timedelta(days=3))
    ending = "The last words of the long fictional account."
    incidents = _incidents(final.child_id, narrative(1500, ending))
    text = _text(render_assessment_pdf(final, default_catalogue(), chronology=incidents))
    assert " ".join(ending.split()) in " ".join(text.split())
    assert "up to its finalising" in text
    last_pages = text.split("\f")[-3:]
    assert sum("What happened" in page for page in last_pages) >= 2  # the header repeats


def _words(text: str) -> str:
    return " ".join(text.split())


def test_a_corrected_incident_reads_as_corrected_with_its_earlier_text_kept() -> None:
    assessment = full_assessment()
    chronology = _chronology(assessment.child_id, "Seen at the fictional Nortown station.")
    (entry,) = entries(chronology)
    correction = new_correction(
        entry,
        occurred_on=date(2026, 3, 2),
        what_happened="Seen at the fictional Southby station.",
        source_agency="Agency number 0",
        reason="The station was typed wrongly.",
        corrected_by="Sam Senior",
        today=date(2026, 3, 10),
        now=NOW + timedelta(days=4),
    )
    printed = AsPrinted(tuple(entries(with_correction(chronology, correction))))
    appendix = _words(
        _text(render_assessment_pdf(assessment, default_catalogue(), chronology=printed))
    )
    assert "Seen at the fictional Southby station." in appendix
    assert "(corrected)" in appendix
    assert "Corrected on 09/03/2026 10:00 by Sam Senior. Why: The station was typed" in appendix
    assert "Before the correction it read (01/03/2026, Agency number 0):" in appendix
    assert "Seen at the fictional Nortown station." in appendix  # the earlier text is kept
    assert appendix.index("Southby") < appendix.index("Nortown")


def test_a_chronology_that_could_not_be_read_is_said_where_the_appendix_would_be() -> None:
    assessment = full_assessment()
    without = _text(render_assessment_pdf(assessment, default_catalogue()))
    text = _text(
        render_assessment_pdf(
            assessment, default_catalogue(), chronology=AsPrinted(unreadable=True)
        )
    )
    assert UNREADABLE not in without
    last_page = _words(text.split("\f")[-2])
    assert APPENDIX_TITLE in last_page
    assert f"{UNREADABLE}, so its incidents are not listed here" in last_page
    assert "What happened" not in last_page  # no table, no value of the chronology
