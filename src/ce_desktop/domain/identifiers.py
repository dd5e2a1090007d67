"""The identifiers a case system matches a child on: NHS number and UPN, checked.

A MASH re-types a referral into its case system and matches the child by the
council's person id (free text, each council its own), the NHS number or the pupil's
Unique Pupil Number. A mistyped number matches nobody, or the wrong child, so both
numbers are checked where they are typed and wherever an assessment comes in:

* the NHS number by its modulus 11 check digit (the ``nhs-number`` package);
* the UPN by its check letter, as the Department for Education specifies it.

Each check returns the number as it is kept (the NHS number's ten digits, the UPN in
capitals, without spaces), or raises ``ValueError`` with a message that never holds
the number itself.
"""

from __future__ import annotations

import re
from typing import Final

from nhs_number.validate import is_valid as nhs_number_is_valid

NHS_NUMBER_MESSAGE: Final = (
    "Enter a real NHS number: 10 digits, for example 943 476 5919, whose last digit "
    "is its check digit"
)
UPN_MESSAGE: Final = (
    "Enter a real UPN: a check letter then 12 characters, for example "
    "H801200001001, as the school gives it"
)

_SEPARATORS = re.compile(r"[\s-]+")
_NHS_DIGITS = re.compile(r"^\d{10}$")

UPN_LETTERS: Final = "ABCDEFGHJKLMNPQRTUVWXYZ"
"""The Department for Education's letters, A=0 to Z=22 (no I, O or S)."""
_UPN_FORM = re.compile(rf"^[{UPN_LETTERS}]\d{{11}}[\d{UPN_LETTERS}]$")


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text)


def checked_nhs_number(text: str) -> str:
    """The NHS number as kept (ten digits), or "" when none is given.

    Spaces and dashes between the digits are allowed (``943 476 5919``).

    Raises:
        ValueError: not ten digits, or the check digit does not match.
    """
    digits = _compact(text)
    if not digits:
        return ""
    if not _NHS_DIGITS.match(digits) or not nhs_number_is_valid(digits):
        raise ValueError(NHS_NUMBER_MESSAGE)
    return digits


def upn_check_letter(upn: str) -> str:
    """The check letter of a UPN's last 12 characters (DfE: modulus 23, weights 2 to 13).

    A temporary UPN ends in a letter, counted as its place in ``UPN_LETTERS``.
    """
    total = 0
    for weight, character in enumerate(upn[-12:], start=2):
        value = int(character) if character.isdigit() else UPN_LETTERS.index(character)
        total += weight * value
    return UPN_LETTERS[total % 23]


def checked_upn(text: str) -> str:
    """The UPN as kept (13 characters in capitals), or "" when none is given.

    Raises:
        ValueError: not a check letter, 11 digits and a digit or letter, or the check
            letter does not match.
    """
    upn = _compact(text).upper()
    if not upn:
        return ""
    if not _UPN_FORM.match(upn) or upn_check_letter(upn) != upn[0]:
        raise ValueError(UPN_MESSAGE)
    return upn


def format_nhs_number(digits: str) -> str:
    """An NHS number as people write it: ``943 476 5919``."""
    if not _NHS_DIGITS.match(digits):
        return digits
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
