"""The form's limits, seen at the field as they near; nothing typed is ever cut."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from ce_desktop.domain.model import LINE_LIMIT, TEXT_LIMIT
from ce_desktop.gui.editor import AssessmentEditor
from tests.gui.editor_support import field, show_field
from tests.gui.keys import type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _paste(box: QLineEdit, text: str) -> None:
    # As a worker pasting from elsewhere: the whole text replaced, through the clipboard.
    QApplication.clipboard().setText(text)
    box.selectAll()
    box.paste()


def _notice(editor: AssessmentEditor, path: str) -> QLabel | None:
    return editor.findChild(QLabel, f"{path}.limit")


def test_a_name_shows_its_count_as_it_nears_the_limit_and_is_never_cut(
    editor: AssessmentEditor,
) -> None:
    name = show_field(editor, "child.name")
    type_text(name, "Testy")
    assert _notice(editor, "child.name") is None
    _paste(name, "N" * (LINE_LIMIT - 10))
    notice = _notice(editor, "child.name")
    assert notice is not None
    assert notice.isVisible()
    assert notice.text() == f"{LINE_LIMIT - 10} of {LINE_LIMIT} characters used."
    _paste(name, "N" * (LINE_LIMIT + 5))
    assert "5 characters over the limit of 200" in notice.text()
    assert "nothing has been cut" in notice.text()
    assert editor.assessment().child.name == "N" * (LINE_LIMIT + 5)
    _paste(name, "Testy")
    assert not notice.isVisible()


def test_a_narrative_says_when_it_passes_its_limit(editor: AssessmentEditor) -> None:
    box = field(editor, "analysis.summary")
    box.setPlainText("x" * (TEXT_LIMIT + 1))  # type: ignore[attr-defined]
    notice = _notice(editor, "analysis.summary")
    assert notice is not None
    assert "1 characters over the limit of 200,000" in notice.text()
    assert len(editor.assessment().analysis.summary) == TEXT_LIMIT + 1


def test_a_tab_pasted_into_a_name_is_said_at_the_field(editor: AssessmentEditor) -> None:
    name = show_field(editor, "child.name")
    _paste(name, "Testy\tMcTestface")
    notice = _notice(editor, "child.name")
    assert notice is not None
    assert "line break or tab" in notice.text()


def test_a_paste_far_past_the_limit_is_kept_whole(editor: AssessmentEditor) -> None:
    name = show_field(editor, "child.name")
    _paste(name, "P" * 40_000)  # past Qt's own silent cut at 32,767
    assert editor.assessment().child.name == "P" * 40_000
    notice = _notice(editor, "child.name")
    assert notice is not None
    assert "39,800 characters over the limit" in notice.text()
