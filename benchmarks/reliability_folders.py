"""The attack families on the folder itself: a full disk, read-only, a stranger's keystore.

- **Full disk**: the data folder on a small tmpfs filled to a few free bytes (with no
  root, a file-size limit of the same few bytes), then each command run as its own
  process: list, check, export-pdf, export-json, backup and an import.
- **Read-only folder**: the same commands on a read-only bind mount, and on a folder
  without write permission in a process that obeys permissions (root's override of
  them dropped with ``setpriv``).

- **Keystores from another folder**: another folder's keystore copied over this one's
  (of the same passphrase, and of another), alone and with its backup copy, opened
  with the passphrase and with the recovery key.

Reading must keep working (the worker is never locked out); a change may be refused
in plain words; nothing in the folder changes but what a command may change, and no
file is left behind.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks import reliability_child as child
from benchmarks.reliability_common import (
    HANG_SECONDS,
    KILL_TIMEOUT,
    PASSPHRASE,
    ROOT,
    Run,
    Tally,
    changed,
    files,
    opens,
    tell,
)
from ce_desktop.storage.errors import READ_ONLY_NOTICE, StorageError
from ce_desktop.storage.vault import Vault

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
FREE_BYTES = (0, 4096, 16384, 65536, 262144)


def _cli(
    folder: Path,
    args: list[str],
    *,
    wrap: tuple[str, ...] = (),
    limit: int | None = None,
) -> Run:
    command = [*wrap, sys.executable, "-m", "ce_desktop", *args]
    command += ["--data-dir", str(folder), "--passphrase-stdin"]

    def file_size_limit() -> None:  # the no-root stand-in for a full disk
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            input=PASSPHRASE + "\n",
            capture_output=True,
            text=True,
            timeout=KILL_TIMEOUT,
            cwd=ROOT,
            check=False,
            preexec_fn=file_size_limit if limit is not None else None,
        )
    except subprocess.TimeoutExpired as expired:
        return Run(None, "", str(expired.stderr or ""), KILL_TIMEOUT)
    return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - started)


def _commands(outside: Path, reference: str, to_import: Path) -> dict[str, list[str]]:
    return {
        "list": ["list"],
        "check": ["check"],
        "export-pdf": ["export-pdf", reference, "-o", str(outside / "out.pdf")],
        "export-json": ["export-json", reference, "-o", str(outside / "out.json")],
        "backup": ["backup", "-o", str(outside / "all.cebackup")],
        "import": ["import", str(to_import)],
    }


def _worked(name: str, run: Run, outside: Path, reference: str) -> bool:
    if run.code != 0:
        return False
    if name == "list":
        return reference in run.out
    if name == "export-pdf":
        return (outside / "out.pdf").read_bytes().startswith(b"%PDF")
    if name == "export-json":
        return (outside / "out.json").stat().st_size > 0
    if name == "backup":
        return (outside / "all.cebackup").stat().st_size > 0
    return True


def _judge(
    tally: Tally,
    name: str,
    run: Run,
    *,
    outside: Path,
    reference: str,
    changed: bool,
    reopens: Callable[[], bool],
) -> None:
    """Count one command run against a folder that cannot be written."""
    tally.tried += 1
    worked = _worked(name, run, outside, reference)
    plain = READ_ONLY_NOTICE in run.err or (run.code == 1 and bool(run.err.strip()))
    if plain and not run.raw:
        tally.refused_clearly += 1
    tally.tracebacks += int(run.raw or run.code not in (0, 1))
    tally.hangs += int(run.code is None or run.seconds > HANG_SECONDS)
    tally.files_changed += int(changed)
    # Reading must keep working (the worker is not locked out); a change may be refused.
    locked_out = name != "import" and not worked
    tally.unopenable += int(locked_out or not reopens())
    if run.raw or changed or locked_out or run.code not in (0, 1):
        tell(tally, f"{name}: exit {run.code}, changed {changed}: {run.err.strip()[-300:]}")
    for leftover in ("out.pdf", "out.json", "all.cebackup"):
        (outside / leftover).unlink(missing_ok=True)


def _import_file(base: Path) -> tuple[Path, str]:
    incoming = child.to_import(999)
    path = base / "incoming.json"
    path.write_text(incoming.model_dump_json(), encoding="utf-8")
    return path, f"assessments/{incoming.id}.cea"


def _reference(template: Path) -> tuple[str, set[str]]:
    """The reference the commands export, and its files (an export notes itself in them)."""
    vault = Vault.unlock(template, PASSPHRASE)
    try:
        summary = vault.list_summaries()[0]
    finally:
        vault.close()
    name = f"assessments/{summary.id}.cea"
    return summary.reference, {name, name + ".bak"}


def _allowed(name: str, run: Run, imported: str, exported: set[str]) -> set[str]:
    """The files a command may change: an import's new file, an export's audit note."""
    if name == "import" and run.code == 0:
        return {imported}
    return exported if name.startswith("export") else set()


def _reopens(folder: Path, recovery: str) -> bool:
    """The folder opens, and every assessment in it loads whole."""
    if not opens(folder, recovery):
        return False
    vault = Vault.unlock(folder, PASSPHRASE)
    try:
        for summary in vault.list_summaries():
            vault.load(summary.id)
    except StorageError:
        return False
    finally:
        vault.close()
    return True


def _fill(disk: Path, free: int) -> None:
    """Fill the file system of ``disk`` to ENOSPC, then free ``free`` bytes of it."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    chunk = b"\0" * 65536
    try:
        while True:
            os.write(fd, chunk)
    except OSError:
        pass
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - free))


