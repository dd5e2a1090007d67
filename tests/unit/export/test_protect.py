"""Password protection: AES-256 revision 6, opens with the password only."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from pypdf.constants import UserAccessPermissions
from pypdf.errors import FileNotDecryptedError

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.export.pdf import render_assessment_pdf
from ce_desktop.export.protect import READABLE_CHARACTERS, generate_password, protect_pdf
from tests.factories import CHILD_NAME, full_assessment
from tests.unit.export.conftest import squashed


@pytest.fixture(scope="module")
def reference_and_pdf(catalogue: Catalogue) -> tuple[str, bytes]:
    assessment = full_assessment()
    return assessment.reference, render_assessment_pdf(assessment, catalogue)


def test_generated_passwords_are_long_readable_and_different() -> None:
    passwords = {generate_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        characters = password.replace("-", "")
        assert len(characters) >= 20
        assert set(characters) <= set(READABLE_CHARACTERS)
        assert not set(characters) & set("0o1li")


def test_protected_pdf_is_aes_256_revision_6(reference_and_pdf: tuple[str, bytes]) -> None:
    protected = protect_pdf(reference_and_pdf[1], generate_password())
    encrypt = PdfReader(io.BytesIO(protected)).trailer["/Encrypt"].get_object()
    assert encrypt["/V"] == 5
    assert encrypt["/R"] == 6
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"


def test_the_header_says_pdf_2_0_as_revision_6_requires(
    reference_and_pdf: tuple[str, bytes],
) -> None:
    protected = protect_pdf(reference_and_pdf[1], generate_password())
    assert protected.startswith(b"%PDF-2.0\n")
    assert PdfReader(io.BytesIO(protected)).pdf_header == "%PDF-2.0"


def test_it_may_be_printed_and_read_aloud_but_not_changed(
    reference_and_pdf: tuple[str, bytes],
) -> None:
    password = generate_password()
    reader = PdfReader(io.BytesIO(protect_pdf(reference_and_pdf[1], password)))
    reader.decrypt(password)
    granted = UserAccessPermissions(reader.user_access_permissions or 0)
    for allowed in (
        UserAccessPermissions.PRINT,
        UserAccessPermissions.PRINT_TO_REPRESENTATION,
        UserAccessPermissions.EXTRACT_TEXT_AND_GRAPHICS,
    ):
        assert allowed in granted
    for refused in (
        UserAccessPermissions.MODIFY,
        UserAccessPermissions.EXTRACT,
        UserAccessPermissions.ADD_OR_MODIFY,
        UserAccessPermissions.FILL_FORM_FIELDS,
        UserAccessPermissions.ASSEMBLE_DOC,
    ):
        assert refused not in granted


def test_it_opens_with_the_password_and_not_without(
    reference_and_pdf: tuple[str, bytes],
) -> None:
    reference, pdf = reference_and_pdf
    password = generate_password()
    protected = protect_pdf(pdf, password)

    locked = PdfReader(io.BytesIO(protected))
    assert locked.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        locked.pages[0].extract_text()
    assert not PdfReader(io.BytesIO(protected)).decrypt("not-the-password")
    assert not PdfReader(io.BytesIO(protected)).decrypt("")

    opened = PdfReader(io.BytesIO(protected))
    assert opened.decrypt(password)
    assert len(opened.pages) == len(PdfReader(io.BytesIO(pdf)).pages)
    text = squashed("".join(page.extract_text() for page in opened.pages))
    assert reference in text
    assert squashed(CHILD_NAME) in text


def test_the_plain_text_is_not_readable_in_the_file(reference_and_pdf: tuple[str, bytes]) -> None:
    _reference, pdf = reference_and_pdf
    protected = protect_pdf(pdf, generate_password())
    assert b"CE Risk Assessment" in pdf  # the title, in the plain document's metadata
    assert b"CE Risk Assessment" not in protected


def test_an_empty_password_is_refused(reference_and_pdf: tuple[str, bytes]) -> None:
    with pytest.raises(ValueError, match="password"):
        protect_pdf(reference_and_pdf[1], "")
