"""The encrypted case-list index (PRODUCT §5.5).

The case list needs a few facts about every assessment; decrypting thousands of files
to show it would be slow, so the index keeps them in one encrypted file. Each entry
remembers the size and modification time of the file it was read from: an entry whose
file changed behind the index's back (a crash between the two writes, a restore, a
copy) is stale and is read again; a missing or damaged index is rebuilt from the files.

It also keeps, per child with a chronology of incidents, when each incident was
recorded, so the case list shows who has incidents since their last assessment without
decrypting every chronology.

The content is one JSON line per assessment (and per chronology), and each line is
kept as it was read or last written, so a save re-serialises one entry, not five
thousand. Because the index is a cache the files can always rebuild, its writes are
atomic but not fsynced.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from ce_desktop.domain.chronology import Chronology, assessed_at
from ce_desktop.domain.derived import send_by as send_by_of
from ce_desktop.domain.handoff import HandOffFacts
from ce_desktop.domain.identifiers import format_nhs_number
from ce_desktop.domain.model import Assessment, MashDecision, RiskLevel, Status
from ce_desktop.storage import container
from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.chronologies import chronology_ids_on_disk
from ce_desktop.storage.errors import SaveFailed, StorageError
from ce_desktop.storage.paths import ASSESSMENT_SUFFIX, DataLayout, is_assessment_id

log = logging.getLogger(__name__)

INDEX_VERSION = 2
"""2: each assessment's ``assessed_at``, and the chronologies' lines. An index of
version 1 is read as stale and rebuilt from the files."""
_FIRST_LINE = f"ce-desktop-index {INDEX_VERSION}"
NEWER_INDEX = (
    "The case list's index was made by a newer version of CE Desktop. This version "
    "lists the assessments from their files and leaves that index as it is."
)

Stamp = tuple[int, int]
"""(size, modification time in ns) of the file an entry was read from."""


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


def _summary_of(
    read: Callable[[str], Assessment | None], assessment_id: str
) -> AssessmentSummary | None:
    # Whatever validation lets through, one file's values never stop the case list.
    try:
        assessment = read(assessment_id)
        return None if assessment is None else AssessmentSummary.of(assessment)
    except (ArithmeticError, ValueError, TypeError):
        log.warning("An assessment's summary could not be made; it is listed as damaged")
        return None


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


def stamp_of(path: os.PathLike[str] | str) -> Stamp | None:
    """The (size, mtime) of a file, or None if it is not there."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


