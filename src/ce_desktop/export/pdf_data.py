"""The assessment's data carried inside its PDF (PRODUCT §8, issue 13 point 5).

The exported PDF holds the assessment's interchange JSON (the same bytes
``ce-desktop export-json`` writes) as an embedded file, tied to the document as its
data by an associated-file relationship (``/AF``, ``/AFRelationship /Data``, as PDF/A-3
and PDF 2.0 describe) with the media type ``application/json``. So the MASH receives
the paper form and the data in one file, and ``ce-desktop import FILE.pdf`` brings the
record in without re-typing. Protecting the PDF (``export.protect``) encrypts this
attachment with the rest.

Reading is for files from anywhere: every step is bounded (file size, number of
attachments, the unpacked size of the data, which is unpacked here a piece at a time
so a compression bomb costs a moment) and any failure of the PDF parser on a damaged or
hostile file becomes :class:`PdfDataError` with a plain message. The JSON itself then
passes the same boundary as a ``.json`` file (``domain.boundary``); nothing here
judges it.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
import zlib
from collections.abc import Iterator
from typing import Any, Final

from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from ce_desktop.domain.intake import IMPORT_LIMIT

ATTACHMENT_NAME: Final = "ce-risk-assessment.json"
"""The embedded file's name: the same for every assessment, so it carries no value."""
MEDIA_TYPE: Final = "/application/json"
"""The embedded file's ``/Subtype``, as pypdf reads the name ``/application#2Fjson``."""
DESCRIPTION: Final = "The assessment's data (CE Desktop interchange JSON)"
PDF_1_7_HEADER: Final = b"%PDF-1.7"
"""The version whose file specifications hold a Unicode name (``/UF``), as PDF/A-3's."""
PDF_LIMIT: Final = 5 * IMPORT_LIMIT
"""Bytes in a PDF that is read: its pages as well as its data."""
ATTACHMENTS_LIMIT: Final = 64
"""Associated or embedded files looked at; CE Desktop makes one."""
_CHUNK: Final = 64 * 1024

NOT_OURS: Final = (
    "This PDF was not made by CE Desktop, or carries no assessment data. Nothing was imported."
)
NOT_OPENED: Final = "The password is not right for this PDF. Nothing was imported."
PROTECTED_ASKS: Final = (
    "This PDF is protected: its password is needed to import it. Nothing was imported."
)
DAMAGED: Final = "This PDF is damaged or incomplete. Nothing was imported."
TOO_LARGE: Final = (
    f"This PDF's assessment data is larger than any assessment (over "
    f"{IMPORT_LIMIT // 1_000_000} MB). Nothing was imported."
)
SEVERAL: Final = (
    "This PDF carries more than one set of assessment data, so CE Desktop cannot tell "
    "which one to import. Nothing was imported."
)


class PdfDataError(ValueError):
    """The PDF's data cannot be read; the message says why in plain words (no value)."""


class PasswordNeeded(PdfDataError):
    """The PDF is protected and no password was given."""


class WrongPassword(PdfDataError):
    """The password given does not open the PDF."""


# --- writing ------------------------------------------------------------------


def attach(pdf: bytes, data: bytes) -> bytes:
    """The PDF with ``data`` embedded as the document's associated JSON data.

    Deterministic: the same PDF and data give the same bytes.
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.pdf_header = PDF_1_7_HEADER
    stream = StreamObject()
    stream.set_data(zlib.compress(data, 9))
    stream.update(
        {
            NameObject("/Type"): NameObject("/EmbeddedFile"),
            NameObject("/Subtype"): NameObject(MEDIA_TYPE),
            NameObject("/Filter"): NameObject("/FlateDecode"),
            NameObject("/Params"): DictionaryObject({NameObject("/Size"): NumberObject(len(data))}),
        }
    )
    stream_ref = writer._add_object(stream)
    name = TextStringObject(ATTACHMENT_NAME)
    filespec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): name,
            NameObject("/UF"): name,
            NameObject("/Desc"): TextStringObject(DESCRIPTION),
            NameObject("/AFRelationship"): NameObject("/Data"),
            NameObject("/EF"): DictionaryObject(
                {NameObject("/F"): stream_ref, NameObject("/UF"): stream_ref}
            ),
        }
    )
    filespec_ref = writer._add_object(filespec)
    embedded = DictionaryObject({NameObject("/Names"): ArrayObject([name, filespec_ref])})
    root = writer._root_object
    root[NameObject("/Names")] = DictionaryObject({NameObject("/EmbeddedFiles"): embedded})
    root[NameObject("/AF")] = ArrayObject([filespec_ref])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- reading --------------------------------------------------------------------


def is_protected(pdf: bytes) -> bool:
    """Whether the PDF is encrypted (so reading its data needs a password).

    Raises:
        PdfDataError: not a PDF, damaged, or too large.
    """
    with _parser_quiet():
        return _open(pdf).is_encrypted


def read_data(pdf: bytes, password: str | None = None) -> bytes:
    """The interchange JSON a PDF made by CE Desktop carries, as bytes (not yet judged).

    Args:
        pdf: the whole file.
        password: the PDF's password, when it is protected.

    Raises:
        PasswordNeeded: the PDF is protected and ``password`` is None or empty.
        WrongPassword: ``password`` does not open it.
        PdfDataError: not a PDF, damaged, too large, or carrying no (or more than one)
            set of assessment data.
    """
    with _parser_quiet():
        reader = _open(pdf)
        if reader.is_encrypted:
            _decrypt(reader, password)
        try:
            stream = _data_stream(reader)
            return _unpacked(stream)
        except PdfDataError:
            raise
        except Exception:  # the parser on a hostile file: any failure is damage
            raise PdfDataError(DAMAGED) from None


@contextlib.contextmanager
def _parser_quiet() -> Iterator[None]:
    """pypdf's warnings about a damaged file, kept out of the terminal and the log."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _open(pdf: bytes) -> PdfReader:
    if len(pdf) > PDF_LIMIT:
        raise PdfDataError(
            f"This PDF is larger than any CE Desktop makes (over {PDF_LIMIT // 1_000_000} MB). "
            "Nothing was imported."
        )
    if b"%PDF-" not in pdf[:1024]:
        raise PdfDataError("This file is not a PDF. Nothing was imported.")
    if b"%%EOF" not in pdf[-1024:]:
        raise PdfDataError(DAMAGED)  # cut short: a copy or download that did not finish
    try:
        return PdfReader(io.BytesIO(pdf), strict=False)
    except Exception:
        raise PdfDataError(DAMAGED) from None


