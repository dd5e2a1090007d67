"""The NHS number and the UPN, checked where they are typed and wherever they come in.

The UPN's check letter is tested against the Department for Education's specification
(UK Government Data Standards Catalogue, "Unique Pupil Number" 2.0): the modulus 23
sum of the 12 characters after the letter, weighted by position from 2; 0 to 22 as
A to Z without I, O and S; a temporary UPN's final letter counted by the same table.
"""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from ce_desktop.domain.boundary import BoundaryError, assessment_from_json
from ce_desktop.domain.identifiers import (
    NHS_NUMBER_MESSAGE,
    UPN_LETTERS,
    UPN_MESSAGE,
    checked_nhs_number,
    checked_upn,
    format_nhs_number,
    upn_check_letter,
)
from ce_desktop.domain.migrations import migrate
from ce_desktop.domain.model import Assessment, Child
from tests.factories import CHILD_NHS_NUMBER, CHILD_UPN, full_assessment

VALID_NHS = "999 000 0018"  # weights 10 to 2: 90+81+72+2 = 245 = 22*11 + 3; 11 - 3 = 8
WRONG_CHECK_DIGIT = "999 000 0019"
CHECK_DIGIT_TEN = "9991234560"  # the sum leaves a check digit of 10: never issued


def test_the_letters_are_the_specifications_23() -> None:
    assert len(UPN_LETTERS) == 23
    assert not set("IOS") & set(UPN_LETTERS)
    assert (UPN_LETTERS[0], UPN_LETTERS[7], UPN_LETTERS[8], UPN_LETTERS[22]) == ("A", "H", "J", "Z")


def test_the_check_letter_is_the_weighted_sum_modulo_23() -> None:
    # Positions 2 to 13 hold 8 0 1 2 0 0 0 0 5 0 0 1: 2*8 + 4*1 + 5*2 + 10*5 + 13*1 = 93,
    # and 93 = 4 * 23 + 1: the check letter is the table's 1, B.
    digits = "801200005001"
    total = sum(weight * int(d) for weight, d in enumerate(digits, start=2))
    assert total == 93
    assert upn_check_letter("B" + digits) == UPN_LETTERS[total % 23] == "B"


@pytest.mark.parametrize("upn", ["B801200005001", "b801200005001", "B 8012 0000 5001", CHILD_UPN])
def test_a_permanent_upn_with_its_check_letter_is_kept_in_capitals(upn: str) -> None:
    assert checked_upn(upn) == upn.upper().replace(" ", "")


def test_a_temporary_upn_ends_in_a_letter_counted_by_the_table() -> None:
    body = "99900002600A"  # the final A counts 0
    letter = upn_check_letter("?" + body)
    assert checked_upn(letter + body) == letter + body
    assert letter == UPN_LETTERS[sum(w * int(d) for w, d in enumerate(body[:-1], 2)) % 23]


@pytest.mark.parametrize(
    "upn",
    [
        "A801200005001",  # wrong check letter
        "I801200005001",  # I is never a check letter
        "B80120000500",  # 12 characters
        "B8012000050011",  # 14 characters
        "B80120000A001",  # a letter in the middle
        "B80120000500S",  # S is never the final letter
        "1801200005001",  # no letter first
    ],
)
def test_a_upn_that_fails_the_specification_is_refused(upn: str) -> None:
    with pytest.raises(ValueError, match="Enter a real UPN"):
        checked_upn(upn)


def test_an_nhs_number_with_its_check_digit_is_kept_as_ten_digits() -> None:
    assert checked_nhs_number(VALID_NHS) == "9990000018"
    assert checked_nhs_number("999-000-0018") == "9990000018"
    assert checked_nhs_number("943 476 5919") == "9434765919"  # the message's example
    assert format_nhs_number("9990000018") == "999 000 0018"
    assert checked_nhs_number("  ") == ""


@pytest.mark.parametrize("number", [WRONG_CHECK_DIGIT, CHECK_DIGIT_TEN, "99900000", "999000001A"])
def test_an_nhs_number_that_fails_its_check_is_refused(number: str) -> None:
    with pytest.raises(ValueError, match="Enter a real NHS number"):
        checked_nhs_number(number)


def test_the_messages_never_hold_the_number() -> None:
    for message in (NHS_NUMBER_MESSAGE, UPN_MESSAGE):
        assert "999" not in message
    with pytest.raises(ValidationError) as raised:
        Child(nhs_number=WRONG_CHECK_DIGIT)
    assert "0019" not in str(raised.value)


def test_the_model_keeps_only_checked_numbers() -> None:
    child = Child(nhs_number=VALID_NHS, upn="b801200005001", person_id="Mosaic 12-AB")
    assert (child.nhs_number, child.upn, child.person_id) == (
        "9990000018",
        "B801200005001",
        "Mosaic 12-AB",
    )
    with pytest.raises(ValidationError):
        child.upn = "A801200005001"


def _interchange(**child: str) -> str:
    document = json.loads(full_assessment().model_dump_json())
    document["child"].update(child)
    return json.dumps(document)


def test_an_import_with_valid_identifiers_keeps_them() -> None:
    imported = assessment_from_json(_interchange(nhs_number=VALID_NHS, upn="B801200005001"))
    assert imported.child.nhs_number == "9990000018"
    assert imported.child.upn == "B801200005001"


@pytest.mark.parametrize(
    ("field", "number", "words"),
    [("nhs_number", WRONG_CHECK_DIGIT, "NHS number"), ("upn", "A801200005001", "UPN")],
)
def test_an_import_with_a_wrong_identifier_is_refused_with_its_place(
    field: str, number: str, words: str
) -> None:
    with pytest.raises(BoundaryError) as refused:
        assessment_from_json(_interchange(**{field: number}))
    problems = refused.value.problems
    assert [p.path for p in problems] == [f"child.{field}"]
    assert words in problems[0].message
    assert number not in str(refused.value)


def test_a_format_1_file_migrates_with_no_identifiers_yet() -> None:
    document = json.loads(full_assessment().model_dump_json())
    document["format_version"] = 1
    for name in ("person_id", "nhs_number", "upn"):
        del document["child"][name]
    migrated = Assessment.model_validate(migrate(document))
    assert (migrated.child.person_id, migrated.child.nhs_number, migrated.child.upn) == ("", "", "")
    assert migrated.child.name == full_assessment().child.name
    assert full_assessment().child.nhs_number == CHILD_NHS_NUMBER
