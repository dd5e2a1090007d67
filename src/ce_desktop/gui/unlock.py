"""The unlock screen (PRODUCT §3.2, §5.9): passphrase or recovery key.

Key derivation (Argon2id, about half a second) runs off the UI thread behind a busy
indicator. A wrong passphrase gets a plain message; after repeated failures the
Unlock button waits a little longer each time before it can be used again. After an
unlock with the recovery key the worker must choose a new passphrase first.

The count of failures is the storage layer's (``storage.throttle``), kept in the data
folder, so closing and reopening the app does not skip the wait; the command line
shares it.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from ce_desktop.gui.forms.ui_unlock import Ui_UnlockPage
from ce_desktop.gui.look import LINK_STYLE, make_heading, show_error
from ce_desktop.gui.passphrase_feedback import new_passphrase_problem, strength_text
from ce_desktop.gui.speech import announce
from ce_desktop.gui.worker import run_in_background
from ce_desktop.storage import throttle
from ce_desktop.storage.errors import AlreadyRunning, StorageError, WrongPassphrase

if TYPE_CHECKING:
    from ce_desktop.storage.vault import Vault

log = logging.getLogger(__name__)


def _unlock(data_dir: Path, secret: str, recovery: bool) -> Vault:
    from ce_desktop.storage.vault import Vault

    if recovery:
        return Vault.unlock_with_recovery(data_dir, secret)
    return Vault.unlock(data_dir, secret)


UnlockFn = Callable[[Path, str, bool], "Vault"]


class UnlockPage(QWidget):
    """Unlock with the passphrase or the recovery key.

    Signals:
        unlocked(object): the unlocked ``Vault`` (with a usable passphrase).
        already_running(str): another CE Desktop holds the data folder; the message.

    Attributes:
        seconds_per_tick: how long one second of the growing delay lasts, in ms
            (tests shorten it).
    """

    unlocked = Signal(object)
    already_running = Signal(str)

    def __init__(
        self,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        unlock: UnlockFn = _unlock,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_UnlockPage()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self._data_dir = data_dir
        self._unlock = unlock
        self._recovery_mode = False
        self._wait_left = 0
        self._wait_message = "The passphrase is not correct."
        self._busy = False
        self._vault: Vault | None = None
        self.seconds_per_tick = 1000
        self._wait_timer = QTimer(self)
        self._wait_timer.timeout.connect(self._tick)
        make_heading(self.ui.heading)
        make_heading(self.ui.newHeading)
        # A flat button read as plain text on the first screenshots: make it look like
        # the link it behaves as (underlined, link colour), still a tab stop.
        self.ui.switchModeButton.setStyleSheet(LINK_STYLE)
        self.ui.switchModeButton.setCursor(Qt.CursorShape.PointingHandCursor)
        self.ui.busyBar.hide()
        self.ui.newBusyBar.hide()
        self.ui.messageLabel.hide()
        self.ui.newMessageLabel.hide()
        self.ui.unlockButton.clicked.connect(self._attempt)
        self.ui.secretEdit.returnPressed.connect(self._attempt)
        self.ui.switchModeButton.clicked.connect(self._toggle_mode)
        self.ui.newPassphraseEdit.textChanged.connect(
            lambda text: self.ui.newStrengthLabel.setText(strength_text(text))
        )
        self.ui.newStrengthLabel.setText(strength_text(""))
        self.ui.savePassphraseButton.clicked.connect(self._save_new_passphrase)
        self.ui.newConfirmEdit.returnPressed.connect(self._save_new_passphrase)
        self._show_mode()
        self._resume_wait()

    @property
    def failures(self) -> int:
        """Wrong attempts since the last successful unlock (kept across runs)."""
        return throttle.failures(self._data_dir)

    def _resume_wait(self) -> None:
        wait = math.ceil(throttle.delay_before_attempt(self._data_dir))
        if wait and not self._wait_left:
            self._start_wait(wait, "There have been several wrong attempts.")

    @property
    def busy(self) -> bool:
        """Whether a key derivation is running."""
        return self._busy

    def reset(self) -> None:
        """Back to the passphrase box, empty and focused (shown after every lock)."""
        self._recovery_mode = False
        self._vault = None
        self.ui.modes.setCurrentWidget(self.ui.unlockMode)
        for edit in (self.ui.secretEdit, self.ui.newPassphraseEdit, self.ui.newConfirmEdit):
            edit.clear()
        if not self._wait_left:
            show_error(self.ui.messageLabel, "")
        show_error(self.ui.newMessageLabel, "")
        self._show_mode()

    def focus_secret(self) -> None:
        """Put the cursor in the passphrase box."""
        self.ui.secretEdit.setFocus()

    def _show_mode(self) -> None:
        if self._recovery_mode:
            self.ui.promptLabel.setText("Recovery key")
            self.ui.secretEdit.setAccessibleName("Recovery key")
            self.ui.secretEdit.setEchoMode(QLineEdit.EchoMode.Normal)
            self.ui.secretEdit.setPlaceholderText("For example 7KQ4-M2XD-…")
            self.ui.switchModeButton.setText("Use the passphrase instead")
        else:
            self.ui.promptLabel.setText("Passphrase")
            self.ui.secretEdit.setAccessibleName("Passphrase")
            self.ui.secretEdit.setEchoMode(QLineEdit.EchoMode.Password)
            self.ui.secretEdit.setPlaceholderText("")
            self.ui.switchModeButton.setText("Use the recovery key instead")
        self.ui.secretEdit.setFocus()

    def _toggle_mode(self) -> None:
        self._recovery_mode = not self._recovery_mode
        self.ui.secretEdit.clear()
        self._show_mode()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ui.busyBar.setVisible(busy)
        # Read-only rather than disabled: the focus stays in the box. Disabled, it went
        # to the Unlock button, itself disabled a moment later ("Unlock push button
        # grayed" was all a screen reader said while the key was derived).
        self.ui.secretEdit.setReadOnly(busy)
        self.ui.switchModeButton.setEnabled(not busy)
        self.ui.unlockButton.setEnabled(not busy and not self._wait_left)

    def _attempt(self) -> None:
        if self._busy or self._wait_left:
            return
        secret = self.ui.secretEdit.text()
        if not secret.strip():
            what = "recovery key" if self._recovery_mode else "passphrase"
            show_error(self.ui.messageLabel, f"Enter your {what}.")
            announce(self, self.ui.messageLabel.text(), assertive=True)
            return
        show_error(self.ui.messageLabel, "")
        self._set_busy(True)
        data_dir, recovery, unlock = self._data_dir, self._recovery_mode, self._unlock
        run_in_background(lambda: unlock(data_dir, secret, recovery), self._opened, self._failed)

    def _opened(self, vault: Vault) -> None:
        self._set_busy(False)
        throttle.reset(self._data_dir)
        self.ui.secretEdit.clear()
        if getattr(vault, "must_change_passphrase", False):
            self._vault = vault
            self.ui.modes.setCurrentWidget(self.ui.newPassphraseMode)
            self.ui.newPassphraseEdit.setFocus()
            return
        self.unlocked.emit(vault)

    def _failed(self, error: Exception) -> None:
        self._say_failure(error)
        # The message is shown beside the box; a screen reader is told it as well.
        announce(self, self.ui.messageLabel.text(), assertive=True)

    def _say_failure(self, error: Exception) -> None:
        self._set_busy(False)
        self.ui.secretEdit.selectAll()
        self.ui.secretEdit.setFocus()
        if isinstance(error, AlreadyRunning):
            show_error(self.ui.messageLabel, str(error))
            self.already_running.emit(str(error))
            return
        if isinstance(error, WrongPassphrase):
            throttle.record_failure(self._data_dir)
            what = "recovery key" if self._recovery_mode else "passphrase"
            message = f"The {what} is not correct. Check it and try again."
            wait = math.ceil(throttle.delay_before_attempt(self._data_dir))
            if wait:
                self._start_wait(wait, message)
            else:
                show_error(self.ui.messageLabel, message)
            return
        if isinstance(error, StorageError):
            show_error(self.ui.messageLabel, str(error))
            return
        log.error("Unlocking failed: %s", type(error).__name__)
        show_error(self.ui.messageLabel, "CE Desktop could not open its data folder.")

    def _start_wait(self, seconds: int, message: str) -> None:
        self._wait_left = seconds
        self._wait_message = message
        self.ui.unlockButton.setEnabled(False)
        self._show_wait()
        self._wait_timer.start(self.seconds_per_tick)

    def _show_wait(self) -> None:
        unit = "second" if self._wait_left == 1 else "seconds"
        show_error(
            self.ui.messageLabel,
            f"{self._wait_message} After repeated wrong attempts you need to wait "
            f"{self._wait_left} {unit} before trying again.",
        )

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left > 0:
            self._show_wait()
            return
        self._wait_timer.stop()
        show_error(self.ui.messageLabel, "You can try again now.")
        self.ui.unlockButton.setEnabled(not self._busy)

    def _save_new_passphrase(self) -> None:
        vault = self._vault
        if vault is None or self._busy:
            return
        passphrase = self.ui.newPassphraseEdit.text()
        problem = new_passphrase_problem(passphrase, self.ui.newConfirmEdit.text())
        if problem:
            show_error(self.ui.newMessageLabel, problem)
            self.ui.newPassphraseEdit.setFocus()
            return
        show_error(self.ui.newMessageLabel, "")
        self._busy = True
        self.ui.newBusyBar.show()
        self.ui.savePassphraseButton.setEnabled(False)
        run_in_background(
            lambda: vault.change_passphrase(passphrase),
            lambda _: self._passphrase_changed(),
            self._passphrase_failed,
        )

    def _passphrase_changed(self) -> None:
        self._busy = False
        self.ui.newBusyBar.hide()
        self.ui.savePassphraseButton.setEnabled(True)
        vault, self._vault = self._vault, None
        self.ui.newPassphraseEdit.clear()
        self.ui.newConfirmEdit.clear()
        self.ui.modes.setCurrentWidget(self.ui.unlockMode)
        self._recovery_mode = False
        self._show_mode()
        self.unlocked.emit(vault)

    def _passphrase_failed(self, error: Exception) -> None:
        self._busy = False
        self.ui.newBusyBar.hide()
        self.ui.savePassphraseButton.setEnabled(True)
        message = (
            str(error)
            if isinstance(error, StorageError)
            else ("The new passphrase could not be saved. Try again.")
        )
        show_error(self.ui.newMessageLabel, message)
