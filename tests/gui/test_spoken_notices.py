"""Announcements as notices, for Orca on Linux (screen readers, item 1).

Orca 43 does not listen for Qt's announcement event, so on Linux the words also go out
as a notice: a notification in the accessibility tree only, which Orca says as it
appears. These tests check when it appears and goes, and that it never touches the
keyboard focus, the Tab chain, the widgets on the screen or the text being typed. What
reaches AT-SPI (a notification named by the words) is shown on a real display, in
``tests/desktop/test_desktop_journey.py``, and what Orca says in
``tests/desktop/test_orca_hears.py``.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QApplication, QWidget

from ce_desktop.gui import speech
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.focus_ring import FocusRing
from ce_desktop.gui.main_window import MainWindow
from tests.gui.editor_support import field, show_field
from tests.gui.shell_support import unlock

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.skipif(not speech.NOTICES, reason="notices back announcements on Linux only"),
]

FURTHER_ACTION = "intended_action.further_action"


def tab_chain(window: QWidget) -> list[QWidget]:
    """The widgets Tab stops at, in order, as Qt's focus chain gives them."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and widget not in chain:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def lasting_widgets(window: QWidget) -> list[QWidget]:
    """The window's widgets, but the focus ring, which comes and goes with the focus."""
    return [w for w in window.findChildren(QWidget) if not isinstance(w, FocusRing)]


def shown_events(monkeypatch: pytest.MonkeyPatch) -> list[tuple[QAccessible.Event, object]]:
    """The show and hide events sent for notices, in order (every event passed on)."""
    sent: list[tuple[QAccessible.Event, object]] = []
    original = QAccessible.updateAccessibility

    def spy(event: object) -> None:
        kinds = (QAccessible.Event.ObjectShow, QAccessible.Event.ObjectHide)
        notice = isinstance(event, QAccessibleEvent) and event.object()
        if isinstance(notice, speech.SpokenNotice) and event.type() in kinds:
            sent.append((event.type(), notice))
        original(event)  # type: ignore[arg-type]

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(spy))
    return sent


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Notices appear at once and stay a moment (the real delays, shortened)."""
    monkeypatch.setattr(speech, "NOTICE_DELAY_MS", 0)
    monkeypatch.setattr(speech, "NOTICE_MS", 50)


def test_an_announcement_is_also_a_notice_a_moment_later(
    qtbot, editor: AssessmentEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its interface (role notification, the words as its name) is read through AT-SPI in
    # the desktop tests: a Python reference to an interface Qt deletes is not safe here.
    sent = shown_events(monkeypatch)
    speech.announce(editor.pages[0], "<p>Age <b>14</b> on the date completed</p>")
    [notice] = speech.notices(editor.window())
    assert not isinstance(notice, QWidget)
    assert notice.words == "Age 14 on the date completed"
    assert not notice.shown
    assert sent == []

    qtbot.waitUntil(lambda: notice.shown)

    assert sent == [(QAccessible.Event.ObjectShow, notice)]


def test_a_notice_leaves_the_focus_the_tab_chain_and_the_typing_alone(
    qtbot, editor: AssessmentEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(speech, "NOTICE_DELAY_MS", 0)
    editor.tabs.setCurrentIndex(4)
    box = show_field(editor, FURTHER_ACTION)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "Weekly visits")
    window = editor.window()
    chain = tab_chain(window)
    widgets = lasting_widgets(window)
    before = len(speech.notices(window))  # the page's heading, said on arrival

    for words in ("Intended action", "Indicators identified: 1 of 22.", "Suggested level"):
        speech.announce(editor.pages[4], words)
    qtbot.waitUntil(lambda: all(n.shown for n in speech.notices(window)))
    qtbot.keyClicks(box, "; strategy meeting")

    assert len(speech.notices(window)) == before + 3
    assert QApplication.focusWidget() is box
    assert tab_chain(window) == chain
    assert lasting_widgets(window) == widgets
    assert field(editor, FURTHER_ACTION).toPlainText() == "Weekly visits; strategy meeting"


def test_a_notice_is_withdrawn_after_a_while(
    qtbot, editor: AssessmentEditor, monkeypatch: pytest.MonkeyPatch, quick: None
) -> None:
    sent = shown_events(monkeypatch)
    speech.announce(editor.pages[0], "Child or young person")
    assert len(speech.notices(editor.window())) == 1

    qtbot.waitUntil(lambda: len(sent) == 2)

    assert speech.notices(editor.window()) == []
    shown, hidden = QAccessible.Event.ObjectShow, QAccessible.Event.ObjectHide
    assert [kind for kind, _ in sent] == [shown, hidden]


def test_a_window_keeps_a_few_notices_and_reuses_the_oldest(
    qtbot, editor: AssessmentEditor, quick: None
) -> None:
    window = editor.window()
    for number in range(speech.NOTICE_POOL + 2):
        speech.announce(window, f"Announcement {number}")

    pool = window.findChildren(speech.SpokenNotice)
    assert len(pool) == speech.NOTICE_POOL
    told = [notice.words for notice in speech.notices(window)]
    assert told == [f"Announcement {n}" for n in range(2, speech.NOTICE_POOL + 2)]


def test_no_notice_for_a_window_not_on_the_screen(qtbot) -> None:
    hidden = QWidget()
    qtbot.addWidget(hidden)
    speech.announce(hidden, "Nobody sees this")

    assert speech.notices(hidden) == []


@pytest.fixture
def window(shown_window) -> MainWindow:
    return shown_window()


def test_the_lock_withdraws_what_was_said_before_it(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.current_page() is window.case_list, timeout=30000)
    speech.announce(window, "Age 14 on the date completed")

    window.lock()

    said = [notice.words for notice in speech.notices(window)]
    assert said == ["CE Desktop is locked. Enter your passphrase to unlock it."]


def test_tabbing_past_an_indicator_leaves_only_the_focused_rows_examples_to_be_said(
    qtbot, editor: AssessmentEditor
) -> None:
    # The notice appears a moment after the focus arrives: the first Tab into the page
    # (onto the first row) and the next (onto the second) come sooner than that.
    editor.tabs.setCurrentIndex(2)
    page = editor.pages[2]
    first = page.rows["online_activity"].identified
    first.setFocus()
    qtbot.waitUntil(lambda: page.examples.indicator_id == "online_activity")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert page.examples.indicator_id == "missing_from_home"

    told = [n.words for n in speech.notices(editor.window()) if "Examples" in n.words]
    assert len(told) == 1
    assert told[0].startswith("Examples: Regularly missing from home")

    page.filter.setFocus()  # out of the rows: their examples are no longer news
    qtbot.waitUntil(page.filter.hasFocus)
    assert not [n for n in speech.notices(editor.window()) if "Examples" in n.words]
