"""Fixtures for the tests that drive CE Desktop on a real X display.

The test command (``scripts/test.sh``) installs Xvfb, openbox, xdotool and AT-SPI and
sets ``CE_DESKTOP_DESKTOP_TESTS=required``: there a missing tool fails these tests.
Run by hand without the tools, they are skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.xsession import XSession, missing_tools, x_session

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "journey"


@pytest.fixture
def desktop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[XSession]:
    """A private X session at 1366x768 with a window manager; pictures go to artifacts/."""
    missing = missing_tools()
    if missing:
        message = (
            "the desktop tests need " + ", ".join(missing) + " (bash scripts/setup.sh --for-tests)"
        )
        if os.environ.get("CE_DESKTOP_DESKTOP_TESTS") == "required":
            pytest.fail(message)
        pytest.skip(message)
    shots = ARTIFACTS / request.node.name.replace("[", "-").rstrip("]")
    for old in shots.glob("*.png"):
        old.unlink()
    root = tmp_path / "x"
    root.mkdir()
    with x_session(root, shots) as session:
        yield session
