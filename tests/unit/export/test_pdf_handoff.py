"""The PDF's record of sharing: each sending and response, and the fingerprint unchanged."""

from __future__ import annotations

import io
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
