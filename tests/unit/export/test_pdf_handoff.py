"""The PDF's record of sharing: each sending and response, and the fingerprint unchanged."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, datetime

from pypdf import PdfReader

from ce_desktop.domain import handoff
from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.model import (
    Acknowledgement,
    Assessment,
    Decision,
    MashDecision,
    Sending,
    SendingMethod,
)
from ce_desktop.export.pdf import render_assessment_pdf
from tests.factories import as_final, full_assessment

FINALISED = datetime(2026, 5, 22, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 5, 27, 10, 0, tzinfo=UTC)
NOTE = "Fictional note: strategy discussion booked, the school to attend."


def _text(assessment: Assessment) -> str:
    reader = PdfReader(io.BytesIO(render_assessment_pdf(assessment, default_catalogue())))
    return "\n".join(page.extract_text() for page in reader.pages)


def _answered(final: Assessment) -> Assessment:
    sending = Sending(
        at=FINALISED.replace(hour=12), how=SendingMethod.SECURE_PORTAL, to="Fictional MASH"
    )
    sent = handoff.record_sending(final, sending, now=LATER)
    return handoff.record_response(
        sent,
        now=LATER,
        acknowledgement=Acknowledgement(at=LATER, by="Fictional duty worker"),
        decision=Decision(at=LATER, outcome=MashDecision.SECTION_47, note=NOTE),
        mash_reference="MASH/2026/0001",
    )


def test_every_entry_is_in_the_record_of_sharing_and_the_fingerprint_stays() -> None:
    final = as_final(full_assessment(), at=FINALISED)
    text = " ".join(_text(_answered(final)).split())
    assert "Record of sharing" in text
    assert "Sent: Secure portal" in text
    assert "To Fictional MASH" in text
    assert "Acknowledged by the MASH" in text
    assert "By Fictional duty worker" in text
    assert "Section 47 or strategy discussion" in text
    assert " ".join(NOTE.split()) in text
    assert "MASH/2026/0001" in text
    assert f"Fingerprint {final.fingerprint}" in text


def test_a_final_never_sent_has_no_record_of_sharing() -> None:
    assert "Record of sharing" not in _text(as_final(full_assessment(), at=FINALISED))


def test_the_footer_of_a_sent_assessment_never_runs_into_the_page_number() -> None:
    """The training sample's mark, a fingerprint and a time of sending made the footer
    run under "Page 1 of 8"."""
    sample = full_assessment()
    sample.is_training_sample = True
    final = as_final(sample, at=FINALISED)
    pdf = render_assessment_pdf(_answered(final), default_catalogue())
    boxes = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    words = [
        (float(m["x0"]), float(m["x1"]), float(m["y0"]), m["word"])
        for m in re.finditer(
            r'<word xMin="(?P<x0>[\d.]+)" yMin="(?P<y0>[\d.]+)" xMax="(?P<x1>[\d.]+)" '
            r'yMax="[\d.]+">(?P<word>[^<]*)</word>',
            boxes,
        )
    ]
    page_word = next(w for w in words if w[3] == "Page")
    same_line = [w for w in words if abs(w[2] - page_word[2]) < 1 and w is not page_word]
    assert same_line, "the status line stands beside the page number"
    assert max(x1 for _x0, x1, _y, _w in same_line if _x0 < page_word[0]) < page_word[0]
    footer = " ".join(w[3] for w in words if w[2] > page_word[2] - 1)
    assert f"Fingerprint {final.fingerprint}" in footer
    assert "Sent" in footer
