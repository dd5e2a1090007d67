"""The whole journey by keyboard alone, through the real process on the real platform.

``ce-desktop`` runs as a separate process on Qt's xcb platform, on Xvfb at 1366x768
with openbox, with its own data folder. Every step is key presses sent through XTest
to whatever has the focus (never to a window), so a step the keyboard cannot reach
fails the test. The test knows where the focus is from the accessibility tree, and
waits on what the app makes visible: the focus moving, a window, a file written.
First run, a new assessment with non-ASCII names, two indicators with level and
narrative, analysis, intended action, check and finish, finalise, export the PDF,
lock and unlock; the focus enters every page inside a region named by its heading
(what a screen reader says on arriving), and no announcement ever takes the focus;
then, with the app quit, the outcome is read through the command line and the PDF's
text. Once at 100% and once at 200%
(``QT_SCALE_FACTOR=2``).
A picture of the screen at every step goes to ``artifacts/journey/``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from ce_desktop.domain.rules import latest_review_date
from tests.desktop.driving import Control, Keyboard
from tests.desktop.xsession import Focus, XSession, wait_until

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

APP = Path(sys.executable).with_name("ce-desktop")
PASSPHRASE = "kettle orbit lantern seven zebra"
WORKER = "Sam Wörker"
CHILD = "Zoë Łukasiewicz"
ALIAS = "Zo Ėmma"
TODAY = date.today()
REVIEW = latest_review_date(TODAY)
BORN = TODAY.replace(year=TODAY.year - 14) - timedelta(days=40)
MISSING = "Regularly missing from home, care or education"
DRUGS = "Experimenting with drugs and/or alcohol"
MISSING_NARRATIVE = "Missing three nights in a week; found in Croydon by the police."
DRUGS_NARRATIVE = "Says an older boy gives her cannabis “for free”."
RATIONALE = "Two indicators at Significant; the missing episodes are getting longer."
FURTHER_ACTION = "Weekly visits; strategy meeting with the police."
VULNERABILITY = "Cultural, identity and additional vulnerability factors"
TYPED = CHILD + ALIAS + WORKER + MISSING_NARRATIVE + DRUGS_NARRATIVE + RATIONALE


def ddmmyyyy(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(APP), *args],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


def first_run(keys: Keyboard, desktop: XSession, folder: Path) -> None:
    keys.wait_for(Control("Passphrase"))
    desktop.shot("first-run-passphrase")
    keys.type(PASSPHRASE)
    keys.tab_to(Control("Type the passphrase again"))
    keys.type(PASSPHRASE)
    keys.press_to("Return", Control("Print"), timeout=120)
    desktop.shot("recovery-key")

    key_file = folder / "recovery key.txt"
    keys.tab_to(Control("Save as file"))
    keys.press("space")
    wait_until(
        lambda: desktop.active_window_name().startswith("Save the recovery key"),
        "the dialog to save the recovery key",
    )
    desktop.shot("recovery-key-save-dialog")
    keys.press("ctrl+a")
    keys.type(str(key_file))
    keys.press("Return")
    wait_until(key_file.exists, "the recovery key file")
    last_group = key_file.read_text("utf-8").split()[-1].rsplit("-", 1)[1]
    desktop.shot("recovery-key-saved")

    keys.tab_to(Control("I have kept it safe"))
    keys.press("space")
    keys.wait_for(Control("Last group"))
    keys.type(last_group)
    keys.press_to("Return", Control("Your name"))
    keys.type(WORKER)
    keys.tab_to(Control("Agency"))
    keys.type("Exampletown Youth Service")
    desktop.shot("about-you")
    keys.tab_to(Control("Finish and start"))
    keys.press("space")


def child_details(keys: Keyboard, desktop: XSession) -> None:
    arrived = keys.press_to("ctrl+n", Control("Child or young person's name"))
    arrived_in(arrived, "Child or young person")
    keys.type(CHILD)
    keys.wait_text(CHILD)
    keys.tab_to(Control("Alias"))
    keys.type(ALIAS)
    keys.tab_to(Control("Date of birth"))
    keys.type(ddmmyyyy(BORN))
    keys.tab_to(Control("Date completed"))
    keys.type(ddmmyyyy(TODAY))
    keys.tab_to(Control("Consent of the young person"))
    keys.type("Yes")
    desktop.shot("child-details")


def indicator(keys: Keyboard, desktop: XSession, title: str, level: str, text: str) -> None:
    keys.tab_to(Control(title, role="check box"))
    keys.press("space")
    keys.tab_to(Control("Level", within=title))
    keys.type(level)
    keys.tab_to(Control("Narrative of concern", within=title))
    keys.type(text)
    desktop.shot("indicator")


def in_page(focus: Focus, heading: str) -> bool:
    """Whether ``focus`` is inside the page whose heading is ``heading``."""
    return f"panel {heading}" in focus.context


def arrived_in(arrived: Focus, heading: str) -> None:
    """``arrived`` (a control focused) is inside the page's region, named by its heading
    (what Orca says as the focus enters it), and in no unnamed layered pane (which Orca
    says as "layered pane")."""
    assert f"panel {heading}" in arrived.context, (str(arrived), arrived.context)
    assert not [c for c in arrived.context if c.startswith("layered pane")], arrived.context


def next_page(keys: Keyboard, desktop: XSession, name: str, heading: str) -> None:
    """Ctrl+Tab: the next tab of the assessment; the focus moves into it, where a screen
    reader says the page's heading."""
    before = len(keys.focus.events)
    keys.press("ctrl+Tab")
    try:
        arrived = wait_until(
            lambda: next((f for f in keys.focus.events[before:] if in_page(f, heading)), None),
            f"the focus to move into {name}",
        )
    except AssertionError as error:
        moves = [(str(f), f.context) for f in keys.focus.events[before:]]
        raise AssertionError(f"{error}; it went: {moves}") from None
    assert isinstance(arrived, Focus)
    arrived_in(arrived, heading)
    desktop.shot(name)


