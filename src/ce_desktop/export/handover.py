"""Giving the email to the mail program: Simple MAPI first, the ``.eml`` draft otherwise.

Both ways write only to the private outbox (:mod:`ce_desktop.storage.outbox`, given
here as ``write_file`` and ``remove_file``: export and storage stay independent). With
Simple MAPI the PDF is written there, attached to the mail program's new-message
window, and removed as soon as the call returns (the mail program has copied it into
the message). Without it, the ``.eml`` draft is written there for the mail program to
open; the caller removes it a little later. Runs off the UI thread: the MAPI call
lasts as long as the worker's new-message window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ce_desktop.export import email as email_draft
from ce_desktop.export import mapi


@dataclass(frozen=True)
class HandOver:
    """What became of the email.

    Attributes:
        outcome: the Simple MAPI outcome (``UNAVAILABLE`` or ``REFUSED`` when the
            draft was used instead).
        draft: the ``.eml`` draft in the outbox, to open and then remove; None when
            Simple MAPI took the message (or the worker cancelled it there).
    """

    outcome: mapi.Outcome
    draft: Path | None


def hand_over(
    pdf: bytes,
    *,
    reference: str,
    to: str,
    sent_on: date,
    protected: bool,
    mapi_library: Any | None,
    write_file: Callable[[str, bytes], Path],
    remove_file: Callable[[Path], None],
) -> HandOver:
    """Hand the email with ``pdf`` attached to the mail program.

    Args:
        pdf: the exported PDF, protected or not.
        reference, to, sent_on, protected: as for the ``.eml`` draft.
        mapi_library: the Simple MAPI library, a stand-in, or None (no MAPI).
        write_file: writes (name, bytes) to the private outbox and returns the path.
        remove_file: removes an outbox file.

    Raises:
        Whatever ``write_file`` raises (the storage layer's ``SaveFailed``).
    """
    if mapi_library is not None:
        attachment_name = email_draft.pdf_file_name(reference)
        attachment = write_file(attachment_name, pdf)
        try:
            outcome = mapi.send_with_dialog(
                mapi.Message(
                    to=to,
                    subject=email_draft.email_subject(reference, sent_on),
                    body=email_draft.email_body(reference, protected=protected),
                    attachment=attachment,
                    attachment_name=attachment_name,
                ),
                mapi_library,
            )
        finally:
            remove_file(attachment)
        if outcome in {mapi.Outcome.HANDED_OVER, mapi.Outcome.CANCELLED}:
            return HandOver(outcome, None)
    else:
        outcome = mapi.Outcome.UNAVAILABLE
    draft = email_draft.build_email_draft(
        pdf=pdf, reference=reference, to=to, sent_on=sent_on, protected=protected
    )
    path = write_file(email_draft.email_file_name(reference), draft)
    return HandOver(outcome, path)
