"""build.spec ships every resource file, and reads its name and version from pyproject."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _spec_constant(name: str) -> object:
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"build.spec has no {name}")


def test_every_resource_file_is_in_the_spec() -> None:
    globs = _spec_constant("RESOURCE_GLOBS")
    assert isinstance(globs, list)
    covered = {path for pattern, _target in globs for path in ROOT.glob(pattern)}
    resources = {path for path in (ROOT / "resources").rglob("*") if path.is_file()}
    missing = sorted(str(path.relative_to(ROOT)) for path in resources - covered)
    assert missing == [], f"add these to RESOURCE_GLOBS in build.spec: {missing}"


def test_bundle_targets_keep_the_resource_layout() -> None:
    for pattern, target in _spec_constant("RESOURCE_GLOBS"):  # type: ignore[attr-defined]
        assert str(Path(pattern).parent) == target


def test_every_resource_file_is_in_the_wheel() -> None:
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["data-files"]
    covered = {path for patterns in data_files.values() for p in patterns for path in ROOT.glob(p)}
    resources = {path for path in (ROOT / "resources").rglob("*") if path.is_file()}
    assert sorted(str(p.relative_to(ROOT)) for p in resources - covered) == []


def test_spec_excludes_the_heavy_qt_modules() -> None:
    excludes = _spec_constant("QT_EXCLUDES")
    assert isinstance(excludes, list)
    for heavy in ("PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.Qt3DCore"):
        assert heavy in excludes