def analysis(keys: Keyboard, desktop: XSession) -> None:
    keys.tab_to(Control("Level of risk"))
    keys.type("Significant")
    keys.tab_to(Control("Related to thresholds"))
    keys.type("Section")  # type-ahead (a space would open the list): Section 17
    keys.press("Down")  # the next one: Section 47
    keys.tab_to(Control("Rationale for the level of risk"))
    keys.type(RATIONALE)
    desktop.shot("analysis-box-a")


def intended_action(keys: Keyboard, desktop: XSession) -> None:
    keys.tab_to(Control("Further action"))
    keys.type(FURTHER_ACTION)
    keys.tab_to(Control("Date of next review"))
    keys.wait_text(ddmmyyyy(REVIEW), "(the next review is filled in from the date completed)")
    desktop.shot("intended-action")


def check_and_finish(keys: Keyboard, desktop: XSession) -> None:
    keys.tab_to(Control("Check again"))
    keys.press("space")
    keys.tab_to(Control("Finalise"))
    desktop.shot("check-and-finish")
    keys.press("space")
    keys.wait_for(Control("Go back"))  # asked once, the safe answer first
    desktop.shot("finalise-question")
    keys.tab_to(Control("Finalise"))
    keys.press("space")
    keys.wait_for(Control("Email to Social Care"))  # the next step, at hand
    desktop.shot("finalised-next-step")


def export_pdf(keys: Keyboard, desktop: XSession, pdf: Path) -> None:
    keys.tab_to(Control("Export PDF"))
    keys.press("space")
    keys.wait_for(Control("Protect with a password"))
    desktop.shot("export-protect")
    keys.press("Return")
    wait_until(
        lambda: desktop.active_window_name().startswith("Export PDF"), "the dialog to save the PDF"
    )
    desktop.shot("export-save-dialog")
    keys.press("ctrl+a")
    keys.type(str(pdf))
    keys.press("Return")
    wait_until(pdf.exists, "the PDF to be written")
    wait_until(
        lambda: desktop.active_window_name().startswith("PDF saved"), "the PDF saved message"
    )
    desktop.shot("export-saved")
    keys.press("Return")
    keys.tab_to(Control("Start a review"))
    desktop.shot("finalised")


