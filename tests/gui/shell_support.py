"""Helpers for the shell's tests: a vault with a saved draft, and a small stand-in editor.

The stand-in implements the window's ``Editor`` seam (``gui.editor_seam``: load,
assessment, clear, location, restore_location, focus_start, widget and the four
signals) with two real text boxes, so the shell's own behaviour (autosave, locking,
case list) is tested without depending on every page of the real editor. The
end-to-end test uses the real editor.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from ce_desktop.domain.model import Assessment

PASSPHRASE = "kettle orbit lantern seven"


class StandInEditor(QWidget):
    """Two tabs, each with one text box bound to a field of the assessment."""

    edited = Signal()
    finalise_requested = Signal()
    start_review_requested = Signal()
    page_changed = Signal(int)

    def __init__(self, catalogue: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("childName")
        self.name_edit.setAccessibleName("Name")
        self.summary_edit = QLineEdit()
        self.summary_edit.setObjectName("summary")
        self.summary_edit.setAccessibleName("Summary")
        for edit, title in ((self.name_edit, "Child"), (self.summary_edit, "Analysis")):
            page = QWidget()
            QVBoxLayout(page).addWidget(edit)
            self.tabs.addTab(page, title)
        QVBoxLayout(self).addWidget(self.tabs)
        self._model: Assessment | None = None
        self.name_edit.textEdited.connect(self._name_edited)
        self.summary_edit.textEdited.connect(self._summary_edited)
        self.tabs.currentChanged.connect(self.page_changed)

    def _name_edited(self, text: str) -> None:
        assert self._model is not None
        self._model.child.name = text
        self.edited.emit()

    def _summary_edited(self, text: str) -> None:
        assert self._model is not None
        self._model.analysis.summary = text
        self.edited.emit()

    def load(self, assessment: Assessment, *, previous=None, settings=None) -> None:
        self._model = assessment.model_copy(deep=True)
        self.name_edit.setText(self._model.child.name)
        self.summary_edit.setText(self._model.analysis.summary)

    def show_incidents(self, incidents) -> None:  # type: ignore[no-untyped-def]
        self.incidents = list(incidents)

    def assessment(self) -> Assessment:
        assert self._model is not None
        return self._model

    def clear(self) -> None:
        self._model = None
        self.name_edit.clear()
        self.summary_edit.clear()

    def location(self) -> tuple[int, str]:
        focused = QApplication.focusWidget()
        name = focused.objectName() if focused is not None and self.isAncestorOf(focused) else ""
        return self.tabs.currentIndex(), name

    def focus_start(self) -> None:
        self.setFocus()

    def widget(self) -> QWidget:
        return self

    def restore_location(self, location: tuple[int, str]) -> None:
        self.tabs.setCurrentIndex(location[0])
        target = self.findChild(QLineEdit, location[1]) if location[1] else None
        if target is not None:
            target.setFocus()


def unlock(qtbot, window, passphrase: str = PASSPHRASE) -> None:  # type: ignore[no-untyped-def]
    """Type the passphrase into the window's unlock screen, press Return, and wait
    until the window has moved on (the case list, or where the worker was)."""
    page = window.unlock_page
    assert window.current_page() is page
    page.ui.secretEdit.clear()
    qtbot.keyClicks(page.ui.secretEdit, passphrase)
    qtbot.keyClick(page.ui.secretEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is not page, timeout=30000)


def make_vault(data_dir: Path):
    """A new vault in ``data_dir`` (unlocked) and its recovery key."""
    from ce_desktop.storage.vault import Vault

    return Vault.create(data_dir, PASSPHRASE)


def saved_assessment(vault, name: str, **changes) -> Assessment:
    """Save a draft with this child's name into the vault."""
    assessment = Assessment.new(today=date(2026, 11, 1))
    assessment.child.name = name
    for key, value in changes.items():
        setattr(assessment, key, value)
    vault.save(assessment)
    return assessment
