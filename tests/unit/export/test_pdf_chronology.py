"""The chronology of significant incidents prints as the PDF's appendix."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime, timedelta

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.chronology import Chronology, Incident, new_incident, with_incident
from ce_desktop.export.pdf import render_assessment_pdf
from ce_desktop.export.pdf_chronology import APPENDIX_TITLE
from tests.factories import as_final, full_assessment, narrative

NOW = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)


def _text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def _incidents(child_id: str, *accounts: str) -> list[Incident]:
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
    return chronology.incidents


def test_the_appendix_lists_every_incident_on_a_page_of_its_own() -> None:
    assessment = full_assessment()
    incidents = _incidents(
        assessment.child_id, "Found at a fictional station at night.", "New phone, unexplained."
    )
    without = render_assessment_pdf(assessment, default_catalogue())
    pdf = render_assessment_pdf(assessment, default_catalogue(), incidents=incidents)
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
    text = _text(render_assessment_pdf(final, default_catalogue(), incidents=incidents))
    assert " ".join(ending.split()) in " ".join(text.split())
    assert "up to its finalising" in text
    last_pages = text.split("\f")[-3:]
    assert sum("What happened" in page for page in last_pages) >= 2  # the header repeats