@contextlib.contextmanager
def _small_disk(base: Path) -> Iterator[Path | None]:
    """A 16 MiB tmpfs (root only); None without root."""
    disk = base / "disk"
    disk.mkdir(exist_ok=True)
    if not IS_ROOT:
        yield None
        return
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], check=True)
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


Condition = tuple[Path, Callable[[Path, list[str]], Run]]
"""Where a fresh copy of the folder goes, and how to run one command on it."""


def _every_command(
    tally: Tally, template: Path, recovery: str, base: Path, conditions: list[Condition]
) -> Tally:
    """Each command on a fresh copy of ``template``, under each of ``conditions``."""
    reference, exported = _reference(template)
    to_import, imported = _import_file(base)
    outside = base / "outside"
    outside.mkdir(exist_ok=True)
    for folder, run_under in conditions:
        for name, args in _commands(outside, reference, to_import).items():
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(template, folder)
            before = files(folder)
            run = run_under(folder, args)
            allowed = _allowed(name, run, imported, exported)
            _judge(
                tally,
                name,
                run,
                outside=outside,
                reference=reference,
                changed=changed(before, files(folder), allowed),
                reopens=lambda folder=folder: _reopens(folder, recovery),
            )
    return tally


def _on_full_disk(disk: Path | None, free: int) -> Callable[[Path, list[str]], Run]:
    """Run with ``free`` bytes left on ``disk``; with no disk, under a file-size limit."""

    def run(folder: Path, args: list[str]) -> Run:
        if disk is None:
            return _cli(folder, args, limit=free)
        _fill(disk, free)
        try:
            return _cli(folder, args)
        finally:
            (disk / "filler").unlink()

    return run


def full_disk(template: Path, recovery: str, base: Path) -> Tally:
    """Each command on a folder whose disk has 0 to 256 KiB left."""
    tally = Tally("Full disk (each command, 0 to 256 KiB free)")
    with _small_disk(base) as disk:
        folder = (disk or base / "disk") / "data"
        conditions = [(folder, _on_full_disk(disk, free)) for free in FREE_BYTES]
        return _every_command(tally, template, recovery, base, conditions)


def _set_modes(folder: Path, directory: int, file: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, directory if path.is_dir() else file)


def _without_write_permission(folder: Path, args: list[str]) -> Run:
    """Run on ``folder`` made unwritable, in a process that obeys permissions."""
    # Root ignores permissions: the child drops that power, as any worker lacks it.
    obeying = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search") if IS_ROOT else ()
    _set_modes(folder, 0o500, 0o400)
    try:
        return _cli(folder, args, wrap=obeying)
    finally:
        _set_modes(folder, 0o700, 0o600)


def _on_read_only_mount(view: Path) -> Callable[[Path, list[str]], Run]:
    """Run on a read-only bind mount of the folder at ``view`` (root only)."""

    def run(folder: Path, args: list[str]) -> Run:
        view.mkdir(exist_ok=True)
        subprocess.run(["mount", "--bind", str(folder), str(view)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
            return _cli(view, args)
        finally:
            subprocess.run(["umount", str(view)], check=True)

    return run


def read_only(template: Path, recovery: str, base: Path) -> Tally:
    """Each command on a read-only mount and on a folder without write permission."""
    tally = Tally("Read-only folder (mount, permissions)")
    folder = base / "ro-source"
    conditions: list[Condition] = [(folder, _without_write_permission)]
    if IS_ROOT:
        conditions.append((folder, _on_read_only_mount(base / "ro-view")))
    return _every_command(tally, template, recovery, base, conditions)


def _other_keystores(base: Path) -> dict[str, Path]:
    """Keystores of two other folders: one of the same passphrase, one of another."""
    folders = {}
    for name, passphrase in (("same", PASSPHRASE), ("other", "another fictional passphrase")):
        folder = base / f"stranger-{name}"
        if not folder.exists():
            Vault.create(folder, passphrase)[0].close()
        folders[name] = folder
    return folders


def _outside_keystore(folder: Path) -> dict[str, bytes]:
    """The folder's files but the keystore's two copies and what was put in quarantine."""
    return {n: d for n, d in files(folder).items() if not n.startswith(("keystore", "quarantine"))}


def foreign_keystores(template: Path, recovery: str, base: Path) -> Tally:
    """A keystore copied in from another folder, alone or with its backup copy."""
    tally = Tally("Keystores from another folder")
    strangers = _other_keystores(base)
    own = {name: (template / name).read_bytes() for name in ("keystore.json", "keystore.json.bak")}
    cases = [(kind, names) for kind in strangers for names in (["keystore.json"], list(own))]
    for kind, names in cases:
        for secret, unlock in ((PASSPHRASE, Vault.unlock), (recovery, Vault.unlock_with_recovery)):
            folder = base / "foreign-keystore"
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(template, folder)
            for name in names:
                shutil.copy(strangers[kind] / name, folder / name)
            before = _outside_keystore(folder)
            tally.tried += 1
            started = time.perf_counter()
            try:
                vault = unlock(folder, secret)
                try:
                    vault.list_summaries()
                    vault.load_settings()
                    said = any("another data folder" in notice for notice in vault.notices)
                finally:
                    vault.close()
                tally.refused_clearly += int(said)
            except StorageError:
                tally.refused_clearly += 1
            except Exception:
                tally.tracebacks += 1
            tally.hangs += int(time.perf_counter() - started > HANG_SECONDS)
            tally.files_changed += int(changed(before, _outside_keystore(folder), set()))
            for name, data in own.items():  # the folder's own keystore put back
                (folder / name).write_bytes(data)
            tally.unopenable += int(not _reopens(folder, recovery))
    return tally
