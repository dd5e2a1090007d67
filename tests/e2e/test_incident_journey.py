"""Significant incidents through the real main window: record one from the case list,
see the review prompt ("Not now" the default), the case list saying the child has an
incident since the last assessment, a review started from the prompt listing the
incidents since the previous assessment, and its PDF carrying the chronology appendix.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from ce_desktop.domain import lifecycle
from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.chronology import REVIEW_PROMPT
from ce_desktop.domain.model import Status
from ce_desktop.gui.case_list import Column
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.incident_dialog import IncidentDialog
from ce_desktop.gui.main_window import MainWindow
from ce_desktop.storage.vault import Vault
from tests.factories import CHILD_NAME, full_assessment
from tests.gui.keys import press, type_text
from tests.gui.modal import when_modal
from tests.gui.shell_support import PASSPHRASE, unlock

pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("floor_kdf"),
]

WHAT = "Missing overnight; found by fictional officers at a train station."


class _ExportAnswered(Dialogs):
    """The real incident form and questions; only the export's own are answered here."""

    def ask_protect(self, title: str, default: bool) -> bool | None:
        return False

    def inform(self, title: str, text: str) -> None:
        return None


def _window(qtbot, data_dir: Path) -> tuple[MainWindow, str]:
    vault, _ = Vault.create(data_dir, PASSPHRASE)
    final = lifecycle.finalise(
        full_assessment(), default_catalogue(), now=datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    )
    vault.save(final)
    vault.close()
    dialogs = _ExportAnswered(None)
    window = MainWindow(data_dir, staged=True, dialogs=dialogs)
    dialogs.parent = window
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.current_page() is window.case_list, timeout=30000)
    return window, final.id


def _fill_and_record(seen: dict[str, object], *, agency: str) -> Callable[[QWidget], None]:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, IncidentDialog)
        seen["title"] = dialog.windowTitle()
        # Refused while what happened is empty: said in the dialog, which stays open.
        dialog.record_button.click()
        seen["refusal"] = dialog.problem.text() if dialog.problem.isVisible() else ""
        assert dialog.isVisible()
        type_text(dialog.what, WHAT)
        type_text(dialog.agency, agency)
        dialog.recorded_by.clear()
        type_text(dialog.recorded_by, "Alex Wörker")
        seen["names"] = [
            w.accessibleName()
            for w in (dialog.when, dialog.what, dialog.agency, dialog.recorded_by)
        ]
        seen["default"] = [b.isDefault() for b in (dialog.record_button,)]
        dialog.record_button.click()

    return fill


def _answer_prompt(seen: dict[str, object], *, choose: str | None) -> None:
    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen["prompt"] = box.text()
        seen["prompt_default"] = box.defaultButton().text()
        if choose is None:  # Enter, as a worker in a hurry would
            press(box.focusWidget() or box, Qt.Key.Key_Return)
        else:
            next(b for b in box.buttons() if b.text() == choose).click()

    when_modal(answer, QMessageBox)


def _review_column(window: MainWindow, reference_column: str) -> str:
    proxy = window.case_list.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, Column.REFERENCE).data() == reference_column:
            return str(proxy.index(row, Column.NEXT_REVIEW).data())
    raise AssertionError(reference_column)


def test_record_an_incident_see_the_prompt_start_the_review_and_print_the_chronology(
    qtbot, data_dir: Path, tmp_path: Path
) -> None:
    window, final_id = _window(qtbot, data_dir)
    reference = window.session.vault.list_summaries()[0].reference
    assert window.case_list.select(final_id)
    button = window.case_list.incident_button
    assert button.isEnabled()

    # Record one; press Enter at the prompt: "Not now", nothing started, nothing lost.
    seen: dict[str, object] = {}
    when_modal(_fill_and_record(seen, agency="Fictional Police"), IncidentDialog)
    _answer_prompt(seen, choose=None)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "prompt" in seen, timeout=10000)
    assert seen["title"] == "Record a significant incident"
    assert CHILD_NAME not in str(seen["title"])
    assert "give what happened" in str(seen["refusal"])
    assert seen["names"] == ["Date it happened", "What happened", "Source agency", "Recorded by"]
    assert seen["default"] == [False]
    assert REVIEW_PROMPT in str(seen["prompt"])
    assert f"Start a review of {reference} now?" in str(seen["prompt"])
    assert seen["prompt_default"] == "Not now"
    assert len(window.session.vault.list_summaries()) == 1  # no review started
    assert _review_column(window, reference).startswith("Review now: 1 incident since")
    assert CHILD_NAME not in window.windowTitle()

    # A second one; this time "Start a review": the review lists both incidents.
    seen = {}
    when_modal(_fill_and_record(seen, agency="Exampletown School"), IncidentDialog)
    _answer_prompt(seen, choose="Start a review")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.current_id not in (None, final_id), timeout=10000)
    review = window.session.current()
    assert review is not None
    assert review.status is Status.DRAFT
    assert review.previous_id == final_id
    changes = window.editor.findChild(QLabel, "reviewChanges").text()
    assert "2 incidents recorded since the previous assessment:" in changes
    assert "Exampletown School: Missing overnight" in changes

    # Its PDF carries the chronology as its appendix.
    actions = window.export_actions
    target = tmp_path / "review.pdf"
    actions.file_chooser = lambda *_args: (str(target), "")
    with qtbot.waitSignal(actions.busy_changed, check_params_cb=lambda busy: not busy):
        actions.export_pdf()
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    appendix = " ".join(text.split("\f")[-2].split())
    assert "Appendix: chronology of significant incidents" in appendix
    assert "Fictional Police" in appendix
    assert "Exampletown School" in appendix
    assert "Alex Wörker" in appendix

    # Back in the list, the review has taken the incidents in.
    window.back_to_list()
    assert not _review_column(window, reference).startswith("Review now")
    assert not _review_column(window, review.reference).startswith("Review now")
