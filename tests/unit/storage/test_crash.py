"""Killed mid-write: the data is always the old or the new version (T10, T16)."""

from __future__ import annotations

import hashlib
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ce_desktop.storage.errors import WrongPassphrase
from ce_desktop.storage.vault import Vault
from tests.unit.storage import crash_worker
from tests.unit.storage.conftest import fictional_assessment

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

WORKER = Path(crash_worker.__file__)


def _run_and_kill(args: list[str], rng: random.Random) -> list[str]:
    """Start the worker, let it write for a random moment, SIGKILL it; its output lines.

    The moment is counted from the first completed write, so that a busy machine's
    slow start-up does not turn the kill into one before any write.
    """
    with subprocess.Popen(
        [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, text=True
    ) as worker:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
        first = worker.stdout.readline().strip()
        time.sleep(rng.uniform(0.0, 0.1))
        worker.send_signal(signal.SIGKILL)
        output, _ = worker.communicate()
    return [first, *output.split()]


def test_t10_killed_during_continuous_saves(vault_dir: Path, tmp_path: Path) -> None:
    rng = random.Random(20261129)
    base = fictional_assessment()
    base_file = tmp_path / "base.json"
    base_file.write_text(base.model_dump_json())
    vault = Vault.unlock(vault_dir, crash_worker.PASSPHRASES[0])
    vault.save(crash_worker.version(base, 0))
    vault.close()
    current = 0
    for _ in range(25):
        done = _run_and_kill(["save", str(vault_dir), str(base_file), str(current + 1)], rng)
        last_done = int(done[-1])
        vault = Vault.unlock(vault_dir, crash_worker.PASSPHRASES[0])
        try:
            loaded = vault.load(base.id)
            number = crash_worker.version_of(loaded)
            assert number in (last_done, last_done + 1)
            assert loaded == crash_worker.version(base, number)  # never a mix
            for draft in vault.recoverable_drafts():
                recovered = vault._files.read_draft(draft)
                assert recovered == crash_worker.version(base, number + 1)
                vault.discard_draft(draft.assessment_id)
            assert [s.child_name for s in vault.list_summaries()] == [base.child.name]
            current = number
        finally:
            vault.close()


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (folder / "assessments").iterdir()
    }


def _works(folder: Path, passphrase: str) -> bool:
    try:
        Vault.unlock(folder, passphrase).close()
    except WrongPassphrase:
        return False
    return True


def test_t16_killed_during_passphrase_changes(vault_dir: Path, recovery_key: str) -> None:
    rng = random.Random(5)
    vault = Vault.unlock(vault_dir, crash_worker.PASSPHRASES[0])
    vault.save(fictional_assessment())
    vault.close()
    before = _hashes(vault_dir)
    current = 0
    for _ in range(8):
        _run_and_kill(["passphrase", str(vault_dir), str(current)], rng)
        works = [_works(vault_dir, p) for p in crash_worker.PASSPHRASES]
        assert works.count(True) == 1
        current = works.index(True)
        assert _hashes(vault_dir) == before
    Vault.unlock_with_recovery(vault_dir, recovery_key).close()
