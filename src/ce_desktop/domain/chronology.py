"""Significant incidents and the chronology of one child (PRODUCT §3.9a, issue 13).

The toolkit asks for a new assessment "after any significant incident", and an open
case keeps a chronology of significant events. A :class:`Chronology` holds every
:class:`Incident` recorded about one child: when it happened, what happened, the
agency the information came from, and who recorded it (and when).

Why a record of its own, and not entries carried forward inside each assessment: the
chronology belongs to the child, not to one assessment. Every assessment and review
of a child already shares the child's ``child_id`` (a review copies it forward, and the
case list groups by it), so one chronology per ``child_id`` is one truth that every
assessment of the child reads. Carried inside each assessment, an incident recorded
while a review is a draft would have to be written into a final assessment too (which
is frozen, and whose fingerprint a paper copy matches), or be missing from it; two
reviews started from one assessment would fork the chronology; and deleting an old
assessment would take its incidents with it. Kept apart, adding an incident never
touches a finalised assessment's content or fingerprint.

Entries are only ever added, never edited or removed, so two copies of a chronology
(a backup and the folder) merge by taking every entry of both (:func:`merged`). An
incident typed in error is corrected by a :class:`Correction`, an entry of its own that
supersedes the incident's date, account and agency and says who corrected it, when and
why: the earlier reading is kept, and shown as corrected (``domain.chronology_entries``).

Format 2 added the corrections (format 1 had none; :func:`chronology_from_json`
migrates it). It is the chronology's own format, apart from the assessment's.

Pure functions over the model, nothing about files or Qt.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Final, Literal, Self

from pydantic import Field, ValidationError, model_validator

from ce_desktop.domain import boundary
from ce_desktop.domain.boundary import BoundaryError, Problem
from ce_desktop.domain.formats import is_newer
from ce_desktop.domain.migrations import MigrationError, NewerFormatError, migrate
from ce_desktop.domain.model import (
    EARLIEST_YEAR,
    Assessment,
    FormModel,
    Line,
    Moment,
    Status,
    Text,
)

CHRONOLOGY_FORMAT_VERSION: Final = 2
"""The chronology format this release writes; a newer one is kept, never replaced."""


def _add_corrections(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 to 2: corrections of incidents, none yet."""
    data.setdefault("corrections", [])
    return data


CHRONOLOGY_MIGRATIONS: Final = {1: _add_corrections}

REVIEW_PROMPT: Final = "The toolkit asks for a new assessment after any significant incident."

_Id = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]


class IncidentRefused(ValueError):
    """An incident that cannot be recorded as it stands; ``str()`` says why, plainly."""


class Incident(FormModel):
    """One significant incident in a child's chronology.

    Attributes:
        id: random id, so that two copies of a chronology merge without doubling.
        occurred_on: the day it happened.
        what_happened: what happened, in the words of the person recording it.
        source_agency: where the information came from (Police, school, ...).
        recorded_by: who recorded it.
        recorded_at: when it was recorded in CE Desktop.
    """

    id: _Id = Field(default_factory=lambda: uuid.uuid4().hex)
    occurred_on: date
    what_happened: Text
    source_agency: Line
    recorded_by: Line
    recorded_at: Moment


class Correction(FormModel):
    """A correction of an incident typed in error: how the incident should read.

    Attributes:
        id: random id (merging copies, as an incident's).
        incident_id: the incident it corrects.
        occurred_on, what_happened, source_agency: the incident as corrected.
        reason: why it was corrected.
        corrected_by: who corrected it.
        corrected_at: when it was corrected in CE Desktop.
    """

    id: _Id = Field(default_factory=lambda: uuid.uuid4().hex)
    incident_id: _Id
    occurred_on: date
    what_happened: Text
    source_agency: Line
    reason: Text
    corrected_by: Line
    corrected_at: Moment


class Chronology(FormModel):
    """Every incident recorded about one child, oldest first, and their corrections.

    Attributes:
        child_id: the ``child_id`` shared by every assessment of the child.
        incidents: in the order of the day they happened, then of recording, as recorded.
        corrections: in the order they were made; each names an incident here.
    """

    format_version: Literal[2] = CHRONOLOGY_FORMAT_VERSION
    child_id: _Id
    incidents: list[Incident] = Field(default_factory=list)
    corrections: list[Correction] = Field(default_factory=list)

    @model_validator(mode="after")
    def _corrections_name_incidents(self) -> Self:
        known = {incident.id for incident in self.incidents}
        if any(correction.incident_id not in known for correction in self.corrections):
            raise ValueError("a correction names an incident that is not in the chronology")
        return self


