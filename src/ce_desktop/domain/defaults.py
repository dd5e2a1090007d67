"""The settings' defaults and bounds, as plain constants.

Kept apart from the settings model so that the unlock screen can use them without
loading pydantic and the form's model before it is shown.
"""

from __future__ import annotations

DEFAULT_MASH_ADDRESS = "CSMASH@surreycc.gov.uk"
DEFAULT_IDLE_MINUTES = 5
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 15
DEFAULT_CHASE_DAYS = 1
"""Working days the MASH has to acknowledge or decide (Working Together: one)."""
MIN_CHASE_DAYS = 1
MAX_CHASE_DAYS = 10
