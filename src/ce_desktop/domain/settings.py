"""The worker's own settings: who they are, where assessments go, when to lock."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ce_desktop.domain.defaults import (
    DEFAULT_CHASE_DAYS,
    DEFAULT_IDLE_MINUTES,
    DEFAULT_MASH_ADDRESS,
    MAX_CHASE_DAYS,
    MAX_IDLE_MINUTES,
    MIN_CHASE_DAYS,
    MIN_IDLE_MINUTES,
)
from ce_desktop.domain.model import FormModel

__all__ = [
    "DEFAULT_IDLE_MINUTES",
    "DEFAULT_MASH_ADDRESS",
    "MAX_IDLE_MINUTES",
    "MIN_IDLE_MINUTES",
    "SETTINGS_FORMAT_VERSION",
    "Settings",
]


SETTINGS_FORMAT_VERSION = 3
"""The settings format this release writes; a newer one is kept, never replaced.

2: ``export_folder`` (the folder last chosen in a save dialog).
3: ``chase_working_days`` (when the case list says "Chase the MASH").
"""


class Settings(FormModel):
    """Settings kept in the encrypted vault beside the assessments.

    Attributes:
        worker_name: prefills "Name of person completing".
        agency: prefills "Agency".
        contact_details: prefills "Contact details".
        mash_address: where "Email to Social Care" addresses the draft.
        idle_minutes: minutes of inactivity before the app locks itself.
        export_folder: the folder last chosen in a save dialog ("" before the first).
        chase_working_days: working days after a sending with no acknowledgement or
            decision before the case list says "Chase the MASH".
    """

    format_version: int = SETTINGS_FORMAT_VERSION
    worker_name: str = ""
    agency: str = ""
    contact_details: str = ""
    mash_address: str = DEFAULT_MASH_ADDRESS
    idle_minutes: Annotated[int, Field(ge=MIN_IDLE_MINUTES, le=MAX_IDLE_MINUTES)] = (
        DEFAULT_IDLE_MINUTES
    )
    export_folder: str = ""
    chase_working_days: Annotated[int, Field(ge=MIN_CHASE_DAYS, le=MAX_CHASE_DAYS)] = (
        DEFAULT_CHASE_DAYS
    )
