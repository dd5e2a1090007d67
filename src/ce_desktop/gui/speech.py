"""What a screen reader is told: announcements, and two corrections to Qt's tree.

``announce`` sends Qt's accessibility announcement (``QAccessibleAnnouncementEvent``,
Qt 6.8 and later): the words are spoken without moving the focus, the way a live
region is read on the web. Changes a sighted worker sees out of the corner of an eye
(a page's heading, the examples beside the rows, the count of indicators, a wrong
passphrase, the lock) go through it, always as plain text.

On Linux, Orca 43 does not listen for that event (Qt's bridge sends it as AT-SPI's
``object:announcement``, which Orca 43 never registers for), so there the same words
also go out as a *notice*: an accessible notification that exists only in the
accessibility tree. It is not a widget: it is never drawn, can never take the keyboard
focus, is in no Tab chain and changes no layout, so nothing a worker is typing is ever
touched. Its appearing is told to AT-SPI as ``object:state-changed:showing`` with the
notification role, which every Orca says at once ("notification Intended action"),
``NOTICE_DELAY_MS`` after the change. A notice is withdrawn after ``NOTICE_MS``, and
every notice of a window at the lock; a window reuses a few notices in turn.

``install`` adds three accessible interfaces of the app's own (once per process):

* A stack of screens (``QStackedWidget``, the pages of a ``QTabWidget``) lists only the
  screen shown. Qt lists every screen, hidden ones included, so a screen reader's
  review keys could wander into the first-run wizard, the recovery key or the lock
  screen while the worker is elsewhere. It is a plain container, never a "layered
  pane": Orca says a layered pane, unnamed, each time the focus enters it.
* A region (``name_region``) is a panel named by its heading: as the focus enters it
  (a page of the assessment, on arriving or on opening one), a screen reader says
  its name before the control focused ("Section 1. CE risk indicators panel"), as it
  says the focus itself, which no flood of events can make it drop.
* A drop-down is named by its question. On Linux, Qt names a combo box by its current
  answer ("Yes"), so a reader that takes the name hears only "Yes"; here the name is
  the question and the answer is its value.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QAccessibleInterface,
    QAccessibleObject,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QApplication,
    QComboBox,
    QStackedWidget,
    QWidget,
)

_installed = False
NOTICES = sys.platform.startswith("linux")
"""Whether announcements also go out as notices (for Orca on Linux; see above)."""
NOTICE_DELAY_MS = 800
"""How long after the change a notice appears. Orca drops a notification that reaches
it while more than 50 events wait (a "flood"), and a change such as the unlock, which
builds every screen, sends more than that at once; a moment later they are read."""
NOTICE_MS = 20000
"""How long a notice stays in the accessibility tree, for a busy screen reader to read."""


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


def announce(widget: QObject, text: str, *, assertive: bool = False) -> SpokenNotice | None:
    """Have screen readers say ``text`` (plain words) now, without moving the focus.

    ``assertive`` interrupts what is being said (for problems); otherwise the words
    wait their turn. On Linux the words are also told as a notice (see above), which
    is returned (None where there is none).
    """
    words = plain_text(text)
    if not words:
        return None
    event = QAccessibleAnnouncementEvent(widget, words)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
    QAccessible.updateAccessibility(event)
    if NOTICES and isinstance(widget, QWidget) and widget.window().isVisible():
        notice = _next_notice(widget.window())
        notice.tell(words)
        return notice
    return None


class LatestOnly:
    """Announcements of which only the latest holds (the examples of the row focused).

    A notice appears ``NOTICE_DELAY_MS`` after it is told: a worker tabbing past a row
    would otherwise hear its examples once the focus is already on the next row. Telling
    the next, or ``retract``, takes back the one told before (if no other words have
    reused its notice since).
    """

    def __init__(self) -> None:
        self._told: tuple[SpokenNotice, int] | None = None

    def announce(self, widget: QObject, text: str) -> None:
        """Say ``text`` in place of what this told before."""
        self.retract()
        notice = announce(widget, text)
        self._told = (notice, notice.used) if notice is not None else None

    def retract(self) -> None:
        """Take back the words told last, when the thing they were about has gone."""
        if self._told is not None:
            notice, used = self._told
            if notice.used == used:
                notice.withdraw()
            self._told = None


class SpokenNotice(QObject):
    """One of a window's few notices: words told as a notification in the tree only.

    A plain object, not a widget, so that it cannot take the focus or change what is
    on the screen. Its accessible interface (``_NoticeInterface``) names it by its
    words, under its window; the window does not list it among its children, so a walk
    of the tree never meets it. A window keeps ``NOTICE_POOL`` of them for its life and
    tells each announcement with the one used longest ago: they are never deleted while
    a screen reader may still be reading one (PySide6 6.12 is not safe with an
    accessible interface of Python's that Qt deletes).

    Attributes:
        words: what it says now ("" when it is not in the tree).
        shown: whether screen readers were told it appeared, and not yet that it went.
        used: when it was last given words (a count across the process).
    """

    _uses = 0

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.setObjectName("a11yNotice")
        self.words = ""
        self.shown = False
        self.used = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._next)

    def tell(self, words: str) -> None:
        """Say ``words``: they appear in ``NOTICE_DELAY_MS`` and go ``NOTICE_MS`` later."""
        self.withdraw()
        SpokenNotice._uses += 1
        self.used = SpokenNotice._uses
        self.words = words
        self._send(QAccessible.Event.NameChanged)
        self._timer.start(NOTICE_DELAY_MS)

    def _next(self) -> None:
        if self.shown:
            self.withdraw()
            return
        self.shown = True
        self._send(QAccessible.Event.ObjectShow)
        self._timer.start(NOTICE_MS)

    def withdraw(self) -> None:
        """Take the words out of the tree (screen readers are told, if it had appeared)."""
        self._timer.stop()
        if self.shown:
            self.shown = False
            self._send(QAccessible.Event.ObjectHide)
        self.words = ""

    def _send(self, kind: QAccessible.Event) -> None:
        QAccessible.updateAccessibility(QAccessibleEvent(self, kind))


NOTICE_POOL = 6
"""How many notices a window keeps: more than one change says at once (a page's
heading, then its examples), and each keeps its words while a busy reader gets to it."""


def _next_notice(window: QWidget) -> SpokenNotice:
    pool = window.findChildren(SpokenNotice)
    if len(pool) < NOTICE_POOL:
        return SpokenNotice(window)
    return min(pool, key=lambda notice: notice.used)


def notices(window: QWidget) -> list[SpokenNotice]:
    """The notices of ``window`` with words in the tree (or about to be), oldest first."""
    told = [n for n in window.findChildren(SpokenNotice) if n.words]
    return sorted(told, key=lambda notice: notice.used)


def withdraw_notices(window: QWidget) -> None:
    """Take every notice of ``window`` out of the tree (at the lock: they may say what
    was on the screen)."""
    for notice in window.findChildren(SpokenNotice):
        notice.withdraw()


class _NoticeInterface(QAccessibleObject):
    """A notice as a screen reader reads it: a notification named by its words."""

    def __init__(self, notice: SpokenNotice) -> None:
        super().__init__(notice)

    def role(self) -> QAccessible.Role:
        """A notification (Orca says a notification as it appears)."""
        return QAccessible.Role.Notification

    def text(self, kind: QAccessible.Text) -> str:
        """The words, as the name; nothing else."""
        notice = self.object()
        if kind != QAccessible.Text.Name or not isinstance(notice, SpokenNotice):
            return ""
        return notice.words

    def state(self) -> QAccessible.State:
        """Shown from its appearing until withdrawn; never focusable."""
        notice = self.object()
        state = QAccessible.State()
        state.invisible = not (isinstance(notice, SpokenNotice) and notice.shown)
        return state

    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]
        """The window it is told under."""
        owner = self.object().parent()
        return QAccessible.queryAccessibleInterface(owner) if owner is not None else None

    def childCount(self) -> int:
        """None: the words are its name."""
        return 0

    def child(self, _index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        """None."""
        return None

    def indexOfChild(self, _child: QAccessibleInterface | None) -> int:
        """-1: it has no children."""
        return -1


REGION = "a11y_region"
"""The property that makes a widget a region (see ``name_region``)."""


def name_region(widget: QWidget, name: str) -> None:
    """Make ``widget`` a region a screen reader names as the focus enters it.

    Call it before the widget is first read (its role is fixed then); call it again to
    rename it.
    """
    widget.setProperty(REGION, True)
    widget.setAccessibleName(name)


def in_region(region: QWidget) -> bool:
    """Whether the keyboard focus is inside ``region`` (its name has been said)."""
    focused = QApplication.focusWidget()
    return focused is not None and region.isAncestorOf(focused)


class _ShownScreenOnly(QAccessibleWidget):
    """A stack of screens whose only accessible child is the screen shown."""

    def __init__(self, stack: QStackedWidget) -> None:
        super().__init__(stack, QAccessible.Role.Client)
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
    if isinstance(obj, SpokenNotice):
        return _NoticeInterface(obj)
    if isinstance(obj, QStackedWidget):
        return _ShownScreenOnly(obj)
    if isinstance(obj, QComboBox) and not obj.isEditable():
        return _ChoiceByQuestion(obj)
    if isinstance(obj, QWidget) and obj.property(REGION):
        return QAccessibleWidget(obj, QAccessible.Role.Grouping)
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
