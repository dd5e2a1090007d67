"""Reading and writing the children's chronologies of incidents (issue 13, point 3).

One encrypted file per child, ``incidents/<child id>.cec``, named by the child's random
id (shared by every assessment of the child), so the name carries no personal data;
why a file of its own rather than entries inside each assessment is told in
``domain.chronology``. The rules are the assessments' (PRODUCT §5.3, §5.4): every write
is atomic and verified, the last good copy is kept as ``.bak``; loading tries the main
file, then the ``.bak``; a damaged file is moved to the quarantine folder, never
repaired or deleted; one made by a newer release is reported as newer and never
replaced. A damaged chronology never stops the folder opening: it is reported, and a
new incident can still be recorded (a fresh file, the damaged one kept in quarantine).

A temporary file left by a crash is never offered back: an incident is added whole in
one write, and the worker was not told it was recorded, so it is kept in quarantine.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from ce_desktop.domain.boundary import BoundaryError
from ce_desktop.domain.chronology import Chronology, chronology_from_json, chronology_to_json
from ce_desktop.domain.migrations import NewerFormatError
from ce_desktop.storage import container
from ce_desktop.storage.atomic import atomic_write, backup_path, read_retrying
from ce_desktop.storage.errors import (
    AssessmentDamaged,
    ChronologyDamaged,
    FileHeld,
    NewerFormat,
    SaveFailed,
    StorageError,
)
from ce_desktop.storage.paths import (
    CHRONOLOGY_SUFFIX,
    DataLayout,
    is_assessment_id,
    temp_name_pattern,
)
from ce_desktop.storage.upkeep import Quarantine, fit_to_keep, make_private_dir

log = logging.getLogger(__name__)

_TEMP_NAME = temp_name_pattern(CHRONOLOGY_SUFFIX)


def chronology_ids_on_disk(layout: DataLayout) -> set[str]:
    """The child ids that have a main or backup chronology file in the folder."""
    try:
        names = os.listdir(layout.incidents)
    except OSError:
        return set()
    found = {
        name.split(".", 1)[0]
        for name in names
        if name.endswith((CHRONOLOGY_SUFFIX, CHRONOLOGY_SUFFIX + ".bak"))
    }
    return {child_id for child_id in found if is_assessment_id(child_id)}


def decode_chronology(key: bytes, data: bytes, child_id: str, name: str) -> Chronology:
    """Decrypt and validate one chronology file's bytes.

    Raises:
        ChronologyDamaged: it does not authenticate, is another's, or is not a chronology.
        NewerFormat: a newer release wrote it.
    """
    try:
        plain = container.open_sealed(key, container.Kind.CHRONOLOGY, child_id, data, name=name)
        chronology = chronology_from_json(plain)
    except (NewerFormat, NewerFormatError):
        raise NewerFormat(name) from None
    except (AssessmentDamaged, BoundaryError):
        raise ChronologyDamaged(name) from None
    if chronology.child_id != child_id:
        raise ChronologyDamaged(name)
    return chronology


class ChronologyFiles:
    """The chronology files of one unlocked vault."""

    def __init__(
        self,
        layout: DataLayout,
        key: bytes,
        name_of: Callable[[str], str],
        quarantine: Quarantine,
    ) -> None:
        """Bind to a folder and key; ``name_of`` names a child's chronology in messages."""
        self._layout = layout
        self._key = key
        self._name_of = name_of
        self._quarantine = quarantine

    def _read(self, path: Path, child_id: str) -> Chronology:
        try:
            data = read_retrying(path)
        except FileNotFoundError:
            raise
        except OSError:
            raise FileHeld(self._name_of(child_id)) from None
        return decode_chronology(self._key, data, child_id, self._name_of(child_id))

    def read_quietly(self, child_id: str) -> Chronology | None:
        """The chronology from its main file or backup, or None; nothing is moved."""
        main = self._layout.chronology(child_id)
        for path in (main, backup_path(main)):
            with contextlib.suppress(OSError, StorageError):
                return self._read(path, child_id)
        return None

    def load(self, child_id: str) -> tuple[Chronology, list[str]]:
        """A child's chronology (empty if none was recorded), and what to tell the worker.

        Raises:
            NewerFormat, FileHeld: not damage; nothing is moved.
            ChronologyDamaged: neither copy opens; both are now in the quarantine folder,
                so the next incident recorded starts a new chronology.
        """
        main = self._layout.chronology(child_id)
        backup = backup_path(main)
        try:
            return self._read(main, child_id), []
        except FileNotFoundError:
            damaged = False
        except (NewerFormat, FileHeld):
            raise
        except StorageError:
            log.warning("A chronology file could not be read")
            damaged = True
        try:
            chronology = self._read(backup, child_id)
        except FileNotFoundError:
            if not damaged:
                return Chronology(child_id=child_id), []
            self._quarantine(main)
            raise self._lost(child_id) from None
        except (NewerFormat, FileHeld):
            raise
        except StorageError:
            self._quarantine(main)
            self._quarantine(backup)
            raise self._lost(child_id) from None
        if not damaged:
            return chronology, [f"{self._name_of(child_id)} was opened from its backup copy."]
        self._quarantine(main)
        return chronology, [
            f"{self._name_of(child_id)} was damaged, so its last good copy was opened: an "
            "incident recorded last may be missing from it. The damaged file was kept in "
            "the quarantine folder."
        ]

    def _lost(self, child_id: str) -> ChronologyDamaged:
        name = self._name_of(child_id)
        return ChronologyDamaged(
            name,
            f"{name} is damaged and cannot be opened. The damaged file was kept in the "
            "quarantine folder; incidents recorded from now on start a new chronology.",
        )

    def save(self, chronology: Chronology) -> None:
        """Encrypt, verify and write a chronology, keeping the last good file as ``.bak``.

        Raises:
            NewerFormat: the file on disk is a newer release's; it is not replaced.
            SaveFailed: nothing changed on disk.
        """
        main = self._layout.chronology(chronology.child_id)
        try:
            make_private_dir(self._layout.incidents)
        except OSError as error:
            raise SaveFailed() from error
        plain = chronology_to_json(chronology)
        sealed = container.seal(self._key, container.Kind.CHRONOLOGY, chronology.child_id, plain)
        atomic_write(main, sealed, keep_backup=self._main_is_good(chronology.child_id))

    def _main_is_good(self, child_id: str) -> bool:
        return fit_to_keep(
            self._layout.chronology(child_id),
            lambda main: self._read(main, child_id),
            self._quarantine,
            held="Another program is using the saved chronology of this child, so the "
            "incident was not recorded. Try again in a moment.",
            damaged="The saved chronology of this child is damaged and could not be set "
            "aside, so it was not replaced.",
        )

    def delete(self, child_id: str) -> None:
        """Remove a child's chronology: its backup, then its main file.

        Raises:
            SaveFailed: a file could not be removed; try again.
        """
        main = self._layout.chronology(child_id)
        for path in (backup_path(main), main):
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError:
                raise SaveFailed(
                    "The child's incidents could not be deleted: another program may be "
                    "using the file. Try again in a moment."
                ) from None

    def sweep_temp_files(self) -> None:
        """Keep the temporary files a crash left in quarantine (see the module notes)."""
        try:
            names = os.listdir(self._layout.incidents)
        except OSError:
            return
        for name in names:
            if _TEMP_NAME.match(name):
                self._quarantine(self._layout.incidents / name)

    def check(self) -> list[tuple[str, str]]:
        """(child id, plain problem) for every main file or backup copy that does not open.

        A damaged backup copy is moved to the quarantine folder (it would otherwise be
        replaced, unseen, at the next save); a damaged main file is left for ``load``.
        """
        problems: list[tuple[str, str]] = []
        for child_id in sorted(chronology_ids_on_disk(self._layout)):
            main = self._layout.chronology(child_id)
            name = self._name_of(child_id)
            try:
                self._read(main, child_id)
            except FileNotFoundError:
                problems.append(
                    (child_id, f"{name} has only a backup copy; its main file is missing.")
                )
            except StorageError as error:
                problems.append((child_id, str(error)))
            backup = backup_path(main)
            try:
                self._read(backup, child_id)
            except (FileNotFoundError, NewerFormat):
                continue
            except StorageError:
                self._quarantine(backup)
                problems.append(
                    (
                        child_id,
                        f"The backup copy of {name[0].lower()}{name[1:]} was damaged. It was "
                        "moved to the quarantine folder.",
                    )
                )
        return problems
