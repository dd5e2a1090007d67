"""The PDF itself goes to a real CUPS server, and only its answer counts as printed."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from ce_desktop.domain.catalogue import Catalogue, default_catalogue
from ce_desktop.domain.model import Assessment
from ce_desktop.export import printer
from ce_desktop.export.pdf import render_assessment_pdf
from ce_desktop.export.printer import PrintCancelled, PrintOptions, PrintRefused, Sides
from tests.cups_server import PDF_QUEUE, CupsServer, missing, wait_for
from tests.factories import full_assessment

needs_cups = pytest.mark.skipif(bool(missing()), reason=missing() or "CUPS is here")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.fixture(scope="module")
def assessment(catalogue: Catalogue) -> Assessment:
    return full_assessment(narrative_words=300, catalogue=catalogue)


@pytest.fixture(scope="module")
def exported(catalogue: Catalogue, assessment: Assessment) -> bytes:
    return render_assessment_pdf(assessment, catalogue)


@pytest.fixture
def cups(monkeypatch: pytest.MonkeyPatch) -> Iterator[CupsServer]:
    server = CupsServer()
    try:
        server.start()
        monkeypatch.setenv("CUPS_SERVER", str(server.socket))
        yield server
    finally:
        server.remove()


def _options(title: str, **chosen: object) -> PrintOptions:
    return PrintOptions(printer=PDF_QUEUE, title=title, **chosen)  # type: ignore[arg-type]


def _page_texts(pdf: bytes) -> list[str]:
    """Each page's text, as far as it survives CUPS's PostScript step.

    Compared without spaces (Ghostscript re-spaces words) and in ASCII: the glyphs of
    other letters print the same, but lose the map back to their letters on the way
    through PostScript, so their text cannot be read back. The pictures compare them.
    """
    texts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = page.extract_text().replace("\u2019", "'")
        texts.append("".join(c for c in text if c.isascii() and c.isprintable() and c != " "))
    return texts


def _page_pictures(pdf: bytes, folder: Path) -> list[bytes]:
    """Each page drawn in grey at 20 dpi (pdftoppm), as raw pixels."""
    folder.mkdir()
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "20", "-", str(folder / "page")], input=pdf, check=True
    )
    return [Image.open(path).tobytes() for path in sorted(folder.glob("page-*.pgm"))]


def _differ(first: bytes, second: bytes) -> float:
    """The mean difference of two same-sized pictures' pixels, 0-255."""
    assert len(first) == len(second)
    return sum(abs(a - b) for a, b in zip(first, second, strict=True)) / len(first)


def _printed(cups: CupsServer, title: str, job_id: str) -> bytes:
    wait_for(lambda: cups.completed(job_id), "the job to print")
    [path] = cups.printed(title)
    return path.read_bytes()


def _no_job_printed(cups: CupsServer, title: str, exported: bytes) -> None:
    # A job stopped half-way stays in the queue, unprintable, until CUPS drops it; a
    # job sent after it printing shows the queue went on without printing it.
    outcome = printer.send_pdf(exported, _options(f"{title}-NEXT"))
    _printed(cups, f"{title}-NEXT", outcome.job_id)
    assert [path.name for path in cups.printed(title)] == [
        path.name for path in cups.printed(f"{title}-NEXT")
    ]


def test_the_command_carries_every_choice_of_the_print_dialog() -> None:
    options = PrintOptions(
        printer="Office",
        title="CE-20260101-ABCD",
        copies=2,
        first_page=3,
        last_page=5,
        sides=Sides.LONG_EDGE,
        greyscale=True,
        collate=False,
    )
    assert printer.lp_command("lp", options) == [
        "lp",
        "-d",
        "Office",
        "-t",
        "CE-20260101-ABCD",
        "-n",
        "2",
        "-P",
        "3-5",
        "-o",
        "sides=two-sided-long-edge",
        "-o",
        "print-color-mode=monochrome",
        "-o",
        "collate=false",
        "-o",
        "document-format=application/pdf",
    ]


def test_the_default_choices_leave_the_printer_its_own_defaults() -> None:
    command = printer.lp_command("lp", PrintOptions(printer="", title="CE-20260101-ABCD"))
    assert command == [
        *("lp", "-t", "CE-20260101-ABCD", "-n", "1"),
        *("-o", "document-format=application/pdf"),
    ]


@pytest.mark.parametrize(
    ("name", "device", "writes"),
    [
        ("Microsoft Print to PDF", "PORTPROMPT:", True),
        ("Microsoft XPS Document Writer", "", True),
        ("OneNote for Windows 10", "", True),
        ("Office laser", "FILE:", True),
        ("Office laser", "file:///home/worker/out.ps", True),
        ("Office laser", "cups-pdf:/", True),
        ("Office laser", "ipp://printserver/printers/laser", False),
        ("Office laser", "socket://10.1.1.1:9100", False),
    ],
)
def test_printers_that_write_a_file_are_known(name: str, device: str, writes: bool) -> None:
    assert printer.writes_a_file(name, device) is writes


def test_the_audit_note_names_the_job_and_nothing_else() -> None:
    assert printer.PrintOutcome("ce-pdf-7").audit_detail == "print job ce-pdf-7"
    assert printer.PrintOutcome("ce-pdf-7").message == "Sent to the printer."
    waiting = printer.PrintOutcome("ce-pdf-8", waiting=True)
    assert "waiting" in waiting.audit_detail
    assert "waiting" in waiting.message


def test_with_no_print_system_nothing_is_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert not printer.available()
    with pytest.raises(PrintRefused, match="No print system"):
        printer.send_pdf(b"%PDF-1.4", _options("CE-20260101-NONE"))


