"""Running ``ce-desktop`` as a separate process, as a worker or a script would.

With the set-up the command-line tests share: a real data folder made at the floor
key-derivation cost (so each command unlocks quickly), the passphrase on the first
line of standard input, and the folder opened directly to put assessments in or read
them back.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from ce_desktop.domain.model import Assessment
from ce_desktop.resources import resource_path
from ce_desktop.storage import keystore
from ce_desktop.storage.vault import Vault

PASSPHRASE = "tea and toast on a rainy morning"


def run_cli(
    *args: str,
    stdin: str = "",
    env: dict[str, str] | None = None,
    wrap: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m ce_desktop ARGS`` with ``stdin``; never raises on a non-zero exit.

    ``wrap`` is a command that runs it (such as ``setpriv`` with its options).
    """
    return subprocess.run(
        [*wrap, sys.executable, "-m", "ce_desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


def run_in(
    folder: Path,
    command: str,
    *args: str,
    more_stdin: str = "",
    passphrase: str = PASSPHRASE,
    env: dict[str, str] | None = None,
    wrap: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """Run ``ce-desktop COMMAND --data-dir FOLDER --passphrase-stdin ARGS``.

    The passphrase is the first line of standard input, ``more_stdin`` what follows.
    """
    return run_cli(
        command,
        "--data-dir",
        str(folder),
        "--passphrase-stdin",
        *args,
        stdin=passphrase + "\n" + more_stdin,
        env=env,
        wrap=wrap,
    )


def make_data_folder(folder: Path, *assessments: Assessment, passphrase: str = PASSPHRASE) -> Path:
    """Set up a data folder at ``folder`` holding ``assessments``; return ``folder``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keystore, "CALIBRATION_TARGET_SECONDS", 0.0)
        vault, _recovery = Vault.create(folder, passphrase)
    try:
        for assessment in assessments:
            vault.save(assessment)
    finally:
        vault.close()
    return folder


def save_in(folder: Path, assessment: Assessment, passphrase: str = PASSPHRASE) -> str:
    """Save ``assessment`` in the data folder directly; return its reference."""
    vault = Vault.unlock(folder, passphrase)
    try:
        vault.save(assessment)
    finally:
        vault.close()
    return assessment.reference


def load_from(folder: Path, reference: str, passphrase: str = PASSPHRASE) -> Assessment:
    """The assessment of ``reference`` as it is stored in the data folder."""
    vault = Vault.unlock(folder, passphrase)
    try:
        return vault.load(vault.find(reference).id)
    finally:
        vault.close()


def sample_assessment() -> Assessment:
    """The fictional sample assessment the app ships."""
    sample = resource_path("samples", "sample-assessment.json")
    return Assessment.model_validate_json(sample.read_bytes())


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` and a digest of its bytes, to show nothing changed."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
