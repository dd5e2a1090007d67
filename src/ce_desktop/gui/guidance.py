"""The toolkit's guidance, readable inside the app and offline (PRODUCT §3.7).

Topics on the left, the text on the right. Most topics are the Markdown pages under
``resources/guidance/`` (listed by the catalogue's ``guidance_topics()``); three are
built here from the catalogue itself so that they can never drift from the form:
the risk assessment examples (a table per indicator), the intervention and
disruption strategies, and the contacts.

Nothing is fetched and nothing is opened: the browser never follows a link out of
the app, web addresses stay visible as plain text for the worker to copy, and any
image or resource the text might name is refused.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QShowEvent,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.domain.catalogue import Catalogue, CatalogueError, guidance_topics
from ce_desktop.gui.placement import fit_window

log = logging.getLogger(__name__)

EXAMPLES_TOPIC = "examples"
STRATEGIES_TOPIC = "intervention_strategies"
CONTACTS_TOPIC = "contacts"

_TOPIC_ROLE = Qt.ItemDataRole.UserRole
# A Markdown link [text](target): shown as "text (target)" so the address stays readable.
_MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
# GitHub Markdown (tables, task lists) without md4c's three autolink extensions
# (PERMISSIVEURLAUTOLINKS 0x4, PERMISSIVEEMAILAUTOLINKS 0x8, PERMISSIVEWWWAUTOLINKS
# 0x400): a web address in the text stays text, not a link.
_MARKDOWN_FEATURES = QTextDocument.MarkdownFeature(
    int(QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value) & ~(0x4 | 0x8 | 0x400)
)


@dataclass(frozen=True)
class GuidanceTopic:
    """One page of guidance.

    Attributes:
        id: stable id, used by :meth:`GuidanceWindow.show_topic`.
        title: shown in the topics list.
        markdown: the page as Markdown, or "" when ``html`` is used.
        html: the page as HTML (generated topics), or "".
    """

    id: str
    title: str
    markdown: str = ""
    html: str = ""

    def plain_text(self) -> str:
        """The page's words, for the search box."""
        return re.sub(r"<[^>]+>", " ", self.html) if self.html else self.markdown


def offline_markdown(text: str) -> str:
    """Markdown with every link turned into readable text and every image dropped."""
    text = _MARKDOWN_IMAGE.sub(lambda m: m.group(1), text)

    def as_text(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2)
        if target.startswith("#") or label.strip() == target.strip():
            return label
        return f"{label} ({target})"

    return _MARKDOWN_LINK.sub(as_text, text)


class OfflineTextBrowser(QTextBrowser):
    """A QTextBrowser that never opens a link nor loads an outside resource."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Refuse every resource: guidance pages carry no pictures or style sheets."""
        log.info("Guidance asked for a resource; refused")
        return None


