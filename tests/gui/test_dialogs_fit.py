"""Every dialog fits a 1366x768 laptop screen at 100% and at 200% text, its text whole.

Each case opens the window's dialogs in their own process on an offscreen screen of
that size (see ``dialog_probe``). At 200% text the next step after finalising and the
PDF's password used to cut off their last lines of text, and Settings was taller than
the screen, with its Save and Cancel buttons below its bottom edge. The forms of the
hand-off and of incidents went round the window's ``Dialogs`` and were never sized;
the amendment's reason, the versions of an assessment, a child's chronology and the
form that corrects an incident go through it too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.test_fits_the_screen import CASES, probe

DIALOGS = {
    "inform",
    "warn",
    "confirm",
    "finalise",
    "next_step",
    "recover",
    "protect",
    "password",
    "settings",
    "sending",
    "response",
    "incident",
    "amend",
    "versions",
    "chronology",
    "correction",
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_every_dialog_fits_with_its_text_and_buttons_whole(tmp_path: Path, case: str) -> None:
    screen, extra = CASES[case]
    report = probe(tmp_path, screen, extra, module="tests.gui.dialog_probe")
    assert set(report) >= DIALOGS, sorted(report)
    for name, facts in report.items():
        assert facts["inside"], (name, facts)
        assert facts["minimum_fits"], (name, facts)
        assert facts["buttons_cut"] == [], (name, facts)
        assert facts["text_cut"] == [], (name, facts)
