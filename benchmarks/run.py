"""One runner for every benchmark: prints one table, each row a median with its budget.

Run from the repository root: ``.venv/bin/python -m benchmarks.run``. Add
``--record`` to write the table with a description of this machine to
``docs/benchmarks.md``. Build the bundle first (``bash scripts/build_bundle.sh``) for
its size to be reported.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from datetime import datetime
from pathlib import Path

from benchmarks import bench_export, bench_gui, bench_print, bench_storage
from benchmarks.common import Row, format_table

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "ce-desktop"
BUNDLE_BUDGET_MB = 150


def bundle_rows() -> list[Row]:
    """The one-folder bundle's size, if it has been built."""
    if not BUNDLE.is_dir():
        return []
    # PyInstaller links some libraries under two names: count each file once.
    size = sum(
        path.stat().st_size
        for path in BUNDLE.rglob("*")
        if path.is_file() and not path.is_symlink()
    )
    return [Row("bundle folder size", size / 1e6, "MB", budget=BUNDLE_BUDGET_MB)]


def machine() -> str:
    """The machine the figures were measured on, in one line."""
    memory = ""
    try:
        import psutil

        memory = f", {psutil.virtual_memory().total / 2**30:.0f} GiB"
    except ImportError:
        pass
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{memory}, "
        f"Python {platform.python_version()}, {_cpu_model()}"
    )


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "CPU not known"


NOTES_MARKER = "<!-- notes: kept when the table is recorded again -->"


def _kept_notes(path: Path) -> str:
    """The hand-written notes under the marker in the previous record, if any."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    _, marker, notes = text.partition(NOTES_MARKER)
    return marker + notes if marker else ""


def main(argv: list[str] | None = None) -> int:
    """Measure everything and print the table (and record it with ``--record``)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--record", action="store_true", help="write docs/benchmarks.md")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (default 5)")
    args = parser.parse_args(argv)

    rows: list[Row] = []
    for name, measure in (
        ("storage", lambda: bench_storage.measure(args.runs)),
        ("export", lambda: bench_export.measure(args.runs)),
        ("launch", lambda: bench_gui.launch_rows(args.runs)),
        ("window", lambda: bench_gui.window_rows(args.runs)),
        ("print", lambda: bench_print.measure(args.runs)),
        ("bundle", bundle_rows),
    ):
        print(f"measuring {name}...", file=sys.stderr, flush=True)
        rows.extend(measure())
    table = format_table(rows)
    print(table)
    over = [row.name for row in rows if row.within_budget is False]
    if args.record:
        stamp = datetime.now().astimezone().strftime("%d/%m/%Y %H:%M %Z")
        text = (
            "# Benchmarks\n\n"
            f"Recorded {stamp} with `python -m benchmarks.run --record`, "
            f"medians of {args.runs} runs.\n\nMachine: {machine()}.\n\n{table}\n"
        )
        if over:
            text += "\nOver budget: " + "; ".join(over) + ".\n"
        from ce_desktop.storage.atomic import atomic_write

        record = ROOT / "docs" / "benchmarks.md"
        notes = _kept_notes(record)
        if notes:
            text += "\n" + notes
        atomic_write(record, text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
