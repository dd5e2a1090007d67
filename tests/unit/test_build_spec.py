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


def _spec_function(name: str) -> object:
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    [node] = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    namespace: dict[str, object] = {"DROPPED_FILES": _spec_constant("DROPPED_FILES")}
    exec(compile(ast.Module(body=[node], type_ignores=[]), "build.spec", "exec"), namespace)
    return namespace[name]


def test_drop_patterns_match_on_every_system() -> None:
    dropped = _spec_function("dropped")
    assert callable(dropped)
    for path in (
        "PySide6/Qt/translations/qt_de.qm",
        "PySide6\\translations\\qtbase_fr.qm",
        "PySide6\\plugins\\imageformats\\qjpeg.dll",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6\\plugins\\tls\\qschannelbackend.dll",
        "PIL\\_webp.cp311-win_amd64.pyd",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
    ):
        assert dropped(path), path
    for path in (
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6\\plugins\\platforms\\qoffscreen.dll",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6\\Qt6PrintSupport.dll",
        "resources\\fonts\\DejaVuSans.ttf",
    ):
        assert not dropped(path), path


def test_both_executables_and_the_windows_resources_are_declared() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "(NAME, False), (CLI_NAME, True)" in spec  # windowed app, console CLI
    assert (ROOT / "packaging" / "windows" / "ce-desktop.ico").is_file()
    assert "STRIP = not WINDOWS" in spec
