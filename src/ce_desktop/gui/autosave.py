"""Autosave (PRODUCT §5.6): nothing typed is ever more than a few seconds from disk.

``Autosaver`` saves about 2 s after the last edit, at least every 30 s while there are
unsaved edits, and at once when asked (page change, lock, close, session end, before
export). A save is one encrypt-and-write of a small file (well under 20 ms), so it
runs on the UI thread from a timer; it never runs per keystroke, and it never waits
there for a file another program holds. A failed save keeps the edit marked unsaved,
says why, and is tried again after a few seconds or on Retry.

``SaveStatusBar`` is the status line: "All changes saved", "Saving…", or
"Not saved: <reason>" with "Retry" and "Save a copy elsewhere".
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ce_desktop.gui.look import ERROR_STYLE
from ce_desktop.storage.errors import StorageError

log = logging.getLogger(__name__)

IDLE_MS = 2000
MAX_UNSAVED_MS = 30000
RETRY_AFTER_FAILURE_MS = 5000
"""A failed save is tried again this soon: a file held for a moment by an antivirus
or backup tool is refused at once on the UI thread (see :func:`off_ui_thread`)."""


def off_ui_thread() -> bool:
    """Whether the caller is not the UI thread: only there may storage wait for a file.

    Installed as ``storage.atomic.wait_allowed`` by the main window.
    """
    return threading.current_thread() is not threading.main_thread()


class SaveState(Enum):
    """What the status line says."""

    SAVED = "saved"
    UNSAVED = "unsaved"
    SAVING = "saving"
    FAILED = "failed"


class Autosaver(QObject):
    """Decides when to save; the caller says how.

    Signals:
        state_changed(object): the new :class:`SaveState`.

    Attributes:
        idle_ms: quiet time after the last edit before saving (tests shorten it).
        max_unsaved_ms: longest time edits stay unsaved while typing goes on.
    """

    state_changed = Signal(object)

    def __init__(
        self,
        save: Callable[[], None],
        parent: QObject | None = None,
        *,
        idle_ms: int = IDLE_MS,
        max_unsaved_ms: int = MAX_UNSAVED_MS,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._dirty = False
        self._state = SaveState.SAVED
        self._error = ""
        self._enabled = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self.save_now)
        self._ceiling = QTimer(self)
        self._ceiling.setSingleShot(True)
        self._ceiling.timeout.connect(self.save_now)
        self.idle_ms = idle_ms
        self.max_unsaved_ms = max_unsaved_ms

    @property
    def dirty(self) -> bool:
        """Whether there are edits not yet on disk."""
        return self._dirty

    @property
    def state(self) -> SaveState:
        """What the status line says now."""
        return self._state

    @property
    def error(self) -> str:
        """The reason the last save failed, or ``""``."""
        return self._error

    def start(self) -> None:
        """Begin watching a freshly loaded assessment (nothing unsaved yet)."""
        self._enabled = True
        self._dirty = False
        self._error = ""
        self._set_state(SaveState.SAVED)

    def stop(self) -> None:
        """Stop watching (after the last save on lock or close); nothing is saved later."""
        self._enabled = False
        self._idle.stop()
        self._ceiling.stop()
        self._dirty = False
        self._error = ""

    def mark_edited(self) -> None:
        """Note an edit: restart the idle wait, and start the 30 s ceiling if not running."""
        if not self._enabled:
            return
        self._dirty = True
        self._idle.start(self.idle_ms)
        if not self._ceiling.isActive():
            self._ceiling.start(self.max_unsaved_ms)
        if self._state is not SaveState.FAILED:
            self._set_state(SaveState.UNSAVED)

    def save_now(self) -> bool:
        """Save at once if anything is unsaved; True when everything is on disk."""
        if not self._enabled or not self._dirty:
            return True
        self._idle.stop()
        self._ceiling.stop()
        self._set_state(SaveState.SAVING)
        try:
            self._save()
        except StorageError as error:
            self._fail(str(error))
            return False
        except Exception as error:
            log.error("Saving failed unexpectedly: %s", type(error).__name__)
            self._fail("Something went wrong while saving.")
            return False
        self._dirty = False
        self._error = ""
        self._set_state(SaveState.SAVED)
        return True

    def _fail(self, reason: str) -> None:
        # The edit stays in the editor and stays marked unsaved: the ceiling timer tries
        # again, so a disk that comes back (a USB drive, space freed) catches up by itself.
        self._error = reason
        self._ceiling.start(min(self.max_unsaved_ms, RETRY_AFTER_FAILURE_MS))
        self._set_state(SaveState.FAILED)

    def _set_state(self, state: SaveState) -> None:
        self._state = state
        self.state_changed.emit(state)


class SaveStatusBar(QWidget):
    """The save status line with its two recovery buttons.

    Signals:
        retry_requested(): "Retry".
        copy_requested(): "Save a copy elsewhere".
    """

    retry_requested = Signal()
    copy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveStatus")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.label = QLabel(self)
        self.label.setObjectName("saveStatusLabel")
        self.label.setAccessibleName("Save status")
        self.retry_button = QPushButton("Retry", self)
        self.retry_button.setObjectName("retrySaveButton")
        self.copy_button = QPushButton("Save a copy elsewhere…", self)
        self.copy_button.setObjectName("saveCopyButton")
        self.copy_button.setToolTip(
            "Save the encrypted assessment file to another folder or drive. It opens only "
            "with your passphrase."
        )
        layout.addWidget(self.label)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.copy_button)
        self.retry_button.clicked.connect(self.retry_requested)
        self.copy_button.clicked.connect(self.copy_requested)
        self.show_state(None, "")

    def show_state(self, state: SaveState | None, error: str) -> None:
        """Show ``state``; None clears the line (no assessment open)."""
        failed = state is SaveState.FAILED
        text = {
            None: "",
            SaveState.SAVED: "All changes saved",
            SaveState.UNSAVED: "Changes not saved yet",
            SaveState.SAVING: "Saving…",
            SaveState.FAILED: f"Not saved: {error}",
        }[state]
        self.label.setText(text)
        self.label.setStyleSheet(ERROR_STYLE if failed else "")
        self.label.setAccessibleDescription(text)
        self.retry_button.setVisible(failed)
        self.copy_button.setVisible(failed)
