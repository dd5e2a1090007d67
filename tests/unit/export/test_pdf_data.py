"""The assessment's data inside its PDF: attached as PDF 2.0 describes, read back, protected."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from ce_desktop.domain import boundary
from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.intake import interchange_json
from ce_desktop.domain.model import Assessment
from ce_desktop.export import pdf_data
from ce_desktop.export.pdf import render_assessment_pdf, render_blank_form
from ce_desktop.export.protect import generate_password, protect_pdf
from ce_desktop.usecases import outputs, printing
from tests.factories import CHILD_NAME, as_final, full_assessment


@pytest.fixture(scope="module")
def final(catalogue: Catalogue) -> Assessment:
    return as_final(full_assessment(catalogue=catalogue))


@pytest.fixture(scope="module")
def pdf(final: Assessment, catalogue: Catalogue) -> bytes:
    return render_assessment_pdf(final, catalogue)


def _filespec(pdf: bytes) -> object:
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    (spec,) = root["/AF"]
    return spec.get_object()


def test_the_pdf_carries_the_same_bytes_export_json_writes(
    final: Assessment, pdf: bytes, tmp_path: Path
) -> None:
    written = tmp_path / "out.json"
    written.write_bytes(interchange_json(final))
    assert pdf_data.read_data(pdf) == written.read_bytes()
    assert boundary.assessment_from_json(pdf_data.read_data(pdf)) == final


def test_the_attachment_is_the_documents_data_as_json(pdf: bytes) -> None:
    spec = _filespec(pdf)
    assert spec["/AFRelationship"] == "/Data"  # type: ignore[index]
    assert spec["/UF"] == pdf_data.ATTACHMENT_NAME  # type: ignore[index]
    stream = spec["/EF"]["/F"].get_object()  # type: ignore[index]
    assert stream["/Subtype"] == "/application/json"
    assert b"/Subtype /application#2Fjson" in pdf
    names = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    assert names[0] == pdf_data.ATTACHMENT_NAME


def test_the_attachment_name_carries_no_value(final: Assessment, pdf: bytes) -> None:
    assert final.reference not in pdf_data.ATTACHMENT_NAME
    assert CHILD_NAME.encode("utf-8") not in pdf  # the data is packed, the text embedded


@pytest.mark.skipif(shutil.which("pdfdetach") is None, reason="poppler-utils not installed")
def test_poppler_sees_the_attachment(pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    listed = subprocess.run(
        ["pdfdetach", "-list", str(path)], capture_output=True, text=True, check=True
    )
    assert listed.stdout.splitlines() == ["1 embedded files", f"1: {pdf_data.ATTACHMENT_NAME}"]
    saved = tmp_path / "saved.json"
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(saved), str(path)], check=True)
    assert saved.read_bytes() == pdf_data.read_data(pdf)


def test_the_same_assessment_still_gives_the_same_bytes(
    final: Assessment, catalogue: Catalogue
) -> None:
    assert render_assessment_pdf(final, catalogue) == render_assessment_pdf(final, catalogue)


def test_the_pages_are_those_of_the_pdf_without_data(
    final: Assessment, catalogue: Catalogue, pdf: bytes
) -> None:
    bare = render_assessment_pdf(final, catalogue, carry_data=False)
    with_data, without = PdfReader(io.BytesIO(pdf)), PdfReader(io.BytesIO(bare))
    assert [p.extract_text() for p in with_data.pages] == [p.extract_text() for p in without.pages]
    assert "/AF" not in without.trailer["/Root"]


def test_the_blank_form_and_the_printed_copy_carry_no_data(
    final: Assessment, catalogue: Catalogue
) -> None:
    for document in (
        render_blank_form(catalogue),
        printing.render_for_print(final, catalogue, mash_address="mash@example.invalid"),
    ):
        with pytest.raises(pdf_data.PdfDataError, match="not made by CE Desktop"):
            pdf_data.read_data(document)


def _streams(pdf: bytes) -> list[bytes]:
    """Every stream's bytes, unpacked where they unpack."""
    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        raw = match.group(1)
        try:
            found.append(zlib.decompress(raw))
        except zlib.error:
            found.append(raw)
    return found


def test_a_protected_pdf_protects_its_attachment(final: Assessment, pdf: bytes) -> None:
    password = generate_password()
    protected = protect_pdf(pdf, password)
    marker = final.id.encode()
    assert any(marker in stream for stream in _streams(pdf))  # the test can see it...
    assert not any(marker in stream for stream in _streams(protected))  # ...and now cannot
    assert marker not in protected
    assert pdf_data.is_protected(protected)
    assert pdf_data.read_data(protected, password) == pdf_data.read_data(pdf)
    reader = PdfReader(io.BytesIO(protected))
    reader.decrypt(password)
    assert "/AF" in reader.trailer["/Root"]


def test_a_protected_pdf_needs_its_password(pdf: bytes) -> None:
    protected = protect_pdf(pdf, generate_password())
    with pytest.raises(pdf_data.PasswordNeeded):
        pdf_data.read_data(protected)
    with pytest.raises(pdf_data.WrongPassword, match="password is not right"):
        pdf_data.read_data(protected, "not-the-password")


def test_the_export_use_case_protects_with_the_data(
    final: Assessment, catalogue: Catalogue
) -> None:
    data, password = outputs.render_pdf(final, catalogue, mash_address="", protect=True)
    assert password is not None
    assert pdf_data.read_data(data, password) == interchange_json(final)


def test_what_is_said_on_writing_names_the_readable_data() -> None:
    assert "anyone who has the file can read it" in outputs.data_notice(False)
    assert "anyone with its password can read it" in outputs.data_notice(True)


def test_the_pdf_says_the_version_its_attachment_needs(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-1.7\n")
