"""First run (PRODUCT §3.1): passphrase, recovery key shown once, worker details.

Four steps on one page of the main window's stack:

1. choose a passphrase (strength said in words as it is typed; the 15-character floor
   and the refusal of common passphrases explained in plain words); the vault is then
   created off the UI thread, since key derivation takes about half a second;
2. the recovery key, shown once, with "Print" and "Save as file";
3. a check that it was kept: type back its last group;
4. the worker's name, agency, contact details and the MASH address, saved as Settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ce_desktop.domain.settings import DEFAULT_MASH_ADDRESS, Settings
from ce_desktop.gui.forms.ui_first_run import Ui_FirstRunPage
from ce_desktop.gui.look import make_heading, show_error, show_notice, use_fixed_font
from ce_desktop.gui.passphrase_feedback import new_passphrase_problem, strength_text
from ce_desktop.gui.worker import run_in_background
from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.errors import StorageError

if TYPE_CHECKING:
    from ce_desktop.storage.vault import Vault

log = logging.getLogger(__name__)

STEP_PASSPHRASE, STEP_RECOVERY, STEP_CONFIRM, STEP_DETAILS = range(4)

CreateVault = Callable[[Path, str], "tuple[Vault, str]"]


def _create_vault(data_dir: Path, passphrase: str) -> tuple[Vault, str]:
    from ce_desktop.storage.vault import Vault

    return Vault.create(data_dir, passphrase)


def choose_key_file(parent: QWidget) -> Path | None:
    """Ask where to save the recovery key; None if the worker cancels."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        "Save the recovery key",
        str(Path.home() / "CE Desktop recovery key.txt"),
        "Text files (*.txt)",
    )
    return Path(name) if name else None


def print_text(parent: QWidget, title: str, text: str) -> bool:
    """Print ``text`` through the system print dialog; True if it was sent to a printer."""
    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    document = QTextDocument()
    document.setPlainText(text)
    document.print_(printer)
    return True


def last_group(recovery_key: str) -> str:
    """The group after the last dash, the part the worker types back."""
    return recovery_key.rsplit("-", 1)[-1].strip().upper()


