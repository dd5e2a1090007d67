"""Names that stand alone, and no screen heard that is not shown (screen readers, items 2, 4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from ce_desktop.domain.model import YesNoNotKnown
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.main_window import MainWindow
from tests.gui.a11y_support import Role, of, reached_objects, walk
from tests.gui.editor_support import choose, complete_draft, field
from tests.gui.keys import press
from tests.gui.shell_support import PASSPHRASE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CHECK = 5


def test_a_yes_no_drop_down_is_named_by_its_question_not_its_answer(
    editor: AssessmentEditor,
) -> None:
    combo = field(editor, "child.interpreter_required")
    choose(combo, YesNoNotKnown.YES)

    heard = of(combo)

    assert heard.role == Role.ComboBox
    assert heard.name == "Interpreter required"
    assert heard.value == "Yes"


def test_change_buttons_say_the_answer_and_work_with_enter_and_space(
    editor: AssessmentEditor,
) -> None:
    draft = complete_draft()
    editor.load(draft)
    editor.tabs.setCurrentIndex(CHECK)
    born = draft.child.date_of_birth
    assert born is not None

    change = editor.findChild(QPushButton, "change.child.date_of_birth")
    assert of(change).name == f"Change date of birth, {born:%d/%m/%Y}"
    gender = editor.findChild(QPushButton, "change.child.gender")
    assert of(gender).name == "Change gender, Female"
    unanswered = editor.findChild(QPushButton, "change.child.ethnicity")
    assert of(unanswered).name == "Change ethnicity, not answered"

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
        editor.tabs.setCurrentIndex(CHECK)
        button = editor.check_page.summary.change_buttons["child.date_of_birth"]
        button.setFocus()
        press(button, key)
        QApplication.processEvents()
        assert editor.tabs.currentIndex() == 0, key
        assert QApplication.focusWidget() is field(editor, "child.date_of_birth").focusProxy()


def test_change_button_names_are_unique(editor: AssessmentEditor) -> None:
    editor.load(complete_draft())
    editor.tabs.setCurrentIndex(CHECK)

    names = [of(b).name for b in editor.check_page.summary.change_buttons.values()]

    assert len(names) == len(set(names))


@pytest.fixture
def window(shown_window) -> MainWindow:
    return shown_window()


def test_hidden_screens_are_out_of_the_accessibility_tree(qtbot, window: MainWindow) -> None:
    page = window.unlock_page
    qtbot.keyClicks(page.ui.secretEdit, PASSPHRASE)
    qtbot.keyClick(page.ui.secretEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.case_list, timeout=20000)

    reached = reached_objects(window)

    assert id(window.case_list) in reached
    for hidden in (window.unlock_page, window.first_run, page.ui.secretEdit):
        assert id(hidden) not in reached, hidden.objectName()

    window.lock()
    reached = reached_objects(window)
    assert id(window.unlock_page) in reached
    assert id(window.case_list) not in reached


def test_hidden_pages_of_the_editor_are_out_of_the_tree(editor: AssessmentEditor) -> None:
    editor.tabs.setCurrentIndex(2)

    reached = reached_objects(editor)

    assert id(editor.pages[2]) in reached
    assert all(id(p) not in reached for i, p in enumerate(editor.pages) if i != 2)
    assert [n for n in walk(editor) if n.role == Role.PageTab]
