"""Helpers for the tests of what a screen reader says.

They read Qt's own accessibility interfaces, the objects Qt's AT-SPI bridge (Orca),
UI Automation (NVDA, JAWS) and NSAccessibility (VoiceOver) translate: role, name,
description, value and state, as a screen reader receives them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleInterface
from PySide6.QtWidgets import QWidget

Text = QAccessible.Text
Role = QAccessible.Role


@dataclass(frozen=True)
class Node:
    """One object of the accessibility tree, as a screen reader is given it."""

    role: QAccessible.Role
    name: str
    description: str
    value: str
    focusable: bool
    invisible: bool
    widget: object

    def __str__(self) -> str:
        return f"{self.role.name} {self.name!r}"


def node(iface: QAccessibleInterface) -> Node:
    """The facts of one interface."""
    state = iface.state()
    return Node(
        role=iface.role(),
        name=iface.text(Text.Name),
        description=iface.text(Text.Description),
        value=iface.text(Text.Value),
        focusable=bool(state.focusable),
        invisible=bool(state.invisible),
        widget=iface.object(),
    )


def of(widget: QWidget) -> Node:
    """The node of one widget."""
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None, widget
    return node(iface)


def walk(widget: QWidget, *, shown_only: bool = True) -> list[Node]:
    """Every node under ``widget`` reached through child(), as a screen reader walks it.

    ``shown_only`` leaves out branches whose root says it is invisible (what a screen
    reader skips too); hidden screens should not be reached at all (see the tests).
    """
    root = QAccessible.queryAccessibleInterface(widget)
    assert root is not None
    found: list[Node] = []
    stack = [root]
    while stack:
        iface = stack.pop()
        current = node(iface)
        if shown_only and current.invisible:
            continue
        found.append(current)
        children = [iface.child(i) for i in range(iface.childCount())]
        stack.extend(reversed([c for c in children if c is not None and c.isValid()]))
    return found


def reached_objects(widget: QWidget) -> set[int]:
    """ids of every object reached by walking the whole tree, invisible ones included."""
    return {id(n.widget) for n in walk(widget, shown_only=False)}


class Announcements:
    """The announcements sent to screen readers, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, bool]] = []

    def record(self, event: object) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            assertive = event.politeness() == QAccessible.AnnouncementPoliteness.Assertive
            self.events.append((event.message(), assertive))

    @property
    def said(self) -> list[str]:
        return [message for message, _ in self.events]

    def clear(self) -> None:
        self.events.clear()


def record_announcements(monkeypatch: pytest.MonkeyPatch) -> Announcements:
    """Every accessibility update the app sends, announcements recorded (the ``spoken``
    fixture of ``tests/gui/conftest.py``).

    Qt's update handler is not reachable from Python, so the app's one way of sending
    (``QAccessible.updateAccessibility``) is spied on; the event is passed on as well.
    """
    heard = Announcements()
    original = QAccessible.updateAccessibility

    def spy(event: object) -> None:
        heard.record(event)
        original(event)  # type: ignore[arg-type]

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(spy))
    return heard
