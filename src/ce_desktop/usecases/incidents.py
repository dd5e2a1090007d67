"""Use cases of the chronology: record an incident, list a child's incidents, and what
the case list, the review page and the PDF need of them (issue 13, point 3).

A child is found by the reference of any of their assessments (or by the child's id),
never by name: a name is not unique, and typed on a command line it would stay in the
shell's history. A child's *current* assessment is the one that last took in what was
known (``domain.chronology.assessed_at``): recording an incident prompts a review of it
when it is final, and reminds the worker to weigh it when it is a draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ce_desktop.domain import chronology as chronicle
from ce_desktop.domain.chronology import Chronology, Incident, IncidentRefused
from ce_desktop.domain.model import Assessment, Status
from ce_desktop.storage.errors import AssessmentNotFound, ChronologyDamaged, StorageError
from ce_desktop.storage.index import AssessmentSummary
from ce_desktop.storage.paths import is_assessment_id
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import amendments

__all__ = [
    "ChildNotFound",
    "IncidentRefused",
    "Recorded",
    "chronology_of",
    "current_assessment",
    "find_child",
    "incidents_for_pdf",
    "incidents_since_previous",
    "new_incident_counts",
    "record_incident",
]


class ChildNotFound(AssessmentNotFound):
    """No assessment here has that reference or child id."""


@dataclass(frozen=True)
class Recorded:
    """An incident just recorded, and the review it prompts.

    Attributes:
        incident: the entry as saved.
        chronology: the child's whole chronology, with it.
        current: the child's current assessment (whose review is prompted), if readable.
        warnings: what the load of the chronology noticed (a backup copy used...).
    """

    incident: Incident
    chronology: Chronology
    current: AssessmentSummary | None
    warnings: list[str] = field(default_factory=list)

    @property
    def review_prompted(self) -> bool:
        """Whether a review of the current assessment can be started (it is final)."""
        return self.current is not None and self.current.status is not Status.DRAFT


def _of_child(vault: Vault, child_id: str) -> list[AssessmentSummary]:
    return [s for s in vault.list_summaries() if s.child_id == child_id and not s.damaged]


def current_assessment(vault: Vault, child_id: str) -> AssessmentSummary | None:
    """The child's assessment that last took in what was known, or None."""
    readable = [s for s in _of_child(vault, child_id) if s.assessed_at is not None]
    return max(readable, key=lambda s: s.assessed_at or s.updated_at, default=None)


def find_child(vault: Vault, reference: str) -> str:
    """The child id of the child an assessment reference (or a child id) names.

    Raises:
        ChildNotFound: no assessment here has that reference or child id.
    """
    wanted = reference.strip()
    if is_assessment_id(wanted) and _of_child(vault, wanted):
        return wanted
    try:
        summary = vault.find(wanted)
    except AssessmentNotFound:
        raise ChildNotFound(wanted) from None
    if summary.damaged or not summary.child_id:
        raise StorageError(
            f"Assessment {summary.reference} is damaged, so the child it is about is not known."
        )
    return summary.child_id


def chronology_of(vault: Vault, child_id: str) -> tuple[Chronology, list[str]]:
    """A child's chronology (empty if none) and what its load noticed.

    Raises:
        ChronologyDamaged: no copy opens; the files are now in the quarantine folder.
        NewerFormat, FileHeld: as the words say.
    """
    return vault.load_chronology(child_id)


def record_incident(
    vault: Vault,
    child_id: str,
    *,
    occurred_on: date | None,
    what_happened: str,
    source_agency: str,
    recorded_by: str,
    today: date,
    now: datetime,
) -> Recorded:
    """Add one incident to a child's chronology and save it.

    A damaged chronology does not stop the recording: its files are kept in quarantine,
    the incident starts a new chronology, and the warnings say so.

    Raises:
        IncidentRefused: a part is missing or the date is in the future (nothing saved).
        NewerFormat: a newer release's chronology is there; it is kept, nothing saved.
        FolderNotWritable, SaveFailed, ContentRefused: nothing changed on disk.
    """
    incident = chronicle.new_incident(
        occurred_on=occurred_on,
        what_happened=what_happened,
        source_agency=source_agency,
        recorded_by=recorded_by,
        today=today,
        now=now,
    )
    try:
        chronology, warnings = vault.load_chronology(child_id)
    except ChronologyDamaged as damaged:
        chronology, warnings = Chronology(child_id=child_id), [str(damaged)]
    updated = chronicle.with_incident(chronology, incident)
    vault.save_chronology(updated)
    return Recorded(incident, updated, current_assessment(vault, child_id), warnings)


def new_incident_counts(vault: Vault) -> dict[str, int]:
    """Per child id, the incidents recorded since the child's current assessment.

    Only children with at least one; from the index, so nothing is decrypted.
    """
    moments: dict[str, datetime] = {}
    for summary in vault.list_summaries():
        at = summary.assessed_at
        if at is not None and (summary.child_id not in moments or at > moments[summary.child_id]):
            moments[summary.child_id] = at
    counts: dict[str, int] = {}
    for child_id, chronology in vault.chronology_summaries().items():
        count = chronicle.recorded_since(list(chronology.recorded), moments.get(child_id))
        if count:
            counts[child_id] = count
    return counts


def incidents_since_previous(vault: Vault, assessment: Assessment) -> list[Incident]:
    """The incidents a review has to weigh (recorded since the assessment it reviews).

    An assessment that is not a review, or whose previous one is gone, weighs every
    incident recorded up to it. The previous assessment is its latest final version
    (``amendments.record_of``), the one of record. A chronology that cannot be read gives none (its
    problem is told where the chronology is opened).
    """
    previous = None
    if assessment.previous_id:
        try:
            previous = amendments.record_of(vault, assessment.previous_id)
        except StorageError:
            previous = None
    try:
        chronology, _ = vault.load_chronology(assessment.child_id)
    except StorageError:
        return []
    return chronicle.since_previous(chronology, previous, assessment)


def incidents_for_pdf(vault: Vault, assessment: Assessment) -> list[Incident]:
    """The chronology the PDF's appendix prints: the child's incidents as at the assessment.

    A final assessment's are those recorded up to its finalising (so every copy of it
    prints the same), a draft's every one. A chronology that cannot be read gives none,
    so a damaged chronology never stops a PDF (its problem is told where it is opened).
    """
    try:
        chronology, _ = vault.load_chronology(assessment.child_id)
    except StorageError:
        return []
    until = assessment.finalised_at if assessment.status is not Status.DRAFT else None
    return chronicle.incidents_between(chronology, None, until)
