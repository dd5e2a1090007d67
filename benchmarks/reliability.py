"""The attack families on the data folder and the import, repeated, counted in one table.

Run on demand from the repository root (not part of the test command)::

    .venv/bin/python -m benchmarks.reliability [--record]

Each family makes a fresh data folder at the floor key-derivation cost, attacks it in
a bounded loop, and for every variant tries what a worker would: unlock (passphrase,
then recovery key), list, open every assessment, check, and for imports the import
itself. A variant counts as refused clearly if it ends in one of the app's own plain
errors; a traceback is any other exception; a hang is a variant over 10 seconds; a
changed file is any file other than the one attacked that changed outside the
quarantine folder and the index; an unopenable folder is one whose case list cannot
be read afterwards. The goal: zeros in every column but the first two. The families
that need whole processes or the operating system (a full disk, a read-only folder, a
kill mid-write, simultaneous starts) are in ``reliability_folders`` and ``reliability_processes``.

With ``--record`` the table is written to ``docs/reliability.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks import reliability_folders as folders
from benchmarks import reliability_processes as processes
from benchmarks.reliability_common import HANG_SECONDS, PASSPHRASE, Tally
from benchmarks.reliability_common import opens as _opens
from ce_desktop.domain.boundary import BoundaryError
from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.intake import ImportRefused, prepare_import
from ce_desktop.domain.migrations import NewerFormatError
from ce_desktop.domain.settings import Settings
from ce_desktop.resources import resource_path
from ce_desktop.storage import keystore, keystore_format
from ce_desktop.storage.errors import StorageError
from ce_desktop.storage.vault import Vault

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261201


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "quarantine" not in p.parts and p.name != "index.cei"
    }


def _template(base: Path) -> tuple[Path, str, Path]:
    folder = base / "template"
    vault, recovery = Vault.create(folder, PASSPHRASE)
    sample = json.loads(resource_path("samples", "sample-assessment.json").read_text("utf-8"))
    catalogue = default_catalogue()
    for number in range(3):
        sample["id"] = f"{number + 1:032x}"
        sample["reference"] = f"CE-20260302-{'ABC'[number]}2{'XYZ'[number]}4"
        intake = prepare_import(json.dumps(sample), catalogue, existing={}, today=date(2026, 3, 2))
        vault.save(intake.assessment)
        vault.save(intake.assessment)  # a .bak beside each
    vault.save_settings(Settings(mash_address="mash.fictional@example.org"))
    vault.save_settings(Settings(mash_address="mash.fictional@example.org"))
    vault.close()
    return folder, recovery, base


def _use(folder: Path, recovery: str) -> bool:
    """Unlock, list, open each, check. True if the app refused somewhere in plain words."""
    refused = False
    try:
        vault = Vault.unlock(folder, PASSPHRASE)
    except StorageError:
        refused = True
        vault = Vault.unlock_with_recovery(folder, recovery)
    try:
        for summary in vault.list_summaries():
            try:
                vault.load(summary.id)
            except StorageError:
                refused = True
        if vault.check():
            refused = True
        vault.load_settings()
        refused = refused or bool(vault.notices)
    finally:
        vault.close()
    return refused


def _run(tally: Tally, attempt: Callable[[], bool], after: Callable[[], tuple[bool, bool]]) -> None:
    tally.tried += 1
    started = time.perf_counter()
    try:
        if attempt():
            tally.refused_clearly += 1
    except StorageError:
        tally.refused_clearly += 1
    except Exception:
        tally.tracebacks += 1
    if time.perf_counter() - started > HANG_SECONDS:
        tally.hangs += 1
    changed, opens = after()
    tally.files_changed += int(changed)
    tally.unopenable += int(not opens)


def _damages(data: bytes, rng: random.Random, count: int) -> Iterator[bytes]:
    yield b""
    yield data[: len(data) // 2]
    yield data + b"\0"
    for _ in range(count):
        damaged = bytearray(data)
        position = rng.randrange(len(damaged))
        damaged[position] ^= 1 << rng.randrange(8)
        yield bytes(damaged)


def corrupt_files(template: Path, recovery: str, base: Path, per_file: int) -> Tally:
    """Bit flips, truncations and empties of every file in the folder."""
    tally = Tally("Corrupt files (flip, cut, empty)")
    rng = random.Random(SEED)
    targets = [p.relative_to(template) for p in sorted(template.rglob("*")) if p.is_file()]
    for target in targets:
        original = (template / target).read_bytes()
        for damaged in _damages(original, rng, per_file):
            folder = base / "variant"
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(template, folder)
            (folder / target).write_bytes(damaged)
            before = _snapshot(folder)
            before.pop(str(target), None)

            def after(
                folder: Path = folder, before: dict[str, bytes] = before
            ) -> tuple[bool, bool]:
                now = _snapshot(folder)
                changed = any(now.get(name) != value for name, value in before.items())
                return changed, _opens(folder, recovery)

            _run(tally, lambda folder=folder: _use(folder, recovery), after)
    return tally


def _hostile_documents() -> Iterator[str]:
    sample = json.loads(resource_path("samples", "sample-assessment.json").read_text("utf-8"))

    def doc(**changes: Any) -> str:
        raw = json.loads(json.dumps(sample))
        for dotted, value in changes.items():
            node = raw
            *parents, last = dotted.split("__")
            for part in parents:
                node = node[part]
            node[last] = value
        return json.dumps(raw)

    yield doc(finalised_at="9999-12-31T23:59:59Z", status="final")
    yield doc(updated_at="9999-12-31T23:00:00-05:00")
    yield doc(created_at="0001-01-01T00:00:00Z")
    yield doc(child__date_of_birth="0001-01-01")
    yield doc(previous_id="../../other")
    yield doc(child__name="A\x00B")
    yield doc(child__name="A\x1b[2JB")
    yield doc(child__name="A\nB")
    yield doc(analysis__summary="x" * 10_000_000)
    yield doc(agencies=[{"agency": "A"}] * 200_000)
    yield doc(indicators={"no_such_indicator": {}})
    yield doc(analysis__exploitation_types=["no_such_type"])
    yield doc(intended_action__strategies=["no_such_strategy"])
    yield doc(vulnerability__factors={"no_such_factor": {}})
    yield doc(status="final", finalised_at="2026-03-02T10:00:00Z", fingerprint="0" * 12)
    yield "\ufeff" + doc()
    yield doc().replace('"format_version": 1', '"format_version": ' + "9" * 5000)
    yield doc(child__name="X").replace('"X"', "[" * 100_000 + "]" * 100_000)
    yield doc(child__name="X").replace('"X"', '"\\ud800"')
    yield doc(child__name="X").replace('"X"', "NaN")
    yield "[]"
    yield "{"
    yield ""


def hostile_imports(template: Path, recovery: str, base: Path) -> Tally:
    """Import files no real assessment is, into a working folder."""
    tally = Tally("Hostile imports")
    catalogue = default_catalogue()
    folder = base / "imports"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(template, folder)
    for text in _hostile_documents():

        def attempt(text: str = text) -> bool:
            vault = Vault.unlock(folder, PASSPHRASE)
            try:
                existing = {s.id: s.reference for s in vault.list_summaries()}
                try:
                    intake = prepare_import(text, catalogue, existing=existing, today=date.today())
                except (BoundaryError, ImportRefused, NewerFormatError):
                    return True
                vault.save(intake.assessment)
                return False
            finally:
                vault.close()

        before = _snapshot(folder)

        def after(before: dict[str, bytes] = before) -> tuple[bool, bool]:
            now = _snapshot(folder)
            changed = any(now.get(name) != value for name, value in before.items())
            return changed, _opens(folder, recovery)

        _run(tally, attempt, after)
    return tally


def keystore_bombs(template: Path, recovery: str, base: Path) -> Tally:
    """Keystore parameters no calibration sets, in the keystore and its backup alike."""
    tally = Tally("Keystore cost bombs")
    values = [
        ("memory_kib", 1024 * 1024),
        ("memory_kib", 4 * 1024 * 1024),
        ("passes", 64),
        ("passes", 1_000_000),
        ("lanes", 1000),
    ]
    for field, value in values:
        folder = base / "bomb"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(template, folder)
        document = json.loads((folder / "keystore.json").read_text())
        for slot in document["body"]["slots"]:
            slot[field] = value
        document["checksum"] = hashlib.sha256(
            keystore_format.canonical(document["body"])
        ).hexdigest()
        for name in ("keystore.json", "keystore.json.bak"):
            (folder / name).write_text(json.dumps(document))

        def attempt(folder: Path = folder) -> bool:
            try:
                Vault.unlock(folder, PASSPHRASE).close()
            except StorageError as error:
                return "not correct" not in str(error)
            return False

        _run(tally, attempt, lambda: (False, True))
    return tally


def foreign_temp_files(template: Path, recovery: str, base: Path) -> Tally:
    """Files of the worker's own beside the app's: never removed."""
    tally = Tally("Files not the app's own")
    names = ["notes.tmp", "keystore.json.tmp", "my.cea", "assessments/notes.tmp", "a.bak"]
    for name in names:
        folder = base / "foreign"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(template, folder)
        (folder / name).write_bytes(b"the worker's own")
        before = _snapshot(folder)

        def after(folder: Path = folder, before: dict[str, bytes] = before) -> tuple[bool, bool]:
            return _snapshot(folder) != before, _opens(folder, recovery)

        _run(tally, lambda folder=folder: _use(folder, recovery), after)
    return tally


COLUMNS = (
    "Family",
    "Variants tried",
    "Refused with a clear message",
    "Tracebacks",
    "Hangs over 10 s",
    "Files changed that should not have been",
    "Folders left unopenable",
)


def table(tallies: list[Tally]) -> str:
    """The one table, in Markdown."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    total = Tally("All families")
    for t in [*tallies, total]:
        if t is not total:
            for key in ("tried", "refused_clearly", "tracebacks", "hangs", "files_changed"):
                setattr(total, key, getattr(total, key) + getattr(t, key))
            total.unopenable += t.unopenable
        cells = [t.family, t.tried, t.refused_clearly, t.tracebacks, t.hangs]
        cells += [t.files_changed, t.unopenable]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


