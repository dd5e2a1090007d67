"""Small, shared touches of appearance for the shell's screens.

Headings are larger and bold; messages are words first, with colour only as an extra
cue (never the only one), so they read the same to a screen reader and in greyscale.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QWidget

ERROR_COLOUR = "#b00020"
"""The one red an error is said in, everywhere in the window (text, and the border of
the error summary): 7.3:1 on white and over 6:1 on the window's grey, so the words
stay readable whatever they are drawn on."""
LINK_COLOUR = "#1d70b8"
"""The links of the error summary."""
ERROR_STYLE = f"color: {ERROR_COLOUR}; font-weight: bold;"
NOTICE_STYLE = "color: #1d4e89;"
LINK_STYLE = (
    "QPushButton { color: #1d4e89; text-decoration: underline; border: none;"
    " padding: 4px; text-align: left; }"
    "QPushButton:focus { background: #ffdd00; color: #0b0c0c; }"
)


def make_heading(label: QLabel, scale: float = 1.6) -> None:
    """Make ``label`` a page heading: larger and bold, and its own accessible name."""
    font = QFont(label.font())
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    if label.text() and not label.accessibleName():
        label.setAccessibleName(label.text())


def show_error(label: QLabel, text: str) -> None:
    """Show a problem under a field; an empty ``text`` hides the label."""
    label.setStyleSheet(ERROR_STYLE)
    label.setText(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))


def show_notice(label: QLabel, text: str) -> None:
    """Show a neutral message; an empty ``text`` hides the label."""
    label.setStyleSheet(NOTICE_STYLE)
    label.setText(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))


def use_fixed_font(widget: QWidget, scale: float = 1.4) -> None:
    """A monospaced, larger font, for a key someone has to copy by hand."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setFamilies(["DejaVu Sans Mono", font.family(), "DejaVu Sans"])
    font.setPointSizeF(max(widget.font().pointSizeF(), 9.0) * scale)
    font.setBold(True)
    widget.setFont(font)
