"""The plumbing shared by the window's outward actions (export, print, email, backup).

:class:`ActionSupport` holds the collaborators the actions need (the vault, the open
assessment, the settings, "save now"), runs slow work through ``run_in_background``
with a busy signal, and keeps every dialog and external call in an attribute that
tests replace, so nothing modal or external ever runs under test:

* ``file_chooser(parent, caption, path, filter) -> (path, filter)``: save dialogs;
* ``open_chooser(parent, caption, folder, filter) -> (path, filter)``: pick a backup;
* ``dialogs``: the window's :class:`~ce_desktop.gui.dialogs.Dialogs` (messages,
  questions, the protect question, the password, the passphrase);
* ``print_dialog(printer) -> bool``;
* ``opener(path) -> bool``; ``printer_factory() -> QPrinter``; ``now()`` and ``today()``;
* ``folder_chosen(folder)``: the window keeps it, so the next dialog starts there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.model import Assessment, AuditAction, utc_now
from ce_desktop.domain.settings import Settings
from ce_desktop.export import folders as export_folders
from ce_desktop.export.mapi import load_library as load_mapi_library
from ce_desktop.gui import export_dialogs
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.worker import run_in_background
from ce_desktop.storage.errors import StorageError
from ce_desktop.storage.paths import export_dir
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import outputs

log = logging.getLogger(__name__)

NOT_SAVED = (
    "The assessment could not be saved, so nothing was done. Fix the problem shown at "
    "the bottom of the window, then try again."
)
FAILED = "Something went wrong and nothing was saved. Try again."


class ActionSupport(QObject):
    """Collaborators, replaceable dialogs and shared steps of the outward actions.

    Signals:
        assessment_changed(object): the open assessment after an audit event or
            a recorded sending or response (already saved); the window shows it.
        busy_changed(bool): background work started or ended.
        message(str): a short sentence for the status line.
        data_restored(): a restore brought assessments in; refresh the case list.
    """

    assessment_changed = Signal(object)
    busy_changed = Signal(bool)
    message = Signal(str)
    data_restored = Signal()

    def __init__(
        self,
        parent_window: QWidget,
        vault_provider: Callable[[], Vault | None],
        assessment_provider: Callable[[], Assessment | None],
        settings_provider: Callable[[], Settings],
        catalogue: Catalogue,
        save_now: Callable[[], bool],
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__(parent_window)
        self._window = parent_window
        self._vault = vault_provider
        self._assessment = assessment_provider
        self._settings = settings_provider
        self._catalogue = catalogue
        self._save_now = save_now
        self._busy = False
        self.folder_chosen: Callable[[Path], None] = lambda _folder: None

        self.file_chooser: Callable[[QWidget, str, str, str], tuple[str, str]] = (
            QFileDialog.getSaveFileName
        )
        self.open_chooser: Callable[[QWidget, str, str, str], tuple[str, str]] = (
            QFileDialog.getOpenFileName
        )
        self.dialogs = dialogs if dialogs is not None else Dialogs(parent_window)
        self.print_dialog: Callable[[QPrinter], bool] = partial(
            export_dialogs.run_print_dialog, parent_window
        )
        self.printer_factory: Callable[[], QPrinter] = lambda: QPrinter(
            QPrinter.PrinterMode.HighResolution
        )
        self.opener: Callable[[Path], bool] = lambda path: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path))
        )
        self.mapi_loader: Callable[[], Any] = load_mapi_library
        self.later: Callable[[int, Callable[[], None]], None] = QTimer.singleShot
        self.runner: Callable[..., None] = run_in_background
        self.now: Callable[[], datetime] = utc_now
        self.today: Callable[[], date] = date.today

    def _ready_assessment(self, title: str) -> Assessment | None:
        if self._busy:
            self.message.emit("Please wait: CE Desktop is still working on the last request.")
            return None
        if not self._save_now():
            self.dialogs.warn(title, NOT_SAVED)
            return None
        assessment = self._assessment()
        if assessment is None:
            self.dialogs.inform(title, "Open an assessment first.")
            return None
        return assessment.model_copy(deep=True)

    @property
    def _folder(self) -> str:
        # The last folder chosen (kept in the encrypted settings: a folder's name may
        # say whose it is), else the one IT set, else Documents.
        return str(export_dir(self._settings().export_folder))

    def _choose(
        self, caption: str, name: str, filter_: str, *, suffix: str = ".pdf"
    ) -> Path | None:
        chosen, _ = self.file_chooser(
            self._window, caption, str(Path(self._folder) / name), filter_
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        warning = export_folders.sync_warning(str(path))
        if warning and not self.dialogs.confirm(caption, warning, "Save here anyway"):
            return None
        if str(path.parent) != self._settings().export_folder:
            self.folder_chosen(path.parent)
        return path

    def _record(self, assessment_id: str, action: AuditAction, detail: str = "") -> None:
        """Note an outward step in the assessment's audit trail and save it."""
        vault = self._vault()
        if vault is None:
            return
        current = self._assessment()
        # The copy open in the window is noted as it stands, so no edit is lost.
        target = current if current is not None and current.id == assessment_id else assessment_id
        try:
            updated = outputs.record_step(vault, target, action, detail, now=self.now())
            if target is current:
                self.assessment_changed.emit(updated)
        except StorageError as error:
            self.dialogs.warn(
                "Not noted in the history",
                f"The file is saved, but CE Desktop could not note it in the assessment's "
                f"history. {error}",
            )

    def _start(
        self, status: str, work: Callable[[], Any], done: Callable[[Any], None], failure: str
    ) -> None:
        self._set_busy(True, status)
        self.runner(work, self._then_idle(done), self._then_idle(self._failed("", failure)))

    def _then_idle(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def finish(value: Any) -> None:
            self._set_busy(False)
            callback(value)

        return finish

    def _failed(self, title: str, failure: str) -> Callable[[Exception], None]:
        def report(error: Exception) -> None:
            # Only the error's type is logged: its text could quote the assessment.
            log.warning("%s failed: %s", title or "Export", type(error).__name__)
            plain = isinstance(error, StorageError | outputs.ExportRefused)
            reason = str(error) if plain else FAILED
            self.dialogs.warn(title or "Not saved", f"{failure} {reason}".strip())
            self.message.emit(failure)

        return report

    def _set_busy(self, busy: bool, status: str = "") -> None:
        self._busy = busy
        if status:
            self.message.emit(status)
        self.busy_changed.emit(busy)
