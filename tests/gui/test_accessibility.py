"""Every page can be used by keyboard and screen reader (issue item 12).

For each page: every visible input has an accessible name that holds the words of the
visible label that names it (WCAG 2.5.3, label in name); pressing Tab from the top
reaches every focusable input; and Tab moves down the page, never jumping back up.
"""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.editor.form import EditorPage
from tests.gui.editor_support import complete_draft

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

INPUTS = (QLineEdit, QTextEdit, QComboBox, QCheckBox)
PAGES = range(6)


def plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def visible_inputs(page: EditorPage) -> list[QWidget]:
    return [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, INPUTS) and w.isVisibleTo(page) and w.isEnabled()
    ]


def open_page(editor: AssessmentEditor, index: int) -> EditorPage:
    editor.load(complete_draft())
    editor.tabs.setCurrentIndex(index)
    QApplication.processEvents()
    return editor.pages[index]


@pytest.mark.parametrize("index", PAGES)
def test_every_input_has_its_visible_label_as_accessible_name(
    editor: AssessmentEditor, index: int
) -> None:
    page = open_page(editor, index)

    unnamed = [
        w.objectName() or type(w).__name__ for w in visible_inputs(page) if not w.accessibleName()
    ]
    assert unnamed == []
    for label in page.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None or not label.isVisibleTo(page):
            continue
        target = buddy.focusProxy() or buddy
        assert plain(label.text()).lower() in target.accessibleName().lower(), label.text()


@pytest.mark.parametrize("index", PAGES)
def test_tab_reaches_every_input_in_reading_order(editor: AssessmentEditor, index: int) -> None:
    page = open_page(editor, index)
    content = page.scroll_area.widget()
    focusable = [
        w
        for w in page.findChildren(QWidget)
        if w.isVisibleTo(page)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and content.isAncestorOf(w)
        and w.focusProxy() is None
    ]
    start = focusable[0]
    start.setFocus()
    visited: list[QWidget] = []
    for _ in range(len(focusable) * 2 + 10):
        current = QApplication.focusWidget()
        if current is None or current in visited:
            break
        if content.isAncestorOf(current):
            visited.append(current)
        QTest.keyClick(current, Qt.Key.Key_Tab)

    missing = [w.objectName() or w.accessibleName() for w in focusable if w not in visited]
    assert missing == []
    tops = [w.mapTo(content, QPoint(0, 0)).y() for w in visited]
    jumps_up = [
        (visited[i].objectName() or visited[i].accessibleName())
        for i in range(1, len(tops))
        if tops[i] < tops[i - 1] - 4
    ]
    assert jumps_up == []


def test_tab_statuses_are_words_not_only_colour(editor: AssessmentEditor) -> None:
    editor.load(complete_draft())
    texts = [editor.tabs.tabText(i) for i in PAGES]
    assert all(" — " in t for t in texts)
    assert {t.split(" — ")[1] for t in texts} <= {
        "not started",
        "in progress",
        "complete",
        "has problems",
    }


def test_buttons_say_what_they_do(editor: AssessmentEditor) -> None:
    for index in PAGES:
        page = open_page(editor, index)
        nameless = [
            b.objectName()
            for b in page.findChildren(QAbstractButton)
            if b.isVisibleTo(page) and not (b.text() or b.accessibleName())
        ]
        assert nameless == [], index
