"""Print: the PDF itself to the print system, off the UI thread, recorded only when taken.

The window's Print goes to a real private CUPS server (see ``tests/cups_server.py``)
where one can run here; the Windows path (pages drawn on a ``QPrinter``) is checked on
a PDF-file printer and by the pictures it draws.
"""

from __future__ import annotations

import io
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.chronology import Chronology
from ce_desktop.domain.model import Assessment, AuditAction
from ce_desktop.domain.settings import Settings
from ce_desktop.export import printer as print_system
from ce_desktop.export.pdf import render_assessment_pdf
from ce_desktop.export.printer import PrintCancelled, Sides
from ce_desktop.gui import printing
from ce_desktop.gui.export_actions import ExportActions
from ce_desktop.gui.printing import PrintFailed, print_pdf_to_printer, render_page
from tests.cups_server import PDF_QUEUE, CupsServer, missing, wait_for
from tests.factories import full_assessment
from tests.gui.fake_dialogs import RecordingDialogs

needs_cups = pytest.mark.skipif(bool(missing()), reason=missing() or "CUPS is here")


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


@pytest.fixture
def cups(monkeypatch: pytest.MonkeyPatch) -> Iterator[CupsServer]:
    server = CupsServer()
    try:
        server.start()
        monkeypatch.setenv("CUPS_SERVER", str(server.socket))
        yield server
    finally:
        server.remove()


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


# -- the pages drawn where the print system takes no PDF (Windows) ------------------------


def test_a_page_is_drawn_grey_on_white_paper_at_200_dpi(qtbot: QtBot, exported: bytes) -> None:
    data = QByteArray(exported)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)

    image = render_page(document, 0, dpi=1200)

    assert image.format() is image.Format.Format_Grayscale8
    assert not image.hasAlphaChannel()
    # A4 at 200 dpi, however fine the printer says it is.
    assert (image.width(), image.height()) == (1654, 2339)
    white = QColor("white").rgb()
    for x, y in ((0, 0), (image.width() - 1, 0), (0, image.height() - 1)):
        assert image.pixel(x, y) == white, "the paper is white without a mask"
    darkest = min(QColor(image.pixel(x, 60)).value() for x in range(0, image.width(), 2))
    assert darkest < 80, "the page's text is drawn"
    document.close()
    buffer.close()


def test_pages_drawn_on_a_printer_are_every_page_of_the_pdf(
    qtbot: QtBot, exported: bytes, tmp_path: Path, empty_temp: Path
) -> None:
    assert _pages(exported) > 3
    target = tmp_path / "printed.pdf"
    told: list[tuple[int, int]] = []

    printed = print_pdf_to_printer(
        exported, _pdf_printer(target), page_done=lambda page, pages: told.append((page, pages))
    )

    assert printed == _pages(exported)
    assert _pages(target.read_bytes()) == _pages(exported)
    assert told == [(page, printed) for page in range(1, printed + 1)]
    assert list(empty_temp.iterdir()) == []


def test_cancel_stops_the_drawn_pages(qtbot: QtBot, exported: bytes, tmp_path: Path) -> None:
    told: list[int] = []
    with pytest.raises(PrintCancelled):
        print_pdf_to_printer(
            exported,
            _pdf_printer(tmp_path / "printed.pdf"),
            page_done=lambda page, _pages: told.append(page),
            cancelled=lambda: len(told) >= 2,
        )
    assert told == [1, 2]


def test_bytes_that_are_not_a_pdf_fail_with_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(PrintFailed, match="could not be prepared for printing"):
        print_pdf_to_printer(b"not a pdf at all", _pdf_printer(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_the_dialogs_choices_are_read_for_the_print_system(qtbot: QtBot) -> None:
    printer = QPrinter()
    printer.setCopyCount(3)
    printer.setCollateCopies(False)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 4)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)

    options = printing.options_from(printer, "CE-20260101-ABCD")

    assert (options.copies, options.collate) == (3, False)
    assert (options.first_page, options.last_page) == (2, 4)
    # No printer here prints on both sides, so Qt keeps one-sided.
    assert options.sides is Sides.ONE_SIDED
    assert options.greyscale is True
    assert options.title == "CE-20260101-ABCD"


def test_a_pdf_file_printer_is_known_to_write_a_file(qtbot: QtBot, tmp_path: Path) -> None:
    assert printing.prints_to_a_file(_pdf_printer(tmp_path / "x.pdf"))


# -- the window's Print -------------------------------------------------------------------


class _Vault:
    """Only what printing touches: the audit record of an assessment, and the child's
    chronology of incidents (none here) for the PDF's appendix."""

    read_only = False

    def __init__(self, recorded: list[tuple[AuditAction, str]]) -> None:
        self.recorded = recorded

    def load_chronology(self, child_id: str) -> tuple[Chronology, list[str]]:
        return Chronology(child_id=child_id), []

    def save(self, updated: Assessment) -> None:
        self.recorded.append((updated.audit[-1].action, updated.audit[-1].detail))


