"""The paper-style PDF of a CE Risk Assessment, and the blank form (PRODUCT §6, §3.10).

What leaves the laptop is this PDF: the MASH reads, files and acts on it, and what is
printed is the same file. It follows the form of the toolkit section by section,
never cuts a word off (long answers flow on to the next page), and carries on every
page the marking, the reference, "Page X of Y" and the status, so a draft is never
mistaken for a final and a paper copy can be matched to its record by its fingerprint.

The assessment's PDF also carries its interchange JSON as an attached file
(``export.pdf_data``), so one file holds the paper form and the data; the blank form
carries none. The document metadata names the form and the reference only: never a
field value.
Output is deterministic (ReportLab's ``invariant`` mode) so that the same assessment
gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

from reportlab.platypus import Flowable, Frame, PageTemplate

from ce_desktop.domain import amendments
from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.chronology_entries import NO_INCIDENTS, AsPrinted
from ce_desktop.domain.derived import format_time
from ce_desktop.domain.intake import interchange_json
from ce_desktop.domain.model import Assessment, Status
from ce_desktop.export import pdf_amendment, pdf_analysis, pdf_data, pdf_handoff, pdf_sections
from ce_desktop.export.pdf_chronology import chronology_appendix
from ce_desktop.export.pdf_flow import FormDocument
from ce_desktop.export.pdf_layout import (
    BOTTOM_MARGIN,
    CONTENT_WIDTH,
    MARGIN,
    PAGE_HEIGHT,
    TOP_MARGIN,
    Furniture,
    NumberedCanvas,
    draw_furniture,
    register_fonts,
)

PDF_TITLE = "CE Risk Assessment"
_BLANK_REFERENCE = "BLANK-FORM"
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def render_assessment_pdf(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    mash_address: str | None = None,
    carry_data: bool = True,
    chronology: AsPrinted = NO_INCIDENTS,
) -> bytes:
    """Render an assessment as the paper-style A4 form.

    Args:
        assessment: the assessment, in any status; a draft is marked DRAFT on every page.
        catalogue: the form's catalogue (indicator titles, framework, strategies...).
        mash_address: where to send it, from the worker's settings; the toolkit's
            address when not given.
        carry_data: attach the assessment's interchange JSON (a copy for a printer
            needs none).
        chronology: the child's chronology to print as the appendix (no entries: no
            appendix; unreadable: a line saying so in its place).

    Returns:
        The PDF document.
    """
    furniture = _furniture(assessment)
    story = _story(
        assessment,
        catalogue,
        blank=False,
        mash_address=mash_address or catalogue.toolkit.mash_address,
    )
    story += chronology_appendix(assessment, chronology)
    pdf = _build(story, furniture, title=f"{PDF_TITLE} {assessment.reference}")
    return pdf_data.attach(pdf, interchange_json(assessment)) if carry_data else pdf


def render_blank_form(catalogue: Catalogue, *, mash_address: str | None = None) -> bytes:
    """Render the blank printable form: the same layout, empty boxes, every indicator.

    Args:
        catalogue: the form's catalogue.
        mash_address: where to send it, from the worker's settings; the toolkit's
            address when not given.

    Returns:
        The PDF document, each page marked "BLANK FORM".
    """
    empty = Assessment(reference=_BLANK_REFERENCE, created_at=_EPOCH, updated_at=_EPOCH)
    furniture = Furniture(
        reference="",
        status_banner="BLANK FORM",
        status_line="BLANK FORM — complete by hand, or in CE Desktop when a laptop is at hand",
        watermark="",
    )
    story = _story(
        empty, catalogue, blank=True, mash_address=mash_address or catalogue.toolkit.mash_address
    )
    return _build(story, furniture, title=f"{PDF_TITLE} (blank form)")


TRAINING_MARK = "TRAINING SAMPLE — FICTIONAL"


def _furniture(assessment: Assessment) -> Furniture:
    furniture = replace(_status_furniture(assessment), notice=amendments.notice(assessment))
    if not assessment.is_training_sample:
        return furniture
    # A practice copy must never pass for a real child's assessment, on any page.
    return replace(
        furniture,
        status_banner=f"{furniture.status_banner} · TRAINING",
        status_line=f"{TRAINING_MARK} · {furniture.status_line}",
        watermark="TRAINING",
    )


def _status_furniture(assessment: Assessment) -> Furniture:
    if assessment.status is Status.DRAFT:
        return Furniture(
            reference=assessment.reference,
            status_banner="DRAFT",
            status_line="DRAFT — not finalised: not to be relied on or sent",
            watermark="DRAFT",
        )
    line = f"FINAL — finalised {format_time(assessment.finalised_at)}"
    if assessment.fingerprint:
        line += f" · Fingerprint {assessment.fingerprint}"
    if assessment.status is Status.SENT:
        line += f" · Sent {format_time(assessment.sent_at)}"
    return Furniture(
        reference=assessment.reference, status_banner="FINAL", status_line=line, watermark=""
    )


def _story(
    assessment: Assessment, catalogue: Catalogue, *, blank: bool, mash_address: str
) -> list[Flowable]:
    """Every section of the form, in the form's order."""
    story: list[Flowable] = []
    story += pdf_sections.title_block()
    if not blank:
        story += pdf_amendment.amendment(assessment)
    story += pdf_sections.header_table(assessment, blank=blank)
    story += pdf_sections.agencies_table(assessment, blank=blank)
    story += pdf_sections.indicators_table(assessment, catalogue, blank=blank)
    story += pdf_sections.vulnerability_table(assessment, catalogue, blank=blank)
    story += pdf_analysis.analysis(assessment, catalogue, blank=blank)
    story += pdf_analysis.concerns(assessment, blank=blank)
    story += pdf_analysis.framework(assessment, catalogue, blank=blank)
    story += pdf_analysis.box_a_and_views(assessment, blank=blank)
    ending = pdf_analysis.intended_action(assessment, catalogue, blank=blank)
    if not blank:
        ending += pdf_analysis.referral_and_warnings(assessment, catalogue)
    story += _kept_with_send_line(ending, pdf_analysis.send_line(mash_address))
    if not blank:
        story += pdf_handoff.record_of_sharing(assessment)
    return story


def _kept_with_send_line(section: list[Flowable], send: list[Flowable]) -> list[Flowable]:
    """The last section, its last table and gap kept with the send line, so that the
    send line never sits alone on the last page."""
    for flowable in section[-2:]:
        flowable.keepWithNext = True
    return section + send


def _build(story: list[Flowable], furniture: Furniture, *, title: str) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    document = FormDocument(
        buffer,
        repeat=pdf_sections.section_one_page_top,
        pagesize=(CONTENT_WIDTH + 2 * MARGIN, PAGE_HEIGHT),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author="",
        subject=PDF_TITLE,
        creator="CE Desktop",
        keywords="",
        producer="CE Desktop",
        invariant=1,
        lang="en-GB",
    )
    frame = Frame(
        MARGIN,
        BOTTOM_MARGIN,
        CONTENT_WIDTH,
        PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN,
        id="form",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda c, _d: draw_furniture(c, furniture))]
    )
    document.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()