def lock_and_unlock(keys: Keyboard, desktop: XSession) -> None:
    keys.press_to("ctrl+l", Control("Passphrase"))
    desktop.shot("locked")
    keys.type(PASSPHRASE)
    keys.press("Return")
    keys.wait_for(Control("Start a review"), timeout=120)
    desktop.shot("unlocked")


def check_outcome(folder: Path, pdf: Path, outside: Path, env: dict[str, str]) -> None:
    """What the journey made, read back with the app quit: the list, the JSON, the PDF."""
    vault = ("--data-dir", str(folder), "--passphrase-stdin")
    listed = cli("list", "--json", *vault, env=env)
    assert listed.returncode == 0, listed.stderr
    [summary] = json.loads(listed.stdout)
    assert summary["child_name"] == CHILD
    assert summary["status"] == "final"
    assert summary["level"] == "significant"
    assert summary["date_completed"] == TODAY.isoformat()
    exported = outside / "assessment.json"
    written = cli("export-json", summary["reference"], "-o", str(exported), *vault, env=env)
    assert written.returncode == 0, written.stderr
    data = json.loads(exported.read_text("utf-8"))
    assert data["child"]["name"] == CHILD
    assert data["child"]["known_as"] == ALIAS
    assert data["child"]["date_of_birth"] == BORN.isoformat()
    assert data["details"]["completed_by"] == WORKER
    assert data["details"]["consent"]["young_person"] == "yes"
    identified = {k: v for k, v in data["indicators"].items() if v["identified"]}
    assert {k: (v["level"], v["narrative"]) for k, v in identified.items()} == {
        "missing_from_home": ("significant", MISSING_NARRATIVE),
        "drugs_alcohol": ("emerging", DRUGS_NARRATIVE),
    }
    assert data["analysis"]["threshold"] == "section_47"
    assert data["analysis"]["rationale"] == RATIONALE
    assert data["intended_action"]["further_action"] == FURTHER_ACTION
    assert data["intended_action"]["next_review_date"] == REVIEW.isoformat()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = " ".join(text.split())
    for typed in (CHILD, ALIAS, WORKER, MISSING_NARRATIVE, RATIONALE, "Significant"):
        assert typed in squeezed, typed


@pytest.mark.parametrize("scale", ["1", "2"], ids=["100%", "200%"])
def test_the_whole_journey_by_keyboard(desktop: XSession, tmp_path: Path, scale: str) -> None:
    folder = tmp_path / "ce-data"
    outside = tmp_path / "out"
    outside.mkdir()
    pdf = outside / "assessment.pdf"
    desktop.load_keys_for(TYPED)
    app = desktop.launch(str(APP), "--data-dir", str(folder), extra_env={"QT_SCALE_FACTOR": scale})
    keys = Keyboard(desktop)
    first_run(keys, desktop, outside)
    child_details(keys, desktop)
    next_page(keys, desktop, "vulnerability", VULNERABILITY)
    next_page(keys, desktop, "indicators", "Section 1. CE risk indicators")
    indicator(keys, desktop, MISSING, "Significant", MISSING_NARRATIVE)
    indicator(keys, desktop, DRUGS, "Emerging", DRUGS_NARRATIVE)
    next_page(keys, desktop, "analysis", "Risk assessment analysis and summary")
    analysis(keys, desktop)
    next_page(keys, desktop, "intended-action", "Intended action")
    intended_action(keys, desktop)
    next_page(keys, desktop, "check", "Check your answers before finishing")
    check_and_finish(keys, desktop)
    export_pdf(keys, desktop, pdf)
    lock_and_unlock(keys, desktop)
    # The announcements never took the focus: no notification was ever focused.
    assert [f for f in keys.focus.events if f.role == "notification"] == []
    keys.press("ctrl+q")
    assert app.wait(60) == 0
    check_outcome(folder, pdf, outside, desktop.env)
