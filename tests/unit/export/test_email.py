"""The email draft to Children's Social Care: an unsent .eml with the PDF attached."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import pytest

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.export.email import build_email_draft, email_file_name
from ce_desktop.export.pdf import render_assessment_pdf
from tests.factories import CHILD_KNOWN_AS, CHILD_NAME, full_assessment

SENT_ON = date(2026, 3, 2)


@pytest.fixture(scope="module")
def reference_and_pdf(catalogue: Catalogue) -> tuple[str, bytes]:
    assessment = full_assessment()
    return assessment.reference, render_assessment_pdf(assessment, catalogue)


def _draft(reference: str, pdf: bytes, *, protected: bool) -> EmailMessage:
    raw = build_email_draft(
        pdf=pdf,
        reference=reference,
        to="CSMASH@surreycc.gov.uk",
        sent_on=SENT_ON,
        protected=protected,
    )
    message = message_from_bytes(raw, policy=default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_draft_is_addressed_to_the_mash_and_unsent(
    reference_and_pdf: tuple[str, bytes],
) -> None:
    reference, pdf = reference_and_pdf
    message = _draft(reference, pdf, protected=False)
    assert message["To"] == "CSMASH@surreycc.gov.uk"
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == f"CE Risk Assessment {reference} – 02/03/2026"


def test_the_attachment_is_the_pdf_byte_for_byte(reference_and_pdf: tuple[str, bytes]) -> None:
    reference, pdf = reference_and_pdf
    attachments = list(_draft(reference, pdf, protected=True).iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_filename() == f"CE-Risk-Assessment-{reference}.pdf"
    assert attachments[0].get_content() == pdf


def test_no_child_name_in_the_subject_or_file_names(reference_and_pdf: tuple[str, bytes]) -> None:
    reference, pdf = reference_and_pdf
    message = _draft(reference, pdf, protected=False)
    attachment = next(message.iter_attachments())
    names = [message["Subject"], attachment.get_filename() or "", email_file_name(reference)]
    for name in names:
        for part in (*CHILD_NAME.split(), CHILD_KNOWN_AS, "Zoë"):
            assert part not in name
    assert email_file_name(reference) == f"CE-Risk-Assessment-{reference}.eml"


def test_the_body_explains_the_attachment_and_the_24_hour_rule(
    reference_and_pdf: tuple[str, bytes],
) -> None:
    reference, pdf = reference_and_pdf
    body = _draft(reference, pdf, protected=False).get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert reference in text
    assert "24 hours" in text
    assert "password" not in text.lower()


def test_a_protected_pdf_says_the_password_follows_separately(
    reference_and_pdf: tuple[str, bytes],
) -> None:
    reference, pdf = reference_and_pdf
    body = _draft(reference, pdf, protected=True).get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "password" in text
    assert "separately" in text


def test_file_names_keep_only_safe_characters() -> None:
    assert email_file_name("CE/2026 ..\\x") == "CE-Risk-Assessment-CE-2026-x.eml"
