"""The email draft to Children's Social Care (PRODUCT §3.9).

An ``.eml`` file with ``X-Unsent: 1`` opens in classic Outlook (and most mail
programs) as an editable draft; on Windows, Simple MAPI is tried first (see
``handover``). The worker checks the message and presses Send in their own mail
program, so nothing here touches the network. The subject and the attachment's name
carry the reference and the date only, never the child's name.
"""

from __future__ import annotations

import re
from datetime import date
from email.message import EmailMessage
from email.policy import SMTP

from ce_desktop.domain.derived import format_date

_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def _safe_reference(reference: str) -> str:
    """The reference as it may appear in a file name (letters, digits and dashes)."""
    return _UNSAFE.sub("-", reference).strip("-") or "assessment"


def pdf_file_name(reference: str) -> str:
    """The attachment's name, for example ``CE-Risk-Assessment-CE-20260302-7KQ4.pdf``."""
    return f"CE-Risk-Assessment-{_safe_reference(reference)}.pdf"


def email_file_name(reference: str) -> str:
    """The draft's file name, for example ``CE-Risk-Assessment-CE-20260302-7KQ4.eml``."""
    return f"CE-Risk-Assessment-{_safe_reference(reference)}.eml"


def email_subject(reference: str, sent_on: date) -> str:
    """The subject line: the form, the reference and the date, nothing about the child."""
    return f"CE Risk Assessment {reference} – {format_date(sent_on)}"


def email_body(reference: str, *, protected: bool) -> str:
    """The message's text: what is attached, the 24-hour rule, where the password is."""
    lines = [
        "Hello,",
        "",
        f"Please find attached CE Risk Assessment {reference}, completed with the Surrey "
        "Child Exploitation (CE) Guidance, Assessment and Intervention Toolkit, alongside "
        "the usual request for help referral.",
        "",
        "A completed CE Risk Assessment must reach Children's Social Care as soon as it is "
        "completed and within 24 hours of completion at the latest.",
    ]
    if protected:
        lines += [
            "",
            "The attached PDF is password protected. I will give you the password "
            "separately by another channel (for example by phone); it is not in this email.",
        ]
    lines += ["", "Kind regards,", ""]
    return "\n".join(lines)


def build_email_draft(
    *, pdf: bytes, reference: str, to: str, sent_on: date, protected: bool
) -> bytes:
    """Build the unsent email with the PDF attached.

    Args:
        pdf: the exported PDF (protected or not) to attach, byte for byte.
        reference: the assessment's reference, quoted in the subject and file name.
        to: the MASH address from the worker's settings.
        sent_on: the date to quote in the subject.
        protected: whether the PDF is password protected (the body then says the
            password follows separately).

    Returns:
        The ``.eml`` file's bytes (CRLF line endings, as mail programs expect).
    """
    message = EmailMessage()
    message["To"] = to
    message["Subject"] = email_subject(reference, sent_on)
    message["X-Unsent"] = "1"
    message.set_content(email_body(reference, protected=protected))
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=pdf_file_name(reference)
    )
    return message.as_bytes(policy=SMTP)
