"""One file carries both: ``export-pdf`` then ``import FILE.pdf``, as separate processes.

A PDF exported from one data folder and imported into another gives the same
assessment, protected or not; the password of a protected PDF comes from standard
input (never an argument); a wrong password, or a PDF without CE Desktop's data,
imports nothing and says so plainly.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.cli_support import PASSPHRASE, make_data_folder, run_cli
from tests.factories import as_final, full_assessment

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A data folder holding one final assessment, an empty one, and the reference."""
    final = as_final(full_assessment())
    source = make_data_folder(tmp_path_factory.mktemp("source"), final)
    empty = make_data_folder(tmp_path_factory.mktemp("empty"))
    return source, empty, final.reference


def cli(
    folder: Path, *args: str, stdin: str = PASSPHRASE + "\n"
) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, "--data-dir", str(folder), "--passphrase-stdin", stdin=stdin)


def interchange(folder: Path, reference: str, out: Path) -> dict[str, object]:
    exported = cli(folder, "export-json", reference, "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    document: dict[str, object] = json.loads(out.read_text("utf-8"))
    document.pop("audit")  # the import (and the exports) are noted: the rest is the same
    return document


def listed(folder: Path) -> list[object]:
    result = cli(folder, "list", "--json")
    assert result.returncode == 0, result.stderr
    entries: list[object] = json.loads(result.stdout)
    return entries


@pytest.fixture
def target(folders: tuple[Path, Path, str], tmp_path: Path) -> Path:
    folder = tmp_path / "target"
    shutil.copytree(folders[1], folder)
    return folder


@pytest.mark.parametrize("protect", [False, True], ids=["plain", "protected"])
def test_a_pdf_exported_and_imported_back_gives_the_same_assessment(
    folders: tuple[Path, Path, str], target: Path, tmp_path: Path, protect: bool
) -> None:
    source, _, reference = folders
    pdf = tmp_path / "sent.pdf"
    exported = cli(source, "export-pdf", reference, "-o", str(pdf), *(["--protect"] * protect))
    assert exported.returncode == 0, exported.stderr
    assert "carries the assessment's data" in exported.stderr
    password = exported.stdout.strip()
    assert bool(password) is protect
    assert ("anyone with its password" in exported.stderr) is protect

    stdin = (password + "\n" if protect else "") + PASSPHRASE + "\n"
    imported = cli(target, "import", str(pdf), stdin=stdin)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == reference
    assert not list(tmp_path.glob("*.tmp"))
    original = interchange(source, reference, tmp_path / "original.json")
    brought = interchange(target, reference, tmp_path / "brought.json")
    assert brought == original
    assert brought["status"] == "final"


def test_a_wrong_password_imports_nothing(
    folders: tuple[Path, Path, str], target: Path, tmp_path: Path
) -> None:
    source, _, reference = folders
    pdf = tmp_path / "sent.pdf"
    assert cli(source, "export-pdf", reference, "-o", str(pdf), "--protect").returncode == 0
    imported = cli(target, "import", str(pdf), stdin="not-the-password\n" + PASSPHRASE + "\n")
    assert imported.returncode == 1
    assert "The password is not right for this PDF. Nothing was imported." in imported.stderr
    assert "Traceback" not in imported.stderr
    assert listed(target) == []


def test_a_pdf_without_data_imports_nothing(target: Path, tmp_path: Path) -> None:
    blank = tmp_path / "blank.pdf"
    assert run_cli("blank-form", "-o", str(blank)).returncode == 0
    imported = cli(target, "import", str(blank))
    assert imported.returncode == 1
    assert "This PDF was not made by CE Desktop, or carries no assessment data" in imported.stderr
    assert "Traceback" not in imported.stderr
    assert listed(target) == []
