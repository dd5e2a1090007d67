"""``ce-desktop print`` run as a script would run it, against a real private CUPS server."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from pypdf import PdfReader

from ce_desktop.domain.model import AuditAction
from tests.cups_server import PDF_QUEUE, CupsServer, missing, wait_for
from tests.e2e.cli_support import PASSPHRASE, load_from, make_data_folder, run_cli
from tests.factories import full_assessment

pytestmark = pytest.mark.skipif(bool(missing()), reason=missing() or "CUPS is here")


@pytest.fixture
def vault_folder(tmp_path: Path) -> tuple[Path, str]:
    """A data folder holding one long, fully filled assessment, and its reference."""
    assessment = full_assessment(narrative_words=300)
    return make_data_folder(tmp_path / "data", assessment), assessment.reference


@pytest.fixture
def cups() -> Iterator[CupsServer]:
    server = CupsServer()
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture
def temp(tmp_path: Path) -> Path:
    folder = tmp_path / "temp"
    folder.mkdir()
    return folder


def _files(folder: Path) -> list[Path]:
    """The data folder's files, less the single-instance lock (a process id, no data)."""
    return sorted(
        path.relative_to(folder) for path in folder.rglob("*") if path.name != "ce-desktop.lock"
    )


def _env(cups: CupsServer, temp: Path) -> dict[str, str]:
    return {**cups.env, "TMPDIR": str(temp), "LC_ALL": "C.UTF-8"}


def _print_args(folder: Path, reference: str, *more: str) -> list[str]:
    return ["print", "--data-dir", str(folder), "--passphrase-stdin", reference, *more]


def _audit(folder: Path, reference: str) -> list[AuditAction]:
    return [event.action for event in load_from(folder, reference).audit]


def test_print_sends_the_pdf_and_records_it(
    vault_folder: tuple[Path, str], cups: CupsServer, temp: Path
) -> None:
    folder, reference = vault_folder

    result = run_cli(
        *_print_args(folder, reference, "--printer", PDF_QUEUE, "--copies", "1"),
        stdin=PASSPHRASE + "\n",
        env=_env(cups, temp),
    )

    assert result.returncode == 0, result.stderr
    assert f"Sent to the printer. Print job {PDF_QUEUE}-" in result.stderr
    # The test's queue is a PDF printer, so the warning about files is given too.
    assert "writes a file, not paper" in result.stderr
    assert _audit(folder, reference)[-1] is AuditAction.PRINTED
    job_id = result.stderr.split("Print job ")[1].split(".")[0]
    wait_for(lambda: cups.completed(job_id), "the job to print")
    [printed] = cups.printed(reference)
    assert len(PdfReader(io.BytesIO(printed.read_bytes())).pages) > 3
    assert list(temp.iterdir()) == []


def test_a_refused_job_exits_1_with_the_plain_message(
    vault_folder: tuple[Path, str], cups: CupsServer, temp: Path
) -> None:
    folder, reference = vault_folder
    cups.run("cupsreject", PDF_QUEUE)

    result = run_cli(
        *_print_args(folder, reference, "--printer", PDF_QUEUE),
        stdin=PASSPHRASE + "\n",
        env=_env(cups, temp),
    )

    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "ce-desktop: The printer did not accept the job: nothing was printed."
    )
    assert "Traceback" not in result.stderr
    assert AuditAction.PRINTED not in _audit(folder, reference)


def test_with_no_printer_it_says_so(
    vault_folder: tuple[Path, str], cups: CupsServer, temp: Path
) -> None:
    folder, reference = vault_folder
    cups.run("lpadmin", "-x", PDF_QUEUE)

    result = run_cli(*_print_args(folder, reference), stdin=PASSPHRASE + "\n", env=_env(cups, temp))

    assert result.returncode == 1
    assert "No printer is set up on this computer, so nothing was printed." in result.stderr
    assert AuditAction.PRINTED not in _audit(folder, reference)


def test_no_temporary_file_while_in_flight_nor_after_the_app_is_killed(
    vault_folder: tuple[Path, str], cups: CupsServer, temp: Path
) -> None:
    folder, reference = vault_folder
    before = _files(folder)
    # A print server that does not answer holds the job in flight for as long as needed.
    cups.pause()
    app = subprocess.Popen(
        [sys.executable, "-m", "ce_desktop", *_print_args(folder, reference, "--printer", "x")],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(cups, temp),
    )
    try:
        assert app.stdin is not None
        app.stdin.write((PASSPHRASE + "\n").encode())
        app.stdin.close()
        process = psutil.Process(app.pid)

        def lp_started() -> bool:
            return any(child.name() == "lp" for child in process.children())

        wait_for(lp_started, "the app to hand the job to lp")
        [lp] = [child for child in process.children() if child.name() == "lp"]
        assert list(temp.rglob("*")) == [], "nothing in the temporary folder mid-job"
        assert _files(folder) == before

        os.kill(app.pid, signal.SIGKILL)
        app.wait(timeout=60)
        lp.kill()
        lp.wait(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        cups.resume()

    assert list(temp.rglob("*")) == [], "nothing left in the temporary folder"
    assert _files(folder) == before
    assert AuditAction.PRINTED not in _audit(folder, reference)


def test_an_unreadable_chronology_is_said_and_printed_as_such(
    vault_folder: tuple[Path, str], cups: CupsServer, temp: Path
) -> None:
    folder, reference = vault_folder
    added = run_cli(
        "incident",
        "add",
        reference,
        "--data-dir",
        str(folder),
        "--passphrase-stdin",
        "--date",
        "01/03/2026",
        "--agency",
        "Fictional Police",
        "--by",
        "Alex Worker",
        stdin=PASSPHRASE + "\nSeen at the fictional Nortown station.\n",
    )
    assert added.returncode == 0, added.stderr
    for path in (folder / "incidents").iterdir():
        path.write_bytes(b"damaged in transit")

    result = run_cli(
        *_print_args(folder, reference, "--printer", PDF_QUEUE),
        stdin=PASSPHRASE + "\n",
        env=_env(cups, temp),
    )

    assert result.returncode == 0, result.stderr
    assert "The chronology of this child's incidents could not be read" in result.stderr
    assert "Nortown" not in result.stderr
    job_id = result.stderr.split("Print job ")[1].split(".")[0]
    wait_for(lambda: cups.completed(job_id), "the job to print")
    [printed] = cups.printed(reference)
    last = PdfReader(io.BytesIO(printed.read_bytes())).pages[-1].extract_text()
    assert "The chronology could not be read when this copy was made" in " ".join(last.split())
