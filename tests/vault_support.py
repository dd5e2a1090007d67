"""An empty data folder made at the floor key-derivation cost, for fixtures to copy.

Creating a vault derives a key twice (passphrase and recovery key); a fixture makes
one such folder per module or session and copies it for each test, so each test
starts from an empty vault of its own at the cost of one unlock.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ce_desktop.storage import keystore
from ce_desktop.storage.vault import Vault


def make_empty_vault(folder: Path, passphrase: str) -> str:
    """Set up an empty, closed data folder at ``folder``; return its recovery key.

    Real Argon2id at the floor parameters, without the 0.5 s calibration.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keystore, "CALIBRATION_TARGET_SECONDS", 0.0)
        vault, recovery = Vault.create(folder, passphrase)
    vault.close()
    return recovery
