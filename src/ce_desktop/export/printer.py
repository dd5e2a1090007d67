"""The print system, without Qt: hand the exported PDF itself to CUPS (PRODUCT §3.9).

Where CUPS is there (Linux, macOS), the PDF's bytes go to ``lp`` on its standard
input, with the printer, copies, pages, sides and colour the worker chose in the print
dialog. Nothing is written to a temporary file by CE Desktop, and what prints is the
same vector PDF as the export. The job is named by the assessment's reference, which
carries no personal data.

The truth about a job comes from the print system: a job counts as sent only when
``lp`` answers with a job id (``request id is QUEUE-N``). Any other answer, no answer
within a bounded time, or a print system that is not there, is :class:`PrintRefused`
with a plain sentence, and nothing is to be recorded as printed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

log = logging.getLogger(__name__)

NOT_ACCEPTED = "The printer did not accept the job: nothing was printed."
NO_ANSWER = (
    "The print system did not answer within {seconds} seconds, so CE Desktop stopped "
    "the job: nothing was printed. Check the printer, then try again."
)
NO_PRINT_SYSTEM = "No print system was found on this computer: nothing was printed."
SENT = "Sent to the printer."
WAITING = (
    "The print system has the job, but the printer is stopped: the job is waiting and "
    "prints when the printer is started again."
)
ANSWER_SECONDS = 60
"""How long the print system may take to take the job before CE Desktop gives up."""

_CHUNK = 16 * 1024
_JOB_ID = re.compile(r"request id is (\S+)")
_FILE_SCHEMES = ("file:", "cups-pdf:", "pdf:")
_FILE_PORTS = ("FILE:", "PORTPROMPT:", "NUL:")
_FILE_NAMES = re.compile(r"\bpdf\b|\bxps\b|onenote|print to file|document writer", re.IGNORECASE)


class PrintRefused(Exception):
    """The print system did not take the job; ``str(error)`` is a plain sentence."""


class PrintCancelled(Exception):
    """The worker (or locking the app) stopped the job before the print system had it."""


class Sides(StrEnum):
    """Which sides of the paper to print on, in IPP's own words."""

    PRINTER_DEFAULT = ""
    ONE_SIDED = "one-sided"
    LONG_EDGE = "two-sided-long-edge"
    SHORT_EDGE = "two-sided-short-edge"


@dataclass(frozen=True)
class PrintOptions:
    """What the worker chose in the print dialog (or on the command line).

    Attributes:
        printer: the print queue's name; empty for the system's default printer.
        title: the job's name in the queue: the assessment's reference.
        copies: how many copies.
        first_page: with ``last_page``, the pages to print (1-based); 0 for all.
        last_page: the last page to print; 0 for all.
        sides: one- or two-sided, or the printer's default.
        greyscale: True for black and white, False for colour, None for the default.
        collate: whole copies one after another, rather than each page N times.
    """

    printer: str
    title: str
    copies: int = 1
    first_page: int = 0
    last_page: int = 0
    sides: Sides = Sides.PRINTER_DEFAULT
    greyscale: bool | None = None
    collate: bool = True


@dataclass(frozen=True)
class PrintOutcome:
    """The print system took the job.

    Attributes:
        job_id: the print system's name for the job (``QUEUE-N``).
        waiting: the printer is stopped, so the job waits in its queue.
    """

    job_id: str
    waiting: bool = False

    @property
    def message(self) -> str:
        """What to tell the worker."""
        return WAITING if self.waiting else SENT

    @property
    def audit_detail(self) -> str:
        """What the audit trail notes with PRINTED (no field value, ever)."""
        return f"print job {self.job_id}" + (", waiting in a stopped queue" if self.waiting else "")


def available() -> bool:
    """Whether this computer has CUPS's ``lp``, so a PDF can be handed over as it is."""
    return shutil.which("lp") is not None


