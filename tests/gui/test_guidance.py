"""The guidance window: every topic readable, the examples tables, nothing opened online."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from ce_desktop.domain.catalogue import Catalogue, guidance_topics
from ce_desktop.gui.guidance import EXAMPLES_TOPIC, GuidanceWindow, offline_markdown


@pytest.fixture
def window(qtbot: QtBot, catalogue: Catalogue) -> GuidanceWindow:
    widget = GuidanceWindow(catalogue)
    qtbot.addWidget(widget)
    return widget


def _shown_text(window: GuidanceWindow) -> str:
    return " ".join(window.browser.toPlainText().split())


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_page_of_the_guidance_index_is_listed_and_readable(
    window: GuidanceWindow,
) -> None:
    pages = guidance_topics()
    assert pages, "the guidance index lists no page"
    assert [p.id for p in pages] == window.topic_ids()[: len(pages)]
    for page in pages:
        window.show_topic(page.id)
        assert window.current_topic_id() == page.id
        assert window.topics_list.currentItem().text() == page.title
        # Each page's first heading is on screen (the examples page is regenerated
        # from the catalogue under the index's title).
        assert len(window.browser.toPlainText()) > 200
    for required in ("key_issues", "who_is_vulnerable", "send", "contacts"):
        assert required in window.topic_ids()


def test_the_first_topic_is_shown_when_none_or_an_unknown_one_is_asked(
    window: GuidanceWindow,
) -> None:
    first = window.topic_ids()[0]
    window.show_topic("contacts")
    window.show_topic(None)
    assert window.current_topic_id() == first
    window.show_topic("contacts")
    window.show_topic("no_such_topic")
    assert window.current_topic_id() == first


def test_the_examples_for_grooming_are_shown_with_their_levels(
    window: GuidanceWindow, catalogue: Catalogue
) -> None:
    window.show_topic("grooming")

    assert window.current_topic_id() == EXAMPLES_TOPIC
    shown = _shown_text(window)
    examples = catalogue.examples_for("grooming")
    assert examples
    for example in examples:
        levels = " / ".join(level.label for level in example.levels)
        assert f"{levels} {_words(example.text)}" in shown
    assert 'name="grooming"' in window.browser.toHtml()


def test_every_example_group_of_the_catalogue_has_its_table(
    window: GuidanceWindow, catalogue: Catalogue
) -> None:
    window.show_topic(EXAMPLES_TOPIC)
    shown = _shown_text(window)
    document = window.browser.document()
    assert len(document.rootFrame().childFrames()) == len(catalogue.example_groups)
    for group in catalogue.example_groups:
        assert _words(group.heading) in shown
        for example in group.examples:
            assert _words(example.text) in shown


def test_web_addresses_are_text_not_links(window: GuidanceWindow) -> None:
    window.show_topic("contacts")

    assert "www.paceuk.info" in _shown_text(window)
    assert "href" not in window.browser.toHtml()
    assert not window.browser.openLinks()
    assert not window.browser.openExternalLinks()


def test_an_outside_link_does_not_move_the_reader(window: GuidanceWindow) -> None:
    window.show_topic("contacts")
    window.browser.anchorClicked.emit(QUrl("https://www.example.org/#key_issues"))
    assert window.current_topic_id() == "contacts"
    window.browser.anchorClicked.emit(QUrl("#key_issues"))
    assert window.current_topic_id() == "key_issues"


def test_no_resource_is_loaded(window: GuidanceWindow) -> None:
    resource = window.browser.loadResource(
        int(QTextDocument.ResourceType.ImageResource.value), QUrl("https://example.org/x.png")
    )
    assert resource is None


def test_markdown_links_and_images_become_readable_text() -> None:
    text = offline_markdown(
        "See [the procedures](https://example.org/p) and ![logo](https://example.org/l.png) "
        "and [key issues](#key_issues)."
    )
    assert text == "See the procedures (https://example.org/p) and logo and key issues."


def test_search_filters_the_topics_by_their_words(qtbot: QtBot, window: GuidanceWindow) -> None:
    qtbot.keyClicks(window.search, "groomer")
    assert window.visible_topic_ids() == [EXAMPLES_TOPIC]
    assert window.current_topic_id() == EXAMPLES_TOPIC
    assert not window.no_match.isVisibleTo(window)

    window.search.clear()
    qtbot.keyClicks(window.search, "xylophone")
    assert window.visible_topic_ids() == []
    assert window.no_match.isVisibleTo(window)

    window.search.clear()
    assert window.visible_topic_ids() == window.topic_ids()


def test_asking_for_a_hidden_topic_clears_the_search(qtbot: QtBot, window: GuidanceWindow) -> None:
    qtbot.keyClicks(window.search, "groomer")
    window.show_topic("contacts")
    assert window.search.text() == ""
    assert window.current_topic_id() == "contacts"