FAMILIES = ("corrupt", "imports", "bombs", "foreign", "keystores", "disk", "read-only", "kills")
FAMILIES += ("starts",)


def main(argv: list[str] | None = None) -> int:
    """Run every family (or those named) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="write docs/reliability.md")
    parser.add_argument("--per-file", type=int, default=40, help="bit flips per file")
    parser.add_argument("--kills", type=int, default=20, help="kills per kind of write")
    parser.add_argument("--pairs", type=int, default=20, help="pairs started at once")
    parser.add_argument("--twenties", type=int, default=3, help="twenties started at once")
    parser.add_argument("--only", nargs="+", choices=FAMILIES, default=list(FAMILIES))
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # the app's own warnings of each variant: counted, not shown
    keystore.CALIBRATION_TARGET_SECONDS = 0.0
    with tempfile.TemporaryDirectory() as scratch:
        template, recovery, base = _template(Path(scratch))
        runs: dict[str, Callable[[], Tally]] = {
            "corrupt": lambda: corrupt_files(template, recovery, base, args.per_file),
            "imports": lambda: hostile_imports(template, recovery, base),
            "bombs": lambda: keystore_bombs(template, recovery, base),
            "foreign": lambda: foreign_temp_files(template, recovery, base),
            "keystores": lambda: folders.foreign_keystores(template, recovery, base),
            "disk": lambda: folders.full_disk(template, recovery, base),
            "read-only": lambda: folders.read_only(template, recovery, base),
            "kills": lambda: processes.killed_mid_write(template, recovery, base, args.kills),
            "starts": lambda: processes.simultaneous_starts(
                template, recovery, base, args.pairs, args.twenties
            ),
        }
        started = time.perf_counter()
        tallies = [runs[name]() for name in FAMILIES if name in args.only]
        elapsed = time.perf_counter() - started
    text = table(tallies)
    print(text)
    print(f"\n{sum(t.tried for t in tallies)} variants in {elapsed:.0f} s.")
    if args.record:
        _record(text, elapsed, args)
    return 0


def _record(text: str, elapsed: float, args: argparse.Namespace) -> None:
    doc = ROOT / "docs" / "reliability.md"
    root = "as root" if folders.IS_ROOT else "not as root"
    doc.write_text(
        "# Reliability: the attack families, counted\n\n"
        "Made by `.venv/bin/python -m benchmarks.reliability --record` "
        f"({args.per_file} random bit flips per file, plus an empty, a halved and a "
        "lengthened copy of each; seed fixed). Each variant is unlocked with the passphrase "
        "(then the recovery key), listed, every assessment opened, checked, and the "
        "settings read. Refused with a clear message: the app ended in one of its own "
        "plain errors or notices. Files changed: any file other than the one attacked "
        "(outside the quarantine folder and the index cache) that changed or went missing. "
        "A damaged index is not refused but rebuilt from the files without a word (it is a "
        "cache), so the corrupt-file family's variants of the index are its only ones not "
        "refused; the one hostile import not refused is the file that starts with a "
        "byte-order mark, which is accepted; files that are not the app's own are left "
        "alone, nothing to refuse. Keystores from another folder: another folder's keystore "
        "(of the same passphrase and of another) copied over this folder's, alone and with "
        "its backup copy, opened with the passphrase and with the recovery key; refused "
        "clearly when the unlock said so or refused; unopenable when, with the folder's own "
        "keystore put back, the folder does not open or an assessment does not load.\n\n"
        "The last four families run whole `ce-desktop` processes (or processes of "
        "`benchmarks/reliability_child.py` on the app's own code) against the real file "
        f"system, {root}:\n\n"
        "- **Full disk**: the data folder on a 16 MiB tmpfs filled up to 0, 4, 16, 64 and "
        "256 KiB free (without root: a file-size limit of those sizes), and at each level "
        "`list`, `check`, `export-pdf`, `export-json`, `backup` and `import`. A reading "
        "command that did not do its work counts as a folder left unopenable (the worker "
        "locked out); an import may be refused. Files changed: any file of the folder other "
        "than an import's new file and the exported assessment (an export notes itself in "
        "its audit trail), or any file left behind (an empty lock, a temporary file). "
        "Afterwards the disk is freed and every assessment must load whole. Refused with a "
        "clear message: the read-only notice or a plain error was given; with space left "
        "the commands simply work, so they are not counted there.\n"
        "- **Read-only folder**: the same six commands on a read-only bind mount, and on a "
        "folder without write permission run by a process that obeys permissions (root's "
        "override dropped with `setpriv --bounding-set -dac_override,-dac_read_search`).\n"
        f"- **Killed mid-write**: {args.kills} kills each of a process saving, importing and "
        "backing up in a loop, killed with SIGKILL at a random moment (0 to 0.3 s) after their "
        "first finished write; then the folder is reopened. Files changed counts a kill "
        "after which anything was lost: the saved assessment not exactly the last or the "
        "next version, a finished import missing, the last finished backup not opening, "
        "or any other assessment different. Nothing here is refused.\n"
        f"- **Simultaneous starts**: {args.pairs} pairs and {args.twenties} groups of 20 "
        "processes opening the folder (`Vault.unlock`, as the window and the command line "
        f"do) at one instant, and {args.pairs} pairs of `ce-desktop import` given their "
        "passphrases at once. A trial counts as refused clearly when every process either "
        'held the folder or said the plain "already open" message; one where no process '
        "held it counts as unopenable, one where two held it at once as files changed; "
        "a lock file left behind, or any change but the imports that said they succeeded, "
        "also counts as files changed.\n\n"
        "Tracebacks in these families include any raw system line on the terminal "
        '(`Errno`, "Write to", "Permission denied", "No space left").\n\n'
        f"{text}\n\nRun time {elapsed:.0f} s on {os.cpu_count()} CPUs "
        f"({sys.platform}, Python {sys.version.split()[0]}), while other test suites "
        "shared the machine.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    raise SystemExit(main())
