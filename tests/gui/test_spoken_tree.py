"""The accessibility tree of every page, walked as a screen reader walks it (items 2-4).

Through Qt's own accessibility interfaces (what Orca, NVDA, JAWS and VoiceOver are
given): every stop is named, every input's name is unique on its page and plain text,
no scroll area or frame is a stop, errors are carried by the field they are about.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFrame, QWidget

from ce_desktop.domain.model import AgencyInvolved, YesNoNotKnown
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.editor.widgets import INVALID_DATE_MESSAGE
from ce_desktop.gui.speech import interface
from tests.gui.a11y_support import Announcements, Node, Role, Text, of, walk
from tests.gui.editor_support import complete_draft, field, new_draft
from tests.gui.keys import press, type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PAGES = range(6)
INPUT_ROLES = {Role.EditableText, Role.ComboBox, Role.CheckBox, Role.Button, Role.PageTab}


def busy_draft():
    """A complete draft with everything opened: SEND and previous details, agencies."""
    draft = complete_draft()
    draft.child.send = YesNoNotKnown.YES
    draft.child.previously_identified = YesNoNotKnown.YES
    draft.agencies = [
        AgencyInvolved(agency="School", name_contact="Ms Example, 01632 960000"),
        AgencyInvolved(agency="GP"),
        AgencyInvolved(agency="Other"),
        AgencyInvolved(agency="Other"),
        AgencyInvolved(),
    ]
    return draft


def page_nodes(editor: AssessmentEditor, index: int) -> list[Node]:
    editor.load(busy_draft())
    editor.tabs.setCurrentIndex(index)
    QApplication.processEvents()
    return walk(editor.pages[index])


def stops(nodes: list[Node]) -> list[Node]:
    return [n for n in nodes if n.focusable and n.role in INPUT_ROLES]


@pytest.mark.parametrize("index", PAGES)
def test_every_stop_is_named_once_on_its_page_in_plain_words(
    editor: AssessmentEditor, index: int
) -> None:
    nodes = stops(page_nodes(editor, index))
    assert nodes

    assert [str(n) for n in nodes if not n.name.strip()] == []
    repeated = {name: k for name, k in Counter(n.name for n in nodes).items() if k > 1}
    assert repeated == {}
    marked_up = [str(n) for n in nodes if "<" in n.name + n.description or "&lt;" in n.description]
    assert marked_up == []


@pytest.mark.parametrize("index", PAGES)
def test_no_scroll_area_or_frame_is_a_stop(editor: AssessmentEditor, index: int) -> None:
    editor.load(busy_draft())
    editor.tabs.setCurrentIndex(index)
    page = editor.pages[index]

    frames = [
        w
        for w in page.findChildren(QFrame)
        if (type(w) is QFrame or isinstance(w, QAbstractScrollArea)) and w.isVisibleTo(page)
    ]
    stopping = [
        w.objectName() or type(w).__name__
        for w in frames
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not hasattr(w, "toPlainText")
    ]
    assert stopping == []


@pytest.mark.parametrize("index", PAGES)
def test_every_page_is_a_region_named_by_its_heading(editor: AssessmentEditor, index: int) -> None:
    # What a screen reader says as the focus enters a page: on a page change, on
    # opening an assessment, on following an error link.
    editor.load(busy_draft())
    editor.tabs.setCurrentIndex(index)
    page = editor.pages[index]
    region = interface(page)

    assert region.role() == Role.Grouping
    assert page.page_heading
    assert region.text(Text.Name) == page.page_heading
    # Orca says nothing of a panel whose only child has the panel's name.
    children = [region.child(i) for i in range(region.childCount())]
    assert not (len(children) == 1 and children[0].text(Text.Name) == page.page_heading)
    # Nor does anything around it say "layered pane", as an unnamed stack did.
    around: list[QAccessible.Role] = []
    parent = region.parent()
    while parent is not None and parent.object() is not None:
        around.append(parent.role())
        parent = parent.parent()
    assert Role.LayeredPane not in around


def test_names_stand_alone_on_child_details(editor: AssessmentEditor) -> None:
    names = {n.name for n in stops(page_nodes(editor, 0))}

    for expected in (
        "Agency of the person completing",
        "Contact details of the person completing",
        "Sexual exploitation previously identified: give details",
        "Disability / special needs: please clarify further",
        "School: name and contact details",
        "GP: name and contact details",
        "Other (agency 3): name and contact details",
        "Agency 5: name and contact details",
        "Agency 1",
        "Calendar: date of birth",
    ):
        assert expected in names, expected


def test_indicator_levels_and_narratives_name_their_indicator(editor: AssessmentEditor) -> None:
    names = {n.name for n in stops(page_nodes(editor, 2))}
    title = editor.pages[2].rows["grooming"].indicator.title

    assert f"{title}: level" in names
    assert f"{title}: narrative of concern" in names


def test_the_age_is_heard_with_the_date_of_birth(
    editor: AssessmentEditor, spoken: Announcements
) -> None:
    editor.load(complete_draft())
    box = field(editor, "child.date_of_birth").focusProxy()

    assert of(box).description == "For example, 27/03/2012. Age 14 on the date completed."

    box.setFocus()
    box.selectAll()
    type_text(box, "01/01/2000")
    assert spoken.said[-1] == "Age 26 on the date completed"


def test_the_calendar_is_a_tab_stop_after_its_date(editor: AssessmentEditor) -> None:
    date_field = field(editor, "child.date_of_birth")
    date_field.focusProxy().setFocus()

    press(date_field.focusProxy(), Qt.Key.Key_Tab)

    assert QApplication.focusWidget() is date_field.button
    assert of(date_field.button).role == Role.Button


def test_an_impossible_date_is_an_error_while_typing_and_in_the_field(
    editor: AssessmentEditor, spoken: Announcements
) -> None:
    box = field(editor, "child.date_of_birth").focusProxy()
    box.setFocus()

    type_text(box, "31/02/2012")

    heard = of(box)
    assert heard.description.startswith(f"Error: {INVALID_DATE_MESSAGE}")
    assert "For example, 27/03/2012" in heard.description
    assert (f"Error: {INVALID_DATE_MESSAGE}", True) in spoken.events
    assert box.property("invalid") is True

    box.selectAll()
    type_text(box, "29/02/2012")
    assert not of(box).description.startswith("Error")


def test_a_check_marks_the_field_each_error_leads_to_until_it_is_fixed(
    editor: AssessmentEditor,
) -> None:
    editor.load(new_draft())
    editor.tabs.setCurrentIndex(5)
    box = field(editor, "child.date_of_birth").focusProxy()

    assert of(box).description == (
        "Error: Enter the child's date of birth. For example, 27/03/2012."
    )
    assert box.property("invalid") is True
    box.setFocus()
    QApplication.processEvents()
    field(editor, "child.name").setFocus()
    assert of(box).description.startswith("Error: ")

    box.setFocus()
    type_text(box, "09/05/2012")
    assert of(box).description.startswith("For example")
    assert box.property("invalid") is False


def test_check_again_comes_after_the_error_links_in_tab_order(editor: AssessmentEditor) -> None:
    editor.load(new_draft())
    editor.tabs.setCurrentIndex(5)
    page = editor.check_page
    page.check_and_focus()
    QApplication.processEvents()
    links = page.problems.links()
    assert links

    order: list[QWidget] = []
    current = QApplication.focusWidget()
    assert current is page.problems
    for _ in range(len(links) + 3):
        press(current, Qt.Key.Key_Tab)
        current = QApplication.focusWidget()
        order.append(current)

    assert order[: len(links)] == links
    assert page.check_button in order
    assert order.index(page.check_button) >= len(links)
