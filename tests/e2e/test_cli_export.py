"""``ce-desktop export-pdf`` and ``blank-form`` run as a worker would run them."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from ce_desktop.domain.model import AuditAction
from tests.e2e.cli_support import PASSPHRASE, load_from, make_data_folder, run_cli, run_in
from tests.factories import CHILD_NAME, full_assessment


def text_of(pdf: bytes, password: str = "") -> str:
    reader = PdfReader(io.BytesIO(pdf))
    if password:
        assert reader.decrypt(password)
    return "".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def vault_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A data folder holding one fully filled assessment; returns it and the reference."""
    assessment = full_assessment()
    return make_data_folder(tmp_path_factory.mktemp("vault"), assessment), assessment.reference


def export(
    folder: Path, *args: str, passphrase: str = PASSPHRASE
) -> subprocess.CompletedProcess[str]:
    return run_in(folder, "export-pdf", *args, passphrase=passphrase)


def test_export_pdf_writes_the_form_and_records_it(
    vault_folder: tuple[Path, str], tmp_path: Path
) -> None:
    folder, reference = vault_folder
    output = tmp_path / "exports" / "out.pdf"
    output.parent.mkdir()
    result = export(folder, reference, "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "not encrypted" in result.stderr
    text = text_of(output.read_bytes())
    assert CHILD_NAME in text
    assert reference in text
    assert [p.name for p in output.parent.iterdir()] == ["out.pdf"]  # no temporary file left

    audit = load_from(folder, reference).audit
    assert audit[-1].action is AuditAction.EXPORTED_PDF


def test_export_pdf_protect_prints_the_password_once(
    vault_folder: tuple[Path, str], tmp_path: Path
) -> None:
    folder, reference = vault_folder
    output = tmp_path / "protected.pdf"
    result = export(folder, reference, "-o", str(output), "--protect")
    assert result.returncode == 0, result.stderr
    password = result.stdout.strip()
    assert len(password.replace("-", "")) >= 20
    assert password not in result.stderr
    assert "another channel" in result.stderr
    protected = output.read_bytes()
    encrypt = PdfReader(io.BytesIO(protected)).trailer["/Encrypt"].get_object()
    assert encrypt["/R"] == 6
    assert not PdfReader(io.BytesIO(protected)).decrypt("wrong password")
    assert reference in text_of(protected, password)


def test_export_pdf_of_an_unknown_reference_says_so_plainly(
    vault_folder: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _reference = vault_folder
    output = tmp_path / "none.pdf"
    result = export(folder, "CE-20990101-ZZZZ", "-o", str(output))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not output.exists()


def test_export_pdf_with_a_wrong_passphrase_writes_nothing(
    vault_folder: tuple[Path, str], tmp_path: Path
) -> None:
    folder, reference = vault_folder
    output = tmp_path / "wrong.pdf"
    result = export(folder, reference, "-o", str(output), passphrase="not the passphrase at all")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_blank_form_needs_no_vault(tmp_path: Path, data_dir: Path) -> None:
    output = tmp_path / "blank.pdf"
    result = run_cli("blank-form", "-o", str(output))
    assert result.returncode == 0, result.stderr
    text = text_of(output.read_bytes())
    assert "BLANK FORM" in text
    assert "Concern re: online activity" in text
    assert list(data_dir.iterdir()) == []


def test_blank_form_into_a_missing_folder_is_a_plain_error(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder"
    result = run_cli("blank-form", "-o", str(missing / "blank.pdf"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"ce-desktop: The folder {missing} does not exist."
    ]
