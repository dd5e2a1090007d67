"""The attack families that need whole processes at once: kills mid-write, simultaneous starts.

- **Killed mid-write**: a process saving, importing or backing up in a loop, killed
  with SIGKILL at a random moment after its first finished write; then the folder is
  reopened and every assessment checked: the saved one is exactly the last or the next
  version, every finished import is there, the backup file opens, nothing else moved.
- **Simultaneous starts**: processes that open the folder (``Vault.unlock``) at the
  same instant, in pairs and in twenties, and pairs of ``ce-desktop import`` given
  their passphrase at once: one holds the folder, the others get the plain "already
  open" message, and nothing is damaged.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import reliability_child as child
from benchmarks.reliability_common import (
    HANG_SECONDS,
    KILL_TIMEOUT,
    PASSPHRASE,
    RAW,
    ROOT,
    Run,
    Tally,
    changed,
    files,
    opens,
    tell,
)
from ce_desktop.domain.model import Assessment
from ce_desktop.storage import backup as backup_file
from ce_desktop.storage.errors import AlreadyRunning, StorageError
from ce_desktop.storage.vault import Vault

SEED = 20261202


def _assessments(folder: Path) -> dict[str, Assessment]:
    vault = Vault.unlock(folder, PASSPHRASE)
    try:
        return {s.id: vault.load(s.id) for s in vault.list_summaries()}
    finally:
        vault.close()


def _kill_at_random(args: list[str], rng: random.Random) -> tuple[int, str]:
    """Start a writing child, kill it at a random moment after its first finished write.

    Returns:
        The number of the last write it finished, and what it wrote on stderr.
    """
    command = [sys.executable, "-m", "benchmarks.reliability_child", *args]
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as worker:
        assert worker.stdout is not None
        lines = [worker.stdout.readline().strip(), worker.stdout.readline().strip()]
        time.sleep(rng.uniform(0.0, 0.3))
        worker.send_signal(signal.SIGKILL)
        rest, err = worker.communicate()
    numbers = [int(line) for line in [*lines, *rest.split()] if line.isdigit()]
    return (max(numbers) if numbers else 0), err


def _kept(mode: str, folder: Path, done: int, base: Path, old: dict[str, Assessment]) -> bool:
    """Whether nothing was lost: every assessment as it must be after the kill."""
    now = _assessments(folder)
    if mode == "save":
        target = sorted(old)[0]
        number = child.version_of(now[target])
        if number is None or number not in (done, done + 1):
            return False
        if now[target] != child.version(old[target], number):
            return False  # a mix of two versions
    if mode == "import":
        ids = {child.imported_id(n) for n in range(1, done + 1)}
        extra = set(now) - set(old) - ids
        if not ids <= set(now) or extra - {child.imported_id(done + 1)}:
            return False
    if mode == "backup":
        contents = backup_file.read_backup(base / "kill.cebackup", PASSPHRASE)
        if sorted(a.id for a in contents.assessments) != sorted(old):
            return False
    others = [i for i in old if mode != "save" or i != sorted(old)[0]]
    return all(now[i] == old[i] for i in others)


def killed_mid_write(template: Path, recovery: str, base: Path, per_mode: int) -> Tally:
    """SIGKILL at a random moment of saves, imports and backups; then reopen."""
    tally = Tally("Killed mid-write (save, import, backup)")
    rng = random.Random(SEED)
    old = _assessments(template)
    for mode in ("save", "import", "backup"):
        for _ in range(per_mode):
            folder = base / "killed"
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(template, folder)
            (base / "kill.cebackup").unlink(missing_ok=True)
            tally.tried += 1
            done, err = _kill_at_random([mode, str(folder), str(base / "kill.cebackup")], rng)
            tally.tracebacks += int(any(word in err for word in RAW))
            started = time.perf_counter()
            try:
                kept = _kept(mode, folder, done, base, old)
            except StorageError:
                kept = False
            except Exception:
                tally.tracebacks += 1
                kept = False
            tally.hangs += int(time.perf_counter() - started > HANG_SECONDS)
            if not kept:
                tell(tally, f"{mode} killed after write {done}: not as it must be; {err[-300:]}")
            tally.files_changed += int(not kept)
            tally.unopenable += int(not opens(folder, recovery))
    return tally


def _start_together(folder: Path, count: int) -> tuple[list[str], str, float]:
    """``count`` processes open the folder at one instant.

    Returns:
        What each said, all they wrote on stderr, and the seconds from "go" to the last
        answer.
    """
    command = [sys.executable, "-m", "benchmarks.reliability_child", "start", str(folder)]
    workers = [
        subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(count)
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None
            assert worker.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        said = [worker.stdout.readline().strip() for worker in workers if worker.stdout]
        seconds = time.perf_counter() - started
    finally:
        errors = []
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                errors.append(worker.communicate("\n", timeout=KILL_TIMEOUT)[1])
    return said, "".join(errors), seconds


def _pair_of_imports(folder: Path, base: Path) -> list[Run]:
    """Two ``ce-desktop import`` processes given their passphrase at the same instant."""
    runs = []
    for number in (1, 2):
        path = base / f"together-{number}.json"
        path.write_text(child.to_import(number).model_dump_json(), encoding="utf-8")
        command = [sys.executable, "-m", "ce_desktop", "import", str(path)]
        runs.append(
            subprocess.Popen(
                [*command, "--data-dir", str(folder), "--passphrase-stdin"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
        )
    started = time.perf_counter()
    results = [worker.communicate(PASSPHRASE + "\n", timeout=KILL_TIMEOUT) for worker in runs]
    seconds = time.perf_counter() - started
    return [
        Run(w.returncode, out, err, seconds) for w, (out, err) in zip(runs, results, strict=True)
    ]


def simultaneous_starts(
    template: Path, recovery: str, base: Path, pairs: int, twenties: int
) -> Tally:
    """Processes opening one folder at the same instant: one holds it, no damage."""
    tally = Tally("Simultaneous starts (pairs, twenties, import pairs)")
    refusal = str(AlreadyRunning())
    trials = [2] * pairs + [20] * twenties + [0] * pairs
    for count in trials:
        folder = base / "together"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(template, folder)
        before = files(folder)
        tally.tried += 1
        allowed: set[str] = set()
        if count:
            said, err, seconds = _start_together(folder, count)
            held = said.count("held")
            plain = all(line == "held" or line == f"refused {refusal}" for line in said)
            raw = any(word in err for word in RAW)
            # Not exactly one holder: none locks the worker out; two would both write.
            tally.unopenable += int(held == 0)
            tally.files_changed += int(held > 1)
        else:
            runs = _pair_of_imports(folder, base)
            raw = any(run.raw or run.code not in (0, 1) for run in runs)
            plain = all(run.code == 0 or refusal in run.err for run in runs)
            seconds = max(run.seconds for run in runs)
            for number, run in zip((1, 2), runs, strict=True):
                if run.code == 0:
                    allowed.add(f"assessments/{child.imported_id(number)}.cea")
        tally.hangs += int(seconds > HANG_SECONDS)
        tally.refused_clearly += int(plain and not raw)
        tally.tracebacks += int(raw)
        leftovers = [p.name for p in folder.iterdir() if p.name.startswith("ce-desktop.lock")]
        tally.files_changed += int(changed(before, files(folder), allowed) or bool(leftovers))
        tally.unopenable += int(not opens(folder, recovery))
    return tally
