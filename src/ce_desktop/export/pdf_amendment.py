"""The PDF of an amended version: which version it supersedes, and why (issue 13).

Every page of an amended version says so in its foot ("Amended, version 2: supersedes
version 1 (fingerprint ...)", ``domain.amendments.notice``), so a page found alone is
never taken for the version it corrects; under the title, the first page gives the
reason. An original prints neither.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ce_desktop.domain import amendments
from ce_desktop.domain.model import Assessment
from ce_desktop.export.pdf_layout import CONTENT_WIDTH, LABEL_SHADE, form_table, gap, label, para

TITLE = "Amendment"
_LABEL_WIDTH = 48 * mm


def amendment(assessment: Assessment) -> list[Flowable]:
    """An amended version's notice and reason, under the title; nothing for an original."""
    if assessment.amendment is None:
        return []
    rows: list[list[object]] = [
        [label(amendments.notice(assessment)), ""],
        [label("Reason for the amendment"), para(assessment.amendment.reason)],
    ]
    style: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (1, 0)),
        ("BACKGROUND", (0, 0), (1, 0), LABEL_SHADE),
        ("BACKGROUND", (0, 1), (0, -1), LABEL_SHADE),
    ]
    table = form_table(rows, [_LABEL_WIDTH, CONTENT_WIDTH - _LABEL_WIDTH], extra_style=style)
    table.outline_entry = (TITLE, 0)
    return [table, gap()]
