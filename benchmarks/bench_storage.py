"""Storage speed (PRODUCT §7.3): unlock, save, open, and the case list of 5,000.

* unlock: one Argon2id derivation at the parameters calibrated on this machine (a
  security cost, reported, aimed at about 0.5 s);
* save: a fully filled assessment (every indicator with a 2,000-word narrative),
  serialised, encrypted, verified, written, fsynced, renamed, the folder fsynced,
  and the index updated; budget 20 ms;
* open: loading that assessment (read, authenticate, decrypt, validate); budget 100 ms;
* list of 5,000: from the unlocked key to the case list of a folder holding 5,000
  fictional assessments, the index read from disk, in a fresh vault object; budget 1 s.

Each figure is the median of several runs. Run: ``.venv/bin/python -m benchmarks.bench_storage``.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks.common import Row, format_table, median_of, time_call
from ce_desktop.domain.model import Assessment, RiskLevel
from ce_desktop.storage import container, keystore
from ce_desktop.storage.lock import InstanceLock
from ce_desktop.storage.paths import DataLayout
from ce_desktop.storage.vault import Vault

PASSPHRASE = "benchmark passphrase, fictional and long"
NARRATIVE_WORDS = 2000
CASES = 5000


@contextmanager
def _folder() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="ce-bench-storage-"))
    try:
        yield root / "data"
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _full_assessment() -> Assessment:
    from tests.factories import full_assessment

    return full_assessment(narrative_words=NARRATIVE_WORDS)


def floor_cost_vault(folder: Path, passphrase: str) -> Vault:
    """A new, unlocked vault whose key derivation is at the floor cost (set-up, not timed)."""
    keystore.CALIBRATION_TARGET_SECONDS, target = 0.0, keystore.CALIBRATION_TARGET_SECONDS
    try:
        vault, _recovery = Vault.create(folder, passphrase)
    finally:
        keystore.CALIBRATION_TARGET_SECONDS = target
    return vault


def unlock_seconds(runs: int = 5) -> float:
    """Median seconds to unlock a vault created with this machine's calibration."""
    with _folder() as folder:
        vault, _ = Vault.create(folder, PASSPHRASE)
        vault.close()

        def once() -> float:
            opened: list[Vault] = []
            seconds = time_call(lambda: opened.append(Vault.unlock(folder, PASSPHRASE)))
            opened[0].close()
            return seconds

        return median_of(runs, once)


def save_and_open_ms(runs: int = 15) -> tuple[float, float, int]:
    """Median ms to save and to open a fully filled assessment; and its file size."""
    assessment = _full_assessment()
    with _folder() as folder:
        vault = floor_cost_vault(folder, PASSPHRASE)
        try:
            vault.save(assessment)  # the first save has no backup to keep
            save = median_of(runs, lambda: time_call(lambda: vault.save(assessment))) * 1000
            opened = median_of(runs, lambda: time_call(lambda: vault.load(assessment.id))) * 1000
            size = DataLayout(folder).assessment(assessment.id).stat().st_size
        finally:
            vault.close()
    return save, opened, size


def _fill_folder(folder: Path, key: bytes, cases: int) -> None:
    """Write ``cases`` small fictional assessments straight to disk (set-up, not timed)."""
    layout = DataLayout(folder)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    levels = list(RiskLevel)
    for number in range(cases):
        moment = start + timedelta(minutes=number)
        assessment = Assessment.new(today=date(2026, 1, 1), now=moment)
        assessment.child.name = f"Fictional Child {number:05d}"
        assessment.analysis.level_of_risk = levels[number % len(levels)]
        sealed = container.seal(
            key,
            container.Kind.ASSESSMENT,
            assessment.id,
            assessment.model_dump_json().encode("utf-8"),
        )
        layout.assessment(assessment.id).write_bytes(sealed)


def list_seconds(runs: int = 5, cases: int = CASES) -> tuple[float, float, float]:
    """Medians: case list of ``cases`` after unlock; index rebuild; a save at that size.

    Returns:
        (list seconds, seconds to rebuild a lost index, ms to save one assessment).
    """
    with _folder() as folder:
        vault = floor_cost_vault(folder, PASSPHRASE)
        key = vault._key
        vault_keystore = keystore.read(DataLayout(folder).keystore)
        vault.close()
        _fill_folder(folder, key, cases)
        layout = DataLayout(folder)

        def open_and_list() -> int:
            lock = InstanceLock(layout.lock)
            lock.acquire()
            opened = Vault(folder, key, vault_keystore, lock)
            count = len(opened.list_summaries())
            opened.close()
            return count

        rebuild = time_call(open_and_list)  # no index yet: built from the files
        listing = median_of(runs, lambda: time_call(open_and_list))
        rebuilds = [rebuild]
        for _ in range(2):
            layout.index.unlink()
            rebuilds.append(time_call(open_and_list))
        lock = InstanceLock(layout.lock)
        lock.acquire()
        opened = Vault(folder, key, vault_keystore, lock)
        try:
            extra = Assessment.new(today=date(2026, 1, 1))
            opened.save(extra)
            save_ms = median_of(runs, lambda: time_call(lambda: opened.save(extra))) * 1000
        finally:
            opened.close()
    return listing, statistics.median(rebuilds), save_ms


def measure(runs: int = 5) -> list[Row]:
    """Every storage figure, as rows for the benchmark table."""
    unlock = unlock_seconds(runs)
    save, opened, size = save_and_open_ms(runs * 3)
    listing, rebuild, save_at_scale = list_seconds(runs)
    return [
        Row("unlock (Argon2id, calibrated)", unlock, "s", note="security cost, aimed at ~0.5 s"),
        Row(
            "save, fully filled assessment incl. fsync",
            save,
            "ms",
            budget=20,
            note=f"{size / 1e6:.2f} MB file",
        ),
        Row("open, fully filled assessment", opened, "ms", budget=100),
        Row(f"list of {CASES:,} after unlock", listing, "s", budget=1),
        Row(f"index rebuild from {CASES:,} files", rebuild, "s", note="only when lost or damaged"),
        Row(f"save of a small assessment among {CASES:,}", save_at_scale, "ms", budget=20),
    ]


def main() -> None:
    """Print the table."""
    print(format_table(measure()))


if __name__ == "__main__":
    main()
