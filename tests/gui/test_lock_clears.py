"""After locking, no widget anywhere in the window holds any text of the assessment.

The real editor is filled with the training sample (every page has content), the
window is locked, and then every widget of the window is walked: text boxes, labels,
combo boxes, buttons, tab titles and item views. Unlocking then brings back the same
page and field.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from ce_desktop.domain.model import Assessment
from ce_desktop.gui.main_window import MainWindow, default_editor
from tests.gui.shell_support import unlock

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("floor_kdf"),
]

_NOT_CONTENT = {"id", "child_id", "format_version", "status", "created_at", "updated_at"}


def assessment_texts(assessment: Assessment) -> set[str]:
    """Every free-text value the worker typed (long enough to be unmistakable)."""
    found: set[str] = set()

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and key not in _NOT_CONTENT and len(value.strip()) >= 6:
            found.add(value.strip())

    walk(assessment.model_dump(mode="json", exclude={"audit", "indicators"}))
    for entry in assessment.indicators.values():
        if len(entry.narrative.strip()) >= 6:
            found.add(entry.narrative.strip())
    return found


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(widget description, text) for every piece of text the window can show."""
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QLineEdit):
            yield name, widget.text()
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            yield name, widget.toPlainText()
        elif isinstance(widget, QLabel):
            yield name, widget.text()
        elif isinstance(widget, QComboBox):
            yield name, widget.currentText()
            yield name, widget.lineEdit().text() if widget.lineEdit() else ""
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield name, widget.tabText(index)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    yield name, str(model.index(row, column).data() or "")
        yield name, widget.toolTip()
        yield name, widget.accessibleDescription()


@pytest.fixture
def window(shown_window) -> MainWindow:
    return shown_window(editor_factory=default_editor)  # the real editor


def test_lock_leaves_no_assessment_text_in_any_widget(qtbot, window) -> None:
    # Words the window shows anyway ("Social Care" on the toolbar) are not the child's.
    vocabulary = [text for _, text in widget_texts(window) if text]
    unlock(qtbot, window)
    qtbot.mouseClick(window.case_list.ui.sampleButton, Qt.MouseButton.LeftButton)
    assessment = window.session.current()
    secrets = {s for s in assessment_texts(assessment) if not any(s in text for text in vocabulary)}
    assert len(secrets) > 20
    shown_before = [text for _, text in widget_texts(window) if text]
    assert any(s in text for s in secrets for text in shown_before), "the sample is on screen"

    window.ui.actionLock.trigger()

    assert window.current_page() is window.unlock_page
    leaks = [
        (where, secret)
        for where, text in widget_texts(window)
        for secret in secrets
        if text and secret in text
    ]
    assert leaks == []


def test_unlock_restores_the_page_and_the_focused_field(qtbot, window) -> None:
    unlock(qtbot, window)
    qtbot.mouseClick(window.case_list.ui.sampleButton, Qt.MouseButton.LeftButton)
    editor = window.editor
    tabs = editor.findChild(QTabWidget)
    tabs.setCurrentIndex(3)
    page = tabs.currentWidget()
    field = next(w for w in page.findChildren(QTextEdit) if w.objectName())
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    before = editor.location()

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.unlock_page
    unlock(qtbot, window)

    editor = window.editor
    assert window.current_page() is editor
    assert editor.location()[0] == 3
    qtbot.waitUntil(lambda: editor.location() == before, timeout=2000)
    assert before[1]
    assert QApplication.focusWidget().objectName() == before[1]
