"""The layers, as import-linter's contracts in pyproject.toml define them.

``lint-imports`` checks every import, lazy ones inside functions included: the domain
imports no other layer; storage and export do not import each other; the use cases
and everything below them import neither Qt nor a front end; the window and the
command line are the two front ends, and the command line reaches the window only
through ``ce_desktop.app``. A second check loads every module below the front ends in
one fresh interpreter and finds no Qt loaded (what a dynamic import could hide).
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import ce_desktop

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(ce_desktop.__file__).parent
BELOW_THE_FRONT_ENDS = ("domain", "storage", "export", "usecases", "cli")


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _lint_imports() -> str:
    beside = Path(sys.executable).with_name("lint-imports")
    found = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert found, "import-linter is not installed (it is a dev dependency)"
    return found


def test_the_layer_contracts_hold() -> None:
    result = subprocess.run(
        [_lint_imports(), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_package_is_under_a_contract() -> None:
    named = " ".join(str(contract) for contract in _contracts())
    packages = [p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()]
    assert sorted(p for p in packages if f"ce_desktop.{p}" not in named) == []


def test_no_module_below_the_front_ends_loads_qt() -> None:
    modules = [
        info.name
        for layer in BELOW_THE_FRONT_ENDS
        for info in pkgutil.walk_packages([str(PACKAGE / layer)], f"ce_desktop.{layer}.")
    ]
    assert len(modules) > 20
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
