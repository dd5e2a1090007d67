"""Qt stays in gui/: the core packages import no PySide6 module."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "ce_desktop.domain.model",
    "ce_desktop.domain.catalogue",
    "ce_desktop.domain.rules",
    "ce_desktop.domain.lifecycle",
    "ce_desktop.domain.migrations",
    "ce_desktop.storage",
    "ce_desktop.storage.vault",
    "ce_desktop.export",
    "ce_desktop.export.pdf",
    "ce_desktop.export.protect",
    "ce_desktop.export.email",
    "ce_desktop.export.printer",
    "ce_desktop.usecases.assessments",
    "ce_desktop.usecases.outputs",
    "ce_desktop.usecases.printing",
    "ce_desktop.cli",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_qt(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} loaded {result.stdout.strip()}"
