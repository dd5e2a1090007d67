"""Measuring a focus indicator on rendered pixels (WCAG 2.2, 2.4.7 and 2.4.13).

The control is grabbed unfocused and focused; a pixel "changed" when its two colours
differ by at least 3:1 in contrast. The indicator passes when the changed pixels
cover at least the area of a 2-pixel-thick perimeter of the control, and each side
of the control is crossed by at least 2 changed pixels in a row.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

MIN_CONTRAST = 3.0
MIN_THICKNESS = 2


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass
class FocusChange:
    """What focusing a control changed on screen.

    Attributes:
        changed: how many pixels changed by at least 3:1.
        needed: the area of a 2-pixel perimeter of the control.
        thinnest_side: the fewest changed pixels in a row across the middle of a side.
    """

    changed: int
    needed: int
    thinnest_side: int

    @property
    def visible(self) -> bool:
        """Whether the change meets 2.4.13's area and thickness."""
        return self.changed >= self.needed and self.thinnest_side >= MIN_THICKNESS


def _pixels(image: QImage) -> array[int]:
    # One 0xAARRGGBB int per pixel, row after row (RGB32 rows have no padding).
    pixels = array("I")
    pixels.frombytes(bytes(image.constBits()))
    return pixels


def _image(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def measure_focus(shown: QWidget, focus: QWidget, away: QWidget) -> FocusChange:
    """Grab ``shown`` with the focus on ``away``, then on ``focus``, and compare."""
    away.setFocus()
    before = _image(shown)
    focus.setFocus()
    after = _image(shown)
    away.setFocus()
    width, height = before.width(), before.height()
    old_pixels, new_pixels = _pixels(before), _pixels(after)
    hits = [[False] * width for _ in range(height)]
    ratios: dict[tuple[int, int], bool] = {}
    for offset, (was, now) in enumerate(zip(old_pixels, new_pixels, strict=True)):
        if was == now:
            continue
        key = (was, now)
        if key not in ratios:
            ratios[key] = contrast(QColor(was), QColor(now)) >= MIN_CONTRAST
        if ratios[key]:
            hits[offset // width][offset % width] = True
    changed = sum(sum(row) for row in hits)
    needed = 2 * (2 * width + 2 * height) - 16

    def run(cells: list[bool]) -> int:
        best = current = 0
        for cell in cells:
            current = current + 1 if cell else 0
            best = max(best, current)
        return best

    middle_row, middle_column = hits[height // 2], [row[width // 2] for row in hits]
    sides = [
        run(middle_row[: width // 2]),
        run(middle_row[width // 2 :]),
        run(middle_column[: height // 2]),
        run(middle_column[height // 2 :]),
    ]
    return FocusChange(changed, needed, min(sides))