@needs_cups
def test_the_printed_output_is_the_same_pdf(
    cups: CupsServer, exported: bytes, tmp_path: Path
) -> None:
    outcome = printer.send_pdf(exported, _options("CE-20260101-SAME"))

    assert outcome.job_id.startswith(f"{PDF_QUEUE}-")
    assert not outcome.waiting
    printed = _printed(cups, "CE-20260101-SAME", outcome.job_id)
    expected = _page_texts(exported)
    assert len(expected) > 3
    # Same page count and, page by page, the same text: headers, markings and all.
    assert _page_texts(printed) == expected
    for page in expected:
        assert "OFFICIAL-SENSITIVE" in page
    # Every page's markings, where the eye sees them.
    pictures = zip(
        _page_pictures(exported, tmp_path / "exported"),
        _page_pictures(printed, tmp_path / "printed"),
        strict=True,
    )
    for number, (sent, came_out) in enumerate(pictures, start=1):
        # Same pages differ by under 3 (anti-aliasing), different pages by over 20.
        assert _differ(sent, came_out) < 5, f"page {number} differs"
    assert len(printed) < 2 * len(exported), "the vector PDF, not page images"


@needs_cups
def test_the_chosen_pages_are_the_ones_printed(cups: CupsServer, exported: bytes) -> None:
    outcome = printer.send_pdf(exported, _options("CE-20260101-PAGE", first_page=2, last_page=3))

    printed = _printed(cups, "CE-20260101-PAGE", outcome.job_id)
    assert _page_texts(printed) == _page_texts(exported)[1:3]


@needs_cups
def test_a_rejecting_queue_prints_nothing(cups: CupsServer, exported: bytes) -> None:
    cups.run("cupsreject", PDF_QUEUE)

    with pytest.raises(PrintRefused, match=r"^The printer did not accept the job: nothing"):
        printer.send_pdf(exported, _options("CE-20260101-REJE"))
    cups.run("cupsaccept", PDF_QUEUE)
    _no_job_printed(cups, "CE-20260101-REJE", exported)


@needs_cups
def test_a_printer_deleted_during_the_job_prints_nothing(cups: CupsServer, exported: bytes) -> None:
    deleted: list[bool] = []

    def delete_the_printer(done: int, total: int) -> None:
        if not deleted:
            cups.run("lpadmin", "-x", PDF_QUEUE)
            deleted.append(True)

    assert len(exported) > 2 * 16 * 1024, "the job must be sent in several pieces"
    with pytest.raises(PrintRefused, match="did not accept the job"):
        printer.send_pdf(exported, _options("CE-20260101-GONE"), sent=delete_the_printer)
    assert deleted
    assert cups.printed("CE-20260101-GONE") == []


@needs_cups
def test_a_stopped_print_server_prints_nothing(cups: CupsServer, exported: bytes) -> None:
    cups.stop()

    with pytest.raises(PrintRefused, match="did not accept the job"):
        printer.send_pdf(exported, _options("CE-20260101-DEAD"))


@needs_cups
def test_a_print_server_that_does_not_answer_is_given_up_on(
    cups: CupsServer, exported: bytes
) -> None:
    cups.pause()
    try:
        with pytest.raises(PrintRefused, match="did not answer within 1 seconds"):
            printer.send_pdf(exported, _options("CE-20260101-HUNG"), answer_seconds=1)
    finally:
        cups.resume()
    _no_job_printed(cups, "CE-20260101-HUNG", exported)


@needs_cups
def test_a_stopped_queue_says_the_job_is_waiting(cups: CupsServer, exported: bytes) -> None:
    cups.run("cupsdisable", PDF_QUEUE)

    outcome = printer.send_pdf(exported, _options("CE-20260101-WAIT"))

    assert outcome.waiting
    assert "waiting" in outcome.message
    assert outcome.job_id in cups.run("lpstat", "-o", PDF_QUEUE)


@needs_cups
def test_cancel_stops_the_job_before_the_printer_has_it(cups: CupsServer, exported: bytes) -> None:
    pieces: list[int] = []

    with pytest.raises(PrintCancelled):
        printer.send_pdf(
            exported,
            _options("CE-20260101-STOP"),
            cancelled=lambda: bool(pieces),
            sent=lambda done, _total: pieces.append(done),
        )
    assert pieces
    assert pieces[-1] < len(exported)
    _no_job_printed(cups, "CE-20260101-STOP", exported)


@needs_cups
def test_no_temporary_file_exists_while_the_job_is_in_flight(
    cups: CupsServer, exported: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    seen: list[list[Path]] = []

    def look(_done: int, _total: int) -> None:
        seen.append(list(temp.rglob("*")))

    outcome = printer.send_pdf(exported, _options("CE-20260101-TEMP"), sent=look)

    assert len(seen) > 1
    assert all(found == [] for found in seen)
    assert _printed(cups, "CE-20260101-TEMP", outcome.job_id)
    assert list(temp.rglob("*")) == []


@needs_cups
def test_printers_lists_the_queues(cups: CupsServer) -> None:
    assert printer.printers() == [PDF_QUEUE]
    assert printer.device_of(PDF_QUEUE).startswith("cups-pdf:")
    assert printer.writes_a_file(PDF_QUEUE)


def test_lp_output_without_a_job_id_is_not_taken_as_sent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # An lp that exits 0 yet names no job (a stand-in, as no real CUPS does this).
    fake = tmp_path / "lp"
    fake.write_text("#!/bin/sh\ncat >/dev/null\necho 'done'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    assert subprocess.run(["lp"], input=b"", check=False).returncode == 0

    with pytest.raises(PrintRefused, match="did not accept the job"):
        printer.send_pdf(b"%PDF-1.4", _options("CE-20260101-NOID"))
