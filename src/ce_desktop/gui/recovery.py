"""Offer back the work a crash left behind (PRODUCT §5.4).

When the app stops in the middle of a save, the newer version can survive as a
temporary file. The vault checks each one at unlock; those that decrypt and are newer
than the saved file are offered here, one question each. Nothing is recovered, or
thrown away, without the worker saying so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ce_desktop.domain.derived import format_day_and_time
from ce_desktop.storage.assessments import RecoverableDraft
from ce_desktop.storage.errors import StorageError
from ce_desktop.storage.vault import Vault

log = logging.getLogger(__name__)

Ask = Callable[[RecoverableDraft], bool | None]
"""True: recover it; False: discard it; None: decide later (it is offered again).
The window asks through ``Dialogs.ask_recover`` with :func:`question`'s words."""


def question(draft: RecoverableDraft) -> str:
    """The plain question for one draft (the reference only: never a field value)."""
    when = format_day_and_time(draft.saved_at)
    return (
        f"CE Desktop closed unexpectedly while saving assessment {draft.reference}. "
        f"A newer version from {when} was kept safe.\n\n"
        "Recover it? If you choose Discard, the last saved version stays as it is."
    )


def offer_recovered_drafts(vault: Vault, ask: Ask) -> tuple[list[str], list[str]]:
    """Ask about each draft the vault found; recover or discard as the worker says.

    Returns:
        The ids recovered, and plain messages about any that could not be.
    """
    recovered: list[str] = []
    problems: list[str] = []
    for draft in vault.recoverable_drafts():
        answer = ask(draft)
        if answer is None:
            continue
        try:
            if answer:
                vault.recover_draft(draft.assessment_id)
                recovered.append(draft.assessment_id)
            else:
                vault.discard_draft(draft.assessment_id)
        except (StorageError, OSError) as error:
            log.warning("A recovered draft could not be saved (%s)", type(error).__name__)
            problems.append(f"Assessment {draft.reference} could not be recovered: {error}")
    return recovered, problems