def _decrypt(reader: PdfReader, password: str | None) -> None:
    if not password:
        raise PasswordNeeded(PROTECTED_ASKS)
    try:
        opened = reader.decrypt(password)
    except Exception:
        raise PdfDataError(DAMAGED) from None
    if opened == PasswordType.NOT_DECRYPTED:
        raise WrongPassword(NOT_OPENED)


def _filespecs(reader: PdfReader) -> list[Any]:
    """The document's associated files, else its embedded files' top-level list."""
    # Typed Any: in a file from elsewhere any entry may be any kind of object; a wrong
    # one fails below and is reported as damage.
    root: Any = reader.trailer["/Root"].get_object()
    found: list[Any] = list(root.get("/AF", ArrayObject()).get_object())
    if not found:
        names: Any = root.get("/Names", DictionaryObject()).get_object()
        tree: Any = names.get("/EmbeddedFiles", DictionaryObject()).get_object()
        found = list(tree.get("/Names", ArrayObject()).get_object())[1::2]
    if len(found) > ATTACHMENTS_LIMIT:
        raise PdfDataError(NOT_OURS)
    specs = [item.get_object() for item in found]
    if not all(isinstance(spec, DictionaryObject) for spec in specs):
        raise PdfDataError(DAMAGED)  # an attachment named but missing: cut or overwritten
    return specs


def _data_stream(reader: PdfReader) -> StreamObject:
    candidates: list[StreamObject] = []
    for spec in _filespecs(reader):
        files: Any = spec.get("/EF", DictionaryObject()).get_object()
        target = files.get("/UF", files.get("/F"))
        stream = target.get_object() if target is not None else None
        named = str(spec.get("/UF", spec.get("/F", "")))
        if not isinstance(stream, StreamObject):
            raise PdfDataError(DAMAGED)
        ours = stream.get("/Subtype") == MEDIA_TYPE or named.lower().endswith(".json")
        if ours and all(stream is not seen for seen in candidates):
            candidates.append(stream)
    if not candidates:
        raise PdfDataError(NOT_OURS)
    if len(candidates) > 1:
        raise PdfDataError(SEVERAL)
    return candidates[0]


def _unpacked(stream: StreamObject) -> bytes:
    """The stream's bytes, unpacked a piece at a time up to the import limit."""
    raw: bytes = stream._data
    filters = stream.get("/Filter")
    if isinstance(filters, ArrayObject) and len(filters) == 1:
        filters = filters[0]
    if filters is None:
        if len(raw) > IMPORT_LIMIT:
            raise PdfDataError(TOO_LARGE)
        return raw
    if filters != "/FlateDecode" or stream.get("/DecodeParms") is not None:
        raise PdfDataError(NOT_OURS)  # packed in a way CE Desktop never packs its data
    unpacker = zlib.decompressobj()
    pieces: list[bytes] = []
    size = 0
    pending = raw
    while not unpacker.eof:
        piece = unpacker.decompress(pending, _CHUNK)
        pending = unpacker.unconsumed_tail
        if not piece and not pending:
            raise PdfDataError(DAMAGED)  # the packed data stops short
        size += len(piece)
        if size > IMPORT_LIMIT:
            raise PdfDataError(TOO_LARGE)
        pieces.append(piece)
    return b"".join(pieces)
