"""The hand-off log as typed data (issue 13): each sending of an assessment to the
MASH, the MASH's acknowledgements and decisions, and the MASH's reference.

The log is ``Assessment.handoff``, part of the interchange format (PRODUCT §8) but
outside the finalised content and its fingerprint. Recording in it, and saying when to
chase, is ``handoff``'s.
"""

from __future__ import annotations

from pydantic import Field

from ce_desktop.domain.fields import FormModel, Line, Moment, Text
from ce_desktop.domain.vocabulary import MashDecision, SendingMethod


class Sending(FormModel):
    """One sending of the assessment to the MASH: when, how, to whom, by whom."""

    at: Moment
    how: SendingMethod
    to: Line = ""
    by: Line = ""


class Acknowledgement(FormModel):
    """The MASH's acknowledgement of receipt: when, and who at the MASH."""

    at: Moment
    by: Line = ""


class Decision(FormModel):
    """The MASH's decision on next steps, with a note."""

    at: Moment
    outcome: MashDecision
    note: Text = ""


class HandOff(FormModel):
    """The hand-off log (issue 13): outside the finalised content and its fingerprint,
    so recording a sending or a response never changes what a paper copy matches."""

    sendings: list[Sending] = Field(default_factory=list)
    acknowledgements: list[Acknowledgement] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    mash_reference: Line = ""
