"""Child details answers the paper form's header table has no place for.

The header table (``pdf_sections.child_details``) follows the paper form; any other
answer ``form.yaml`` declares on Child details prints here, label and answer, so a
field added to the declaration reaches the PDF with no change to the export code.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from ce_desktop.domain.derived import format_date
from ce_desktop.domain.form import FieldKind, default_form
from ce_desktop.domain.form_paths import read_path
from ce_desktop.domain.model import Assessment, YesNoNotKnown
from ce_desktop.export.pdf_layout import (
    CONTENT_WIDTH,
    LABEL_SHADE,
    answer_box,
    choices,
    form_table,
    gap,
    label,
    para,
)

_YES_NO_NOT_KNOWN = (
    ("Yes", YesNoNotKnown.YES),
    ("No", YesNoNotKnown.NO),
    ("Not known", YesNoNotKnown.NOT_KNOWN),
)


def yes_no(answer: YesNoNotKnown | None) -> Paragraph:
    """Yes / No / Not known tick boxes with the answer ticked."""
    return choices([(text, answer is value) for text, value in _YES_NO_NOT_KNOWN])


HEADER_PATHS = frozenset(
    {
        "child.name",
        "child.known_as",
        "child.date_of_birth",
        "child.gender",
        "child.address",
        "child.ethnicity",
        "child.religion",
        "child.language_spoken",
        "child.first_language",
        "child.interpreter_required",
        "child.send",
        "child.send_details",
        "child.previously_identified",
        "child.previously_identified_details",
        "child.person_id",
        "child.nhs_number",
        "child.upn",
        "details.date_completed",
        "details.period_from",
        "details.period_to",
        "details.completed_by",
        "details.agency",
        "details.contact_details",
        "details.consent.young_person",
        "details.consent.parent_carer",
        "details.consent.family_agreement",
        "details.consent.rationale_without_consent",
        "agencies",
    }
)
"""The Child details answers the paper form's header table has a place for."""


def further_child_details(assessment: Assessment, *, blank: bool) -> list[Flowable]:
    """Child details declared in form.yaml that the paper header has no place for.

    A field added to the declaration prints here, label and answer, with no change to
    this module.
    """
    rows: list[list[object]] = []
    for declaration in default_form().on_page("child"):
        if declaration.path in HEADER_PATHS:
            continue
        value = read_path(assessment, declaration.path)
        if isinstance(value, YesNoNotKnown) or declaration.kind is FieldKind.YES_NO:
            cell: object = yes_no(value if isinstance(value, YesNoNotKnown) else None)
        elif isinstance(value, date):
            cell = para(format_date(value))
        else:
            cell = answer_box("" if value is None else str(value), blank=blank, height=7 * mm)
        rows.append([label(declaration.printed_label), cell])
    if not rows:
        return []
    table = form_table(
        rows,
        [50 * mm, CONTENT_WIDTH - 50 * mm],
        extra_style=[("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE)],
    )
    return [table, gap()]