def chronology_from_json(data: bytes) -> Chronology:
    """The chronology in ``data``, through the same boundary as an assessment.

    Raises:
        NewerFormatError: a newer release wrote it.
        BoundaryError: it is not a chronology within the form's limits (paths, no values).
    """
    raw = boundary.read_document(data)
    if is_newer(raw, CHRONOLOGY_FORMAT_VERSION):
        raise NewerFormatError("This chronology was made by a newer version of CE Desktop.")
    try:
        raw = migrate(raw, registry=CHRONOLOGY_MIGRATIONS, current=CHRONOLOGY_FORMAT_VERSION)
    except MigrationError:
        raise BoundaryError([Problem("format_version", "is not a known version")]) from None
    try:
        chronology = Chronology.model_validate(raw)
    except ValidationError as error:
        problems = [
            Problem(
                ".".join(str(part) for part in found["loc"]) or "(the whole file)", found["msg"]
            )
            for found in error.errors(include_input=False, include_url=False)
        ]
        raise BoundaryError(problems) from None
    problems = boundary.record_problems(chronology)
    if problems:
        raise BoundaryError(problems)
    return chronology


def chronology_to_json(chronology: Chronology) -> bytes:
    """The bytes :func:`chronology_from_json` reads back."""
    return chronology.model_dump_json().encode("utf-8")


def incident_order(incident: Incident) -> tuple[date, datetime, str]:
    """Incidents by the day they happened, then by when they were recorded."""
    return (incident.occurred_on, incident.recorded_at, incident.id)


def correction_order(correction: Correction) -> tuple[datetime, str]:
    """Corrections in the order they were made."""
    return (correction.corrected_at, correction.id)


def new_incident(
    *,
    occurred_on: date | None,
    what_happened: str,
    source_agency: str,
    recorded_by: str,
    today: date,
    now: datetime,
) -> Incident:
    """An incident as the worker gave it, checked for what a chronology entry needs.

    Raises:
        IncidentRefused: a part is missing, or the day is in the future or implausible.
    """
    missing = [
        name
        for name, value in (
            ("the date it happened", occurred_on),
            ("what happened", what_happened.strip()),
            ("the source agency", source_agency.strip()),
            ("who recorded it", recorded_by.strip()),
        )
        if not value
    ]
    if missing:
        raise IncidentRefused(f"The incident was not recorded: give {', '.join(missing)}.")
    assert occurred_on is not None
    if occurred_on > today:
        raise IncidentRefused("The incident was not recorded: its date is in the future.")
    if occurred_on.year < EARLIEST_YEAR:
        raise IncidentRefused("The incident was not recorded: its date is not plausible.")
    return Incident(
        occurred_on=occurred_on,
        what_happened=what_happened.strip("\n"),
        source_agency=source_agency.strip(),
        recorded_by=recorded_by.strip(),
        recorded_at=now,
    )


def with_incident(chronology: Chronology, incident: Incident) -> Chronology:
    """A copy of ``chronology`` with ``incident`` in its place by date."""
    return chronology.model_copy(
        update={"incidents": sorted([*chronology.incidents, incident], key=incident_order)}
    )


def merged(first: Chronology, second: Chronology) -> Chronology:
    """Every entry of both copies of one child's chronology, each once.

    An entry is never edited, so one id is one entry; where two copies differ in an
    entry of the same id (a copy tampered with), the first copy's is kept. Corrections
    are entries too, merged the same way.
    """
    incidents = {incident.id: incident for incident in second.incidents}
    incidents.update({incident.id: incident for incident in first.incidents})
    corrections = {correction.id: correction for correction in second.corrections}
    corrections.update({correction.id: correction for correction in first.corrections})
    return first.model_copy(
        update={
            "incidents": sorted(incidents.values(), key=incident_order),
            "corrections": sorted(corrections.values(), key=correction_order),
        }
    )


def assessed_at(assessment: Assessment) -> datetime:
    """The moment an assessment took in what was known: finalised, or else started.

    An incident recorded after this moment is one the assessment could not weigh. A
    draft takes in what was recorded before it was started; once finalised, what was
    recorded while it was open too.
    """
    if assessment.status is not Status.DRAFT and assessment.finalised_at is not None:
        return assessment.finalised_at
    return assessment.created_at


def recorded_since(recorded: list[datetime], moment: datetime | None) -> int:
    """How many of the recording times fall after ``moment`` (all, if there is none)."""
    if moment is None:
        return len(recorded)
    return sum(1 for at in recorded if at > moment)


def incidents_between(
    chronology: Chronology, after: datetime | None, until: datetime | None = None
) -> list[Incident]:
    """The incidents recorded after ``after`` (and not after ``until``), by date."""
    return [
        incident
        for incident in chronology.incidents
        if (after is None or incident.recorded_at > after)
        and (until is None or incident.recorded_at <= until)
    ]


def since_previous(
    chronology: Chronology, previous: Assessment | None, current: Assessment
) -> list[Incident]:
    """The incidents a review has to weigh: recorded since the previous assessment.

    Up to the review's own finalising if it is final, so a paper copy of it lists the
    same incidents whenever it is printed.
    """
    after = assessed_at(previous) if previous is not None else None
    until = current.finalised_at if current.status is not Status.DRAFT else None
    return incidents_between(chronology, after, until)


def incident_count_words(count: int) -> str:
    """'1 incident' or 'N incidents'."""
    return f"{count} incident" if count == 1 else f"{count} incidents"
