"""The log file: what went wrong and where, never what was typed (PRODUCT §5.10).

A windowed bundle has no console, so without a file its errors vanish. The log lives
beside the data folder, in its parent (``%LOCALAPPDATA%\\CE Desktop.log`` on Windows),
so that a backup or copy of the data folder never carries it, and rotates at 1 MB
with three old files kept.

A line carries the time, the level, the module and line that logged it, and the
message, and every message in the app is written to carry error types, counts and
random file ids only. An exception attached to a record is written as its type and
the places (file, line, function) it passed through, never its message, which could
quote a field's value.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType

MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s:%(lineno)d %(message)s"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def log_path(data_dir: Path) -> Path:
    """The log file for a data folder: ``<folder name>.log`` in its parent."""
    return data_dir.parent / f"{data_dir.name}.log"


def places(trace: TracebackType | None) -> str:
    """Where an error passed, innermost last: ``file:line in function`` joined by ``<``."""
    frames = traceback.extract_tb(trace)
    return " < ".join(
        f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}" for frame in reversed(frames)
    )


class TypesOnlyFormatter(logging.Formatter):
    """A formatter whose exception text is the error's type and places, not its message."""

    def formatException(self, ei: object) -> str:
        """``TypeName at file:line in function < ...`` (the message is left out)."""
        if not isinstance(ei, tuple) or len(ei) != 3 or ei[0] is None:
            return ""
        kind, _error, trace = ei
        return f"{kind.__name__} at {places(trace)}"

    def formatStack(self, stack_info: str) -> str:
        """Stacks are left out (they are not needed to place an error)."""
        return ""


class _QuietRotatingFile(logging.handlers.RotatingFileHandler):
    """A rotating file that drops a record it cannot write (a full disk) in silence."""

    def handleError(self, record: logging.LogRecord) -> None:
        """Never print logging's own traceback to a console."""


_installed: logging.Handler | None = None
_previous_level = logging.NOTSET


def install(data_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send the app's log records to the rotating file beside ``data_dir``.

    Returns:
        The log file's path, or None if it could not be opened (a read-only or full
        disk): the app runs on without a log file rather than failing.
    """
    global _installed, _previous_level
    path = log_path(Path(data_dir))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _QuietRotatingFile(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=False
        )
    except OSError:
        return None
    handler.setFormatter(TypesOnlyFormatter(_FORMAT))
    logger = logging.getLogger("ce_desktop")
    if _installed is not None:
        logger.removeHandler(_installed)
        _installed.close()
    else:
        _previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    _installed = handler
    return path


def uninstall() -> None:
    """Stop writing the log file (tests, and the self-test's temporary folders)."""
    global _installed
    if _installed is not None:
        logger = logging.getLogger("ce_desktop")
        logger.removeHandler(_installed)
        logger.setLevel(_previous_level)
        _installed.close()
        _installed = None
