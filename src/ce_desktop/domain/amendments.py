"""Amendments: a later version of a final assessment, with its reason (issue 13).

A correction after finalising is never an edit of the final: "Amend" makes version 2
(then 3...) of the same assessment, named ``REF v2``, a draft copied from the final
that is finalised through the same checks. The original keeps its content and
fingerprint; only its audit trail grows (the entry names the new version). The new
version says which version it supersedes, with that version's fingerprint, and why;
its PDF says so on every page.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ce_desktop.domain.lifecycle import LifecycleError, draft_copy
from ce_desktop.domain.model import (
    Amendment,
    Assessment,
    AuditAction,
    AuditEvent,
    Status,
)

NO_REASON = "Give the reason for the amendment: it is printed on the amended version."
ONLY_A_FINAL = (
    "Only a final assessment can be amended. A draft is changed directly, and finalised "
    "when it is ready."
)

_VERSION_SUFFIX = re.compile(r" v\d+$")


def base_reference(reference: str) -> str:
    """The reference without its version (``CE-20260302-ABCD v2`` -> ``CE-...-ABCD``)."""
    return _VERSION_SUFFIX.sub("", reference)


def version_of(assessment: Assessment) -> int:
    """1 for an original, 2 or more for an amended version."""
    return assessment.amendment.version if assessment.amendment else 1


def notice(assessment: Assessment) -> str:
    """What every page of an amended version's PDF says ("" for an original)."""
    amendment = assessment.amendment
    if amendment is None:
        return ""
    return (
        f"Amended, version {amendment.version}: supersedes version {amendment.version - 1} "
        f"(fingerprint {amendment.supersedes_fingerprint})"
    )


def amend(
    final: Assessment, reason: str, *, today: date, now: datetime
) -> tuple[Assessment, Assessment]:
    """The original with the amendment in its trail, and the new version's draft.

    The new version is a copy of the final's whole content (the child, the answers,
    the reasons for warnings) as a draft, with a new id, for the same child and the
    same earlier assessment; its hand-off log starts empty (nothing of it was sent).

    Raises:
        LifecycleError: a draft, a final with no fingerprint, or no reason given.
    """
    if final.status is Status.DRAFT or final.fingerprint is None:
        raise LifecycleError(ONLY_A_FINAL)
    if not reason.strip():
        raise LifecycleError(NO_REASON)
    version = version_of(final) + 1
    amended = draft_copy(final, today=today, now=now)
    amended.reference = f"{base_reference(final.reference)} v{version}"
    amended.previous_id = final.previous_id
    amended.amendment = Amendment(
        version=version,
        supersedes_id=final.id,
        supersedes_fingerprint=final.fingerprint,
        reason=reason.strip(),
    )
    amended.audit = [
        AuditEvent(at=now, action=AuditAction.AMENDMENT_STARTED, detail=final.reference)
    ]
    original = final.model_copy(deep=True)
    original.record(AuditAction.AMENDED, amended.reference, at=now)
    return original, amended
