"""Compile the Designer files in ``ui/`` into ``src/ce_desktop/gui/forms/ui_<name>.py``.

The compiled forms are committed (never hand-edited); ``tests/gui/test_forms_up_to_date.py``
compiles each again and fails on any difference. Run after changing a ``.ui`` file:

    .venv/bin/python scripts/build_ui.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "src" / "ce_desktop" / "gui" / "forms"


def uic_command() -> list[str]:
    """The ``pyside6-uic`` of the running interpreter's environment."""
    beside = Path(sys.executable).with_name("pyside6-uic")
    found = str(beside) if beside.exists() else shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic was not found; install PySide6-Essentials.")
    return [found]


def compiled_name(ui_file: Path) -> Path:
    """Where the compiled form of ``ui_file`` lives."""
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def compile_form(ui_file: Path) -> str:
    """The Python source ``pyside6-uic`` makes of one ``.ui`` file."""
    result = subprocess.run(
        [*uic_command(), str(ui_file)], check=True, capture_output=True, text=True
    )
    return result.stdout


def ui_files() -> list[Path]:
    """Every Designer file, in name order."""
    return sorted(UI_DIR.glob("*.ui"))


def main() -> int:
    """Compile every form; report the ones that changed."""
    FORMS_DIR.mkdir(parents=True, exist_ok=True)
    init = FORMS_DIR / "__init__.py"
    if not init.exists():
        init.write_text('"""Forms compiled from ui/*.ui by scripts/build_ui.py (do not edit)."""\n')
    for ui_file in ui_files():
        target = compiled_name(ui_file)
        source = compile_form(ui_file)
        if not target.exists() or target.read_text(encoding="utf-8") != source:
            target.write_text(source, encoding="utf-8")
            print(f"compiled {ui_file.name} -> {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
