"""What a screen reader is told: announcements, and two corrections to Qt's tree.

``announce`` sends Qt's accessibility announcement (``QAccessibleAnnouncementEvent``,
Qt 6.8 and later): the words are spoken without moving the focus, the way a live
region is read on the web. Changes a sighted worker sees out of the corner of an eye
(a page's heading, the examples beside the rows, the count of indicators, a wrong
passphrase, the lock) go through it, always as plain text.

``install`` adds two accessible interfaces of the app's own (once per process):

* A stack of screens (``QStackedWidget``, the pages of a ``QTabWidget``) lists only the
  screen shown. Qt lists every screen, hidden ones included, so a screen reader's
  review keys could wander into the first-run wizard, the recovery key or the lock
  screen while the worker is elsewhere.
* A drop-down is named by its question. On Linux, Qt names a combo box by its current
  answer ("Yes"), so a reader that takes the name hears only "Yes"; here the name is
  the question and the answer is its value.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QAccessibleWidget, QComboBox, QStackedWidget, QWidget

_installed = False


def plain_text(text: str) -> str:
    """Rich text as the words a synthesizer should say (no tags, no entities)."""
    if "<" not in text and "&" not in text:
        return text.strip()
    # Paragraph ends become full stops' pauses rather than words run together.
    spaced = re.sub(r"(?i)</p>|<br\s*/?>", "\n", text)
    words = QTextDocumentFragment.fromHtml(spaced).toPlainText()
    return re.sub(r"[ \t]*\n+[ \t]*", "\n", words).strip()


DESCRIPTION_PARTS = ("error", "hint", "note", "limit")
"""The parts of an input's accessible description, in the order they are said."""


def describe(widget: QWidget, part: str, text: str) -> None:
    """Set one part of ``widget``'s accessible description and compose the whole.

    An input's description says, in order: its error ("Error: Enter a real date..."),
    its hint ("For example, 27/03/2012"), a note derived from the answer ("Age 14
    on the date completed") and how near it is to its length limit; each part is kept
    in a property, so setting one never loses another. The description is set on the
    focus proxy too, where there is one.
    """
    assert part in DESCRIPTION_PARTS, part
    targets = [widget]
    proxy = widget.focusProxy()
    if proxy is not None and proxy is not widget:
        targets.append(proxy)
    for target in targets:
        target.setProperty(f"a11y_{part}", text)
        parts = [str(target.property(f"a11y_{name}") or "") for name in DESCRIPTION_PARTS]
        target.setAccessibleDescription(
            " ".join(p if p.endswith(".") else f"{p}." for p in parts if p)
        )


def set_error(widget: QWidget, message: str) -> None:
    """Mark ``widget`` as having a problem (``message``), or clear it with ""."""
    describe(widget, "error", f"Error: {message}" if message else "")
    target = widget.focusProxy() or widget
    target.setProperty("invalid", bool(message))


def error_of(widget: QWidget) -> str:
    """The problem ``widget`` is marked with, or ""."""
    target = widget.focusProxy() or widget
    return str(target.property("a11y_error") or "")


def announce(widget: QObject, text: str, *, assertive: bool = False) -> None:
    """Have screen readers say ``text`` (plain words) now, without moving the focus.

    ``assertive`` interrupts what is being said (for problems); otherwise the words
    wait their turn.
    """
    words = plain_text(text)
    if not words:
        return
    event = QAccessibleAnnouncementEvent(widget, words)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
    QAccessible.updateAccessibility(event)


class _ShownScreenOnly(QAccessibleWidget):
    """A stack of screens whose only accessible child is the screen shown."""

    def __init__(self, stack: QStackedWidget) -> None:
        super().__init__(stack, QAccessible.Role.LayeredPane)
        self._stack = stack

    def childCount(self) -> int:
        """One screen at most."""
        return 1 if self._stack.currentWidget() is not None else 0

    # Qt's own interfaces return a null pointer for an index out of range, as here.
    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        """The screen shown."""
        current = self._stack.currentWidget()
        if index != 0 or current is None:
            return None
        return QAccessible.queryAccessibleInterface(current)

    def indexOfChild(self, child: QAccessibleInterface | None) -> int:
        """0 for the screen shown, -1 for any other."""
        current = self._stack.currentWidget()
        return 0 if child is not None and child.object() is current else -1


class _ChoiceByQuestion(QAccessibleWidget):
    """A drop-down named by its question, its answer as its value."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)
        self._combo = combo

    def text(self, kind: QAccessible.Text) -> str:
        """Name: the question (its accessible name); value: the answer shown."""
        combo = self._combo
        if kind == QAccessible.Text.Value:
            return combo.currentText() or combo.placeholderText()
        if kind == QAccessible.Text.Name:
            return combo.accessibleName() or combo.currentText()
        return str(QAccessibleWidget.text(self, kind))

    def childCount(self) -> int:
        """The list of answers."""
        return 1

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        """The list of answers (Qt's own interface for it)."""
        return QAccessible.queryAccessibleInterface(self._combo.view()) if index == 0 else None

    def indexOfChild(self, child: QAccessibleInterface | None) -> int:
        """0 for the list of answers."""
        return 0 if child is not None and child.object() is self._combo.view() else -1

    def actionNames(self) -> list[str]:
        """Open the list, as Qt's own drop-down offers."""
        return [QAccessibleWidget.showMenuAction(), QAccessibleWidget.pressAction()]

    def doAction(self, name: str) -> None:
        """Open the list."""
        if name in (QAccessibleWidget.showMenuAction(), QAccessibleWidget.pressAction()):
            self._combo.showPopup()


def _factory(_key: str, obj: QObject) -> Any:
    if isinstance(obj, QStackedWidget):
        return _ShownScreenOnly(obj)
    if isinstance(obj, QComboBox) and not obj.isEditable():
        return _ChoiceByQuestion(obj)
    return None


def install() -> None:
    """Add the app's accessible interfaces (idempotent; before the first widget is read)."""
    global _installed
    if _installed:
        return
    QAccessible.installFactory(_factory)
    _installed = True


def interface(widget: QWidget) -> QAccessibleInterface:
    """The accessible interface a screen reader reads for ``widget``."""
    found = QAccessible.queryAccessibleInterface(widget)
    if found is None:
        raise LookupError(type(widget).__name__)
    return found
