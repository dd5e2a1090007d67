"""The chronology of significant incidents as the PDF's appendix (issue 13, point 3).

On a page of its own after the form: one row per incident, oldest first (the day it
happened, what happened, the source agency, who recorded it and when). A long account
flows on to the next page, the table's header repeating. The appendix is not part of
the form's content, so it sits outside the finalised content's fingerprint; a final
assessment's appendix lists what was recorded up to its finalising, so every copy of
it printed later carries the same chronology of incidents. A corrected incident shows
how it now reads, then each earlier reading marked as corrected, with who corrected it,
when and why: nothing typed is ever dropped from the paper copy.

When the chronology cannot be read, the appendix is one line saying so (and nothing
of the chronology): a copy without its appendix must never pass for a child with no
incidents.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from ce_desktop.domain.chronology import incident_count_words
from ce_desktop.domain.chronology_entries import AsPrinted, Entry
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
UNREADABLE = "The chronology could not be read when this copy was made"
_UNREADABLE_NOTE = (
    f"{UNREADABLE}, so its incidents are not listed here: this is not a record that none "
    "were recorded. Open the child's chronology in CE Desktop (or run its check) and make "
    "a new copy."
)
_WIDTHS = (24 * mm, CONTENT_WIDTH - 86 * mm, 32 * mm, 30 * mm)


def _scope(assessment: Assessment, count: int) -> str:
    recorded = incident_count_words(count)
    if assessment.status is not Status.DRAFT and assessment.finalised_at is not None:
        until = f"up to its finalising ({format_time(assessment.finalised_at)})"
    else:
        until = "up to the time this copy was made"
    return (
        f"{recorded} recorded in CE Desktop for this child {until}, oldest first; a "
        "corrected incident reads as corrected, its earlier text kept below it. The toolkit "
        "asks for a new assessment after any significant incident. This appendix is not "
        "part of the assessment's content or its fingerprint."
    )


def _what_happened(entry: Entry) -> list[Flowable]:
    """The account as it now reads, then each earlier reading, marked as corrected."""
    cell: list[Flowable] = list(paragraphs(entry.incident.what_happened))
    note, small = styles().note, styles().small
    for superseded in entry.earlier:
        before, correction = superseded.read, superseded.by
        cell.append(gap(1.5 * mm))
        cell.append(
            para(
                f"Corrected on {format_time(correction.corrected_at)} by "
                f"{correction.corrected_by}. Why: {correction.reason}",
                note,
            )
        )
        cell.append(
            para(
                f"Before the correction it read ({format_date(before.occurred_on)}, "
                f"{before.source_agency}):",
                note,
            )
        )
        cell.extend(paragraphs(before.what_happened, small))
    return cell


def _unreadable() -> list[Flowable]:
    return [gap(6 * mm), heading(APPENDIX_TITLE), gap(2 * mm), para(_UNREADABLE_NOTE)]


def chronology_appendix(assessment: Assessment, chronology: AsPrinted) -> list[Flowable]:
    """The appendix's flowables: none when no incident was recorded, one line saying so
    when the chronology could not be read."""
    if chronology.unreadable:
        return _unreadable()
    if not chronology.entries:
        return []
    rows: list[list[object]] = [
        [label("Date"), label("What happened"), label("Source agency"), label("Recorded by")]
    ]
    for entry in chronology.entries:
        incident = entry.incident
        day: list[Flowable] = [para(format_date(incident.occurred_on))]
        if entry.corrected:
            day.append(para("(corrected)", styles().note))
        recorded = [para(incident.recorded_by), para(format_time(incident.recorded_at))]
        rows.append([day, _what_happened(entry), para(incident.source_agency), recorded])
    table = form_table(
        rows, _WIDTHS, repeat_rows=1, extra_style=[("BACKGROUND", (0, 0), (-1, 0), LABEL_SHADE)]
    )
    bar = heading(APPENDIX_TITLE)
    note = para(_scope(assessment, len(chronology.entries)), styles().body)
    return [
        PageBreak(),
        bar,
        gap(2 * mm),
        note,
        gap(2 * mm),
        table,
    ]
