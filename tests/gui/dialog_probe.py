"""Opens every dialog the window shows, on the screen it is given, and reports.

Run in its own process (the screen is fixed when Qt starts) by ``test_dialogs_fit``:

    QT_QPA_PLATFORM=offscreen:configfile=screen.json python -m tests.gui.dialog_probe OUT

Each dialog is opened through the window's own :class:`~ce_desktop.gui.dialogs.Dialogs`,
as the app opens it, with the longest text the app gives it. Where the app would wait
for the worker (``exec``), the probe instead measures the dialog as shown: is it inside
the screen's free area, does its minimum size fit there, and is every button and every
line of text whole on screen. Then it closes the dialog as Escape would. Pictures of
each dialog go beside the report.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from ce_desktop.app import configure_application
from ce_desktop.domain.chronology import Chronology, new_incident, with_incident
from ce_desktop.domain.chronology_entries import Entry, entries, new_correction, with_correction
from ce_desktop.domain.model import Status
from ce_desktop.domain.settings import Settings
from ce_desktop.gui import export_actions
from ce_desktop.gui.handoff_dialogs import SendingDefaults
from ce_desktop.gui.main_window import MainWindow
from ce_desktop.gui.placement import available_area, fit_window
from ce_desktop.gui.sample import new_training_sample
from ce_desktop.storage import keystore
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases.amendments import Version

PASSPHRASE = "kettle orbit lantern seven"


def _long_chronology(today: date) -> list[Entry]:
    """Three fictional incidents, the last corrected, with long words in each."""
    chronology = Chronology(child_id="0123456789abcdef0123456789abcdef")
    moment = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    for day, agency in ((3, "Surrey Police"), (9, "Exampletown Secondary School"), (18, "GP")):
        chronology = with_incident(
            chronology,
            new_incident(
                occurred_on=date(2026, 11, day),
                what_happened="Missing overnight; found by fictional officers at a railway "
                "station twenty miles from home, with an older fictional male.\n"
                "Said a friend had bought the train ticket and a new phone.",
                source_agency=agency,
                recorded_by="Alex Example, Designated Safeguarding Lead",
                today=today,
                now=moment + timedelta(days=day),
            ),
        )
    last = entries(chronology)[-1]
    correction = new_correction(
        last,
        occurred_on=last.incident.occurred_on,
        what_happened=last.incident.what_happened.replace("railway", "bus"),
        source_agency=last.incident.source_agency,
        reason="The station was typed wrongly: it was the bus station.",
        corrected_by="Sam Example",
        today=today,
        now=moment + timedelta(days=25),
    )
    return entries(with_correction(chronology, correction))


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def whole_on_screen(widget: QWidget, area: QRect) -> bool:
    """Is ``widget`` shown whole (after scrolling any area around it) inside ``area``?"""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 0, 0)
            settle()
        parent = parent.parentWidget()
    seen = widget.visibleRegion().boundingRect()
    if widget.visibleRegion().isEmpty() or seen.size() != widget.rect().size():
        return False
    # A wrapped text shorter than its lines need has its last lines cut off.
    cut = isinstance(widget, QLabel) and widget.wordWrap()
    if cut and widget.height() < widget.heightForWidth(widget.width()):
        return False
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return area.contains(QRect(top_left, widget.size()))


def dialog_report(dialog: QDialog) -> dict[str, Any]:
    area = available_area(dialog)
    minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    frame = dialog.frameGeometry()
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    labels = [label for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]
    return {
        "available": list(area.getRect()),
        "geometry": list(frame.getRect()),
        "minimum": [minimum.width(), minimum.height()],
        "inside": area.contains(frame),
        "minimum_fits": minimum.width() <= area.width() and minimum.height() <= area.height(),
        "buttons_cut": [b.text() for b in buttons if not whole_on_screen(b, area)],
        "text_cut": [label.text()[:60] for label in labels if not whole_on_screen(label, area)],
        "title": dialog.windowTitle(),
    }


class Recorder:
    """Stands in for ``exec``: measures the dialog shown, pictures it, then cancels."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.report: dict[str, Any] = {}
        self.name = ""

    def exec(self, dialog: QDialog) -> int:
        dialog.show()
        settle()
        self.report[self.name] = dialog_report(dialog)
        dialog.grab().save(str(self.out / f"{self.name}.png"))
        dialog.reject()
        return 0

    def open(self, name: str, show: Callable[[], object]) -> None:
        self.name = name
        show()
        settle()


