"""The window's Import: a PDF exported by the window comes back as the same assessment.

Export PDF (``ExportActions``) writes the PDF from one data folder; Import
(``ImportAction``) brings it into another, every dialog a recording ``Dialogs`` as in
``test_export_actions``. Protected or not; a wrong password or a PDF without CE
Desktop's data imports nothing and says so plainly. The menu item is wired in the
window.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.model import Assessment
from ce_desktop.domain.settings import Settings
from ce_desktop.export.pdf import render_assessment_pdf, render_blank_form
from ce_desktop.gui.export_actions import ExportActions
from ce_desktop.gui.export_dialogs import PROTECT_HINT
from ce_desktop.gui.import_action import IMPORT_FILTER, PROTECTED_QUESTION, ImportAction
from ce_desktop.storage.vault import Vault
from tests.factories import as_final, full_assessment
from tests.gui.fake_dialogs import RecordingDialogs
from tests.gui.shell_support import unlock
from tests.vault_support import make_empty_vault

PASSPHRASE = "fictional window import passphrase"


@dataclass
class Recorder(RecordingDialogs):
    """Every dialog, and the file choosers of both actions."""

    chosen: list[Path] = field(default_factory=list)
    filters: list[str] = field(default_factory=list)
    password_questions: list[str] = field(default_factory=list)

    def choose(self, _parent: QWidget, _caption: str, _path: str, filter_: str) -> tuple[str, str]:
        self.filters.append(filter_)
        return (str(self.chosen.pop(0)), "")

    def ask_pdf_password(self, text: str) -> str | None:
        self.password_questions.append(text)
        return super().ask_pdf_password(text)


@dataclass
class Setup:
    exporter: ExportActions
    importer: ImportAction
    target: Vault
    original: Assessment
    dialogs: Recorder
    imported: list[str]


@pytest.fixture(scope="module")
def empty_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("empty-vault")
    make_empty_vault(folder, PASSPHRASE)
    return folder


@pytest.fixture
def setup(qtbot: QtBot, tmp_path: Path, catalogue: Catalogue, empty_vault: Path) -> Iterator[Setup]:
    for name in ("source", "target"):
        shutil.copytree(empty_vault, tmp_path / name)
    source = Vault.unlock(tmp_path / "source", PASSPHRASE)
    target = Vault.unlock(tmp_path / "target", PASSPHRASE)
    original = as_final(full_assessment(narrative_words=30, catalogue=catalogue))
    source.save(original)
    window = QWidget()
    qtbot.addWidget(window)
    dialogs = Recorder()

    def collaborators(vault: Vault) -> dict[str, Any]:
        return {
            "vault_provider": lambda: vault,
            "assessment_provider": lambda: original,
            "settings_provider": Settings,
            "catalogue": catalogue,
            "save_now": lambda: True,
            "dialogs": dialogs,
        }

    exporter = ExportActions(window, **collaborators(source))
    importer = ImportAction(window, **collaborators(target))
    for actions in (exporter, importer):
        actions.file_chooser = dialogs.choose
        actions.open_chooser = dialogs.choose
    imported: list[str] = []
    importer.imported.connect(imported.append)
    yield Setup(exporter, importer, target, original, dialogs, imported)
    source.close()
    target.close()


def _export(qtbot: QtBot, setup: Setup, path: Path, *, protect: bool) -> None:
    setup.dialogs.protect = protect
    setup.dialogs.chosen = [path]
    with qtbot.waitSignal(setup.exporter.busy_changed, check_params_cb=lambda busy: not busy):
        setup.exporter.export_pdf()
    assert setup.dialogs.warnings == []


def _without_audit(assessment: Assessment) -> dict[str, object]:
    return assessment.model_dump(exclude={"audit"})


@pytest.mark.parametrize("protect", [False, True], ids=["plain", "protected"])
def test_a_pdf_exported_and_imported_in_the_window_gives_the_same_assessment(
    qtbot: QtBot, setup: Setup, tmp_path: Path, protect: bool
) -> None:
    pdf = tmp_path / "sent.pdf"
    _export(qtbot, setup, pdf, protect=protect)
    if protect:
        (setup.dialogs.pdf_password,) = setup.dialogs.passwords
    else:
        assert "anyone who has the file can read it" in setup.dialogs.infos[-1]
    setup.dialogs.chosen = [pdf]

    setup.importer.import_file()

    assert setup.dialogs.warnings == []
    assert setup.dialogs.filters[-1] == IMPORT_FILTER
    assert setup.dialogs.password_questions == [PROTECTED_QUESTION] * protect
    (summary,) = setup.target.list_summaries()
    assert setup.imported == [summary.id]
    brought = setup.target.load(summary.id)
    assert _without_audit(brought) == _without_audit(setup.original)
    assert f"Imported as {setup.original.reference}" in setup.dialogs.infos[-1]


def test_the_protect_question_says_the_data_travels_readable() -> None:
    assert "carries the assessment's data" in PROTECT_HINT
    assert "anyone with its password" in PROTECT_HINT


@pytest.mark.parametrize("answer", ["not-the-password", None], ids=["wrong", "cancelled"])
def test_a_wrong_or_missing_password_imports_nothing(
    qtbot: QtBot, setup: Setup, tmp_path: Path, answer: str | None
) -> None:
    pdf = tmp_path / "sent.pdf"
    _export(qtbot, setup, pdf, protect=True)
    setup.dialogs.pdf_password = answer
    setup.dialogs.chosen = [pdf]

    setup.importer.import_file()

    (shown,) = setup.dialogs.warnings
    expected = "password is not right" if answer else "its password is needed"
    assert expected in shown
    assert "Nothing was imported." in shown
    assert setup.target.list_summaries() == []
    assert setup.imported == []


def test_a_pdf_without_data_imports_nothing(
    setup: Setup, catalogue: Catalogue, tmp_path: Path
) -> None:
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(render_blank_form(catalogue))
    setup.dialogs.chosen = [blank]

    setup.importer.import_file()

    (shown,) = setup.dialogs.warnings
    assert "This PDF was not made by CE Desktop, or carries no assessment data" in shown
    assert setup.target.list_summaries() == []


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_windows_import_brings_a_pdf_into_the_case_list(
    qtbot: QtBot,
    shown_window: Callable[..., Any],
    dialogs: RecordingDialogs,
    tmp_path: Path,
    catalogue: Catalogue,
) -> None:
    window = shown_window("Tamsin Imaginary-Person")
    assert not window.ui.actionImport.isEnabled()  # locked: nothing to import into
    unlock(qtbot, window)
    assert window.ui.actionImport.isEnabled()
    pdf = tmp_path / "from-elsewhere.pdf"
    pdf.write_bytes(render_assessment_pdf(full_assessment(catalogue=catalogue), catalogue))
    window.import_action.open_chooser = lambda *_args: (str(pdf), "")

    window.ui.actionImport.trigger()

    assert dialogs.warnings == []
    assert window.case_list.proxy.rowCount() == 2
    assert "Imported as" in window.ui.statusbar.currentMessage()
