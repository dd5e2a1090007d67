"""What the reliability script's families share: the tally, the passphrase, the judges."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.reliability_child import PASSPHRASE
from ce_desktop.storage.errors import StorageError
from ce_desktop.storage.vault import Vault

__all__ = ["HANG_SECONDS", "KILL_TIMEOUT", "PASSPHRASE", "RAW", "ROOT", "Run", "Tally"]
__all__ += ["changed", "files", "opens", "tell"]

HANG_SECONDS = 10.0
ROOT = Path(__file__).resolve().parents[1]
RAW = ("Traceback", "Errno", "errno", "Write to", "Permission denied", "No space left")
"""What must never reach the terminal: a traceback or a raw system line."""
KILL_TIMEOUT = 120.0
"""A process still running after this long is killed (and counted as a hang)."""


@dataclass(frozen=True)
class Run:
    """One command's outcome."""

    code: int | None
    out: str
    err: str
    seconds: float

    @property
    def raw(self) -> bool:
        """A traceback or a raw system line reached the terminal."""
        return any(word in self.err for word in RAW)


def files(folder: Path) -> dict[str, bytes]:
    """Every file in the folder but the index (a cache the files rebuild)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "index.cei"
    }


def changed(before: dict[str, bytes], after: dict[str, bytes], allowed: set[str]) -> bool:
    """Whether any file changed or went missing, or an unexpected one appeared."""
    wrong = [n for n, data in before.items() if after.get(n) != data and n not in allowed]
    wrong += [name for name in after if name not in before and name not in allowed]
    if wrong:
        print("  changed:", ", ".join(wrong), file=sys.stderr)
    return bool(wrong)


def tell(tally: Tally, what: str) -> None:
    """Name a variant that did not hold, on stderr (the table counts it)."""
    print(f"{tally.family}: {what}", file=sys.stderr)


@dataclass
class Tally:
    """One family's counts."""

    family: str
    tried: int = 0
    refused_clearly: int = 0
    tracebacks: int = 0
    hangs: int = 0
    files_changed: int = 0
    unopenable: int = 0


def opens(folder: Path, recovery: str) -> bool:
    """Whether the folder unlocks (passphrase, else recovery key) and lists its cases."""
    for unlock, secret in ((Vault.unlock, PASSPHRASE), (Vault.unlock_with_recovery, recovery)):
        try:
            vault = unlock(folder, secret)
        except StorageError:
            continue
        try:
            vault.list_summaries()
            return True
        except Exception:
            return False
        finally:
            vault.close()
    return False
