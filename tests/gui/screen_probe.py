"""Opens every main screen as the app does, on the screen it is given, and reports.

Run in its own process (the screen is fixed when Qt starts) by ``test_fits_the_screen``:

    QT_QPA_PLATFORM=offscreen:configfile=screen.json python -m tests.gui.screen_probe OUT

For each screen it writes whether the window and its minimum size are inside the
screen's free area, and whether the controls that used to be cut off (the passphrase
box, the examples pane, a long tick-box label, the case list's Child column) can be
scrolled fully into view. Pictures of each screen go beside the report.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from ce_desktop.app import configure_application
from ce_desktop.gui.case_list_model import Column
from ce_desktop.gui.editor.widgets import BoolField
from ce_desktop.gui.main_window import MainWindow
from ce_desktop.gui.placement import WINDOW_FRAME_ALLOWANCE, available_area, fit_window
from ce_desktop.gui.sample import new_training_sample
from ce_desktop.storage import keystore
from ce_desktop.storage.vault import Vault

PASSPHRASE = "kettle orbit lantern seven"


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def reachable(widget: QWidget) -> bool:
    """Scroll every scroll area around ``widget`` to it; then is it whole on screen?"""
    ancestors = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            ancestors.append(parent)
        parent = parent.parentWidget()
    for area in ancestors:  # innermost first
        area.ensureWidgetVisible(widget, 0, 0)
        settle()
    seen = widget.visibleRegion().boundingRect()
    return not widget.visibleRegion().isEmpty() and seen.size() == widget.rect().size()


def window_report(window: QWidget) -> dict[str, Any]:
    area = available_area(window)
    frame = window.geometry().adjusted(0, 0, 0, 0)
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    room = area.size() - WINDOW_FRAME_ALLOWANCE
    return {
        "available": list(area.getRect()),
        "geometry": list(frame.getRect()),
        "minimum": [minimum.width(), minimum.height()],
        "inside": area.contains(frame),
        "minimum_fits": minimum.width() <= room.width() and minimum.height() <= room.height(),
    }


def main(out: Path) -> int:
    keystore.CALIBRATION_TARGET_SECONDS = 0
    app = QApplication.instance() or QApplication([sys.argv[0]])
    configure_application(app)
    work = out / "data-folders"
    report: dict[str, Any] = {}

    def shot(window: QWidget, name: str) -> None:
        settle()
        window.grab().save(str(out / f"{name}.png"))

    first = MainWindow(work / "first")
    fit_window(first)
    first.show()
    settle()
    report["first_run"] = window_report(first)
    report["first_run"]["passphrase_reachable"] = reachable(first.first_run.ui.passphraseEdit)
    shot(first, "first-run")
    first.close()

    vault, _key = Vault.create(work / "data", PASSPHRASE)
    sample = new_training_sample(today=date.today())
    vault.save(sample)
    vault.close()
    window = MainWindow(work / "data")
    fit_window(window)
    window.show()
    settle()
    report["unlock"] = window_report(window)
    report["unlock"]["passphrase_reachable"] = reachable(window.unlock_page.ui.secretEdit)
    shot(window, "unlock")

    window._unlocked(Vault.unlock(work / "data", PASSPHRASE))
    settle()
    table = window.case_list.ui.table
    report["case_list"] = window_report(window)
    name_index = window.case_list.proxy.index(0, Column.CHILD)
    table.scrollTo(name_index)
    settle()
    needed = table.fontMetrics().horizontalAdvance(str(name_index.data()))
    cell = table.visualRect(name_index)
    report["case_list"]["child_column_whole"] = (
        cell.width() >= needed
        and table.viewport().rect().contains(QRect(cell.topLeft(), QSize(needed, cell.height())))
    )
    shot(window, "case-list")

    window.commands.guarded(window.session.open_sample)
    settle()
    editor = window.editor
    for index, page in enumerate(editor.pages):
        editor.tabs.setCurrentIndex(index)
        settle()
        key = f"tab{index}"
        report[key] = window_report(window)
        report[key]["title"] = page.title
        report[key]["tab_bar_reachable"] = reachable(editor.tabs.tabBar())
        shot(window, f"tab{index}")
    indicators = editor.pages[2]
    editor.tabs.setCurrentIndex(2)
    settle()
    box = indicators.findChildren(BoolField)[0]
    label = max(indicators.findChildren(BoolField), key=lambda b: len(b.text()))
    editor.go_to(f"indicators.{indicators.catalogue.indicators[0].id}.identified")
    settle()
    pane = indicators.examples
    report["indicators"] = {
        "examples_below": indicators.examples_below(),
        "examples_reachable": reachable(pane),
        "examples_width_characters": pane.width() // max(1, pane.fontMetrics().averageCharWidth()),
        "long_tick_box_reachable": reachable(label),
        "tick_box_reachable": reachable(box.box),
        "focusable_scroll_areas": sorted(
            f"{type(area).__name__}:{area.objectName()}"
            for area in window.findChildren(QAbstractScrollArea)
            if type(area) is QScrollArea and area.focusPolicy().value != 0
        ),
    }
    shot(window, "indicators")
    if "--sizes" in sys.argv:
        viewport = window.page_scroll.viewport().size().toTuple()
        print("viewport", viewport, "stack", window.ui.stack.minimumSizeHint().toTuple())
        print(
            "editor",
            editor.minimumSizeHint().toTuple(),
            "page",
            indicators.minimumSizeHint().toTuple(),
        )
        print("bar", indicators.findChild(QWidget, "indicatorBar").minimumSizeHint().toTuple())
        print(
            "scroll",
            indicators.scroll_area.minimumSizeHint().toTuple(),
            "pane",
            pane.minimumSizeHint().toTuple(),
            pane.minimumSize().toTuple(),
        )
    (out / "report.json").write_text(json.dumps(report, indent=1))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))  # --sizes also prints the minimum sizes
