"""Use cases of the chronology: record an incident, correct one, list a child's
incidents, and what the case list, the review page and the PDF need of them (issue 13).

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
from ce_desktop.domain import chronology_entries
from ce_desktop.domain.chronology import Chronology, Incident, IncidentRefused
from ce_desktop.domain.chronology_entries import AsPrinted, Entry
from ce_desktop.domain.model import Assessment, Status
from ce_desktop.storage.errors import AssessmentNotFound, ChronologyDamaged, StorageError
from ce_desktop.storage.index import AssessmentSummary
from ce_desktop.storage.paths import is_assessment_id
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import amendments

__all__ = [
    "UNREADABLE_FOR_PDF",
    "ChildNotFound",
    "Corrected",
    "IncidentRefused",
    "Recorded",
    "chronology_of",
    "correct_incident",
    "current_assessment",
    "entries_of",
    "find_child",
    "incidents_for_pdf",
    "incidents_since_previous",
    "new_incident_counts",
    "record_incident",
]


UNREADABLE_FOR_PDF = (
    "The chronology of this child's incidents could not be read, so the PDF lists no "
    "incident: it says, where its appendix would be, that the chronology could not be "
    "read when it was made. Run the check (or open the child's chronology) to see why."
)
"""What the window and the command line say before a PDF is made without its appendix."""


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


@dataclass(frozen=True)
class Corrected:
    """An incident just corrected.

    Attributes:
        entry: the incident as it now reads, its earlier readings kept.
        chronology: the child's whole chronology, with the correction.
        warnings: what the load of the chronology noticed (a backup copy used...).
    """

    entry: Entry
    chronology: Chronology
    warnings: list[str] = field(default_factory=list)


def entries_of(vault: Vault, child_id: str) -> tuple[list[Entry], list[str]]:
    """A child's incidents as they now read, oldest first, and what the load noticed.

    Raises:
        ChronologyDamaged: no copy opens; the files are now in the quarantine folder.
        NewerFormat, FileHeld: as the words say.
    """
    chronology, warnings = vault.load_chronology(child_id)
    return chronology_entries.entries(chronology), warnings


def correct_incident(
    vault: Vault,
    child_id: str,
    which: int | str,
    *,
    occurred_on: date | None,
    what_happened: str,
    source_agency: str,
    reason: str,
    corrected_by: str,
    today: date,
    now: datetime,
) -> Corrected:
    """Correct one incident of a child's chronology and save it; the earlier text stays.

    ``which`` is the incident's place in the chronology as listed (1 for the oldest) or
    its id.

    Raises:
        IncidentRefused: no such incident, a part or the reason missing, a date in the
            future, or nothing changed (nothing saved).
        ChronologyDamaged: no copy of the chronology opens, so nothing can be corrected.
        NewerFormat: a newer release's chronology is there; it is kept, nothing saved.
        FolderNotWritable, SaveFailed, ContentRefused: nothing changed on disk.
    """
    chronology, warnings = vault.load_chronology(child_id)
    listed = chronology_entries.entries(chronology)
    if isinstance(which, int):
        if not 1 <= which <= len(listed):
            held = chronicle.incident_count_words(len(listed))
            raise IncidentRefused(
                f"There is no incident {which} in this child's chronology: it holds {held}."
            )
        entry = listed[which - 1]
    else:
        found = [entry for entry in listed if entry.incident.id == which]
        if not found:
            raise IncidentRefused("That incident is not in this child's chronology.")
        entry = found[0]
    correction = chronology_entries.new_correction(
        entry,
        occurred_on=occurred_on,
        what_happened=what_happened,
        source_agency=source_agency,
        reason=reason,
        corrected_by=corrected_by,
        today=today,
        now=now,
    )
    updated = chronology_entries.with_correction(chronology, correction)
    vault.save_chronology(updated)
    (now_reads,) = [
        e for e in chronology_entries.entries(updated) if e.incident.id == entry.incident.id
    ]
    return Corrected(now_reads, updated, warnings)


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
    """The incidents a review has to weigh (recorded since the assessment it reviews),
    as they now read (corrected where they were corrected).

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
    weighed = {
        incident.id for incident in chronicle.since_previous(chronology, previous, assessment)
    }
    return [
        entry.incident
        for entry in chronology_entries.entries(chronology)
        if entry.incident.id in weighed
    ]


def incidents_for_pdf(vault: Vault, assessment: Assessment) -> AsPrinted:
    """The chronology the PDF's appendix prints: the child's incidents as at the assessment.

    A final assessment's are those recorded up to its finalising, a draft's every one;
    each as it now reads, its earlier readings shown as corrected. A chronology that
    cannot be read never stops a PDF: it is printed as unreadable (no value of it is
    shown), and the window and the command line say so before writing.
    """
    try:
        chronology, _ = vault.load_chronology(assessment.child_id)
    except StorageError as error:
        return AsPrinted(unreadable=True, problem=str(error))
    until = assessment.finalised_at if assessment.status is not Status.DRAFT else None
    return AsPrinted(tuple(chronology_entries.entries(chronology, until)))
