"""The last line of defence: an unexpected error becomes a plain message, not a traceback.

Qt calls Python slots from C++, so an exception in one would otherwise be printed to a
console the worker never sees, and the click would seem to do nothing. The hook shows
one calm sentence instead and logs only the error's type: its message could quote what
was typed about a child.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication

from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.logfile import places

log = logging.getLogger(__name__)

MESSAGE = (
    "Something went wrong and CE Desktop could not finish that step. Your work is saved "
    "every few seconds, so nothing typed before this was lost. Try again; if it happens "
    "again, close and reopen CE Desktop, and tell your IT team what you were doing."
)


def _show(text: str) -> None:
    Dialogs(QApplication.activeWindow()).warn("CE Desktop", text)


def install_error_hook(show: Callable[[str], None] = _show) -> None:
    """Route every uncaught exception to a plain message box (``show``) and the log."""

    def hook(kind: type[BaseException], _error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("Unexpected error: %s at %s", kind.__name__, places(trace))
        show(MESSAGE)

    sys.excepthook = hook
