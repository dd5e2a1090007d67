"""A growing wait after repeated wrong passphrases (PRODUCT §5.9).

The count of failures since the last successful unlock is kept in a small file in
the data folder (a number and nothing else), so the wait also grows across separate
runs of the command line. The wait comes before the next attempt, so stopping the
program after a failure does not skip it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.errors import SaveFailed

FILE_NAME = "unlock-failures"
STEP_SECONDS = 1.0
"""The wait after the second failure; it doubles with each further one."""
MAX_SECONDS = 30.0


def failures(data_dir: Path) -> int:
    """Wrong attempts since the last successful unlock."""
    try:
        return max(0, int((Path(data_dir) / FILE_NAME).read_text("ascii").strip()))
    except (OSError, ValueError):
        return 0


def delay_before_attempt(data_dir: Path) -> float:
    """Seconds to wait before the next attempt: none at first, then growing."""
    count = failures(data_dir)
    if count < 2:
        return 0.0
    return float(min(MAX_SECONDS, STEP_SECONDS * 2.0 ** (count - 2)))


def record_failure(data_dir: Path) -> int:
    """Count one more wrong attempt; returns the new count."""
    count = failures(data_dir) + 1
    with contextlib.suppress(SaveFailed, OSError):
        atomic_write(Path(data_dir) / FILE_NAME, str(count).encode("ascii"))
    return count


def reset(data_dir: Path) -> None:
    """Forget the failures after a successful unlock."""
    with contextlib.suppress(OSError):
        (Path(data_dir) / FILE_NAME).unlink()
