"""The committed compiled forms match what pyside6-uic makes of ``ui/*.ui`` today."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _build_ui_module():
    spec = importlib.util.spec_from_file_location("build_ui", ROOT / "scripts" / "build_ui.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_ui", module)
    spec.loader.exec_module(module)
    return module


build_ui = _build_ui_module()


def test_every_ui_file_is_compiled() -> None:
    names = {p.stem for p in build_ui.ui_files()}
    assert {"main_window", "unlock", "first_run", "case_list"} <= names


@pytest.mark.parametrize("ui_file", build_ui.ui_files(), ids=lambda p: p.name)
def test_compiled_form_matches_its_ui_file(ui_file: Path) -> None:
    target = build_ui.compiled_name(ui_file)
    assert target.exists(), f"{target.name} is missing: run scripts/build_ui.py"
    assert target.read_text(encoding="utf-8") == build_ui.compile_form(ui_file), (
        f"{target.name} is out of date with {ui_file.name}: run scripts/build_ui.py"
    )
