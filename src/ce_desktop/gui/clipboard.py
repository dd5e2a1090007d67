"""A password on the clipboard that stays out of history and the cloud, briefly.

Windows keeps a clipboard history (Win+V) and can sync it to the cloud clipboard;
both would keep the PDF's password long after it was pasted. Microsoft's documented
clipboard formats opt one copy out: ``ExcludeClipboardContentFromMonitorProcessing``
(no history, no cloud, no clipboard monitors), and ``CanIncludeInClipboardHistory``
and ``CanUploadToCloudClipboard`` set to the DWORD 0. Qt writes a named Windows format
from a MIME type ``application/x-qt-windows-mime;value="<name>"``. KDE's clipboard
manager skips data marked ``x-kde-passwordManagerHint: secret``.

The copy is cleared after a minute if it is still this password (compared by digest,
so the password itself is not kept for that minute).
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 60_000
_DWORD_ZERO = (0).to_bytes(4, "little")


def _windows_format(name: str) -> str:
    return f'application/x-qt-windows-mime;value="{name}"'


PRIVATE_FORMATS = {
    _windows_format("ExcludeClipboardContentFromMonitorProcessing"): b"\x00",
    _windows_format("CanIncludeInClipboardHistory"): _DWORD_ZERO,
    _windows_format("CanUploadToCloudClipboard"): _DWORD_ZERO,
    "x-kde-passwordManagerHint": b"secret",
}


def private_text(text: str) -> QMimeData:
    """``text`` as clipboard data marked to stay out of history and the cloud."""
    data = QMimeData()
    data.setText(text)
    for kind, value in PRIVATE_FORMATS.items():
        data.setData(kind, value)
    return data


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def copy_secret(text: str, *, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
    """Put a secret on the clipboard, private, and clear it after ``clear_after_ms``."""
    clipboard = QGuiApplication.clipboard()
    clipboard.setMimeData(private_text(text), QClipboard.Mode.Clipboard)
    digest = _digest(text)

    def clear_if_unchanged() -> None:
        current = QGuiApplication.clipboard().text()
        if current and _digest(current) == digest:
            QGuiApplication.clipboard().clear(QClipboard.Mode.Clipboard)

    QTimer.singleShot(clear_after_ms, clear_if_unchanged)
