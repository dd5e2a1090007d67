"""One process of the reliability script's kill and simultaneous-start families.

``python -m benchmarks.reliability_child MODE DATA_DIR [ARG]``:

- ``save`` saves versions 1, 2, ... of the assessment of the lowest id until killed;
- ``import`` imports new assessments (the command line's own import) until killed;
- ``backup ARG`` writes the whole folder as a backup to the file ARG until killed;
- ``start`` prints ``ready``, waits for a line, opens the folder as the window and
  the command line do (``Vault.unlock``), prints ``held`` or ``refused`` and the
  message, then waits for another line before it closes the folder.

Each completed write prints its number, so the parent knows the last one that
finished before its kill.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.model import REFERENCE_ALPHABET, Assessment
from ce_desktop.resources import resource_path
from ce_desktop.storage.errors import StorageError
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import assessments

PASSPHRASE = "reliability passphrase, fictional and long"


def version(base: Assessment, number: int) -> Assessment:
    """Version ``number`` of an assessment: every part of it says which."""
    copy = base.model_copy(deep=True)
    copy.child.known_as = f"version {number}"
    copy.analysis.summary = f"version {number} " * 2000
    copy.updated_at = base.updated_at + timedelta(seconds=number)
    return copy


def version_of(assessment: Assessment) -> int | None:
    """Which version an assessment is (None: the template's own, before any save)."""
    words = (assessment.child.known_as or "").split()
    return int(words[1]) if len(words) == 2 and words[0] == "version" else None


def imported_id(number: int) -> str:
    """The id of the ``number``-th imported assessment."""
    return f"{0xF000 + number:032x}"


def to_import(number: int) -> Assessment:
    """The ``number``-th assessment to import: the sample under a new id and reference."""
    raw = json.loads(resource_path("samples", "sample-assessment.json").read_text("utf-8"))
    raw["id"] = imported_id(number)
    size = len(REFERENCE_ALPHABET)
    tail = "".join(REFERENCE_ALPHABET[number // size**place % size] for place in range(4))
    raw["reference"] = f"CE-20260302-{tail}"
    return Assessment.model_validate_json(json.dumps(raw))


def _loop(mode: str, vault: Vault, argument: str) -> None:
    number = 1
    if mode == "save":
        base = vault.load(min(s.id for s in vault.list_summaries()))
        while True:
            vault.save(version(base, number))
            print(number, flush=True)
            number += 1
    catalogue = default_catalogue()
    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    while True:
        if mode == "import":
            assessments.import_assessment(
                vault, to_import(number), catalogue, today=now.date(), now=now
            )
        else:
            vault.backup(Path(argument))
        print(number, flush=True)
        number += 1


def main() -> None:
    """Run one mode."""
    mode, folder = sys.argv[1], Path(sys.argv[2])
    argument = sys.argv[3] if len(sys.argv) > 3 else ""
    if mode == "start":
        print("ready", flush=True)
        sys.stdin.readline()
        try:
            vault = Vault.unlock(folder, PASSPHRASE)
        except StorageError as error:
            print("refused", str(error).replace("\n", " "), flush=True)
            return
        print("held", flush=True)
        sys.stdin.readline()
        vault.close()
        return
    vault = Vault.unlock(folder, PASSPHRASE)
    print("ready", flush=True)
    _loop(mode, vault, argument)


if __name__ == "__main__":
    main()
