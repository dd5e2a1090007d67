"""What the export tests share: the catalogue, and reading a PDF back as text."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from ce_desktop.domain.catalogue import Catalogue, default_catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The form's catalogue as shipped."""
    return default_catalogue()


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, as a reader's copy-and-paste would give it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squashed(text: str) -> str:
    """Text with all whitespace removed, so line wrapping does not matter."""
    return re.sub(r"\s+", "", text)


def printed(value: str, text: str, *, max_gap: int = 400) -> bool:
    """Whether every word of ``value`` appears in ``text`` in order, close together.

    A paragraph that flows over a page break is interrupted in the extracted text by
    the next page's header and repeated table headings; this allows for that, and
    nothing larger.
    """
    words = value.split()
    start = text.find(words[0])
    while start >= 0:
        if _chain(words[1:], text, start + len(words[0]), max_gap):
            return True
        start = text.find(words[0], start + 1)
    return False


def _chain(words: list[str], text: str, position: int, max_gap: int) -> bool:
    for word in words:
        found = text.find(word, position)
        if found < 0 or found - position > max_gap:
            return False
        position = found + len(word)
    return True