class GuidanceWindow(QWidget):
    """The guidance reader: a searchable list of topics beside the text.

    Attributes:
        search: filters the topics by title and text as the worker types.
        topics_list: one row per topic.
        browser: the topic's text.
    """

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guidanceWindow")
        self.setWindowTitle("Guidance – CE Desktop")
        self._catalogue = catalogue
        self._topics: dict[str, GuidanceTopic] = {t.id: t for t in build_topics(catalogue)}

        self.search = QLineEdit()
        self.search.setObjectName("guidanceSearch")
        self.search.setPlaceholderText("Search guidance")
        self.search.setAccessibleName("Search guidance")
        self.search.setClearButtonEnabled(True)
        self.topics_list = QListWidget()
        self.topics_list.setObjectName("guidanceTopics")
        self.topics_list.setAccessibleName("Guidance topics")
        self.browser = OfflineTextBrowser()
        self.browser.setObjectName("guidanceText")
        self.browser.setAccessibleName("Guidance text")
        self.browser.document().setDocumentMargin(14)
        self.topics_list.setSpacing(3)
        self.topics_list.setWordWrap(True)
        self._pending_anchor = ""
        self.no_match = QLabel("No topic matches your search.")
        self.no_match.setWordWrap(True)
        self.no_match.hide()

        for topic in self._topics.values():
            item = QListWidgetItem(topic.title)
            item.setData(_TOPIC_ROLE, topic.id)
            self.topics_list.addItem(item)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_label = QLabel("Search")
        search_label.setBuddy(self.search)
        left_layout.addWidget(search_label)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.topics_list, 1)
        left_layout.addWidget(self.no_match)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 660])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)

        self.topics_list.currentItemChanged.connect(self._show_item)
        self.search.textChanged.connect(self._filter)
        self.browser.anchorClicked.connect(self._follow)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.setTabOrder(self.search, self.topics_list)
        self.setTabOrder(self.topics_list, self.browser)
        fit_window(self, QSize(960, 680))
        self.show_topic(None)

    def topic_ids(self) -> list[str]:
        """Every topic's id, in list order."""
        return list(self._topics)

    def visible_topic_ids(self) -> list[str]:
        """The ids of the topics the search leaves in the list."""
        return [
            self.topics_list.item(row).data(_TOPIC_ROLE)
            for row in range(self.topics_list.count())
            if not self.topics_list.item(row).isHidden()
        ]

    def current_topic_id(self) -> str | None:
        """The id of the topic shown, if any."""
        item = self.topics_list.currentItem()
        return None if item is None else str(item.data(_TOPIC_ROLE))

    def show_topic(self, topic_id: str | None) -> None:
        """Show a topic by id; ``None`` or an unknown id shows the first topic.

        An indicator's id shows the examples table at that indicator's examples.
        """
        anchor = ""
        if topic_id is not None and topic_id not in self._topics:
            if topic_id in self._catalogue.indicator_ids() and EXAMPLES_TOPIC in self._topics:
                topic_id, anchor = EXAMPLES_TOPIC, topic_id
            else:
                topic_id = None
        if topic_id is None:
            if not self._topics:
                return
            topic_id = next(iter(self._topics))
        if self.search.text() and topic_id not in self.visible_topic_ids():
            self.search.clear()
        for row in range(self.topics_list.count()):
            item = self.topics_list.item(row)
            if item.data(_TOPIC_ROLE) == topic_id:
                self.topics_list.setCurrentItem(item)
                self._render(topic_id)
                break
        # Before the window is laid out there is nothing to scroll: showEvent retries.
        self._pending_anchor = anchor
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self._to_top()

    def _to_top(self) -> None:
        # A topic opens at its beginning, not wherever the last one was left.
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        self.browser.verticalScrollBar().setValue(0)
        self.browser.horizontalScrollBar().setValue(0)

    def showEvent(self, event: QShowEvent) -> None:
        """Scroll to an indicator asked for before the window was on screen."""
        super().showEvent(event)
        if self._pending_anchor:
            QTimer.singleShot(0, lambda: self.browser.scrollToAnchor(self._pending_anchor))
        else:
            QTimer.singleShot(0, self._to_top)

    def _show_item(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self._render(str(item.data(_TOPIC_ROLE)))

    def _render(self, topic_id: str) -> None:
        topic = self._topics[topic_id]
        if topic.html:
            self.browser.setHtml(topic.html)
        else:
            document = self.browser.document()
            document.setMarkdown(offline_markdown(topic.markdown), _MARKDOWN_FEATURES)
            _space_out(document)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first_visible: QListWidgetItem | None = None
        for row in range(self.topics_list.count()):
            item = self.topics_list.item(row)
            topic = self._topics[str(item.data(_TOPIC_ROLE))]
            haystack = f"{topic.title} {topic.plain_text()}".casefold()
            hidden = not all(word in haystack for word in words)
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        self.no_match.setVisible(first_visible is None)
        current = self.topics_list.currentItem()
        if first_visible is not None and (current is None or current.isHidden()):
            self.topics_list.setCurrentItem(first_visible)

    def _follow(self, url: QUrl) -> None:
        # Only links between topics move the reader; anything else stays put.
        target = url.fragment() if not url.scheme() else ""
        if target:
            self.show_topic(target)


def _space_out(document: QTextDocument) -> None:
    """Give Markdown headings and paragraphs room: Qt sets them almost touching."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    block = document.begin()
    while block.isValid():
        form = block.blockFormat()
        if form.headingLevel():
            form.setTopMargin(16 if form.headingLevel() > 1 else 4)
            form.setBottomMargin(8)
        else:
            form.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            if block.textList() is None:
                form.setBottomMargin(8)
        cursor.setPosition(block.position())
        cursor.setBlockFormat(form)
        block = block.next()
    cursor.endEditBlock()


def build_topics(catalogue: Catalogue) -> list[GuidanceTopic]:
    """Every topic, in the guidance index's reading order.

    The examples page is always built from the catalogue (replacing a Markdown page
    of the same id, in its place), so the tables match what the Indicators page shows.
    The strategies and contacts are built from the toolkit only where no Markdown page
    covers them.
    """
    examples = examples_topic(catalogue)
    topics: list[GuidanceTopic] = []
    for page in _markdown_topics():
        if page.id == EXAMPLES_TOPIC:
            page = GuidanceTopic(page.id, page.title, html=_page(page.title, examples.html))
        topics.append(page)
    taken = {topic.id for topic in topics}
    if EXAMPLES_TOPIC not in taken:
        topics.append(
            GuidanceTopic(EXAMPLES_TOPIC, examples.title, html=_page(examples.title, examples.html))
        )
    for fallback in (strategies_topic(catalogue), contacts_topic(catalogue)):
        if fallback.id not in taken:
            topics.append(fallback)
    return topics


def _markdown_topics() -> list[GuidanceTopic]:
    try:
        pages = guidance_topics()
        return [GuidanceTopic(p.id, p.title, markdown=p.read_markdown()) for p in pages]
    except (CatalogueError, OSError) as error:
        # A broken install should still show the topics built from the catalogue.
        log.warning("Guidance pages could not be read: %s", error)
        return []


def _page(title: str, body: str) -> str:
    return f"<html><body style='line-height:130%'><h1>{html.escape(title)}</h1>{body}</body></html>"


def examples_topic(catalogue: Catalogue) -> GuidanceTopic:
    """The toolkit's "CE Risk Assessment Examples", one table per indicator (body only)."""
    parts = [
        "<p>Examples of what each level of risk can look like, for the indicators the "
        "toolkit gives examples for. They are a guide to professional judgement, not a "
        "checklist.</p>"
    ]
    for group in catalogue.example_groups:
        try:
            indicator_title = catalogue.indicator(group.indicator_id).title
        except KeyError:
            indicator_title = group.heading
        parts.append(
            f"<h2><a name='{html.escape(group.indicator_id)}'></a>{html.escape(group.heading)}</h2>"
        )
        if indicator_title != group.heading:
            parts.append(f"<p><i>Indicator: {html.escape(indicator_title)}</i></p>")
        rows = "".join(
            "<tr>"
            f"<td width='22%'><b>{html.escape(_levels(example.levels))}</b>"
            f"{_note(example)}</td>"
            f"<td>{html.escape(example.text)}</td>"
            "</tr>"
            for example in group.examples
        )
        parts.append(
            "<table border='1' cellspacing='0' cellpadding='6' width='100%'>"
            "<tr><th align='left'>Level of risk</th><th align='left'>Example</th></tr>"
            f"{rows}</table>"
        )
    # The body only: build_topics wraps it under the page's title.
    return GuidanceTopic(EXAMPLES_TOPIC, "CE Risk Assessment examples", html="".join(parts))


def _levels(levels: Iterable[Any]) -> str:
    return " / ".join(level.label for level in levels)


def _note(example: Any) -> str:
    note = getattr(example, "note", "")
    return f"<br><i>{html.escape(note)}</i>" if note else ""


def strategies_topic(catalogue: Catalogue) -> GuidanceTopic:
    """The intervention strategies and the disruption options, as two lists."""
    parts: list[str] = []
    for kind, heading in (
        ("intervention", "Intervention strategies"),
        ("disruption", "Disruption options"),
    ):
        items = [s for s in catalogue.toolkit.strategies if s.kind == kind]
        if not items:
            continue
        parts.append(f"<h2>{heading}</h2><ul>")
        parts.extend(f"<li>{html.escape(s.text)}</li>" for s in items)
        parts.append("</ul>")
    if catalogue.toolkit.referral_steps:
        parts.append("<h2>Referral</h2><ol>")
        parts.extend(f"<li>{html.escape(step)}</li>" for step in catalogue.toolkit.referral_steps)
        parts.append("</ol>")
    title = "Intervention strategies"
    return GuidanceTopic(STRATEGIES_TOPIC, title, html=_page(title, "".join(parts)))


def contacts_topic(catalogue: Catalogue) -> GuidanceTopic:
    """Key local and national contacts; addresses shown as text, never as links."""
    rows = "".join(
        f"<tr><td width='45%'><b>{html.escape(c.name)}</b></td>"
        f"<td>{html.escape(c.details)}</td></tr>"
        for c in catalogue.toolkit.contacts
    )
    body = (
        "<p>Web addresses are shown as text: CE Desktop does not go online. Copy an "
        "address into your browser if you need it.</p>"
        "<table border='1' cellspacing='0' cellpadding='6' width='100%'>"
        f"{rows}</table>"
    )
    title = "Contacts and resources"
    return GuidanceTopic(CONTACTS_TOPIC, title, html=_page(title, body))
