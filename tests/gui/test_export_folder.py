"""Save dialogs start in the last folder the worker chose; the first time, in the folder
IT set (``CE_DESKTOP_EXPORT_DIR``), else in Documents."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.settings import Settings
from ce_desktop.gui.export_actions import ExportActions
from ce_desktop.storage.paths import EXPORT_ENV_VAR


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(folder))
    monkeypatch.delenv(EXPORT_ENV_VAR, raising=False)
    return folder


class SaveChooser:
    """Stands in for the save dialog: records the folder it starts in."""

    def __init__(self) -> None:
        self.offered: list[Path] = []
        self.answer = ""

    def choose(self, _parent: QWidget, _caption: str, suggested: str, _f: str) -> tuple[str, str]:
        self.offered.append(Path(suggested).parent)
        return self.answer, ""


@pytest.fixture
def setup(qtbot: QtBot, documents: Path) -> tuple[ExportActions, SaveChooser, dict[str, Settings]]:
    window = QWidget()
    qtbot.addWidget(window)
    held = {"settings": Settings()}
    actions = ExportActions(
        window,
        vault_provider=lambda: None,
        assessment_provider=lambda: None,
        settings_provider=lambda: held["settings"],
        catalogue=default_catalogue(),
        save_now=lambda: True,
    )
    dialogs = SaveChooser()
    actions.file_chooser = dialogs.choose
    actions.runner = lambda work, done, failed: None

    def remember(folder: Path) -> None:
        held["settings"] = held["settings"].model_copy(update={"export_folder": str(folder)})

    actions.folder_chosen = remember
    return actions, dialogs, held


def test_the_first_dialog_starts_in_documents(setup, documents: Path) -> None:
    actions, dialogs, _held = setup
    actions.blank_form()
    assert dialogs.offered == [documents]


def test_the_first_dialog_starts_where_it_says(
    setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions, dialogs, _held = setup
    share = tmp_path / "it-share"
    share.mkdir()
    monkeypatch.setenv(EXPORT_ENV_VAR, str(share))
    actions.blank_form()
    assert dialogs.offered == [share]


def test_the_next_dialog_starts_in_the_folder_last_chosen(setup, tmp_path: Path) -> None:
    actions, dialogs, held = setup
    chosen = tmp_path / "cases"
    chosen.mkdir()
    dialogs.answer = str(chosen / "form.pdf")
    actions.blank_form()
    assert held["settings"].export_folder == str(chosen)
    dialogs.answer = ""
    actions.blank_form()
    assert dialogs.offered[-1] == chosen


def test_a_folder_since_removed_falls_back_to_the_first(setup, tmp_path: Path, documents) -> None:
    actions, dialogs, held = setup
    held["settings"] = Settings(export_folder=str(tmp_path / "gone"))
    actions.blank_form()
    assert dialogs.offered == [documents]


def test_the_folder_is_kept_with_the_settings() -> None:
    kept = Settings(export_folder="/home/worker/Exports")
    assert Settings.model_validate_json(kept.model_dump_json()).export_folder == kept.export_folder
    assert Settings.model_validate({}).export_folder == ""
