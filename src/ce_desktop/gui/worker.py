"""The one way slow work leaves the UI thread (key derivation, PDF rendering).

``run_in_background(fn, on_done, on_error)`` runs ``fn`` on Qt's global thread pool and
delivers its result, or the exception it raised, back on the UI thread through a
queued signal. Callers never touch threads themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Bridge(QObject):
    """Lives on the UI thread; the worker emits, the UI thread receives.

    Signals:
        succeeded(object): the function's result.
        failed(object): the exception it raised.
    """

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge) -> None:
        super().__init__()
        self._fn = fn
        self._bridge = bridge

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:
            self._bridge.failed.emit(error)
        else:
            self._bridge.succeeded.emit(result)


# Bridges stay referenced until their job reports back; otherwise Python could collect
# one while its signal is still queued.
_pending: set[_Bridge] = set()


def run_in_background(
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[Exception], None],
) -> None:
    """Run ``fn`` off the UI thread; call ``on_done`` or ``on_error`` back on it.

    Must be called from the UI thread. Exactly one of the callbacks runs, once.

    Args:
        fn: the slow work; it must not touch widgets.
        on_done: receives ``fn``'s result.
        on_error: receives the exception ``fn`` raised.
    """
    bridge = _Bridge()
    _pending.add(bridge)

    def finish_ok(result: object) -> None:
        _pending.discard(bridge)
        on_done(result)  # type: ignore[arg-type]

    def finish_error(error: object) -> None:
        _pending.discard(bridge)
        if not isinstance(error, Exception):  # pragma: no cover - defensive
            error = RuntimeError("The background task failed.")
        on_error(error)

    bridge.succeeded.connect(finish_ok)
    bridge.failed.connect(finish_error)
    QThreadPool.globalInstance().start(_Job(fn, bridge))


def pending_jobs() -> int:
    """How many background jobs have not yet reported back (for tests and shutdown)."""
    return len(_pending)
