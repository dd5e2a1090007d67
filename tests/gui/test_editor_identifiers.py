"""The identifiers on Child details: typed as people write them, kept only once checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent

from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.editor.identifier_field import IdentifierField
from tests.factories import full_assessment
from tests.gui.editor_support import field, show_field
from tests.gui.keys import type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _leave(box: IdentifierField) -> None:
    box.line.clearFocus()
    box.eventFilter(box.line, QFocusEvent(QEvent.Type.FocusOut))


def test_a_valid_nhs_number_typed_with_spaces_is_kept_as_ten_digits(
    editor: AssessmentEditor,
) -> None:
    box = show_field(editor, "child.nhs_number")
    assert isinstance(box, IdentifierField)
    type_text(box, "999 000 0018")
    _leave(box)

    assert editor.assessment().child.nhs_number == "9990000018"
    assert not box.error.isVisibleTo(box)


def test_a_wrong_nhs_number_is_said_beside_the_box_and_not_kept(
    editor: AssessmentEditor,
) -> None:
    box = show_field(editor, "child.nhs_number")
    assert isinstance(box, IdentifierField)
    type_text(box, "999 000 0019")
    assert not box.error.isVisibleTo(box)  # still typing: not judged yet
    _leave(box)

    assert editor.assessment().child.nhs_number == ""
    assert box.error.isVisibleTo(box)
    assert "NHS number" in box.error.text()
    assert box.line.property("invalid") is True
    assert box.line.text() == "999 000 0019"  # what was typed stays to be corrected


def test_a_upn_is_checked_by_its_letter(editor: AssessmentEditor) -> None:
    box = show_field(editor, "child.upn")
    assert isinstance(box, IdentifierField)
    type_text(box, "A801200005001")
    _leave(box)
    assert editor.assessment().child.upn == ""
    assert box.error.isVisibleTo(box)

    box.line.clear()
    type_text(box, "b801200005001")
    _leave(box)
    assert editor.assessment().child.upn == "B801200005001"
    assert not box.error.isVisibleTo(box)


def test_the_person_id_is_free_text_and_the_numbers_show_as_written(
    editor: AssessmentEditor,
) -> None:
    editor.load(full_assessment())
    assert field(editor, "child.nhs_number").line.text() == "999 000 0018"  # type: ignore[attr-defined]
    assert field(editor, "child.upn").line.text() == "M999000026001"  # type: ignore[attr-defined]
    type_text(show_field(editor, "child.person_id"), " / LCS 4471")
    assert editor.assessment().child.person_id == "FICT-000123 / LCS 4471"
