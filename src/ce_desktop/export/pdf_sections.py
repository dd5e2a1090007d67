"""The first half of the form as flowables: details, agencies, indicators, vulnerability.

Each builder takes the assessment, the catalogue and ``blank``: on the blank form every
answer becomes a writing space and every tick box is empty, so the blank form and a
filled one share one layout. Labels use the form's own wording, OCR errors corrected.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ce_desktop.domain.catalogue import Catalogue, IndicatorDef
from ce_desktop.domain.derived import age_on, format_date
from ce_desktop.domain.identifiers import format_nhs_number
from ce_desktop.domain.model import (
    INDICATOR_LEVELS,
    STANDARD_AGENCIES,
    AgencyInvolved,
    Assessment,
)
from ce_desktop.export.pdf_box import narrative_box, writing_box
from ce_desktop.export.pdf_flow import IndicatorHead, NeedsRoom
from ce_desktop.export.pdf_further import further_child_details, yes_no
from ce_desktop.export.pdf_layout import (
    CONTENT_WIDTH,
    LABEL_SHADE,
    NARRATIVE_WRITING_HEIGHT,
    answer_box,
    form_table,
    gap,
    headed,
    heading,
    label,
    markup,
    para,
    printed,
    style_for,
    styles,
    tick,
)


def sub_fields(pairs: list[tuple[str, str]], *, blank: bool) -> list[Flowable]:
    """Several small answers in one cell, each with its own bold sub-label."""
    flowables: list[Flowable] = []
    for sub_label, value in pairs:
        text = (
            f"<b>{escape(sub_label)}:</b> {markup(value)}"
            if not blank
            else (f"<b>{escape(sub_label)}:</b>")
        )
        flowables.append(Paragraph(text, style_for(value, styles().body, alone=False)))
        if blank:
            flowables.append(Spacer(1, 4 * mm))
    return flowables


def title_block() -> list[Flowable]:
    """The form's title."""
    return [
        Paragraph("CE Risk Assessment", styles().title),
        Paragraph("Professional Assessment of Child's Risk of Exploitation", styles().note),
        gap(3 * mm),
    ]