def _versions(at: datetime) -> list[Version]:
    """Three versions of one assessment: the original, an amendment, a draft of another."""
    reason = (
        "Fictional correction: the school named in the agencies involved was the child's "
        "previous school, and the date of the strategy discussion was typed wrongly."
    )
    reference = "CE-20261202-7KQ4"
    return [
        Version("a" * 32, reference, 1, Status.SENT, at, "4F864B9941F6", ""),
        Version("b" * 32, f"{reference} v2", 2, Status.FINAL, at, "E5F032AC848F", reason),
        Version("c" * 32, f"{reference} v3", 3, Status.DRAFT, None, None, reason),
    ]


def main(out: Path) -> int:
    keystore.CALIBRATION_TARGET_SECONDS = 0
    app = QApplication.instance() or QApplication([sys.argv[0]])
    configure_application(app)
    recorder = Recorder(out)

    def measured(dialog: QDialog) -> int:
        return recorder.exec(dialog)

    QDialog.exec = measured  # type: ignore[method-assign,assignment]
    QMessageBox.exec = measured  # type: ignore[method-assign,assignment]

    work = out / "data"
    vault, _key = Vault.create(work, PASSPHRASE)
    vault.save(new_training_sample(today=date.today()))
    vault.close()
    window = MainWindow(work)
    fit_window(window)
    window.show()
    settle()
    window._unlocked(Vault.unlock(work, PASSPHRASE))
    settle()
    dialogs = window.dialogs
    send_by = datetime(2026, 12, 2, 16, 45)
    advice = export_actions.UNPROTECTED_ADVICE.format(
        name="CE-2026-0001 Child Exploitation Risk Assessment.pdf",
        folder="/home/worker/Documents/Safeguarding referrals/December",
    )
    recorder.open("inform", lambda: dialogs.inform("PDF saved", advice))
    recorder.open("warn", lambda: dialogs.warn("CE Desktop", advice))
    recorder.open(
        "confirm",
        lambda: dialogs.confirm(
            "Restore",
            "Restoring replaces every assessment in this folder with the backup's. "
            "The assessments here now are kept in a copy beside the folder.",
            "Restore",
        ),
    )
    recorder.open("finalise", dialogs.ask_finalise)
    recorder.open("next_step", lambda: dialogs.next_step(send_by))
    recorder.open(
        "recover",
        lambda: dialogs.ask_recover(
            "CE Desktop closed before your last changes were saved. Recover them?"
        ),
    )
    recorder.open("protect", lambda: dialogs.ask_protect("Export PDF", True))
    recorder.open("password", lambda: dialogs.show_password("plum-river-owl-7431"))
    recorder.open(
        "settings",
        lambda: dialogs.edit_settings(Settings(), work, backup=lambda: None, restore=lambda: None),
    )
    recorder.open(
        "sending",
        lambda: dialogs.ask_sending(
            SendingDefaults(
                how=None,
                to="Surrey Children's Single Point of Access (C-SPA), MASH duty team",
                by="Alex Example, Designated Safeguarding Lead",
                now=send_by,
                earliest=None,
            )
        ),
    )
    recorder.open("response", lambda: dialogs.ask_response(send_by, None, "MASH/2026/001234"))
    recorder.open(
        "incident",
        lambda: dialogs.record_incident(
            "CE-2026-0001 (training sample)",
            today=send_by.date(),
            recorded_by="Alex Example",
            record=lambda _answers: None,
        ),
    )
    recorder.open("amend", lambda: dialogs.ask_amendment_reason("CE-20261202-7KQ4"))
    recorder.open(
        "versions", lambda: dialogs.choose_version("CE-20261202-7KQ4", _versions(send_by))
    )
    listed = _long_chronology(send_by.date())
    recorder.open(
        "chronology",
        lambda: dialogs.show_chronology(
            "For Alexandria-Konstantina Worthington-Smythe (training sample), found by "
            "assessment CE-2026-0001.",
            listed,
            add=lambda: None,
            correct=lambda _entry: None,
        ),
    )
    recorder.open(
        "correction",
        lambda: dialogs.correct_incident(
            "CE-2026-0001 (training sample)",
            listed[-1],
            today=send_by.date(),
            corrected_by="Alex Example",
            correct=lambda _answers: None,
        ),
    )
    (out / "report.json").write_text(json.dumps(recorder.report, indent=1))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