class Index:
    """The index of one unlocked vault, held in memory and written on every change."""

    def __init__(self, layout: DataLayout, key: bytes, vault_id: str) -> None:
        """Bind the index to a folder and key; call :meth:`refresh` before use."""
        self._layout = layout
        self._key = key
        self._vault_id = vault_id
        self._entries: dict[str, tuple[AssessmentSummary, Stamp | None]] = {}
        self._lines: dict[str, str] = {}
        self._chronologies: dict[str, tuple[ChronologySummary, Stamp | None]] = {}
        self._chronology_lines: dict[str, str] = {}
        self.newer_format = False
        """A newer release wrote the index: it is kept, and this one lives in memory."""

    def _read(self) -> bool:
        self._entries, self._lines = {}, {}
        self._chronologies, self._chronology_lines = {}, {}
        try:
            data = self._layout.index.read_bytes()
            plain = container.open_sealed(
                self._key, container.Kind.INDEX, self._vault_id, data, name="The index"
            )
            first, *lines = plain.decode("utf-8").split("\n")
            if first != _FIRST_LINE:
                self.newer_format = _is_newer_first_line(first)
                return False
            for line in lines:
                raw = json.loads(line)
                if "chronology" in raw:
                    chronology = ChronologySummary.from_json(raw["chronology"])
                    self._chronologies[chronology.child_id] = (chronology, _stamp(raw["stamp"]))
                    self._chronology_lines[chronology.child_id] = line
                    continue
                summary = AssessmentSummary.from_json(raw["summary"])
                self._entries[summary.id] = (summary, _stamp(raw["stamp"]))
                self._lines[summary.id] = line
        except (OSError, StorageError, ValueError, KeyError, TypeError, AttributeError):
            self._entries, self._lines = {}, {}
            self._chronologies, self._chronology_lines = {}, {}
            return False
        return True

    def _set(self, summary: AssessmentSummary, stamp: Stamp | None) -> None:
        self._entries[summary.id] = (summary, stamp)
        line = {"summary": summary.to_json(), "stamp": list(stamp) if stamp else None}
        self._lines[summary.id] = json.dumps(line, separators=(",", ":"))

    def _drop(self, assessment_id: str) -> bool:
        self._lines.pop(assessment_id, None)
        return self._entries.pop(assessment_id, None) is not None

    def _set_chronology(self, summary: ChronologySummary, stamp: Stamp | None) -> None:
        self._chronologies[summary.child_id] = (summary, stamp)
        line = {"chronology": summary.to_json(), "stamp": list(stamp) if stamp else None}
        self._chronology_lines[summary.child_id] = json.dumps(line, separators=(",", ":"))

    def _refresh_chronologies(self, read: Callable[[str], Chronology | None]) -> bool:
        changed = False
        on_disk = chronology_ids_on_disk(self._layout)
        for gone in set(self._chronologies) - on_disk:
            del self._chronologies[gone]
            self._chronology_lines.pop(gone, None)
            changed = True
        for child_id in on_disk:
            stamp = stamp_of(self._layout.chronology(child_id))
            known = self._chronologies.get(child_id)
            if known is not None and known[1] == stamp and stamp is not None:
                continue
            chronology = read(child_id)
            if chronology is None:
                summary, stamp = ChronologySummary(child_id, (), damaged=True), None
                if known is not None and known == (summary, None):
                    continue
            else:
                summary = ChronologySummary.of(chronology)
            self._set_chronology(summary, stamp)
            changed = True
        return changed

    def refresh(
        self,
        read: Callable[[str], Assessment | None],
        read_chronology: Callable[[str], Chronology | None] | None = None,
    ) -> None:
        """Load the index, re-reading any entry that is missing or stale.

        Args:
            read: reads one assessment by id without side effects; None if unreadable.
            read_chronology: the same for a child's chronology, by child id.
        """
        intact = self._read()
        on_disk = self.ids_on_disk()
        changed = not intact
        for gone in set(self._entries) - on_disk:
            self._drop(gone)
            changed = True
        for assessment_id in on_disk:
            stamp = stamp_of(self._layout.assessment(assessment_id))
            known = self._entries.get(assessment_id)
            if known is not None and known[1] == stamp and stamp is not None:
                continue
            summary = _summary_of(read, assessment_id)
            if summary is None:
                # Kept with no stamp, so it is tried again at every unlock.
                summary = damaged_summary(
                    assessment_id, known[0] if known else None, self._modified(assessment_id)
                )
                stamp = None
                if known is not None and known[0] == summary and known[1] is None:
                    continue
            self._set(summary, stamp)
            changed = True
        if read_chronology is not None:
            changed = self._refresh_chronologies(read_chronology) or changed
        if changed:
            log.info("Case-list index brought up to date")
            try:
                self.write()
            except SaveFailed:
                # A full or read-only disk must not keep the worker from their cases: the
                # index is only a cache, held in memory and written at the next save.
                log.warning("The case-list index could not be written; it is kept in memory")

    def _modified(self, assessment_id: str) -> datetime:
        main = self._layout.assessment(assessment_id)
        for path in (main, main.with_name(main.name + ".bak")):
            with contextlib.suppress(OSError, ValueError, OverflowError):
                return datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)
        return datetime(2000, 1, 1, tzinfo=UTC)

    def ids_on_disk(self) -> set[str]:
        """The ids that have a main or backup file in the assessments folder.

        Only names of the app's own form count: any other file there is not ours.
        """
        found: set[str] = set()
        try:
            entries = os.scandir(self._layout.assessments)
        except OSError:
            return found
        with entries:
            for entry in entries:
                name = entry.name
                if name.endswith(ASSESSMENT_SUFFIX):
                    found.add(name[: -len(ASSESSMENT_SUFFIX)])
                elif name.endswith(ASSESSMENT_SUFFIX + ".bak"):
                    found.add(name[: -len(ASSESSMENT_SUFFIX) - 4])
        return {assessment_id for assessment_id in found if is_assessment_id(assessment_id)}

    def summaries(self) -> list[AssessmentSummary]:
        """Every summary, most recently changed first."""
        found = [summary for summary, _ in self._entries.values()]
        return sorted(found, key=lambda s: s.updated_at, reverse=True)

    def get(self, assessment_id: str) -> AssessmentSummary | None:
        """The summary of one assessment, if indexed."""
        entry = self._entries.get(assessment_id)
        return entry[0] if entry else None

    def put(self, assessment: Assessment) -> None:
        """Record a just-saved assessment and write the index."""
        self._set(
            AssessmentSummary.of(assessment), stamp_of(self._layout.assessment(assessment.id))
        )
        self.write()

    def chronology_summaries(self) -> dict[str, ChronologySummary]:
        """Every child's chronology summary, by child id."""
        return {child_id: entry[0] for child_id, entry in self._chronologies.items()}

    def put_chronology(self, chronology: Chronology) -> None:
        """Record a just-saved chronology and write the index."""
        stamp = stamp_of(self._layout.chronology(chronology.child_id))
        self._set_chronology(ChronologySummary.of(chronology), stamp)
        self.write()

    def remove_chronology(self, child_id: str) -> None:
        """Forget a child's chronology and write the index."""
        self._chronology_lines.pop(child_id, None)
        if self._chronologies.pop(child_id, None) is not None:
            self.write()

    def remove(self, assessment_id: str) -> None:
        """Forget an assessment and write the index."""
        if self._drop(assessment_id):
            self.write()

    def write(self) -> None:
        """Write the index (atomically, encrypted; not fsynced, see the module notes).

        A newer release's index is never replaced: the entries stay in memory.
        """
        if self.newer_format:
            return
        lines = [_FIRST_LINE, *self._lines.values(), *self._chronology_lines.values()]
        plain = "\n".join(lines).encode("utf-8")
        sealed = container.seal(self._key, container.Kind.INDEX, self._vault_id, plain)
        atomic_write(self._layout.index, sealed, durable=False)


def _is_newer_first_line(first: str) -> bool:
    """Whether the index's first line names a version above this release's."""
    name, _, version = first.partition(" ")
    return name == "ce-desktop-index" and version.isdigit() and int(version) > INDEX_VERSION


def _stamp(raw: Any) -> Stamp | None:
    if raw is None:
        return None
    size, mtime = raw
    return (int(size), int(mtime))
