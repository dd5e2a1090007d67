"""A child's chronology as it reads: each incident with its corrections applied.

An incident typed in error is corrected by a ``Correction`` (``domain.chronology``): it
supersedes the incident's date, account and agency, and the earlier reading is kept.
:func:`entries` gives each incident as it now reads with every earlier reading, for the
chronology's window, the command line and the PDF's appendix; :func:`new_correction`
checks a correction as the worker gave it.

Pure functions over the model, nothing about files or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ce_desktop.domain.chronology import (
    Chronology,
    Correction,
    Incident,
    IncidentRefused,
    correction_order,
    incident_order,
    new_incident,
)


@dataclass(frozen=True)
class Superseded:
    """How an incident read before a correction, and the correction that replaced it.

    Attributes:
        read: the incident as it read (its date, account and agency then).
        by: the correction that superseded that reading (who, when, why).
    """

    read: Incident
    by: Correction


@dataclass(frozen=True)
class Entry:
    """One incident of a chronology as it reads now, with every earlier reading.

    Attributes:
        incident: the incident with its corrections applied (its id, recorder and time
            of recording are the first recording's).
        earlier: how it read before each correction, oldest first; empty if never
            corrected.
    """

    incident: Incident
    earlier: tuple[Superseded, ...] = ()

    @property
    def corrected(self) -> bool:
        """Whether the incident was corrected."""
        return bool(self.earlier)


def entries(chronology: Chronology, until: datetime | None = None) -> list[Entry]:
    """The incidents as they now read (recorded up to ``until``), in date order.

    Every correction is applied, whenever it was made: a correction mends what was typed
    in error, and the earlier reading stays in ``Entry.earlier``.
    """
    found: list[Entry] = []
    for incident in chronology.incidents:
        if until is not None and incident.recorded_at > until:
            continue
        reading, earlier = incident, []
        for correction in sorted(chronology.corrections, key=correction_order):
            if correction.incident_id == incident.id:
                earlier.append(Superseded(reading, correction))
                reading = incident.model_copy(
                    update={
                        "occurred_on": correction.occurred_on,
                        "what_happened": correction.what_happened,
                        "source_agency": correction.source_agency,
                    }
                )
        found.append(Entry(reading, tuple(earlier)))
    return sorted(found, key=lambda entry: incident_order(entry.incident))


def new_correction(
    entry: Entry,
    *,
    occurred_on: date | None,
    what_happened: str,
    source_agency: str,
    reason: str,
    corrected_by: str,
    today: date,
    now: datetime,
) -> Correction:
    """A correction of ``entry`` as the worker gave it, checked like a new incident.

    Raises:
        IncidentRefused: a part or the reason is missing, the day is in the future or
            implausible, or nothing differs from how the incident reads now.
    """
    try:
        checked = new_incident(
            occurred_on=occurred_on,
            what_happened=what_happened,
            source_agency=source_agency,
            recorded_by=corrected_by,
            today=today,
            now=now,
        )
    except IncidentRefused as refused:
        words = str(refused).replace("The incident was not recorded", "The correction was not made")
        raise IncidentRefused(words.replace("who recorded it", "who corrects it")) from None
    if not reason.strip():
        raise IncidentRefused("The correction was not made: give why it is corrected.")
    current = entry.incident
    if (checked.occurred_on, checked.what_happened, checked.source_agency) == (
        current.occurred_on,
        current.what_happened,
        current.source_agency,
    ):
        raise IncidentRefused("The correction was not made: the incident reads the same as before.")
    return Correction(
        incident_id=current.id,
        occurred_on=checked.occurred_on,
        what_happened=checked.what_happened,
        source_agency=checked.source_agency,
        reason=reason.strip("\n"),
        corrected_by=checked.recorded_by,
        corrected_at=now,
    )


def with_correction(chronology: Chronology, correction: Correction) -> Chronology:
    """A copy of ``chronology`` with ``correction`` added (its incident must be there)."""
    return chronology.model_copy(
        update={"corrections": sorted([*chronology.corrections, correction], key=correction_order)}
    )


@dataclass(frozen=True)
class AsPrinted:
    """The chronology a PDF's appendix prints.

    Attributes:
        entries: the incidents as they read, oldest first (none: no appendix).
        unreadable: the chronology could not be read when the copy was made; the PDF
            says so where the appendix would be.
        problem: why, in plain words, for the worker (never printed in the PDF).
    """

    entries: tuple[Entry, ...] = ()
    unreadable: bool = False
    problem: str = ""


NO_INCIDENTS = AsPrinted()
"""A chronology with nothing to print (no appendix)."""
