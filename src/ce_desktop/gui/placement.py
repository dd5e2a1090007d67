"""Where windows and pop-ups go, so that they open inside the screen's free area.

A laptop at 1366x768 leaves less than 768 pixels below the panels, and at 200% text
(``QT_SCALE_FACTOR=2``) only half that in Qt's own pixels: the window opens at the
size it prefers only where that fits, and a calendar opens above its box when there
is no room below.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

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
