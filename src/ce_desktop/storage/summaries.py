"""What the case list shows of each assessment and each child's chronology.

An :class:`AssessmentSummary` is the case list's line of one assessment, a
:class:`ChronologySummary` when each of a child's incidents was recorded. Both are
made from the records themselves (``of``) and kept in the encrypted index as JSON
(``to_json``, ``from_json``: see ``index``); a file that cannot be read keeps its
last known line, marked damaged, or a line of its id alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from ce_desktop.domain.chronology import Chronology, assessed_at
from ce_desktop.domain.derived import send_by as send_by_of
from ce_desktop.domain.handoff import HandOffFacts
from ce_desktop.domain.identifiers import format_nhs_number
from ce_desktop.domain.model import Assessment, MashDecision, RiskLevel, Status


@dataclass(frozen=True)
class AssessmentSummary:
    """What the case list shows about one assessment."""

    id: str
    reference: str
    child_id: str
    child_name: str
    status: Status
    level: RiskLevel | None
    date_completed: date | None
    send_by: datetime | None
    next_review: date | None
    updated_at: datetime
    is_training_sample: bool
    damaged: bool = False
    """The file cannot be read: listed by its last known reference (or its id), not dropped."""
    identifiers: str = ""
    """The child's person id, NHS number and UPN, for searching (not a column)."""
    handoff: HandOffFacts = field(default_factory=HandOffFacts)
    """The latest sending and whether the MASH has answered (for "Chase the MASH")."""
    assessed_at: datetime | None = None
    """When it took in what was known (``domain.chronology.assessed_at``); None if damaged."""
    version: int = 1
    """1 for an original, 2 or more for an amended version (``REF v2``)."""
    supersedes_id: str | None = None
    """For an amended version: the id of the version it supersedes."""

    @classmethod
    def of(cls, assessment: Assessment) -> AssessmentSummary:
        """The summary of an assessment."""
        # The case list shows the deadline of a final assessment only: a draft's is
        # the checks' to tell, on its own Check and finish page.
        send_by = send_by_of(assessment) if assessment.status is Status.FINAL else None
        return cls(
            id=assessment.id,
            reference=assessment.reference,
            child_id=assessment.child_id,
            child_name=assessment.child.display_name,
            status=assessment.status,
            level=assessment.analysis.level_of_risk,
            date_completed=assessment.details.date_completed,
            send_by=send_by,
            next_review=assessment.intended_action.next_review_date,
            updated_at=assessment.updated_at,
            is_training_sample=assessment.is_training_sample,
            identifiers=identifiers_text(assessment),
            handoff=HandOffFacts.of(assessment),
            assessed_at=assessed_at(assessment),
            version=assessment.amendment.version if assessment.amendment else 1,
            supersedes_id=assessment.amendment.supersedes_id if assessment.amendment else None,
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        return {
            "id": self.id,
            "reference": self.reference,
            "child_id": self.child_id,
            "child_name": self.child_name,
            "status": self.status.value,
            "level": self.level.value if self.level else None,
            "date_completed": _iso(self.date_completed),
            "send_by": _iso(self.send_by),
            "next_review": _iso(self.next_review),
            "updated_at": self.updated_at.isoformat(),
            "is_training_sample": self.is_training_sample,
            "damaged": self.damaged,
            "identifiers": self.identifiers,
            "handoff": {
                "last_sent_at": _iso(self.handoff.last_sent_at),
                "acknowledged": self.handoff.acknowledged,
                "decision": self.handoff.decision.value if self.handoff.decision else None,
            },
            "assessed_at": _iso(self.assessed_at),
            "version": self.version,
            "supersedes_id": self.supersedes_id,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> AssessmentSummary:
        """The inverse of :meth:`to_json`."""
        return cls(
            id=raw["id"],
            reference=raw["reference"],
            child_id=raw["child_id"],
            child_name=raw["child_name"],
            status=Status(raw["status"]),
            level=RiskLevel(raw["level"]) if raw["level"] else None,
            date_completed=date.fromisoformat(raw["date_completed"])
            if raw["date_completed"]
            else None,
            send_by=datetime.fromisoformat(raw["send_by"]) if raw["send_by"] else None,
            next_review=date.fromisoformat(raw["next_review"]) if raw["next_review"] else None,
            updated_at=datetime.fromisoformat(raw["updated_at"]),
            is_training_sample=bool(raw["is_training_sample"]),
            damaged=bool(raw.get("damaged", False)),
            identifiers=str(raw.get("identifiers", "")),
            handoff=_handoff_from_json(raw["handoff"]),
            assessed_at=datetime.fromisoformat(raw["assessed_at"]) if raw["assessed_at"] else None,
            # A line from before amendments has no "version": the KeyError makes the whole
            # index be read again from the files.
            version=int(raw["version"]),
            supersedes_id=raw["supersedes_id"],
        )

    def as_damaged(self) -> AssessmentSummary:
        """This summary, marked as of a file that can no longer be read."""
        return replace(self, damaged=True)


def identifiers_text(assessment: Assessment) -> str:
    """The identifiers a search may be typed with: the NHS number both bare and spaced."""
    child = assessment.child
    numbers = [child.person_id, child.nhs_number, format_nhs_number(child.nhs_number), child.upn]
    return " ".join(number for number in numbers if number)


@dataclass(frozen=True)
class ChronologySummary:
    """What the case list needs of one child's chronology: when each incident was recorded."""

    child_id: str
    recorded: tuple[datetime, ...]
    damaged: bool = False
    """The file cannot be read (its incidents are unknown until it is)."""

    @classmethod
    def of(cls, chronology: Chronology) -> ChronologySummary:
        """The summary of a chronology."""
        return cls(chronology.child_id, tuple(i.recorded_at for i in chronology.incidents))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "child_id": self.child_id,
            "recorded": [moment.isoformat() for moment in self.recorded],
            "damaged": self.damaged,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ChronologySummary:
        """The inverse of :meth:`to_json`."""
        recorded = tuple(datetime.fromisoformat(moment) for moment in raw["recorded"])
        return cls(str(raw["child_id"]), recorded, bool(raw["damaged"]))


def damaged_summary(
    assessment_id: str, known: AssessmentSummary | None, modified: datetime
) -> AssessmentSummary:
    """The case-list line of a file that cannot be read: its last known facts, or its id."""
    if known is not None:
        return known.as_damaged()
    return AssessmentSummary(
        id=assessment_id,
        reference=assessment_id,
        child_id="",
        child_name="",
        status=Status.DRAFT,
        level=None,
        date_completed=None,
        send_by=None,
        next_review=None,
        updated_at=modified,
        is_training_sample=False,
        damaged=True,
    )


def _handoff_from_json(raw: dict[str, Any]) -> HandOffFacts:
    # An index line from before the hand-off log has no "handoff": the KeyError makes
    # the whole index be read again from the files.
    sent = raw["last_sent_at"]
    decision = raw["decision"]
    return HandOffFacts(
        last_sent_at=datetime.fromisoformat(sent) if sent else None,
        acknowledged=bool(raw["acknowledged"]),
        decision=MashDecision(decision) if decision else None,
    )


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None
