"""One focus indicator for every control: a 3-pixel near-black ring inside its edge.

The platform styles draw focus as a faint 1-pixel line or a slight tint, and a
multi-line box not at all. WCAG 2.2 (2.4.7, and 2.4.13's measure) asks for an
indicator at least 2 pixels thick with at least 3:1 contrast between the focused and
unfocused pixels. The ring is a small transparent child of the focused control, drawn
over its edge, so it moves, scrolls and is clipped with the control, and is seen in
``grab()`` pictures exactly as on screen.

A tick box's ring goes round the whole row (box and wrapped label), as GOV.UK draws
it, because the box alone is a few pixels wide.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QRadioButton, QWidget

RING_COLOUR = QColor("#0b0c0c")
RING_WIDTH = 3


class FocusRing(QWidget):
    """The ring itself: transparent to the mouse, painted as a frame only."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(target.rect())

    def paintEvent(self, _event: QPaintEvent) -> None:
        """A square frame of ``RING_WIDTH`` pixels on the inside of the control's edge."""
        painter = QPainter(self)
        pen = QPen(RING_COLOUR, RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH / 2
        painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))
        painter.end()


def ring_target(focused: QWidget) -> QWidget:
    """The widget the ring goes round: the control, or a tick box's whole row."""
    parent = focused.parentWidget()
    if (
        isinstance(focused, QCheckBox | QRadioButton)
        and parent is not None
        and parent.focusProxy() is focused
    ):
        return parent
    return focused


class FocusRings(QObject):
    """Follows the keyboard focus through the application and rings the focused control.

    Attributes:
        ring: the ring shown now, or None.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: FocusRing | None = None
        self._target: QWidget | None = None
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, app.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._drop()
        if new is None or isinstance(new, FocusRing) or not _wants_ring(new):
            return
        target = ring_target(new)
        self._target = target
        target.installEventFilter(self)
        self.ring = FocusRing(target)
        self.ring.raise_()
        self.ring.show()

    def _drop(self) -> None:
        if self._target is not None and shiboken6.isValid(self._target):
            self._target.removeEventFilter(self)
        if self.ring is not None and shiboken6.isValid(self.ring):
            self.ring.hide()
            self.ring.deleteLater()
        self.ring, self._target = None, None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the ring the size of its control, and on top of the control's children."""
        ring = self.ring
        if watched is self._target and ring is not None and shiboken6.isValid(ring):
            kind = event.type()
            if kind == QEvent.Type.Resize:
                ring.setGeometry(self._target.rect())
            elif kind == QEvent.Type.ChildAdded:
                ring.raise_()
        return False


def _wants_ring(widget: QWidget) -> bool:
    # A menu or a drop-down's open list shows its own highlighted row.
    window = widget.window()
    flags = window.windowFlags() if window is not None else Qt.WindowType.Widget
    if flags & Qt.WindowType.Popup == Qt.WindowType.Popup:
        return False
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(widget, QAbstractButton)


_installed: list[FocusRings] = []


def install_focus_rings(app: QApplication | None = None) -> FocusRings:
    """Ring the focused control of every window of ``app`` (once per application)."""
    application = app or QApplication.instance()
    assert isinstance(application, QApplication)
    for rings in _installed:
        if shiboken6.isValid(rings) and rings.parent() is application:
            return rings
    rings = FocusRings(application)
    _installed[:] = [rings]
    return rings
