"""A process that writes continuously until it is killed (used by test_crash.py).

``crash_worker.py save DATA_DIR BASE.json FIRST`` saves versions FIRST, FIRST+1, ...
of the assessment in BASE.json; ``crash_worker.py passphrase DATA_DIR`` changes the
passphrase back and forth. Each completed step is printed, so the test knows the
last write that finished before the kill.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from ce_desktop.domain.model import Assessment
from ce_desktop.storage import keystore
from ce_desktop.storage.vault import Vault

PASSPHRASES = ("plums in the orchard at dusk", "a kettle singing on the hob")


def version(base: Assessment, number: int) -> Assessment:
    """Version ``number`` of the base assessment: every part of it says which."""
    copy = base.model_copy(deep=True)
    copy.child.known_as = f"version {number}"
    copy.analysis.summary = f"version {number} " * 4000
    copy.updated_at = base.updated_at + timedelta(seconds=number)
    return copy


def version_of(assessment: Assessment) -> int:
    """Which version an assessment is."""
    return int(assessment.child.known_as.split()[1])


def main() -> None:
    """Write until killed."""
    mode, data_dir = sys.argv[1], Path(sys.argv[2])
    keystore.CALIBRATION_TARGET_SECONDS = 0.0
    if mode == "save":
        base = Assessment.model_validate_json(Path(sys.argv[3]).read_text())
        vault = Vault.unlock(data_dir, PASSPHRASES[0])
        print("ready", flush=True)
        number = int(sys.argv[4])
        while True:
            vault.save(version(base, number))
            print(number, flush=True)
            number += 1
    else:
        current = int(sys.argv[3])
        vault = Vault.unlock(data_dir, PASSPHRASES[current])
        print("ready", flush=True)
        while True:
            current = 1 - current
            vault.change_passphrase(PASSPHRASES[current])
            print(current, flush=True)


if __name__ == "__main__":
    main()
