"""Running ``ce-desktop`` as a separate process, as a worker or a script would."""

from __future__ import annotations

import subprocess
import sys


def run_cli(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m ce_desktop ARGS`` with ``stdin``; never raises on a non-zero exit."""
    return subprocess.run(
        [sys.executable, "-m", "ce_desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )
