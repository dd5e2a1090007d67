"""Printing prints the exported PDF itself, page for page, with no plaintext temp file."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.domain.catalogue import Catalogue, default_catalogue
from ce_desktop.domain.model import Assessment, AuditAction
from ce_desktop.domain.settings import Settings
from ce_desktop.export.pdf import render_assessment_pdf
from ce_desktop.gui.export_actions import ExportActions
from ce_desktop.gui.printing import PrintFailed, print_pdf_to_printer
from tests.factories import full_assessment


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.fixture(scope="module")
def assessment(catalogue: Catalogue) -> Assessment:
    # Long narratives, so the PDF runs to many pages.
    return full_assessment(narrative_words=300, catalogue=catalogue)


@pytest.fixture(scope="module")
def exported(catalogue: Catalogue, assessment: Assessment) -> bytes:
    """The PDF that Export PDF would write for the assessment."""
    return render_assessment_pdf(assessment, catalogue)


@pytest.fixture
def empty_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder, empty, so any file printing leaves there is seen."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_printing_gives_as_many_pages_as_the_exported_pdf(
    qtbot: QtBot, exported: bytes, tmp_path: Path, empty_temp: Path
) -> None:
    assert _pages(exported) > 3
    target = tmp_path / "printed.pdf"

    printed = print_pdf_to_printer(exported, _pdf_printer(target))

    assert printed == _pages(exported)
    assert _pages(target.read_bytes()) == _pages(exported)
    assert list(empty_temp.iterdir()) == []


def test_a_letter_printer_gets_every_a4_page(qtbot: QtBot, exported: bytes, tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    printer = _pdf_printer(target)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))

    assert print_pdf_to_printer(exported, printer) == _pages(exported)
    assert _pages(target.read_bytes()) == _pages(exported)


def test_bytes_that_are_not_a_pdf_fail_with_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(PrintFailed, match="could not be prepared for printing"):
        print_pdf_to_printer(b"not a pdf at all", _pdf_printer(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def _actions(
    qtbot: QtBot, catalogue: Catalogue, assessment: Assessment, recorded: list[AuditAction]
) -> ExportActions:
    class Vault:
        """Only what printing touches: the audit record of an assessment."""

        def save(self, updated: Assessment) -> None:
            recorded.append(updated.audit[-1].action)

    vault = Vault()
    window = QWidget()
    qtbot.addWidget(window)
    return ExportActions(
        window,
        vault_provider=lambda: vault,  # type: ignore[arg-type, return-value]
        assessment_provider=lambda: assessment,
        settings_provider=Settings,
        catalogue=catalogue,
        save_now=lambda: True,
    )


def test_print_action_prints_the_same_pdf_and_notes_it(
    qtbot: QtBot,
    catalogue: Catalogue,
    assessment: Assessment,
    exported: bytes,
    tmp_path: Path,
    empty_temp: Path,
) -> None:
    recorded: list[AuditAction] = []
    actions = _actions(qtbot, catalogue, assessment, recorded)
    target = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []
    actions.printer_factory = lambda: _pdf_printer(target)
    actions.print_dialog = lambda printer: asked.append(printer) is None

    with qtbot.waitSignal(actions.busy_changed, check_params_cb=lambda busy: not busy):
        actions.print_assessment()

    assert len(asked) == 1
    assert _pages(target.read_bytes()) == _pages(exported)
    assert recorded == [AuditAction.PRINTED]
    assert list(empty_temp.iterdir()) == []


def test_cancelling_the_print_dialog_prints_nothing(
    qtbot: QtBot, catalogue: Catalogue, assessment: Assessment, tmp_path: Path
) -> None:
    recorded: list[AuditAction] = []
    actions = _actions(qtbot, catalogue, assessment, recorded)
    target = tmp_path / "printed.pdf"
    actions.printer_factory = lambda: _pdf_printer(target)
    actions.print_dialog = lambda _printer: False

    with qtbot.waitSignal(actions.busy_changed, check_params_cb=lambda busy: not busy):
        actions.print_assessment()

    assert not target.exists()
    assert recorded == []
