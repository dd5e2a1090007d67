"""Search text folding: case, accents and letters with no decomposition."""

from __future__ import annotations

import pytest

from ce_desktop.domain.search import fold, matches

NAME = "Zoë Łukasiewicz"


@pytest.mark.parametrize("query", ["lukasiewicz", "zoe", "ZOË", "Zoe Luka", "ŁUKASIEWICZ"])
def test_a_name_is_found_without_its_accents_or_case(query: str) -> None:
    assert matches(query, NAME)


@pytest.mark.parametrize(
    ("written", "typed"),
    [("Søren", "soren"), ("Đorđe", "dorde"), ("Strauß", "strauss"), ("Æsa", "aesa")],
)
def test_letters_without_a_decomposition_fold_to_what_is_typed(written: str, typed: str) -> None:
    assert fold(written) == typed


def test_words_are_found_in_any_order_and_a_stranger_is_not() -> None:
    assert matches("łukasiewicz zoë", NAME)
    assert not matches("zoe smith", NAME)


def test_an_empty_query_matches_everything() -> None:
    assert matches("", NAME)
    assert matches("   ", NAME)
