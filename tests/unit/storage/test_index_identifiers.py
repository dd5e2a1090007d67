"""The case list's index carries the identifiers a search may be typed with."""

from __future__ import annotations

from ce_desktop.storage.index import AssessmentSummary
from tests.factories import full_assessment


def test_the_summary_holds_the_identifiers_bare_and_spaced() -> None:
    summary = AssessmentSummary.of(full_assessment())
    assert summary.identifiers.split() == [
        "FICT-000123",
        "9990000018",
        "999",
        "000",
        "0018",
        "M999000026001",
    ]
    assert AssessmentSummary.from_json(summary.to_json()) == summary


def test_an_index_entry_written_before_identifiers_reads_as_none() -> None:
    raw = AssessmentSummary.of(full_assessment()).to_json()
    del raw["identifiers"]
    assert AssessmentSummary.from_json(raw).identifiers == ""
