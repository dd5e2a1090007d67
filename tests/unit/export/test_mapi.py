"""Simple MAPI: the message handed over, each outcome, and the fallbacks (a stand-in DLL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ce_desktop.export import mapi
from ce_desktop.export.handover import hand_over
from ce_desktop.storage import outbox
from ce_desktop.storage.outbox import outbox_dir

MASH = "duty.team@example.gov.uk"


class StandInMapi:
    """Records what ``MAPISendMailW`` was given and answers with ``code``."""

    def __init__(self, code: int = mapi.SUCCESS_SUCCESS) -> None:
        self.code = code
        self.calls: list[dict[str, Any]] = []

    def MAPISendMailW(self, session: int, ui: int, message: Any, flags: int, reserved: int) -> int:
        sent = message._obj
        files = sent.lpFiles[0]
        self.calls.append(
            {
                "session": session,
                "flags": flags,
                "subject": sent.lpszSubject,
                "body": sent.lpszNoteText,
                "recipients": sent.nRecipCount,
                "to": sent.lpRecips[0].lpszAddress,
                "class": sent.lpRecips[0].ulRecipClass,
                "path": files.lpszPathName,
                "name": files.lpszFileName,
                "attached": Path(files.lpszPathName).read_bytes(),
            }
        )
        return self.code


def _message(tmp_path: Path) -> mapi.Message:
    attachment = tmp_path / "a.pdf"
    attachment.write_bytes(b"%PDF-1.7 fictional")
    return mapi.Message(MASH, "CE Risk Assessment CE-1", "Hello,", attachment, "CE-1.pdf")


def test_the_message_is_handed_over_with_its_dialog(tmp_path: Path) -> None:
    library = StandInMapi()
    assert mapi.send_with_dialog(_message(tmp_path), library) is mapi.Outcome.HANDED_OVER
    [call] = library.calls
    assert call["flags"] == mapi.MAPI_DIALOG | mapi.MAPI_LOGON_UI
    assert call["session"] == 0
    assert call["to"] == f"SMTP:{MASH}"
    assert call["class"] == mapi.MAPI_TO
    assert call["recipients"] == 1
    assert call["subject"] == "CE Risk Assessment CE-1"
    assert call["name"] == "CE-1.pdf"
    assert call["attached"] == b"%PDF-1.7 fictional"


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        (mapi.MAPI_USER_ABORT, mapi.Outcome.CANCELLED),
        (2, mapi.Outcome.REFUSED),  # MAPI_E_FAILURE
        (3, mapi.Outcome.REFUSED),  # MAPI_E_LOGIN_FAILURE
        (26, mapi.Outcome.REFUSED),  # MAPI_E_NOT_SUPPORTED
    ],
)
def test_each_answer_of_the_mail_program(tmp_path: Path, code: int, outcome: mapi.Outcome) -> None:
    assert mapi.send_with_dialog(_message(tmp_path), StandInMapi(code)) is outcome


def test_no_library_or_no_wide_call_is_unavailable(tmp_path: Path) -> None:
    assert mapi.send_with_dialog(_message(tmp_path), None) is mapi.Outcome.UNAVAILABLE
    assert mapi.send_with_dialog(_message(tmp_path), object()) is mapi.Outcome.UNAVAILABLE
    assert mapi.load_library() is None  # not Windows: the .eml draft is used


def test_a_crash_inside_the_mail_program_is_refused(tmp_path: Path) -> None:
    class Crashing:
        def MAPISendMailW(self, *_args: object) -> int:
            raise OSError("exception: access violation")

    assert mapi.send_with_dialog(_message(tmp_path), Crashing()) is mapi.Outcome.REFUSED


def _hand(tmp_path: Path, library: Any) -> Any:
    return hand_over(
        b"%PDF-1.7 fictional",
        reference="CE-20260302-7KQ4",
        to=MASH,
        sent_on=__import__("datetime").date(2026, 3, 2),
        protected=True,
        mapi_library=library,
        write_file=lambda name, data: outbox.write(tmp_path / "data", name, data),
        remove_file=outbox.remove,
    )


def test_a_handed_over_message_leaves_no_file(tmp_path: Path) -> None:
    library = StandInMapi()
    handed = _hand(tmp_path, library)
    assert handed.outcome is mapi.Outcome.HANDED_OVER
    assert handed.draft is None
    [call] = library.calls
    assert Path(call["path"]).parent == outbox_dir(tmp_path / "data")
    assert "password" in call["body"]
    assert list(outbox_dir(tmp_path / "data").iterdir()) == []


@pytest.mark.parametrize("library", [None, StandInMapi(2)])
def test_without_mapi_the_eml_draft_is_used(tmp_path: Path, library: Any) -> None:
    handed = _hand(tmp_path, library)
    assert handed.draft is not None
    assert handed.draft.suffix == ".eml"
    assert b"X-Unsent: 1" in handed.draft.read_bytes()
    assert [p.name for p in outbox_dir(tmp_path / "data").iterdir()] == [handed.draft.name]


def test_a_cancelled_message_is_not_drafted_again(tmp_path: Path) -> None:
    handed = _hand(tmp_path, StandInMapi(mapi.MAPI_USER_ABORT))
    assert handed.outcome is mapi.Outcome.CANCELLED
    assert handed.draft is None
    assert list(outbox_dir(tmp_path / "data").iterdir()) == []