class _Told:
    def __init__(self) -> None:
        self.informed: list[str] = []
        self.warned: list[str] = []
        self.asked: list[str] = []
        self.messages: list[str] = []


def _actions(
    qtbot: QtBot,
    catalogue: Catalogue,
    assessment: Assessment,
    recorded: list[tuple[AuditAction, str]],
    told: _Told,
) -> ExportActions:
    vault = _Vault(recorded)
    window = QWidget()
    qtbot.addWidget(window)
    actions = ExportActions(
        window,
        vault_provider=lambda: vault,  # type: ignore[arg-type, return-value]
        assessment_provider=lambda: assessment,
        settings_provider=Settings,
        catalogue=catalogue,
        save_now=lambda: True,
        # The dialogs write into ``told``'s lists; every question is answered "Not now".
        dialogs=RecordingDialogs(
            infos=told.informed, warnings=told.warned, questions=told.asked, answer=False
        ),
    )
    actions.message.connect(told.messages.append)
    actions.print_dialog = lambda _printer: True
    # Qt reads the list of printers once per process (see _CupsPrinter).
    actions.printer_lister = lambda: [PDF_QUEUE]
    return actions


def _print_and_wait(qtbot: QtBot, actions: ExportActions) -> None:
    ended: list[bool] = []
    actions.printing_changed.connect(lambda running: running or ended.append(True))
    actions.print_assessment()
    qtbot.waitUntil(lambda: bool(ended) and not actions._busy, timeout=120_000)


class _CupsPrinter(QPrinter):
    """The test server's queue as the dialog's choice.

    Qt reads the list of printers once per process, before this test's server ran,
    so it would not let ``setPrinterName`` choose the queue.
    """

    def printerName(self) -> str:
        return PDF_QUEUE


def _cups_printer() -> QPrinter:
    return _CupsPrinter(QPrinter.PrinterMode.HighResolution)


@pytest.fixture
def told() -> _Told:
    return _Told()


def test_with_no_printer_print_says_so_and_offers_no_dialog(
    qtbot: QtBot, catalogue: Catalogue, assessment: Assessment, told: _Told
) -> None:
    recorded: list[tuple[AuditAction, str]] = []
    actions = _actions(qtbot, catalogue, assessment, recorded, told)
    dialogs: list[QPrinter] = []
    actions.print_dialog = lambda printer: dialogs.append(printer) is None
    actions.printer_lister = list

    actions.print_assessment()

    assert told.informed == [printing.NO_PRINTER]
    assert dialogs == []
    assert recorded == []


def test_a_printer_that_writes_a_file_is_warned_of_and_a_protected_export_offered(
    qtbot: QtBot,
    catalogue: Catalogue,
    assessment: Assessment,
    told: _Told,
    tmp_path: Path,
) -> None:
    recorded: list[tuple[AuditAction, str]] = []
    actions = _actions(qtbot, catalogue, assessment, recorded, told)
    actions.printer_lister = lambda: ["Microsoft Print to PDF"]
    actions.printer_factory = lambda: _pdf_printer(tmp_path / "printed.pdf")
    assert isinstance(actions.dialogs, RecordingDialogs)
    actions.dialogs.answer = True  # "Export a protected PDF"
    chosen = tmp_path / "export.pdf"
    actions.file_chooser = lambda *_args: (str(chosen), "")
    passwords = actions.dialogs.passwords

    actions.print_assessment()
    qtbot.waitUntil(lambda: chosen.exists() and not actions._busy, timeout=60_000)

    [warning] = told.asked
    assert "does not print on paper" in warning
    assert "not encrypted" in warning
    assert not (tmp_path / "printed.pdf").exists()
    assert PdfReader(io.BytesIO(chosen.read_bytes())).is_encrypted
    assert len(passwords) == 1
    assert [action for action, _ in recorded] == [AuditAction.EXPORTED_PDF]


@needs_cups
def test_print_sends_the_pdf_and_records_the_job_the_print_system_took(
    qtbot: QtBot,
    catalogue: Catalogue,
    assessment: Assessment,
    exported: bytes,
    told: _Told,
    cups: CupsServer,
    empty_temp: Path,
) -> None:
    recorded: list[tuple[AuditAction, str]] = []
    actions = _actions(qtbot, catalogue, assessment, recorded, told)
    actions.printer_factory = _cups_printer
    # The test's cups-pdf queue is, by its nature, a printer that writes a file.
    actions.file_printer_check = lambda _printer: False

    _print_and_wait(qtbot, actions)

    assert told.warned == []
    assert "Sending to the printer…" in told.messages
    assert told.messages[-1] == "Sent to the printer."
    [(action, detail)] = recorded
    assert action is AuditAction.PRINTED
    job_id = detail.removeprefix("print job ")
    wait_for(lambda: cups.completed(job_id), "the job to print")
    [printed] = cups.printed(assessment.reference)
    assert _pages(printed.read_bytes()) == _pages(exported)
    assert list(empty_temp.iterdir()) == []


