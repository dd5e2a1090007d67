"""The PDF of an amended version says on every page what it supersedes, and why."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from ce_desktop.domain import amendments
from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.export.pdf import render_assessment_pdf
from tests.factories import as_final, full_assessment
from tests.unit.export.conftest import page_texts, squashed

FINALISED = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
REASON = "Fictional correction: the school was named wrongly, and the agency too."
PICTURES = Path("/tmp/amend-shots")


def test_every_page_of_an_amended_version_says_what_it_supersedes(catalogue: Catalogue) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    _original, amended = amendments.amend(final, REASON, today=date(2026, 3, 3), now=LATER)
    second = as_final(amended, at=LATER)
    pdf = render_assessment_pdf(second, catalogue)
    PICTURES.mkdir(exist_ok=True)
    (PICTURES / "amended-v2.pdf").write_bytes(pdf)  # looked at with pdftoppm -png -r 80

    pages = [squashed(text) for text in page_texts(pdf)]
    notice = squashed(f"Amended, version 2: supersedes version 1 (fingerprint {final.fingerprint})")
    assert len(pages) > 1
    assert all(notice in page for page in pages)
    assert squashed(REASON) in pages[0]
    assert squashed("Reason for the amendment") in pages[0]
    assert squashed(f"{final.reference} v2") in pages[0]
    assert all(squashed(f"Fingerprint {second.fingerprint}") in page for page in pages)


def test_an_original_and_a_draft_version_print_as_they_should(catalogue: Catalogue) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    assert not any(
        "Amended" in page for page in page_texts(render_assessment_pdf(final, catalogue))
    )
    _original, draft = amendments.amend(final, REASON, today=date(2026, 3, 3), now=LATER)
    pages = [squashed(text) for text in page_texts(render_assessment_pdf(draft, catalogue))]
    assert all(squashed("Amended, version 2: supersedes version 1") in page for page in pages)
    assert all("DRAFT" in page for page in pages)
