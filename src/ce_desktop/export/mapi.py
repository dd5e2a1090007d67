"""Handing a message to the default mail program on Windows: Simple MAPI.

``MAPISendMailW`` with ``MAPI_DIALOG`` opens the mail program's own new-message window
with the recipient, subject, text and attachment filled in; the worker reviews it and
presses Send there (classic Outlook, Thunderbird and other clients implement it). Nothing
here touches the network: the mail program does the sending.

Where MAPI is missing (no MAPI client, new Outlook) or refuses, the caller falls back
to the ``.eml`` draft. The library is passed in, so the tests give a stand-in for it.
"""

from __future__ import annotations

import contextlib
import ctypes
import enum
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MAPI_TO = 1
MAPI_LOGON_UI = 0x00000001
MAPI_DIALOG = 0x00000008
SUCCESS_SUCCESS = 0
MAPI_USER_ABORT = 1
_EVERY_POSITION = 0xFFFFFFFF  # nPosition -1: the attachment goes where the client likes

ULONG = ctypes.c_uint32  # Windows' ULONG is 32 bits on every Windows
ULONG_PTR = ctypes.c_size_t


class MapiRecipDescW(ctypes.Structure):
    """One recipient (``MapiRecipDescW``)."""

    _fields_ = (
        ("ulReserved", ULONG),
        ("ulRecipClass", ULONG),
        ("lpszName", ctypes.c_wchar_p),
        ("lpszAddress", ctypes.c_wchar_p),
        ("ulEIDSize", ULONG),
        ("lpEntryID", ctypes.c_void_p),
    )


class MapiFileDescW(ctypes.Structure):
    """One attachment (``MapiFileDescW``)."""

    _fields_ = (
        ("ulReserved", ULONG),
        ("flFlags", ULONG),
        ("nPosition", ULONG),
        ("lpszPathName", ctypes.c_wchar_p),
        ("lpszFileName", ctypes.c_wchar_p),
        ("lpFileType", ctypes.c_void_p),
    )


class MapiMessageW(ctypes.Structure):
    """The message (``MapiMessageW``)."""

    _fields_ = (
        ("ulReserved", ULONG),
        ("lpszSubject", ctypes.c_wchar_p),
        ("lpszNoteText", ctypes.c_wchar_p),
        ("lpszMessageType", ctypes.c_wchar_p),
        ("lpszDateReceived", ctypes.c_wchar_p),
        ("lpszConversationID", ctypes.c_wchar_p),
        ("flFlags", ULONG),
        ("lpOriginator", ctypes.POINTER(MapiRecipDescW)),
        ("nRecipCount", ULONG),
        ("lpRecips", ctypes.POINTER(MapiRecipDescW)),
        ("nFileCount", ULONG),
        ("lpFiles", ctypes.POINTER(MapiFileDescW)),
    )


class Outcome(enum.Enum):
    """What became of the hand-over."""

    HANDED_OVER = "the mail program has the message"
    CANCELLED = "the worker closed the message without sending"
    UNAVAILABLE = "no Simple MAPI mail program"
    REFUSED = "the mail program refused the message"


@dataclass(frozen=True)
class Message:
    """What the mail program's new-message window is filled with."""

    to: str
    subject: str
    body: str
    attachment: Path
    attachment_name: str


def load_library() -> Any | None:
    """The system's Simple MAPI library (``MAPI32.dll``), or None where there is none."""
    if sys.platform != "win32":
        return None
    try:  # pragma: no cover - Windows only
        return ctypes.WinDLL("mapi32.dll")
    except OSError:  # pragma: no cover - Windows only
        return None


def send_with_dialog(message: Message, library: Any | None) -> Outcome:
    """Open the mail program's new-message window with ``message`` filled in.

    Blocks until the worker sends or closes the message (call it off the UI thread).

    Args:
        message: the recipient, subject, text and the attachment file.
        library: the MAPI library (see :func:`load_library`), or a stand-in.

    Returns:
        The outcome; on ``UNAVAILABLE`` or ``REFUSED`` the caller uses the ``.eml`` draft.
    """
    if library is None:
        return Outcome.UNAVAILABLE
    try:
        send = library.MAPISendMailW
    except AttributeError:  # MAPI32.dll older than Windows 8 has only the ANSI call
        return Outcome.UNAVAILABLE
    with contextlib.suppress(AttributeError, TypeError):  # a stand-in may not take them
        send.argtypes = (ULONG_PTR, ULONG_PTR, ctypes.POINTER(MapiMessageW), ULONG, ULONG)
        send.restype = ULONG
    recipient = MapiRecipDescW(0, MAPI_TO, message.to, f"SMTP:{message.to}", 0, None)
    attachment = MapiFileDescW(
        0, 0, _EVERY_POSITION, str(message.attachment), message.attachment_name, None
    )
    mapi_message = MapiMessageW(
        0,
        message.subject,
        message.body,
        None,
        None,
        None,
        0,
        None,
        1,
        ctypes.pointer(recipient),
        1,
        ctypes.pointer(attachment),
    )
    try:
        code = int(send(0, 0, ctypes.byref(mapi_message), MAPI_LOGON_UI | MAPI_DIALOG, 0))
    except OSError as error:  # the client crashed inside the call
        log.warning("Simple MAPI failed (%s)", type(error).__name__)
        return Outcome.REFUSED
    if code == SUCCESS_SUCCESS:
        return Outcome.HANDED_OVER
    if code == MAPI_USER_ABORT:
        return Outcome.CANCELLED
    log.info("Simple MAPI refused the message (code %d)", code)
    return Outcome.REFUSED