def header_table(assessment: Assessment, *, blank: bool) -> list[Flowable]:
    """The header table: child, dates, person completing, agency, languages, consent."""
    child = assessment.child
    details = assessment.details
    consent = details.consent
    age = ""
    if details.date_completed is not None:
        known = age_on(child.date_of_birth, details.date_completed)
        age = "" if known is None else str(known)
    period = ""
    if details.period_from or details.period_to:
        period = f"{format_date(details.period_from)} to {format_date(details.period_to)}"

    name_cell = sub_fields(
        [(printed("child.name"), child.name), (printed("child.known_as"), child.known_as)],
        blank=blank,
    )
    identifiers_cell = sub_fields(
        [
            (printed("child.person_id"), child.person_id),
            (printed("child.nhs_number"), format_nhs_number(child.nhs_number)),
            (printed("child.upn"), child.upn),
        ],
        blank=blank,
    )
    dates_cell = sub_fields(
        [
            (printed("details.date_completed"), format_date(details.date_completed)),
            (printed("details.period_from"), period),
        ],
        blank=blank,
    )
    agency_cell = sub_fields(
        [
            (printed("details.agency"), details.agency),
            (printed("details.contact_details"), details.contact_details),
        ],
        blank=blank,
    )
    about_cell = sub_fields(
        [
            ("Age", age),
            (printed("child.gender"), child.gender),
            (printed("child.date_of_birth"), format_date(child.date_of_birth)),
            (printed("child.address"), child.address),
        ],
        blank=blank,
    )
    previously_cell: list[Flowable] = [
        yes_no(child.previously_identified),
        *answer_box(child.previously_identified_details, blank=blank),
    ]
    language_cell = sub_fields(
        [
            (printed("child.ethnicity"), child.ethnicity),
            (printed("child.religion"), child.religion),
            (printed("child.language_spoken"), child.language_spoken),
        ],
        blank=blank,
    )
    language_cell += [
        Paragraph(f"<b>{escape(printed('child.first_language'))}</b>", styles().body),
        yes_no(child.first_language),
        Paragraph(f"<b>{escape(printed('child.interpreter_required'))}</b>", styles().body),
        yes_no(child.interpreter_required),
    ]
    send_cell: list[Flowable] = [yes_no(child.send), *answer_box(child.send_details, blank=blank)]
    consent_cell: list[Flowable] = [
        Paragraph(f"<b>{escape(printed('details.consent.young_person'))}</b>", styles().body),
        yes_no(consent.young_person),
        Paragraph(f"<b>{escape(printed('details.consent.parent_carer'))}</b>", styles().body),
        yes_no(consent.parent_carer),
        *sub_fields(
            [
                (printed("details.consent.family_agreement"), consent.family_agreement),
                (
                    printed("details.consent.rationale_without_consent"),
                    consent.rationale_without_consent,
                ),
            ],
            blank=blank,
        ),
    ]
    rows = [
        [
            label("Child / Young person's name / alias / known as"),
            name_cell,
            label("Date completed / period covered"),
            dates_cell,
        ],
        [label("Identifiers"), identifiers_cell, "", ""],
        [
            label("Name of person completing"),
            answer_box(details.completed_by, blank=blank),
            label("Agency and contact details"),
            agency_cell,
        ],
        [
            label("Age / Gender / DOB / Address"),
            about_cell,
            label(printed("child.previously_identified_details")),
            previously_cell,
        ],
        [
            label(
                "Ethnicity / Religion / Language spoken (Is this their first language?) / "
                "Interpreter required"
            ),
            language_cell,
            label(printed("child.send_details")),
            send_cell,
        ],
        [
            label(
                "Consent of young person / parent to share information / family "
                "agreement / rationale for sharing without consent"
            ),
            consent_cell,
            "",
            "",
        ],
    ]
    widths = [34 * mm, 56 * mm, 34 * mm, CONTENT_WIDTH - 124 * mm]
    table = form_table(
        rows,
        widths,
        extra_style=[
            ("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE),
            ("BACKGROUND", (2, 0), (2, 0), LABEL_SHADE),
            ("BACKGROUND", (2, 2), (2, -2), LABEL_SHADE),
            ("SPAN", (1, 1), (3, 1)),
            ("SPAN", (1, 5), (3, 5)),
        ],
    )
    table.outline_entry = ("Child and assessment details", 0)
    return [table, gap(), *further_child_details(assessment, blank=blank)]


def agencies_table(assessment: Assessment, *, blank: bool) -> list[Flowable]:
    """Other agencies involved, one row each, the form's standard rows when blank."""
    agencies = assessment.agencies
    if blank or not agencies:
        agencies = [AgencyInvolved(agency=name) for name in STANDARD_AGENCIES]
        agencies += [AgencyInvolved(agency="Other"), AgencyInvolved(agency="Other")]
    rows: list[list[object]] = [
        [
            label(printed("agencies")),
            "",
        ],
        [label("Agency"), label("Name / contact details")],
    ]
    for agency in agencies:
        rows.append(
            [para(agency.agency), answer_box(agency.name_contact, blank=blank, height=7 * mm)]
        )
    table = form_table(
        rows,
        [50 * mm, CONTENT_WIDTH - 50 * mm],
        repeat_rows=2,
        extra_style=[
            ("SPAN", (0, 0), (1, 0)),
            ("BACKGROUND", (0, 0), (-1, 1), LABEL_SHADE),
        ],
    )
    table.outline_entry = ("Other agencies involved", 0)
    return [NeedsRoom([], table=table, rows=3), table, gap()]


def _level_cell(assessment: Assessment, indicator_id: str, *, blank: bool) -> Flowable:
    entry = assessment.entry(indicator_id)
    if blank:
        return Paragraph(
            "<br/>".join(f"{tick(False)} {level.label}" for level in INDICATOR_LEVELS),
            styles().body,
        )
    return para(entry.level.label if entry.level else "")


_INDICATOR_WIDTHS = (CONTENT_WIDTH - 60 * mm, 18 * mm, 42 * mm)
_HANDWRITTEN_LINES = 7
"""Lines for an indicator's narrative on the blank form: a paragraph of handwriting."""
_NARRATIVE_FIRST_LINES = 3
"""An indicator's row is never the last thing on its page: at least this many lines of
its narrative (or its whole writing space on the blank form) come with it."""


def _indicator_header() -> list[object]:
    return [
        label("Indicators: one or more indicators identified requires input"),
        label("CE"),
        label("Level"),
    ]


def _indicator_row(
    assessment: Assessment, definition: IndicatorDef, *, blank: bool, with_header: bool
) -> Table:
    """The indicator's row (title, tick, level), under the header row when asked."""
    entry = assessment.entry(definition.id)
    title: list[Flowable] = [para(definition.title)]
    title += [para(f"\u2022 {prompt}", styles().listed_small) for prompt in definition.prompts]
    rows: list[list[object]] = [
        [
            title,
            Paragraph(tick(entry.identified and not blank), styles().centred),
            _level_cell(assessment, definition.id, blank=blank),
        ]
    ]
    style: list[tuple[object, ...]] = []
    if with_header:
        rows.insert(0, _indicator_header())
        style.append(("BACKGROUND", (0, 0), (-1, 0), LABEL_SHADE))
    return form_table(rows, _INDICATOR_WIDTHS, repeat_rows=int(with_header), extra_style=style)


def section_one_page_top(head: IndicatorHead | None) -> list[Flowable]:
    """What each page of Section 1 starts with: the indicators' header, and the row
    "<indicator> (continued)" when the page carries on that indicator's narrative."""
    rows: list[list[object]] = [_indicator_header()]
    if head is not None:
        rows.append(
            [
                para(f"{head.title} (continued)"),
                Paragraph(tick(head.ticked), styles().centred),
                para(head.level),
            ]
        )
    style = [("BACKGROUND", (0, 0), (-1, 0), LABEL_SHADE)]
    return [form_table(rows, _INDICATOR_WIDTHS, extra_style=style)]


def indicators_table(
    assessment: Assessment, catalogue: Catalogue, *, blank: bool
) -> list[Flowable]:
    """Section 1: every indicator with its tick, level and narrative of concern.

    A narrative is a box of its own under the indicator's row (see ``pdf_box``), and
    the row is kept on the same page as the narrative's first lines.
    """
    flowables: list[Flowable] = []
    body = styles().body
    for index, definition in enumerate(catalogue.indicators):
        entry = assessment.entry(definition.id)
        row = _indicator_row(assessment, definition, blank=blank, with_header=index == 0)
        if index == 0:
            row.opens_section_one = True
        if entry.identified and not blank:
            row.outline_entry = (definition.title, 1)
        text = entry.narrative
        if blank:
            box = writing_box(_HANDWRITTEN_LINES, "Narrative of concern:")
            extra = box[0].height
        elif text.strip():
            head = IndicatorHead(
                definition.title, entry.identified, entry.level.label if entry.level else ""
            )
            box = narrative_box(text, head)
            extra = _NARRATIVE_FIRST_LINES * body.leading + 3
        else:
            box, extra = [], 0.0
        row.keepWithNext = bool(box)
        flowables += [NeedsRoom([row], extra=extra), row, *box]
    flowables[-1].closes_section_one = True
    count = len(assessment.identified_indicators())
    summary = "Indicators identified: ______" if blank else f"Indicators identified: {count}"
    section = heading("Section 1. CE Risk Assessment Indicators")
    return [
        NeedsRoom([section, gap(2 * mm)], extra=50 * mm),
        section,
        gap(2 * mm),
        *flowables,
        gap(1 * mm),
        Paragraph(summary, styles().note),
        gap(),
    ]


def vulnerability_table(
    assessment: Assessment, catalogue: Catalogue, *, blank: bool
) -> list[Flowable]:
    """Section 2: cultural, identity and additional vulnerability factors."""
    factors = assessment.vulnerability.factors
    rows: list[list[object]] = [[label("Factor"), label("Applies"), label("Note")]]
    for definition in catalogue.toolkit.vulnerability_factors:
        entry = factors.get(definition.id)
        applies = bool(entry and entry.applies) and not blank
        note = entry.note if entry else ""
        rows.append(
            [
                para(definition.title),
                Paragraph(tick(applies), styles().centred),
                answer_box(note, blank=blank, height=6 * mm),
            ]
        )
    narrative_row = len(rows)
    narrative: list[Flowable] = [
        Paragraph(f"<b>{escape(printed('vulnerability.narrative'))}</b>", styles().body)
    ]
    narrative += answer_box(
        assessment.vulnerability.narrative, blank=blank, height=NARRATIVE_WRITING_HEIGHT
    )
    rows.append([narrative, "", ""])
    table = form_table(
        rows,
        [70 * mm, 18 * mm, CONTENT_WIDTH - 88 * mm],
        repeat_rows=1,
        extra_style=[
            ("BACKGROUND", (0, 0), (-1, 0), LABEL_SHADE),
            ("SPAN", (0, narrative_row), (-1, narrative_row)),
        ],
    )
    return headed("Section 2. Cultural, identity and additional vulnerability factors", table)
