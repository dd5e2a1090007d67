"""Every change a sighted worker sees is heard (screen readers, item 1).

Announcements are Qt's accessibility announcement events, spied on as they are sent;
the words must be plain text, never markup.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ce_desktop.domain.model import RiskLevel
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.error_summary import HEADING as PROBLEM_HEADING
from ce_desktop.gui.main_window import MainWindow
from tests.gui.a11y_support import Announcements, Role, of, walk
from tests.gui.editor_support import choose, complete_draft, field, new_draft
from tests.gui.shell_support import (
    PASSPHRASE,
)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

HEADINGS = [
    "Child or young person",
    "Cultural, identity and additional vulnerability factors",
    "Section 1. CE risk indicators",
    "Risk assessment analysis and summary",
    "Intended action",
    "Check your answers before finishing",
]
INDICATORS = 2


def no_markup(text: str) -> bool:
    return "<" not in text and "&lt;" not in text and "&amp;" not in text


@pytest.mark.parametrize("index", range(1, 6))
def test_a_page_change_speaks_the_pages_heading(
    editor: AssessmentEditor, spoken: Announcements, index: int
) -> None:
    editor.load(complete_draft())
    spoken.clear()

    editor.tabs.setCurrentIndex(index)

    assert spoken.said
    assert spoken.said[0].startswith(HEADINGS[index])


def test_the_examples_are_announced_as_plain_text_when_they_change(
    editor: AssessmentEditor, spoken: Announcements
) -> None:
    editor.tabs.setCurrentIndex(INDICATORS)
    page = editor.pages[INDICATORS]
    spoken.clear()

    field(editor, "indicators.missing_from_home.identified").setFocus()
    QApplication.processEvents()

    title = page.rows["missing_from_home"].indicator.title
    assert spoken.said[-1].startswith(f"Examples: {title}")
    assert no_markup(spoken.said[-1])
    pane = of(page.examples)
    assert pane.description.startswith(f"Examples: {title}")
    assert no_markup(pane.description)

    field(editor, "indicators.grooming.identified").setFocus()
    QApplication.processEvents()
    other = page.rows["grooming"].indicator.title
    assert spoken.said[-1].startswith(f"Examples: {other}")


def test_the_count_and_the_suggested_level_announce_their_change(
    editor: AssessmentEditor, spoken: Announcements
) -> None:
    editor.tabs.setCurrentIndex(INDICATORS)
    total = len(editor.pages[INDICATORS].rows)
    spoken.clear()

    field(editor, "indicators.missing_from_home.identified").click()  # type: ignore[attr-defined]

    assert spoken.said[-1].startswith(f"Indicators identified: 1 of {total}.")
    spoken.clear()
    choose(field(editor, "indicators.missing_from_home.level"), RiskLevel.SIGNIFICANT)

    said = [s for s in spoken.said if s.startswith("Suggested level")]
    assert said
    assert said[-1] == "Suggested level (a guide): Significant."
    assert not any(s.startswith("Indicators identified") for s in spoken.said)


def test_check_again_moves_focus_to_the_error_summary_named_by_its_heading(
    editor: AssessmentEditor, spoken: Announcements
) -> None:
    editor.load(new_draft())
    editor.tabs.setCurrentIndex(5)
    page = editor.check_page
    page.check_button.setFocus()

    page.check_button.click()
    QApplication.processEvents()

    assert QApplication.focusWidget() is page.problems
    summary = of(page.problems)
    assert summary.name == PROBLEM_HEADING
    assert summary.focusable
    assert "problems to fix" in summary.description
    # Focus moves by the program, not by Tab: the summary is no extra Tab stop.
    assert not page.problems.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_arriving_on_check_and_finish_says_there_is_a_problem(
    editor: AssessmentEditor, spoken: Announcements
) -> None:
    editor.load(new_draft())
    spoken.clear()

    editor.tabs.setCurrentIndex(5)

    assert spoken.said[0].startswith("Check your answers before finishing.")
    assert f"{PROBLEM_HEADING}: " in spoken.said[0]


def test_no_problem_is_said_too(editor: AssessmentEditor, spoken: Announcements) -> None:
    editor.load(complete_draft())
    editor.tabs.setCurrentIndex(5)
    spoken.clear()

    editor.check_page.check_button.click()

    assert spoken.said[-1].startswith("No problems found.")


@pytest.fixture
def window(shown_window) -> MainWindow:
    return shown_window(child="Tamsin Imaginary-Person")


def _unlock(qtbot, window: MainWindow, secret: str) -> None:
    page = window.unlock_page
    page.ui.secretEdit.clear()
    qtbot.keyClicks(page.ui.secretEdit, secret)
    qtbot.keyClick(page.ui.secretEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)


def test_a_wrong_passphrase_the_unlock_and_the_lock_are_announced(
    qtbot, window: MainWindow, spoken: Announcements
) -> None:
    _unlock(qtbot, window, "not the right passphrase")
    assert ("The passphrase is not correct. Check it and try again.", True) in spoken.events

    spoken.clear()
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.current_page() is window.case_list)
    assert "CE Desktop is unlocked." in spoken.said

    spoken.clear()
    window.lock()
    assert window.current_page() is window.unlock_page
    assert spoken.events[-1] == (
        "CE Desktop is locked. Enter your passphrase to unlock it.",
        True,
    )


def test_an_empty_passphrase_is_announced(qtbot, window: MainWindow, spoken: Announcements) -> None:
    qtbot.keyClick(window.unlock_page.ui.secretEdit, Qt.Key.Key_Return)

    assert ("Enter your passphrase.", True) in spoken.events


def test_the_error_links_have_one_role(editor: AssessmentEditor) -> None:
    editor.load(new_draft())
    editor.tabs.setCurrentIndex(5)
    QApplication.processEvents()

    links = editor.check_page.problems.links()
    assert links
    for link in links:
        nodes = walk(link)
        assert nodes[0].role == Role.Button
        assert [n for n in nodes if n.role == Role.Link] == []
        assert "Link" not in nodes[0].description
