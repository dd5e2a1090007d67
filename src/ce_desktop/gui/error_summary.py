"""The one "There is a problem" box (GOV.UK's error summary pattern).

A box with a border in the one error colour (``look.ERROR_COLOUR``), a heading, and
one link per problem; following a link moves focus to the answer concerned. The box
is named by its heading and described by what it lists, so a screen reader that lands
on it says "There is a problem: 2 problems to fix." and then each one. It is focused
by the code that shows it (after a check), never a Tab stop of its own.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ce_desktop.gui.enter_button import EnterButton
from ce_desktop.gui.look import ERROR_COLOUR, LINK_COLOUR

HEADING = "There is a problem"


@dataclass(frozen=True)
class Problem:
    """One problem in the summary.

    Attributes:
        message: what is wrong, in plain words.
        name: the link's object name (stable, for tests and for focus).
        follow: what following the link does (focus the answer concerned).
    """

    message: str
    name: str
    follow: Callable[[], object]


class ErrorSummary(QFrame):
    """The heading and a link per problem; hidden while there are none.

    Attributes:
        heading: the "There is a problem" label.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorSummary")
        self.setStyleSheet(
            f"#errorSummary {{ border: 4px solid {ERROR_COLOUR}; }}"
            "#errorSummary:focus { border: 4px solid #0b0c0c; background: #fff7bf; }"
        )
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAccessibleName(HEADING)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 10, 14, 10)
        self._layout.setSpacing(2)
        self.heading = QLabel(HEADING, self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self._layout.addWidget(self.heading)
        self._links: list[LinkButton] = []
        self.hide()

    def show_problems(self, problems: list[Problem]) -> None:
        """Show these problems, in order (the box hides when there are none)."""
        for old in self._links:
            old.hide()
            old.setParent(None)
            old.deleteLater()
        self._links = []
        for problem in problems:
            link = LinkButton(problem.message, self)
            link.setObjectName(problem.name)
            link.clicked.connect(lambda _checked=False, follow=problem.follow: follow())
            self._layout.addWidget(link)
            self._links.append(link)
        self.setAccessibleDescription(self.said())
        self.setVisible(bool(problems))

    def links(self) -> list[LinkButton]:
        """The links shown, in order."""
        return list(self._links)

    def said(self) -> str:
        """The summary in words: the heading, how many problems, then each one."""
        if not self._links:
            return ""
        count = len(self._links)
        many = "1 problem" if count == 1 else f"{count} problems"
        each = " ".join(f"{link.message.rstrip('.')}." for link in self._links)
        return f"{HEADING}: {many} to fix. {each}"

    def text(self) -> str:
        """The heading and every problem, one a line, as plain text."""
        return "\n".join([HEADING, *(link.message for link in self._links)])


class LinkButton(EnterButton):
    """A button that looks like a link and wraps its text like a paragraph.

    A plain push button cannot wrap, and a long problem would widen the page past the
    window at large text sizes; the text is drawn by a wrapping label inside instead.
    Tab reaches it; Return, Space or a click activates it. It has one role, a button:
    the label inside is drawn like a link but is not one, and is hidden from the
    accessibility tree's words by being plain styled text.

    Attributes:
        message: the text of the link.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = text
        self.setAccessibleName(text)
        self.setAccessibleDescription("Goes to the answer")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            "QPushButton { border: none; text-align: left; padding: 1px; }"
            "QPushButton:focus { background: #ffdd00; }"
        )
        self._label = QLabel(
            f"<span style='color:{LINK_COLOUR}; text-decoration: underline'>"
            f"{html.escape(text)}</span>",
            self,
        )
        self._label.setTextFormat(Qt.TextFormat.RichText)
        self._label.setWordWrap(True)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 1, 2, 1)
        layout.addWidget(self._label)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        """The height follows the wrapped text."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Height of the wrapped text at ``width``."""
        return self._label.heightForWidth(width - 4) + 2

    def sizeHint(self) -> QSize:
        """As wide as the text wants, as tall as it wraps to."""
        hint = self._label.sizeHint()
        return QSize(hint.width() + 4, hint.height() + 2)

    def minimumSizeHint(self) -> QSize:
        """Narrow enough to wrap: never wider than the page."""
        return QSize(40, self._label.minimumSizeHint().height() + 2)