class FirstRunPage(QWidget):
    """The first-run wizard.

    Signals:
        completed(object): the new, unlocked ``Vault``, once the settings are saved.
    """

    completed = Signal(object)

    def __init__(
        self,
        data_dir: Path,
        mash_default: str = DEFAULT_MASH_ADDRESS,
        parent: QWidget | None = None,
        *,
        create_vault: CreateVault = _create_vault,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstRunPage()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self._data_dir = data_dir
        self._create_vault = create_vault
        self._vault: Vault | None = None
        self._recovery_key = ""
        self._mash_default = mash_default or DEFAULT_MASH_ADDRESS
        for heading in (
            self.ui.passphraseHeading,
            self.ui.recoveryHeading,
            self.ui.confirmHeading,
            self.ui.detailsHeading,
        ):
            make_heading(heading)
        use_fixed_font(self.ui.recoveryKeyLabel, 1.6)
        self.ui.recoveryKeyLabel.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        # Below the toolbar, not pressed against it (seen on the first screenshots).
        self.ui.outerLayout.setContentsMargins(24, 48, 24, 24)
        self.ui.creatingBar.hide()
        for label in (
            self.ui.passphraseMessage,
            self.ui.recoveryMessage,
            self.ui.confirmMessage,
            self.ui.detailsMessage,
        ):
            label.hide()
        self.ui.strengthLabel.setText(strength_text(""))
        self.ui.passphraseEdit.textChanged.connect(self._show_strength)
        self.ui.createButton.clicked.connect(self._create)
        self.ui.repeatEdit.returnPressed.connect(self._create)
        self.ui.printKeyButton.clicked.connect(self._print_key)
        self.ui.saveKeyButton.clicked.connect(self._save_key)
        self.ui.recoveryContinueButton.clicked.connect(lambda: self._go(STEP_CONFIRM))
        self.ui.showKeyAgainButton.clicked.connect(lambda: self._go(STEP_RECOVERY))
        self.ui.confirmButton.clicked.connect(self._confirm_key)
        self.ui.lastGroupEdit.returnPressed.connect(self._confirm_key)
        self.ui.finishButton.clicked.connect(self._finish)
        self.ui.mashEdit.setText(self._mash_default)
        self._go(STEP_PASSPHRASE)

    @property
    def step(self) -> int:
        """The step shown now (``STEP_PASSPHRASE`` ... ``STEP_DETAILS``)."""
        return self.ui.steps.currentIndex()

    def _go(self, step: int) -> None:
        self.ui.steps.setCurrentIndex(step)
        first_field = {
            STEP_PASSPHRASE: self.ui.passphraseEdit,
            STEP_RECOVERY: self.ui.printKeyButton,
            STEP_CONFIRM: self.ui.lastGroupEdit,
            STEP_DETAILS: self.ui.workerNameEdit,
        }[step]
        first_field.setFocus()

    def _show_strength(self, text: str) -> None:
        self.ui.strengthLabel.setText(strength_text(text))

    def _create(self) -> None:
        if self._vault is not None or self.ui.creatingBar.isVisible():
            return
        passphrase = self.ui.passphraseEdit.text()
        problem = new_passphrase_problem(passphrase, self.ui.repeatEdit.text())
        if problem:
            show_error(self.ui.passphraseMessage, problem)
            self.ui.passphraseEdit.setFocus()
            return
        show_error(self.ui.passphraseMessage, "")
        self._set_busy(True)
        data_dir = self._data_dir
        create = self._create_vault
        run_in_background(lambda: create(data_dir, passphrase), self._created, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.ui.creatingBar.setVisible(busy)
        for widget in (self.ui.passphraseEdit, self.ui.repeatEdit, self.ui.createButton):
            widget.setEnabled(not busy)

    def _created(self, result: tuple[Vault, str]) -> None:
        self._set_busy(False)
        self._vault, self._recovery_key = result
        self.ui.passphraseEdit.clear()
        self.ui.repeatEdit.clear()
        self.ui.recoveryKeyLabel.setText(self._recovery_key)
        self._go(STEP_RECOVERY)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, StorageError):
            show_error(self.ui.passphraseMessage, str(error))
        else:
            log.error("Creating the data folder failed: %s", type(error).__name__)
            show_error(
                self.ui.passphraseMessage,
                "CE Desktop could not set up its data folder. Check that the disk is not full "
                "and try again.",
            )
        self.ui.passphraseEdit.setFocus()

    def _print_key(self) -> None:
        text = (
            "CE Desktop recovery key\n\n"
            f"{self._recovery_key}\n\n"
            "Keep this safe and away from the laptop. It opens your assessments if the "
            "passphrase is forgotten."
        )
        if print_text(self, "Print the recovery key", text):
            show_notice(self.ui.recoveryMessage, "The recovery key was sent to the printer.")

    def _save_key(self) -> None:
        path = choose_key_file(self)
        if path is None:
            return
        text = f"CE Desktop recovery key\n\n{self._recovery_key}\n"
        try:
            atomic_write(path, text.encode("utf-8"))
        except StorageError as error:
            show_error(self.ui.recoveryMessage, str(error))
            return
        show_notice(
            self.ui.recoveryMessage,
            f"The recovery key was saved as {path.name}. Move it somewhere safe, away from "
            "this laptop (a USB stick kept locked away, for example).",
        )

    def _confirm_key(self) -> None:
        typed = self.ui.lastGroupEdit.text().strip().upper()
        if not typed:
            show_error(self.ui.confirmMessage, "Enter the last group of the recovery key.")
            return
        if typed != last_group(self._recovery_key):
            show_error(
                self.ui.confirmMessage,
                "That is not the last group of the recovery key. Go back to the recovery key "
                "and check what you kept.",
            )
            return
        show_error(self.ui.confirmMessage, "")
        self._go(STEP_DETAILS)

    def _finish(self) -> None:
        vault = self._vault
        if vault is None:  # pragma: no cover - the step cannot be reached without a vault
            return
        settings = Settings(
            worker_name=self.ui.workerNameEdit.text().strip(),
            agency=self.ui.agencyEdit.text().strip(),
            contact_details=self.ui.contactEdit.text().strip(),
            mash_address=self.ui.mashEdit.text().strip() or self._mash_default,
        )
        try:
            vault.save_settings(settings)
        except StorageError as error:
            show_error(self.ui.detailsMessage, str(error))
            return
        self._recovery_key = ""
        self.ui.recoveryKeyLabel.clear()
        self.ui.lastGroupEdit.clear()
        self._vault = None
        self.completed.emit(vault)
