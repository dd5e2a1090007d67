"""Where windows and pop-ups go, so that they open inside the screen's free area.

A laptop at 1366x768 leaves less than 768 pixels below the panels, and at 200% text
(``QT_SCALE_FACTOR=2``) only half that in Qt's own pixels: the window opens at the
size it prefers only where that fits, and a calendar opens above its box when there
is no room below.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QSizePolicy, QStackedWidget, QWidget

PREFERRED_WINDOW_SIZE = QSize(1280, 800)
WINDOW_FRAME_ALLOWANCE = QSize(16, 48)
"""Room left for the window manager's frame and title bar (not known before showing)."""


def available_area(widget: QWidget | None = None) -> QRect:
    """The free area (without panels) of the screen ``widget`` is on, or the primary one."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def window_geometry(available: QRect, preferred: QSize = PREFERRED_WINDOW_SIZE) -> QRect:
    """The window's first geometry: its preferred size where it fits, centred in the area."""
    room = available.size() - WINDOW_FRAME_ALLOWANCE
    size = preferred.boundedTo(room).expandedTo(QSize(1, 1))
    left = available.x() + (available.width() - size.width()) // 2
    top = available.y() + max(0, (available.height() - size.height() - 32) // 2)
    return QRect(QPoint(left, top), size)


def fit_window(window: QWidget, preferred: QSize = PREFERRED_WINDOW_SIZE) -> None:
    """Give ``window`` its first size and place, inside its screen's free area."""
    geometry = window_geometry(available_area(window), preferred)
    window.resize(geometry.size())
    window.move(geometry.topLeft())


def fit_dialog(dialog: QWidget) -> None:
    """Give ``dialog`` the size its content needs, inside its screen's free area.

    A dialog sizes itself by its layout's minimum, which measures wrapped text at one
    width and takes its height at another: at 200% text the last lines of a message
    were cut off. Here the height is taken for the width the dialog will have, and
    both are kept inside the free area (a dialog taller than that scrolls its body in
    a scroll area of its own).
    """
    parent = dialog.parentWidget()
    room = available_area(parent if parent is not None else dialog).size()
    room -= WINDOW_FRAME_ALLOWANCE
    width = max(dialog.sizeHint().width(), dialog.minimumWidth())
    width = min(width, room.width())
    height = dialog.sizeHint().height()
    layout = dialog.layout()
    if layout is not None and layout.hasHeightForWidth():
        height = max(height, layout.totalHeightForWidth(width))
    dialog.resize(width, min(height, room.height()))
    if layout is None:
        return
    # Not shown yet, so nothing is laid out: place the children at this size to measure.
    layout.setGeometry(QRect(QPoint(0, 0), dialog.size()))
    for area in dialog.findChildren(QScrollArea):
        # A scroll area asks for a bounded height; the dialog opens as tall as its
        # content at this width where the screen has room, and scrolls where it has not.
        inner = area.widget()
        if inner is None:
            continue
        shown = area.contentsRect()
        wanted = inner.sizeHint().height()
        if inner.hasHeightForWidth():
            wanted = max(wanted, inner.heightForWidth(shown.width()))
        height += max(0, wanted - shown.height())
    dialog.resize(width, min(height, room.height()))


def popup_position(anchor: QRect, size: QSize, available: QRect) -> QPoint:
    """Where a pop-up of ``size`` goes for a box at ``anchor`` (global coordinates).

    Below the box when it fits there, else above it, else as low as the area allows;
    never past the area's left or right edge.
    """
    x = min(anchor.left(), available.right() + 1 - size.width())
    x = max(available.left(), x)
    below = anchor.bottom() + 1
    if below + size.height() <= available.bottom() + 1:
        return QPoint(x, below)
    above = anchor.top() - size.height()
    if above >= available.top():
        return QPoint(x, above)
    return QPoint(x, max(available.top(), available.bottom() + 1 - size.height()))


class _SizedByMinimum(QWidget):
    """Holds one widget, asking for no more room than that widget's minimum size.

    A scroll area that resizes its widget asks a widget with a layout for its height at
    the viewport's width, and a layout holding wrapped text answers with the height of
    its preferred size, so the area would scroll for room that is not needed. This
    holder has no layout: it gives its widget all of its own room.
    """

    def __init__(self, inner: QWidget) -> None:
        super().__init__(inner.parentWidget())
        self.inner = inner
        inner.setParent(self)
        inner.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:
        """The held widget's minimum size."""
        return self.inner.minimumSizeHint().expandedTo(self.inner.minimumSize())

    def sizeHint(self) -> QSize:
        """No more than the minimum: the scroll area gives the rest."""
        return self.minimumSizeHint()

    def resizeEvent(self, _event: object) -> None:
        """The held widget takes the whole holder."""
        self.inner.setGeometry(self.rect())

    def event(self, event: QEvent) -> bool:
        """A change of the held widget's minimum size reaches the scroll area."""
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
            area = self.parentWidget()
            while area is not None and not isinstance(area, QScrollArea):
                area = area.parentWidget()
            if area is not None:
                area.setWidgetResizable(True)  # makes it measure its widget again
        return super().event(event)


def scroll_inside(layout: QBoxLayout, widget: QWidget) -> QScrollArea:
    """Put ``widget`` (already in ``layout``) inside a scroll area in the same place.

    The window's minimum size then no longer includes the widget's: when the window
    is smaller than the widget needs (a laptop at 200% text), it scrolls instead of
    growing past the screen or cutting its edges off.
    """
    index = layout.indexOf(widget)
    stretch = layout.stretch(index)
    layout.removeWidget(widget)
    area = QScrollArea(widget.parentWidget())
    area.setObjectName(f"{widget.objectName()}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Not a Tab stop: the keyboard goes to the controls inside, which scroll into view.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(_SizedByMinimum(widget))
    layout.insertWidget(index, area, stretch or 1)
    return area


def only_current_sized(stack: QStackedWidget) -> None:
    """Size ``stack`` by the page it shows, not by its largest page.

    A stacked widget is as large as the largest of its pages (the first-run screen);
    in a scroll area that would make every other screen scroll for room it does not
    need. Pages not shown ignore their size.
    """
    current = stack.currentWidget()
    for index in range(stack.count()):
        page = stack.widget(index)
        if page is None:
            continue
        policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
        page.setSizePolicy(policy, policy)
    stack.updateGeometry()