@needs_cups
@pytest.mark.parametrize("trouble", ["rejecting", "deleted", "stopped"])
def test_a_job_the_print_system_did_not_take_is_not_recorded(
    qtbot: QtBot,
    catalogue: Catalogue,
    assessment: Assessment,
    told: _Told,
    cups: CupsServer,
    trouble: str,
) -> None:
    recorded: list[tuple[AuditAction, str]] = []
    actions = _actions(qtbot, catalogue, assessment, recorded, told)
    actions.printer_factory = _cups_printer
    actions.file_printer_check = lambda _printer: False
    dialog = actions.print_dialog

    def choose_then_trouble(printer: QPrinter) -> bool:
        chosen = dialog(printer)
        if trouble == "rejecting":
            cups.run("cupsreject", PDF_QUEUE)
        elif trouble == "deleted":
            cups.run("lpadmin", "-x", PDF_QUEUE)
        else:
            cups.stop()
        return chosen

    actions.print_dialog = choose_then_trouble

    _print_and_wait(qtbot, actions)

    assert told.warned == [print_system.NOT_ACCEPTED]
    assert "Sent to the printer." not in told.messages
    assert recorded == []


@needs_cups
def test_cancel_stops_the_job_and_records_nothing(
    qtbot: QtBot,
    catalogue: Catalogue,
    assessment: Assessment,
    told: _Told,
    cups: CupsServer,
) -> None:
    recorded: list[tuple[AuditAction, str]] = []
    actions = _actions(qtbot, catalogue, assessment, recorded, told)
    actions.printer_factory = _cups_printer
    actions.file_printer_check = lambda _printer: False
    in_flight = threading.Event()
    go_on = threading.Event()

    def send(data: bytes, options: print_system.PrintOptions, **kw: object) -> object:
        def sent(_done: int, _total: int) -> None:
            in_flight.set()
            go_on.wait(60)

        return print_system.send_pdf(data, options, sent=sent, **kw)  # type: ignore[arg-type]

    actions.pdf_sender = send
    running: list[bool] = []
    actions.printing_changed.connect(running.append)

    actions.print_assessment()
    # The UI thread is free while the job is in flight: this test runs on it.
    qtbot.waitUntil(in_flight.is_set, timeout=60_000)
    assert running == [True]
    actions.cancel_print()
    go_on.set()
    qtbot.waitUntil(lambda: running == [True, False] and not actions._busy, timeout=60_000)

    assert told.messages[-1] == printing.PRINTING_STOPPED
    assert told.warned == []
    assert recorded == []


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.usefixtures("floor_kdf")
def test_locking_the_window_cancels_the_print_job(qtbot: QtBot, data_dir: Path) -> None:
    from PySide6.QtCore import Qt

    from ce_desktop.gui.main_window import MainWindow
    from ce_desktop.storage.vault import Vault
    from tests.gui.shell_support import (
        PASSPHRASE,
        StandInEditor,
        make_vault,
        saved_assessment,
        unlock,
    )

    vault, _key = make_vault(data_dir)
    saved = saved_assessment(vault, "Tamsin Imaginary-Person")
    vault.close()
    window = MainWindow(data_dir, editor_factory=StandInEditor)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    window.case_list.focus_list()
    qtbot.mouseClick(window.case_list.ui.openButton, Qt.MouseButton.LeftButton)

    actions = window.export_actions
    actions.printer_lister = lambda: ["Office laser"]
    actions.print_dialog = lambda _printer: True
    actions.file_printer_check = lambda _printer: False
    actions.print_system_available = lambda: True
    in_flight = threading.Event()
    stopped: list[bool] = []

    def send(_data: bytes, _options: object, *, cancelled: object) -> object:
        # A print system still taking the job, until the job is cancelled.
        in_flight.set()
        assert callable(cancelled)
        wait_for(cancelled, "the job to be cancelled", seconds=60)
        stopped.append(True)
        raise PrintCancelled

    actions.pdf_sender = send
    actions.print_assessment()
    qtbot.waitUntil(in_flight.is_set, timeout=60_000)
    assert window.cancel_print_button.isVisibleTo(window)

    window.lock()

    qtbot.waitUntil(lambda: bool(stopped) and not actions._busy, timeout=60_000)
    assert not window.cancel_print_button.isVisibleTo(window)
    vault = Vault.unlock(data_dir, PASSPHRASE)
    try:
        audit = vault.load(saved.id).audit
    finally:
        vault.close()
    assert AuditAction.PRINTED not in [event.action for event in audit]