def _lpstat(*args: str, timeout: float = 5) -> str:
    """``lpstat``'s answer in English, or "" when it has none."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return ""
    try:
        done = subprocess.run(
            [lpstat, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=_english(),
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def printers() -> list[str]:
    """The names of the print queues the print system offers (empty if none, or no CUPS)."""
    return [line.strip() for line in _lpstat("-e").splitlines() if line.strip()]


def device_of(printer: str) -> str:
    """Where a queue sends its jobs (its device URI), or "" when it cannot be told."""
    for line in _lpstat("-v", printer).splitlines():
        # device for QUEUE: URI
        head, _, uri = line.partition(": ")
        if head.strip() == f"device for {printer}":
            return uri.strip()
    return ""


def writes_a_file(printer: str, device: str | None = None) -> bool:
    """Whether a printer writes a file rather than paper (PDF, XPS, OneNote, print to file).

    Such a file is an unencrypted copy of the whole assessment, left wherever the
    driver puts it.

    Args:
        printer: the printer's name as the system shows it.
        device: its device URI or port, if known (looked up from CUPS when None).
    """
    if _FILE_NAMES.search(printer):
        return True
    where = device_of(printer) if device is None else device
    return where.lower().startswith(_FILE_SCHEMES) or where.upper().startswith(_FILE_PORTS)


def lp_command(lp: str, options: PrintOptions) -> list[str]:
    """The ``lp`` command line for these options; the PDF itself comes on standard input."""
    command = [lp]
    if options.printer:
        command += ["-d", options.printer]
    command += ["-t", options.title, "-n", str(max(1, options.copies))]
    if options.first_page > 0:
        last = max(options.first_page, options.last_page)
        command += ["-P", f"{options.first_page}-{last}"]
    if options.sides:
        command += ["-o", f"sides={options.sides.value}"]
    if options.greyscale is not None:
        command += ["-o", f"print-color-mode={'monochrome' if options.greyscale else 'color'}"]
    if options.copies > 1:
        command += ["-o", f"collate={'true' if options.collate else 'false'}"]
    command += ["-o", "document-format=application/pdf"]
    return command


def send_pdf(
    pdf: bytes,
    options: PrintOptions,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    sent: Callable[[int, int], None] = lambda _done, _total: None,
    answer_seconds: float = ANSWER_SECONDS,
) -> PrintOutcome:
    """Give ``pdf`` to the print system as it is, and return only once it has the job.

    Call off the UI thread: it waits for the print system.

    Args:
        pdf: the exported PDF.
        options: printer, copies and the rest, from the print dialog.
        cancelled: asked often; True stops the job (the Cancel button, or locking)
            while the PDF is still being handed over.
        sent: told how many bytes of the PDF have gone, out of how many.
        answer_seconds: how long the print system may take before the job is stopped.

    Raises:
        PrintRefused: the print system did not take the job (plain sentence).
        PrintCancelled: ``cancelled`` said stop before the print system had the job.
    """
    lp = shutil.which("lp")
    if lp is None:
        raise PrintRefused(NO_PRINT_SYSTEM)
    try:
        process = subprocess.Popen(
            lp_command(lp, options),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_english(),
        )
    except OSError:
        raise PrintRefused(NO_PRINT_SYSTEM) from None
    handed_over = threading.Event()
    feeder = threading.Thread(
        target=_feed,
        args=(process, pdf, cancelled, sent, handed_over),
        name="print-feed",
        daemon=True,
    )
    feeder.start()
    deadline = time.monotonic() + answer_seconds
    try:
        while True:
            try:
                process.wait(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                pass
            # Once the whole PDF is handed over, the print system has the job: Cancel
            # then waits for its answer rather than leave the job's fate unknown.
            if cancelled() and not handed_over.is_set():
                raise PrintCancelled
            if time.monotonic() > deadline:
                raise PrintRefused(NO_ANSWER.format(seconds=round(answer_seconds)))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        feeder.join()
        answer = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
        complaint = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
    found = _JOB_ID.search(answer)
    if process.returncode != 0 or found is None:
        # lp's own words name the printer and the job, never the document's content.
        log.warning("The print system refused a job: %s", complaint.strip()[:200])
        raise PrintRefused(NOT_ACCEPTED)
    return PrintOutcome(found.group(1), waiting=_stopped(options.printer))


def _feed(
    process: subprocess.Popen[bytes],
    pdf: bytes,
    cancelled: Callable[[], bool],
    sent: Callable[[int, int], None],
    handed_over: threading.Event,
) -> None:
    """Write the PDF to ``lp`` in pieces, so that Cancel is heard between them.

    Only a complete PDF ends with the pipe closed: closing it early would hand the
    print system half a document as if it were whole. On Cancel, ``lp`` is killed
    instead, and the print system drops the unfinished job.
    """
    stdin = process.stdin
    if stdin is None:  # pragma: no cover - always a pipe here
        return
    try:
        for start in range(0, len(pdf), _CHUNK):
            if cancelled():
                return
            stdin.write(pdf[start : start + _CHUNK])
            stdin.flush()
            sent(min(start + _CHUNK, len(pdf)), len(pdf))
        stdin.close()
        handed_over.set()
    except OSError:
        # lp went away (refused, or was stopped): its exit code tells what happened.
        pass


def _stopped(printer: str) -> bool:
    """Whether the queue is stopped (jobs wait in it until someone starts it)."""
    name = printer or _lpstat("-d").rpartition(": ")[2].strip()
    return bool(name) and f"printer {name} disabled" in _lpstat("-p", name)


def _english() -> dict[str, str]:
    # lp's answers are read ("request id is ..."), so they must not be translated.
    return {**os.environ, "LC_ALL": "C", "LANG": "C"}
