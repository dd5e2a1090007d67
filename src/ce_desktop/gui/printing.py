"""Print the exported PDF itself, so that paper and email always match (PRODUCT §3.9).

The PDF's bytes are opened by Qt's PDF module straight from memory (a ``QBuffer``):
no plaintext copy of the assessment is ever written to a temporary file. Each page
is rendered to an image and drawn onto the printer, scaled to fit its printable
area without distortion.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

MAX_RENDER_DPI = 300
"""Finer than this adds nothing visible on paper but costs memory: an A4 page at the
1200 dpi some printers report would be a 560 MB image."""

_POINTS_PER_INCH = 72


class PrintFailed(Exception):
    """The PDF could not be printed; ``str(error)`` is a plain sentence."""


def print_pdf_to_printer(pdf: bytes, printer: QPrinter) -> int:
    """Print every page of ``pdf`` on ``printer``, each scaled to the printable area.

    Args:
        pdf: the PDF document, as exported.
        printer: a configured printer (from the print dialog, or a PDF-file printer).

    Returns:
        The number of pages printed.

    Raises:
        PrintFailed: the PDF could not be read or the printer could not start.
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
        return _paint_pages(document, printer)
    finally:
        document.close()
        buffer.close()


def _paint_pages(document: QPdfDocument, printer: QPrinter) -> int:
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("The printer could not be started. Check that it is on and ready.")
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    options = QPdfDocumentRenderOptions()
    printed = 0
    try:
        for page in range(document.pageCount()):
            if page and not printer.newPage():
                raise PrintFailed("The printer stopped before the last page.")
            area = painter.viewport()
            points = document.pagePointSize(page)
            target = _fit(QSize(round(points.width()), round(points.height())), area)
            scale = dpi / _POINTS_PER_INCH
            pixels = QSize(round(points.width() * scale), round(points.height() * scale))
            image = document.render(page, pixels, options)
            if image.isNull():
                raise PrintFailed("A page could not be prepared for printing.")
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed


def _fit(page: QSize, area: QRect) -> QRect:
    """The largest rectangle of ``page``'s proportions centred in ``area``."""
    scaled = page.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.left() + (area.width() - scaled.width()) // 2
    top = area.top() + (area.height() - scaled.height()) // 2
    return QRect(QPoint(left, top), scaled)
