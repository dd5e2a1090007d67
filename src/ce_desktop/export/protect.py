"""Password protection of an exported PDF: AES-256, PDF 2.0 revision 6 (PRODUCT §6).

The PDF that travels by email is encrypted by pypdf (which uses ``cryptography``),
never by ReportLab, whose own encryption is RC4 or an outdated AES scheme. The
password is generated here, shown once to the worker, and sent by another channel.

AES-256 with revision 6 is defined by PDF 2.0 (ISO 32000-2), so the protected file
says it is PDF 2.0 in its header. Its reader may print it (at full quality) and
assistive technology may read its text; nobody may change it, annotate it, fill it
in or take its pages apart.
"""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions

PDF_2_HEADER = b"%PDF-2.0"
"""The version that defines AES-256 revision 6."""

_EVERY_PERMISSION = UserAccessPermissions(0xFFFFFFFC)
"""Every permission bit set, as PDF requires of the reserved bits (bits 1-2 are 0)."""
PERMISSIONS = _EVERY_PERMISSION & ~(
    UserAccessPermissions.MODIFY
    | UserAccessPermissions.EXTRACT
    | UserAccessPermissions.ADD_OR_MODIFY
    | UserAccessPermissions.FILL_FORM_FIELDS
    | UserAccessPermissions.ASSEMBLE_DOC
)
"""Print, print at full quality, and extraction for accessibility: nothing more."""

READABLE_CHARACTERS = "23456789abcdefghjkmnpqrstuvwxyz"
"""Lower-case letters and digits without look-alikes (0/o, 1/l/i): easy to read aloud."""
PASSWORD_GROUPS = 5
PASSWORD_GROUP_LENGTH = 4


def generate_password() -> str:
    """A random password of 20 characters in groups of four, such as ``k7pq-3xwm-...``.

    About 99 bits of entropy from ``secrets``; the dashes are part of the password.
    """
    groups = (
        "".join(secrets.choice(READABLE_CHARACTERS) for _ in range(PASSWORD_GROUP_LENGTH))
        for _ in range(PASSWORD_GROUPS)
    )
    return "-".join(groups)


def protect_pdf(pdf: bytes, password: str) -> bytes:
    """Encrypt a PDF with AES-256 (revision 6) so that it opens only with ``password``.

    The owner password is random and thrown away: nobody can lift the protection
    without the user password.

    Args:
        pdf: the document to protect.
        password: the password the reader will need.

    Returns:
        The encrypted document.

    Raises:
        ValueError: the password is empty.
    """
    if not password:
        raise ValueError("A protected PDF needs a password.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.pdf_header = PDF_2_HEADER
    writer.encrypt(
        user_password=password,
        owner_password=secrets.token_urlsafe(32),
        permissions_flag=PERMISSIONS,
        algorithm="AES-256",
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
