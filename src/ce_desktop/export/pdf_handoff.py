"""The PDF's record of sharing: every sending to the MASH and the MASH's responses.

The hand-off log is outside the finalised content (its fingerprint), so this page is
the one part of a final PDF that grows after finalising: a copy printed later shows
more of the record, never different answers.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ce_desktop.domain.derived import format_time
from ce_desktop.domain.handoff import DECISION_LABELS, METHOD_LABELS
from ce_desktop.domain.model import Assessment
from ce_desktop.export.pdf_flow import NeedsRoom
from ce_desktop.export.pdf_layout import CONTENT_WIDTH, LABEL_SHADE, form_table, gap, label, para

_WHEN_WIDTH = 32 * mm
_WHAT_WIDTH = 48 * mm
_DETAIL_WIDTH = CONTENT_WIDTH - _WHEN_WIDTH - _WHAT_WIDTH
TITLE = "Record of sharing"


def _who(prefix: str, name: str) -> str:
    return f"{prefix} {name}" if name.strip() else ""


def _rows(assessment: Assessment) -> list[tuple[datetime, str, str]]:
    """(when, what, detail) of every entry, in time order (sendings first on a tie)."""
    log = assessment.handoff
    rows: list[tuple[datetime, str, str]] = []
    for sending in log.sendings:
        detail = "; ".join(
            part for part in (_who("To", sending.to), _who("By", sending.by)) if part
        )
        rows.append((sending.at, f"Sent: {METHOD_LABELS[sending.how]}", detail))
    if not log.sendings and assessment.sent_at is not None:
        rows.append((assessment.sent_at, "Marked as sent", ""))
    for acknowledgement in log.acknowledgements:
        rows.append(
            (acknowledgement.at, "Acknowledged by the MASH", _who("By", acknowledgement.by))
        )
    for decision in log.decisions:
        rows.append(
            (decision.at, f"MASH decision: {DECISION_LABELS[decision.outcome]}", decision.note)
        )
    return sorted(rows, key=lambda row: row[0])


def record_of_sharing(assessment: Assessment) -> list[Flowable]:
    """The record of sharing as a table; nothing when the assessment was never sent."""
    entries = _rows(assessment)
    if not entries:
        return []
    header = [label("When"), label("What"), label("Details")]
    body: list[list[object]] = [
        [para(format_time(when)), para(what), para(detail)] for when, what, detail in entries
    ]
    reference = assessment.handoff.mash_reference
    if reference:
        body.append([label("MASH reference"), para(reference), ""])
    rows: list[list[object]] = [[label(TITLE), "", ""], header, *body]
    style: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (2, 0)),
        ("BACKGROUND", (0, 0), (2, 1), LABEL_SHADE),
    ]
    if reference:
        style += [("SPAN", (1, -1), (2, -1)), ("BACKGROUND", (0, -1), (0, -1), LABEL_SHADE)]
    table = form_table(
        rows, [_WHEN_WIDTH, _WHAT_WIDTH, _DETAIL_WIDTH], repeat_rows=2, extra_style=style
    )
    table.outline_entry = (TITLE, 0)
    return [gap(), NeedsRoom([], table=table, rows=3), table, gap()]
