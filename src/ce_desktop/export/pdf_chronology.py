"""The chronology of significant incidents as the PDF's appendix (issue 13, point 3).

On a page of its own after the form: one row per incident, oldest first (the day it
happened, what happened, the source agency, who recorded it and when). A long account
flows on to the next page, the table's header repeating. The appendix is not part of
the form's content, so it sits outside the finalised content's fingerprint; a final
assessment's appendix lists what was recorded up to its finalising, so every copy of
it printed later carries the same chronology.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from ce_desktop.domain.chronology import Incident, incident_count_words
from ce_desktop.domain.derived import format_date, format_time
from ce_desktop.domain.model import Assessment, Status
from ce_desktop.export.pdf_layout import (
    CONTENT_WIDTH,
    LABEL_SHADE,
    form_table,
    gap,
    heading,
    label,
    para,
    paragraphs,
    styles,
)

APPENDIX_TITLE = "Appendix: chronology of significant incidents"
_WIDTHS = (24 * mm, CONTENT_WIDTH - 86 * mm, 32 * mm, 30 * mm)


def _scope(assessment: Assessment, count: int) -> str:
    recorded = incident_count_words(count)
    if assessment.status is not Status.DRAFT and assessment.finalised_at is not None:
        until = f"up to its finalising ({format_time(assessment.finalised_at)})"
    else:
        until = "up to the time this copy was made"
    return (
        f"{recorded} recorded in CE Desktop for this child {until}, oldest first. The toolkit "
        "asks for a new assessment after any significant incident. This appendix is not "
        "part of the assessment's content or its fingerprint."
    )


def chronology_appendix(assessment: Assessment, incidents: Sequence[Incident]) -> list[Flowable]:
    """The appendix's flowables, or none when no incident was recorded."""
    if not incidents:
        return []
    rows: list[list[object]] = [
        [label("Date"), label("What happened"), label("Source agency"), label("Recorded by")]
    ]
    for incident in incidents:
        recorded = [para(incident.recorded_by), para(format_time(incident.recorded_at))]
        rows.append(
            [
                para(format_date(incident.occurred_on)),
                paragraphs(incident.what_happened),
                para(incident.source_agency),
                recorded,
            ]
        )
    table = form_table(
        rows, _WIDTHS, repeat_rows=1, extra_style=[("BACKGROUND", (0, 0), (-1, 0), LABEL_SHADE)]
    )
    bar = heading(APPENDIX_TITLE)
    note = para(_scope(assessment, len(incidents)), styles().body)
    return [
        PageBreak(),
        bar,
        gap(2 * mm),
        note,
        gap(2 * mm),
        table,
    ]
