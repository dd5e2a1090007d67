"""What Orca says of the app's announcements, with the real Orca reading the real app.

Orca 43 (Debian 12) ignores Qt's announcement event, so on Linux the app also tells
each announcement as a notification, which Orca says as it appears. Here Orca runs on
the session (``tests/desktop/orca.py``), the app is driven by keys alone as in the
journey, and Orca's log must hold each announcement as said: a wrong passphrase, the
unlock, an impossible date, a page's heading, the count and the suggested level, the
examples, "There is a problem" and the lock.

It runs only when asked (``CE_DESKTOP_ORCA_TESTS=1``, with Orca installed:
``apt-get install orca``), once before a change to what is spoken is called done, not
in every run of the suite: Orca 43 sometimes stops for minutes while it and the app
wait on each other for a key press (the AT-SPI bridge hands every key to Orca first),
whatever the app announces. What reaches AT-SPI is checked in every run, by the
journey (``test_desktop_journey.py``). Orca's log is kept in ``artifacts/journey/``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ce_desktop.storage.vault import Vault
from tests.desktop.driving import Control, Keyboard
from tests.desktop.orca import Orca, orca_missing
from tests.desktop.xsession import XSession

pytestmark = [
    pytest.mark.desktop,
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("CE_DESKTOP_ORCA_TESTS") != "1",
        reason="Orca's run is asked for with CE_DESKTOP_ORCA_TESTS=1",
    ),
]

APP = Path(sys.executable).with_name("ce-desktop")
PASSPHRASE = "kettle orbit lantern seven zebra"
MISSING = "Regularly missing from home, care or education"


@pytest.fixture
def orca(desktop: XSession, tmp_path: Path) -> Iterator[Orca]:
    if orca_missing():
        pytest.fail("CE_DESKTOP_ORCA_TESTS=1 asks for Orca, which is not installed")
    reader = Orca(desktop, tmp_path / "orca")
    yield reader
    reader.stop(keep=desktop.shots)


def test_orca_says_every_announcement_and_the_focus_stays(
    desktop: XSession, orca: Orca, tmp_path: Path
) -> None:
    folder = tmp_path / "ce-data"
    vault, _key = Vault.create(folder, PASSPHRASE)
    vault.close()
    desktop.launch(str(APP), "--data-dir", str(folder))
    keys = Keyboard(desktop)

    keys.wait_for(Control("Passphrase"), timeout=120)
    keys.type("not it")
    keys.press("Return")
    orca.wait_said("notification The passphrase is not correct")
    desktop.shot("orca-wrong-passphrase")
    keys.press("ctrl+a")
    keys.type(PASSPHRASE)
    keys.press("Return")
    orca.wait_said("notification CE Desktop is unlocked")

    keys.press_to("ctrl+n", Control("Child or young person's name"), timeout=120)
    keys.tab_to(Control("Date of birth"))
    heard = len(orca.said())
    keys.type("31/02/2012")
    keys.press("Tab")
    orca.wait_said("notification Error: Enter a real date as dd/mm/yyyy", since=heard)
    desktop.shot("orca-invalid-date")

    keys.press("ctrl+Tab", "ctrl+Tab")
    orca.wait_said("notification Section 1. CE risk indicators")
    keys.tab_to(Control(MISSING, role="check box"))
    orca.wait_said(f"notification Examples: {MISSING}")
    keys.press("space")
    orca.wait_said("notification Indicators identified: 1 of")
    keys.tab_to(Control("Level", within=MISSING))
    heard = len(orca.said())
    keys.type("Significant")
    keys.press_to("Tab", Control("Narrative of concern", within=MISSING))
    orca.wait_said("Suggested level (a guide): Significant", since=heard)
    desktop.shot("orca-indicators")
    # Every announcement so far left the focus where the worker had put it.
    keys.settle()
    assert Control("Narrative of concern", within=MISSING).matches(keys.focus.current)
    assert [f for f in keys.focus.events if f.role == "notification"] == []

    keys.press("ctrl+Tab", "ctrl+Tab", "ctrl+Tab")
    orca.wait_said("notification Check your answers before finishing")
    orca.wait_said("There is a problem")
    desktop.shot("orca-check")

    keys.press("ctrl+l")
    orca.wait_said("notification CE Desktop is locked")
