"""From the print dialog to the print system, with the exported PDF itself (PRODUCT §3.9).

Where CUPS is there (Linux, macOS), the worker's choices in the dialog (printer,
copies, pages, sides, colour) are read off the ``QPrinter`` and the PDF goes to the
print system as it is, through :mod:`ce_desktop.export.printer`.

Where it is not (Windows), the pages must be drawn onto the printer. Each page is
rendered on its own, in greyscale, at no more than :data:`PRINT_DPI`, onto white
paper (not onto a transparent image that only a mask makes white, which a driver
that ignores masks prints dark), and drawn straight to the printer: no temporary file
of CE Desktop's, and never the whole job in memory. This runs off the UI thread (Qt
allows painting on a ``QPrinter`` from another thread).

A printer that writes a file (print to file, PDF, XPS, OneNote, a FILE: port) is
spotted after the dialog, so that the worker is warned and offered a protected export
instead of leaving an unencrypted copy of the assessment behind.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ce_desktop.export import printer as print_system
from ce_desktop.export.printer import PrintCancelled, PrintOptions, PrintRefused, Sides

PRINT_DPI = 200
"""Enough for text on paper; a print server handles a job of such pages easily (a
300 dpi colour page with a mask made jobs 250 times the PDF's size)."""

NO_PRINTER = (
    "No printer is set up on this computer, so nothing was printed. To send the "
    "assessment, use Email to Social Care, or Export PDF with a password."
)
FILE_PRINTER = (
    "“{name}” does not print on paper: it saves the whole assessment as a file that "
    "is not encrypted, wherever the printer puts it. Nothing was printed.\n\n"
    "Export a password-protected PDF instead?"
)
PRINTING_STOPPED = "Printing was stopped: nothing was recorded as printed."

_POINTS_PER_INCH = 72

_SIDES = {
    QPrinter.DuplexMode.DuplexNone: Sides.ONE_SIDED,
    QPrinter.DuplexMode.DuplexLongSide: Sides.LONG_EDGE,
    QPrinter.DuplexMode.DuplexShortSide: Sides.SHORT_EDGE,
}


class PrintFailed(PrintRefused):
    """The PDF could not be printed; ``str(error)`` is a plain sentence."""


def printer_names() -> list[str]:
    """The printers the print dialog offers (none: there is nothing to print on)."""
    return [name for name in QPrinterInfo.availablePrinterNames() if name]


def prints_to_a_file(printer: QPrinter) -> bool:
    """Whether the printer chosen in the dialog writes a file instead of paper.

    It may ask the print system (and wait for it): call it off the UI thread.
    """
    if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat or printer.outputFileName():
        return True
    return print_system.writes_a_file(printer.printerName())


def options_from(printer: QPrinter, title: str) -> PrintOptions:
    """The worker's choices in the print dialog, for the print system.

    Colour is passed on only when black and white was chosen: otherwise the printer
    keeps its own default, as a black-and-white printer cannot print colour anyway.
    """
    ranged = printer.printRange() is QPrinter.PrintRange.PageRange
    return PrintOptions(
        printer=printer.printerName(),
        title=title,
        copies=max(1, printer.copyCount()),
        first_page=printer.fromPage() if ranged else 0,
        last_page=printer.toPage() if ranged else 0,
        sides=_SIDES.get(printer.duplex(), Sides.PRINTER_DEFAULT),
        greyscale=True if printer.colorMode() is QPrinter.ColorMode.GrayScale else None,
        collate=printer.collateCopies(),
    )


def render_page(document: QPdfDocument, page: int, dpi: int = PRINT_DPI) -> QImage:
    """One page of the PDF as a greyscale picture on white paper, at ``dpi``.

    Raises:
        PrintFailed: the page could not be rendered.
    """
    points = document.pagePointSize(page)
    scale = min(dpi, PRINT_DPI) / _POINTS_PER_INCH
    size = QSize(round(points.width() * scale), round(points.height() * scale))
    drawn = document.render(page, size, QPdfDocumentRenderOptions())
    if drawn.isNull():
        raise PrintFailed("A page could not be prepared for printing.")
    # Qt's PDF renderer leaves the paper transparent: lay it on white, then drop colour.
    paper = QImage(size, QImage.Format.Format_Grayscale8)
    paper.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(paper)
    painter.drawImage(0, 0, drawn)
    painter.end()
    return paper


def print_pdf_to_printer(
    pdf: bytes,
    printer: QPrinter,
    *,
    page_done: Callable[[int, int], None] = lambda _page, _pages: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Draw every page of ``pdf`` on ``printer`` (where the print system takes no PDF).

    Args:
        pdf: the PDF document, as exported.
        printer: a configured printer, from the print dialog.
        page_done: told "page N of M" as each page goes to the printer.
        cancelled: asked before each page; True stops and abandons the job.

    Returns:
        The number of pages printed.

    Raises:
        PrintFailed: the PDF could not be read, or the printer could not start or stopped.
        PrintCancelled: ``cancelled`` said stop.
    """
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        raise PrintFailed("The document could not be prepared for printing.")
    document = QPdfDocument()
    try:
        document.load(buffer)
        if document.status() is not QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise PrintFailed("The document could not be prepared for printing.")
        return _paint_pages(document, printer, page_done, cancelled)
    finally:
        document.close()
        buffer.close()


def _paint_pages(
    document: QPdfDocument,
    printer: QPrinter,
    page_done: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> int:
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("The printer could not be started. Check that it is on and ready.")
    dpi = min(printer.resolution(), PRINT_DPI)
    pages = document.pageCount()
    try:
        for page in range(pages):
            if cancelled():
                printer.abort()
                raise PrintCancelled
            if page and not printer.newPage():
                raise PrintFailed(print_system.NOT_ACCEPTED)
            image = render_page(document, page, dpi)
            points = document.pagePointSize(page)
            target = _fit(QSize(round(points.width()), round(points.height())), painter.viewport())
            painter.drawImage(target, image)
            page_done(page + 1, pages)
    finally:
        ended = painter.end()
    if not ended:
        raise PrintFailed(print_system.NOT_ACCEPTED)
    return pages


def _fit(page: QSize, area: QRect) -> QRect:
    """The largest rectangle of ``page``'s proportions centred in ``area``."""
    scaled = page.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.left() + (area.width() - scaled.width()) // 2
    top = area.top() + (area.height() - scaled.height()) // 2
    return QRect(QPoint(left, top), scaled)
