"""The guard against PySide6 6.12.0's emit leak keeps a long typing session alive."""

from __future__ import annotations

import os
import subprocess
import sys

EMITS = """
import ce_desktop.gui  # installs the guard
from PySide6.QtCore import QObject, Signal

class Typist(QObject):
    typed = Signal(str)

typist = Typist()
for n in range(50_000):  # a long afternoon of keystrokes
    typist.typed.emit("a")
print("still here")
"""


def test_fifty_thousand_emits_do_not_abort_the_interpreter() -> None:
    result = subprocess.run(
        [sys.executable, "-c", EMITS],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "still here"
