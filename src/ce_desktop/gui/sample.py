"""The training sample: a fictional assessment to practise on.

Each time it is opened it becomes a new draft with its own id and reference, marked
``is_training_sample`` so the case list, the editor and the PDF say it is fictional.
"""

from __future__ import annotations

from datetime import date, datetime

from ce_desktop.domain.boundary import assessment_from_json
from ce_desktop.domain.lifecycle import draft_copy
from ce_desktop.domain.model import Assessment, AuditAction, AuditEvent, utc_now
from ce_desktop.resources import resource_path

SAMPLE_FILE = ("samples", "sample-assessment.json")


def new_training_sample(*, today: date, now: datetime | None = None) -> Assessment:
    """A fresh draft copied from the sample file, with a new id, reference and child id."""
    text = resource_path(*SAMPLE_FILE).read_text(encoding="utf-8")
    template = assessment_from_json(text)
    moment = now or utc_now()
    sample = draft_copy(template, today=today, now=moment)
    sample.child_id = Assessment.new(today=today, now=moment).child_id
    sample.is_training_sample = True
    sample.audit = [AuditEvent(at=moment, action=AuditAction.CREATED, detail="training sample")]
    return sample
