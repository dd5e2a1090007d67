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
atomic but not fsynced. What each line holds is ``summaries``'s.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ce_desktop.domain.chronology import Chronology
from ce_desktop.domain.model import Assessment
from ce_desktop.storage import container
from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.chronologies import chronology_ids_on_disk
from ce_desktop.storage.errors import SaveFailed, StorageError
from ce_desktop.storage.paths import ASSESSMENT_SUFFIX, DataLayout, is_assessment_id
from ce_desktop.storage.summaries import AssessmentSummary, ChronologySummary, damaged_summary

# The summaries are ``summaries``'s; they are imported from here too, with the index.
__all__ = [
    "INDEX_VERSION",
    "NEWER_INDEX",
    "AssessmentSummary",
    "ChronologySummary",
    "Index",
    "Stamp",
    "stamp_of",
]

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
