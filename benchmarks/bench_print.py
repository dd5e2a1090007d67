"""Printing the long assessment: what the print system is given, and the UI thread meanwhile.

The assessment is the export benchmark's (every indicator with a 2,000-word
narrative, some 65 pages). It is printed through the window's own Print action to a
private CUPS server with a cups-pdf queue (``tests/cups_server.py``), the print
dialog answered at once. Two figures:

- the job's size as the print system holds it (its spool file, read while the queue
  is stopped so the job stays there), against the exported PDF's size; budget 2x;
- the longest time the UI thread did not answer during the whole print (the longest
  gap of a 1 ms timer on it, from Print until the print system has the job, the
  rendering in the background included); budget 100 ms.

It needs what the printing tests need (root, cupsd, cups-pdf: ``bash scripts/setup.sh
--for-tests``); without them it reports nothing.

Run: ``.venv/bin/python -m benchmarks.bench_print``.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
from pathlib import Path

from benchmarks.bench_export import NARRATIVE_WORDS
from benchmarks.common import Row, format_table

JOB_RATIO_BUDGET = 2.0
UI_BLOCK_BUDGET_MS = 100


def measure(runs: int = 5) -> list[Row]:
    """The job-size and UI-thread rows, or none where no private CUPS server can run."""
    from tests.cups_server import PDF_QUEUE, CupsServer, missing, wait_for

    why = missing()
    if why:
        print(f"bench_print: skipped ({why})", file=sys.stderr)
        return []
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pypdf import PdfReader
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication, QWidget

    from ce_desktop.domain.catalogue import default_catalogue
    from ce_desktop.domain.settings import Settings
    from ce_desktop.gui.export_actions import ExportActions
    from ce_desktop.usecases.printing import render_for_print
    from tests.factories import full_assessment

    class QueuePrinter(QPrinter):
        # Qt reads the list of printers once per process: name the queue outright.
        def printerName(self) -> str:
            return PDF_QUEUE

    class Vault:
        def save(self, _assessment: object) -> None:
            pass

    app = QApplication.instance() or QApplication([])  # noqa: F841 - kept alive
    catalogue = default_catalogue()
    assessment = full_assessment(NARRATIVE_WORDS, catalogue)
    pdf = render_for_print(assessment, catalogue, mash_address=Settings().mash_address)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    server = CupsServer()
    vault = Vault()
    try:
        server.start()
        os.environ["CUPS_SERVER"] = str(server.socket)
        server.run("cupsdisable", PDF_QUEUE)
        window = QWidget()
        actions = ExportActions(
            window,
            vault_provider=lambda: vault,  # type: ignore[arg-type, return-value]
            assessment_provider=lambda: assessment,
            settings_provider=Settings,
            catalogue=catalogue,
            save_now=lambda: True,
        )
        actions.printer_lister = lambda: [PDF_QUEUE]
        actions.printer_factory = lambda: QueuePrinter(QPrinter.PrinterMode.HighResolution)
        actions.print_dialog = lambda _printer: True
        actions.file_printer_check = lambda _printer: False  # cups-pdf writes a file
        job_sizes: list[int] = []
        blocks: list[float] = []
        idle: list[float] = []
        said: list[str] = []
        loop = QEventLoop()

        def heard(text: str) -> None:
            said.append(text)
            if text.startswith("The print system has the job") or "did not" in text:
                loop.quit()

        actions.message.connect(heard)
        clock = QElapsedTimer()
        gaps = [0.0, 0.0]  # the last tick and the longest gap between ticks, in ms

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e6
            gaps[1] = max(gaps[1], now - gaps[0])
            gaps[0] = now

        # A 1 ms timer on the UI thread: its longest gap is the longest time the window
        # could not have answered. (The event loop runs by exec(): calling
        # processEvents() in a loop breaks None's reference count in PySide6 6.12.)
        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(tick)
        for _ in range(runs):
            said.clear()
            clock.start()
            gaps[:] = [0.0, 0.0]
            timer.start()
            QTimer.singleShot(0, actions.print_assessment)
            QTimer.singleShot(300_000, loop.quit)
            loop.exec()
            timer.stop()
            if not said or not said[-1].startswith("The print system has the job"):
                raise RuntimeError(f"printing did not finish: {said}")
            longest = gaps[1] / 1000
            # The same timer for as long again with nothing printing: what the machine
            # itself costs (a busy machine's scheduler delays the timer too).
            gaps[:] = [0.0, 0.0]
            quiet = clock.elapsed()
            clock.start()
            timer.start()
            QTimer.singleShot(max(1, quiet), loop.quit)
            loop.exec()
            timer.stop()
            idle.append(gaps[1])
            blocks.append(longest * 1000)
            job_sizes.append(_spooled_size(server.root / "spool"))
            server.run("cancel", "-a", PDF_QUEUE)
            wait_for(lambda: not list((server.root / "spool").glob("d*")), "the job to go")
    finally:
        server.remove()
        os.environ.pop("CUPS_SERVER", None)
    job = statistics.median(job_sizes) / 1e6
    return [
        Row(
            f"print job, {pages}-page assessment, as the print system holds it "
            "(reference: the exported PDF)",
            job,
            "MB",
            reference=len(pdf) / 1e6,
            ratio_budget=JOB_RATIO_BUDGET,
        ),
        Row(
            f"longest UI-thread block while printing {pages} pages "
            "(reference: the same with nothing printing)",
            statistics.median(blocks),
            "ms",
            budget=UI_BLOCK_BUDGET_MS,
            reference=statistics.median(idle),
        ),
    ]


def _spooled_size(spool: Path) -> int:
    [document] = list(spool.glob("d*-001"))
    return document.stat().st_size


if __name__ == "__main__":
    print(format_table(measure(3)))
