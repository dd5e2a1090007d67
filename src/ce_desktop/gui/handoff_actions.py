"""The window's hand-off to the MASH: "Record a sending" and "Record the MASH's
response" (issue 13), through the same use cases as the command line.

The dialogs are attributes that tests replace (as in ``action_support``):
``sending_asker(defaults) -> SendingAnswer | None`` and
``response_asker(now, earliest, reference) -> Response | None``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ce_desktop.domain.lifecycle import LifecycleError
from ce_desktop.domain.model import SendingMethod, Status
from ce_desktop.gui import handoff_dialogs
from ce_desktop.gui.action_support import ActionSupport
from ce_desktop.storage.errors import StorageError
from ce_desktop.usecases import handoff


class HandOffActions(ActionSupport):
    """Record a sending and the MASH's response for the open assessment."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sending_asker: Callable[
            [handoff_dialogs.SendingDefaults], handoff_dialogs.SendingAnswer | None
        ] = lambda defaults: self.dialogs.ask_sending(defaults)
        self.response_asker: Callable[..., handoff.Response | None] = lambda *args: (
            self.dialogs.ask_response(*args)
        )

    def record_sending(self, how: SendingMethod | None = None) -> None:
        """Record when, how, to whom and by whom the final assessment was sent."""
        title = "Record a sending"
        assessment = self._ready_assessment(title)
        if assessment is None:
            return
        if assessment.status is Status.DRAFT:
            self.dialogs.inform(title, FINALISE_FIRST)
            return
        vault = self._vault()
        if vault is None:
            return
        settings = self._settings()
        defaults = handoff_dialogs.SendingDefaults(
            how=how,
            to=settings.mash_address,
            by=settings.worker_name,
            now=self.now(),
            earliest=assessment.finalised_at,
        )
        answer = self.sending_asker(defaults)
        if answer is None:
            self.message.emit("No sending was recorded.")
            return
        try:
            sent = handoff.record_sending(
                vault,
                assessment,
                how=answer.how,
                to=answer.to,
                by=answer.by,
                at=answer.at,
                now=self.now(),
            )
        except (LifecycleError, StorageError) as error:
            self.dialogs.warn(title, f"The sending was not recorded. {error}")
            return
        self.assessment_changed.emit(sent)
        self.message.emit("Sending recorded: the case list shows it awaiting the MASH.")

    def record_response(self) -> None:
        """Record the MASH's acknowledgement, decision (with a note) or reference."""
        title = "Record the MASH's response"
        assessment = self._ready_assessment(title)
        if assessment is None:
            return
        if assessment.status is not Status.SENT:
            self.dialogs.inform(title, _SEND_FIRST)
            return
        vault = self._vault()
        if vault is None:
            return
        response = self.response_asker(
            self.now(), assessment.sent_at, assessment.handoff.mash_reference
        )
        if response is None:
            self.message.emit("Nothing was recorded.")
            return
        try:
            answered = handoff.record_response(vault, assessment, response, now=self.now())
        except (LifecycleError, StorageError) as error:
            self.dialogs.warn(title, f"The response was not recorded. {error}")
            return
        self.assessment_changed.emit(answered)
        self.message.emit("The MASH's response was recorded.")

    def offer_record_sending(self) -> None:
        """After an email: offer to record the sending (the worker may not have sent it)."""
        current = self._assessment()
        if current is None:
            return
        if current.status is Status.DRAFT:
            self.dialogs.inform("Email to Social Care", FINALISE_FIRST)
            return
        if self.dialogs.confirm(
            "Email to Social Care",
            "When you have sent the email, record the sending. This records when and to "
            "whom it went, and clears the 24-hour send-by reminder.",
            "Record a sending",
        ):
            self.record_sending(SendingMethod.EMAIL)


FINALISE_FIRST = (
    "This assessment is a draft. Finalise it on the Check and finish page before you "
    "send it to Children's Social Care. Only a final assessment can be recorded as sent."
)
_SEND_FIRST = (
    "This assessment has not been recorded as sent. Record the sending first (File, "
    "Record a sending), then the MASH's response to it."
)
