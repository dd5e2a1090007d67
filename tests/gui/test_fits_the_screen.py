"""The window fits a 1366x768 laptop screen at 100% and at 200% text, every screen of it.

Each case starts the app's window in its own process on an offscreen screen of that
size (Qt fixes the screen when it starts): see ``screen_probe``. At 200%, whether by
``QT_SCALE_FACTOR=2`` or by a font DPI of 192, Qt's own pixels halve the screen to
683x384, which is where the window used to open at 2560x1600 with a minimum size of
1432x890 and the passphrase box, the examples pane, long tick-box labels and the case
list's Child column could not be reached.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize

from ce_desktop.gui.placement import WINDOW_FRAME_ALLOWANCE, window_geometry

ROOT = Path(__file__).resolve().parents[2]
LAPTOP = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "dpr": 1}

CASES = {
    "100%": ({"logicalDpi": 96, "logicalBaseDpi": 96}, {}),
    "QT_SCALE_FACTOR=2": ({"logicalDpi": 96, "logicalBaseDpi": 96}, {"QT_SCALE_FACTOR": "2"}),
    "font DPI 192": ({"logicalDpi": 192, "logicalBaseDpi": 96}, {}),
    "font DPI 192, no scaling": (
        {"logicalDpi": 192, "logicalBaseDpi": 96},
        {"QT_ENABLE_HIGHDPI_SCALING": "0"},
    ),
}


def probe(
    tmp_path: Path,
    screen: dict[str, object],
    extra: dict[str, str],
    module: str = "tests.gui.screen_probe",
) -> dict:
    """Run ``module`` in its own process on a 1366x768 screen; the report it wrote."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{**LAPTOP, **screen}]}))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_SCALE", "QT_FONT", "QT_ENABLE_HIGHDPI"))
    }
    env.update(extra)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", module, str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads((out / "report.json").read_text())


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_every_screen_fits_and_nothing_is_out_of_reach(tmp_path: Path, case: str) -> None:
    screen, extra = CASES[case]
    report = probe(tmp_path, screen, extra)
    for name, facts in report.items():
        if name == "indicators":
            continue
        assert facts["inside"], (name, facts)
        assert facts["minimum_fits"], (name, facts)
    assert report["first_run"]["passphrase_reachable"]
    assert report["unlock"]["passphrase_reachable"]
    assert report["case_list"]["child_column_whole"]
    assert all(report[f"tab{i}"]["tab_bar_reachable"] for i in range(6))
    indicators = report["indicators"]
    assert indicators["examples_reachable"], indicators
    assert indicators["examples_width_characters"] >= 24, indicators
    assert indicators["long_tick_box_reachable"], indicators
    assert indicators["tick_box_reachable"], indicators
    assert indicators["focusable_scroll_areas"] == [], indicators
    if case != "100%":
        assert indicators["examples_below"], "at 200% the examples pane gives way below"


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (QRect(0, 0, 1366, 728), QSize(1280, 680)),  # 1366x768 less a 40-pixel panel
        (QRect(0, 0, 683, 384), QSize(667, 336)),  # the same at 200%
        (QRect(0, 0, 1920, 1040), QSize(1280, 800)),
    ],
)
def test_the_window_opens_inside_the_free_area(available: QRect, expected: QSize) -> None:
    geometry = window_geometry(available)
    assert geometry.size() == expected
    assert available.contains(geometry)
    # With the window manager's frame and title bar, it still fits.
    assert geometry.height() + WINDOW_FRAME_ALLOWANCE.height() <= available.height()
    assert geometry.width() + WINDOW_FRAME_ALLOWANCE.width() <= available.width()
