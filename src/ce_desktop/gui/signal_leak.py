"""Workaround: PySide6 6.12.0's ``Signal.emit()`` drops a reference to ``True``.

``SignalInstance.emit`` returns ``True`` without taking a reference to it, so every
emit from Python lowers ``True``'s reference count by one. On Python 3.11, where
``True`` is not immortal, a few thousand emits (a paragraph typed into the form)
bring the count to zero and the interpreter aborts with "bool_dealloc: deallocating
True or False". Python 3.12 made ``True`` immortal, which hides the bug.

``guard_against_emit_leak()`` measures the leak with a probe signal and, only if it
is there, gives ``True`` enough spare references for any session. Remove this module
once the pinned PySide6 no longer leaks (the probe then does nothing).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

SPARE_REFERENCES = 1 << 40
_PROBE_EMITS = 8
_guarded = False


class _Probe(QObject):
    probed = Signal()


def emit_leaks_true() -> bool:
    """Whether an emit from Python lowers ``True``'s reference count."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBE_EMITS):
        probe.probed.emit()
    return sys.getrefcount(True) < before


def guard_against_emit_leak() -> None:
    """Give ``True`` spare references if this PySide6 leaks them (once per process)."""
    global _guarded
    if _guarded or sys.version_info >= (3, 12):
        return
    _guarded = True
    if emit_leaks_true():
        count = ctypes.c_ssize_t.from_address(id(True))
        count.value += SPARE_REFERENCES
