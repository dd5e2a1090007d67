"""What Orca says of the app's announcements, with the real Orca reading the real app.

Orca 43 (Debian 12) ignores Qt's announcement event, so on Linux the app also tells
each announcement as a notification, which Orca says as it appears. Here Orca runs on
the session (``tests/desktop/orca.py``), the app is driven by keys alone as in the
journey, and Orca's log must hold each as said: a wrong passphrase, the unlock, the
page's heading on opening an assessment and on every page change (the page is a region
named by it, said as the focus enters, never "layered pane"), an impossible date, the
count and the suggested level, the examples, "There is a problem" and a "Change"
button.

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
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ce_desktop.storage.vault import Vault
from tests.desktop.driving import Control, Keyboard
from tests.desktop.orca import Orca, orca_missing
from tests.desktop.xsession import XSession, wait_until

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
def start_orca(desktop: XSession, tmp_path: Path) -> Iterator[Callable[[], Orca]]:
    """``start_orca()``: Orca, started now on the session (stopped at the end)."""
    if orca_missing():
        pytest.fail("CE_DESKTOP_ORCA_TESTS=1 asks for Orca, which is not installed")
    started: list[Orca] = []

    def start() -> Orca:
        started.append(Orca(desktop, tmp_path / "orca"))
        return started[-1]

    yield start
    for reader in started:
        reader.stop(keep=desktop.shots)


@pytest.fixture
def orca(start_orca: Callable[[], Orca]) -> Orca:
    return start_orca()


def test_orca_says_every_announcement_and_the_focus_stays(
    desktop: XSession, orca: Orca, tmp_path: Path
) -> None:
    # Each step waits for Orca to have said where the focus is before the next keys,
    # as a worker listening would: Orca drops notifications while it is far behind.
    folder = tmp_path / "ce-data"
    vault, _key = Vault.create(folder, PASSPHRASE)
    vault.close()
    desktop.launch(str(APP), "--data-dir", str(folder))
    keys = Keyboard(desktop)

    def press(*names: str) -> None:
        orca.wait_quiet()
        keys.press(*names)

    keys.wait_for(Control("Passphrase"), timeout=120)
    orca.wait_said("Passphrase password text")
    orca.wait_quiet()
    keys.type("not it")
    press("Return")
    orca.wait_said("notification The passphrase is not correct")
    desktop.shot("orca-wrong-passphrase")
    press("ctrl+a")
    orca.wait_quiet()
    keys.type(PASSPHRASE)
    press("Return")
    orca.wait_said("notification CE Desktop is unlocked")

    # Opening an assessment: the page's region is said with the field focused.
    heard = len(orca.said())
    orca.wait_quiet()
    keys.press_to("ctrl+n", Control("Child or young person's name"), timeout=120)
    orca.wait_said("Child or young person panel", since=heard)
    orca.wait_quiet()
    keys.tab_to(Control("Date of birth"))
    orca.wait_said("Date of birth", since=heard)
    heard = len(orca.said())
    orca.wait_quiet()
    keys.type("31/02/2012")
    press("Tab")
    orca.wait_said("Enter a real date as dd/mm/yyyy", since=heard)
    desktop.shot("orca-invalid-date")

    heard = len(orca.said())
    press("ctrl+Tab")
    orca.wait_said("Cultural, identity and additional vulnerability factors panel", since=heard)
    press("ctrl+Tab")
    orca.wait_said("Section 1. CE risk indicators panel", since=heard)
    assert not [u for u in orca.said()[heard:] if "layered pane" in u]
    orca.wait_quiet()
    keys.tab_to(Control(MISSING, role="check box"))
    orca.wait_said(f"notification Examples: {MISSING}", since=heard)
    press("space")
    orca.wait_said("notification Indicators identified: 1 of", since=heard)
    orca.wait_quiet()
    keys.tab_to(Control("Level", within=MISSING))
    orca.wait_said("Level", since=heard)
    heard = len(orca.said())
    orca.wait_quiet()
    keys.type("Significant")
    keys.press_to("Tab", Control("Narrative of concern", within=MISSING))
    orca.wait_said("Suggested level (a guide): Significant", since=heard)
    desktop.shot("orca-indicators")
    # Every announcement so far left the focus where the worker had put it.
    keys.settle()
    assert Control("Narrative of concern", within=MISSING).matches(keys.focus.current)
    assert [f for f in keys.focus.events if f.role == "notification"] == []


def test_orca_says_there_is_a_problem_and_a_change_button(
    desktop: XSession, start_orca: Callable[[], Orca], tmp_path: Path
) -> None:
    # Check and finish is reached before Orca starts: five pages built while Orca
    # reads them can stop Orca 43 for minutes (it and the app wait on each other).
    folder = tmp_path / "ce-data"
    vault, _key = Vault.create(folder, PASSPHRASE)
    vault.close()
    desktop.launch(str(APP), "--data-dir", str(folder))
    keys = Keyboard(desktop)
    keys.wait_for(Control("Passphrase"), timeout=120)
    wait_until(lambda: desktop.active_window_name() == "CE Desktop", "the window to be active")
    keys.settle()
    keys.type(PASSPHRASE)
    keys.press_to("Return", Control("New assessment"), timeout=120)
    keys.press_to("ctrl+n", Control("Child or young person's name"), timeout=120)
    keys.tab_to(Control("Date of birth"))
    keys.type("31/02/2012")
    keys.press("Tab")
    for _page in range(5):
        before = len(keys.focus.events)
        keys.press("ctrl+Tab")
        wait_until(lambda: len(keys.focus.events) > before, "the focus to move")  # noqa: B023
    keys.tab_to(Control("Check again"))

    orca = start_orca()
    orca.wait_quiet()
    heard = len(orca.said())
    keys.press("space")
    orca.wait_said("There is a problem", since=heard)
    desktop.shot("orca-check")
    orca.wait_quiet()
    keys.tab_to(Control("Change date of birth"))
    orca.wait_said("Change date of birth", since=heard)
