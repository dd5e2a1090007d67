"""Tick boxes grow with the text, so they stay usable at 200% text size."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle

from ce_desktop.gui.editor.widgets import BoolField


def _indicator_width(field: BoolField) -> int:
    size = field.box.style().subElementRect(
        QStyle.SubElement.SE_CheckBoxIndicator, _option(field), field.box
    )
    return size.width()


def _option(field: BoolField):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QStyleOptionButton

    option = QStyleOptionButton()
    option.initFrom(field.box)
    return option


def test_the_tick_box_grows_with_twice_the_text(qtbot) -> None:
    field = BoolField("Forced marriage")
    qtbot.addWidget(field)
    normal = _indicator_width(field)
    font = field.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    field.setFont(font)
    assert _indicator_width(field) >= normal * 1.6
