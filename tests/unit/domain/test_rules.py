"""The toolkit's rules at their boundaries (PRODUCT §4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ce_desktop.domain import lifecycle
from ce_desktop.domain.catalogue import Catalogue, default_catalogue
from ce_desktop.domain.model import (
    Assessment,
    IndicatorEntry,
    RiskLevel,
    Threshold,
    YesNoNotKnown,
)
from ce_desktop.domain.rules import (
    Finding,
    Severity,
    add_months,
    blocking,
    can_finalise,
    check,
    latest_review_date,
    suggested_level,
    unjustified_warnings,
)

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
COMPLETED = date(2026, 11, 29)  # the same day as NOW: not yet 24 hours


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


def born_aged(years: int, on: date = COMPLETED) -> date:
    """A date of birth that makes the child exactly ``years`` old on ``on`` (a birthday)."""
    return on.replace(year=on.year - years)


def valid_assessment(age: int = 14, send: YesNoNotKnown = YesNoNotKnown.NO) -> Assessment:
    """An assessment that passes every rule: the base each test changes one thing in."""
    a = Assessment.new(today=COMPLETED, now=NOW)
    a.child.name = "Fictional Child"
    a.child.date_of_birth = born_aged(age)
    a.child.send = send
    a.details.date_completed = COMPLETED
    a.details.consent.young_person = YesNoNotKnown.YES
    a.indicators["grooming"] = IndicatorEntry(
        identified=True, level=RiskLevel.SIGNIFICANT, narrative="Fictional narrative."
    )
    a.analysis.level_of_risk = RiskLevel.SIGNIFICANT
    a.analysis.threshold = Threshold.CHILD_IN_NEED
    a.analysis.rationale = "Fictional rationale."
    a.intended_action.next_review_date = add_months(COMPLETED, 3)
    return a


def findings_of(a: Assessment, catalogue: Catalogue, rule_id: str) -> list[Finding]:
    return [f for f in check(a, catalogue, now=NOW) if f.rule_id == rule_id]


def test_the_valid_base_has_no_errors_or_warnings(catalogue: Catalogue) -> None:
    found = check(valid_assessment(), catalogue, now=NOW)
    assert [f for f in found if f.severity is not Severity.INFO] == []
    assert can_finalise(valid_assessment(), found)


# §4.1 and §4.2: age and SEND -------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "send", "expected"),
    [
        (17, YesNoNotKnown.NO, None),
        (18, YesNoNotKnown.NO, Severity.WARNING),
        (18, YesNoNotKnown.YES, None),
        (24, YesNoNotKnown.NO, Severity.WARNING),
        (24, YesNoNotKnown.YES, None),
        (25, YesNoNotKnown.YES, Severity.ERROR),
        (25, YesNoNotKnown.NO, Severity.ERROR),
        (24, YesNoNotKnown.NOT_KNOWN, Severity.WARNING),
    ],
)
def test_age_in_scope_boundaries(
    catalogue: Catalogue, age: int, send: YesNoNotKnown, expected: Severity | None
) -> None:
    found = findings_of(valid_assessment(age, send), catalogue, "age_in_scope")
    assert [f.severity for f in found] == ([] if expected is None else [expected])


def test_age_is_counted_at_the_date_completed_not_today(catalogue: Catalogue) -> None:
    a = valid_assessment(age=17)
    a.child.date_of_birth = COMPLETED.replace(year=COMPLETED.year - 18) + timedelta(days=1)
    assert findings_of(a, catalogue, "age_in_scope") == []  # 17 on the day completed


def test_missing_date_of_birth_is_an_error(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.child.date_of_birth = None
    (finding,) = findings_of(a, catalogue, "age_in_scope")
    assert finding.severity is Severity.ERROR
    assert finding.path == "child.date_of_birth"


@pytest.mark.parametrize(("age", "has_info"), [(17, False), (18, True), (24, True)])
def test_adult_routes_guidance_from_18(catalogue: Catalogue, age: int, has_info: bool) -> None:
    found = findings_of(valid_assessment(age, YesNoNotKnown.YES), catalogue, "adult_routes")
    assert bool(found) is has_info
    assert all(f.severity is Severity.INFO for f in found)


# §4.3: under 13 or SEND, Emerging ---------------------------------------------------


@pytest.mark.parametrize(("age", "warned"), [(12, True), (13, False)])
def test_under_13_at_emerging_needs_thorough_assessment(
    catalogue: Catalogue, age: int, warned: bool
) -> None:
    a = valid_assessment(age)
    a.analysis.level_of_risk = RiskLevel.EMERGING
    a.indicators["grooming"] = IndicatorEntry(
        identified=True, level=RiskLevel.EMERGING, narrative="Fictional."
    )
    assert bool(findings_of(a, catalogue, "young_or_send_emerging")) is warned


def test_send_at_minimal_needs_confirmation_and_protective_factors(catalogue: Catalogue) -> None:
    a = valid_assessment(age=15, send=YesNoNotKnown.YES)
    a.indicators = {}
    a.analysis.level_of_risk = RiskLevel.MINIMAL
    (finding,) = findings_of(a, catalogue, "young_or_send_emerging")
    assert finding.severity is Severity.WARNING
    a.analysis.thorough_assessment_confirmed = True
    assert findings_of(a, catalogue, "young_or_send_emerging")  # protective factors missing
    a.analysis.protective_factors = "Fictional protective factors."
    assert findings_of(a, catalogue, "young_or_send_emerging") == []


def test_young_child_at_significant_is_not_warned(catalogue: Catalogue) -> None:
    assert findings_of(valid_assessment(age=12), catalogue, "young_or_send_emerging") == []


# §4.4 and §4.5 ----------------------------------------------------------------------


def test_identified_indicator_needs_narrative_and_level(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.indicators["self_harm"] = IndicatorEntry(identified=True)
    found = findings_of(a, catalogue, "indicator_complete")
    assert {f.path for f in found} == {
        "indicators.self_harm.level",
        "indicators.self_harm.narrative",
    }
    assert all(f.severity is Severity.ERROR for f in found)
    assert catalogue.indicator("self_harm").title in found[0].message


def test_unticked_indicator_with_text_is_not_an_error(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.indicators["self_harm"] = IndicatorEntry(identified=False, narrative="Notes kept.")
    assert findings_of(a, catalogue, "indicator_complete") == []


def test_level_threshold_and_rationale_are_required(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.analysis.level_of_risk = None
    a.analysis.threshold = None
    a.analysis.rationale = "   "
    paths = {f.path for f in findings_of(a, catalogue, "level_and_rationale")}
    assert paths == {"analysis.level_of_risk", "analysis.threshold", "analysis.rationale"}
    assert not can_finalise(a, check(a, catalogue, now=NOW))


# §4.6 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "referral"),
    [
        (RiskLevel.EMERGING, False),
        (RiskLevel.SIGNIFICANT, True),
        (RiskLevel.EXPERIENCING, True),
    ],
)
def test_referral_guidance_at_significant_and_above(
    catalogue: Catalogue, level: RiskLevel, referral: bool
) -> None:
    a = valid_assessment()
    a.analysis.level_of_risk = level
    found = findings_of(a, catalogue, "referral")
    assert bool(found) is referral
    if found:
        assert "24 hours" in found[0].message
        assert found[0].severity is Severity.INFO


# §4.7: review date ------------------------------------------------------------------


def test_review_exactly_three_months_on_is_allowed_one_day_later_is_not(
    catalogue: Catalogue,
) -> None:
    a = valid_assessment()
    a.details.date_completed = date(2026, 11, 27)
    a.intended_action.next_review_date = date(2027, 2, 27)
    assert findings_of(a, catalogue, "review_date") == []
    a.intended_action.next_review_date = date(2027, 2, 28)
    (finding,) = findings_of(a, catalogue, "review_date")
    assert finding.severity is Severity.ERROR
    assert "27/02/2027" in finding.message


def test_three_months_from_the_end_of_a_month_clamps_to_month_end() -> None:
    assert latest_review_date(date(2026, 11, 30)) == date(2027, 2, 28)
    assert latest_review_date(date(2027, 11, 30)) == date(2028, 2, 29)
    assert latest_review_date(date(2026, 10, 31)) == date(2027, 1, 31)


def test_no_review_date_needs_a_rationale(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.intended_action.next_review_date = None
    assert [f.severity for f in findings_of(a, catalogue, "review_date")] == [Severity.ERROR]
    a.intended_action.no_review_rationale = "Fictional: the case is closing."
    assert findings_of(a, catalogue, "review_date") == []


def test_review_before_completion_is_an_error(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.intended_action.next_review_date = COMPLETED - timedelta(days=1)
    assert findings_of(a, catalogue, "review_date")


# §4.8: consent ----------------------------------------------------------------------


def test_consent_or_rationale_is_a_warning(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.details.consent.young_person = YesNoNotKnown.NO
    (finding,) = findings_of(a, catalogue, "consent")
    assert finding.severity is Severity.WARNING
    a.details.consent.rationale_without_consent = "Fictional rationale for sharing."
    assert findings_of(a, catalogue, "consent") == []


def test_parent_consent_is_enough(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.details.consent.young_person = YesNoNotKnown.NOT_KNOWN
    a.details.consent.parent_carer = YesNoNotKnown.YES
    assert findings_of(a, catalogue, "consent") == []


# §4.9: suggested level --------------------------------------------------------------


def identify(a: Assessment, keys: list[str], level: RiskLevel) -> None:
    for key in keys:
        a.indicators[key] = IndicatorEntry(identified=True, level=level, narrative="Fictional.")


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, RiskLevel.MINIMAL),
        (1, RiskLevel.EMERGING),
        (2, RiskLevel.EMERGING),
        (3, RiskLevel.SIGNIFICANT),
        (5, RiskLevel.SIGNIFICANT),
        (6, RiskLevel.EXPERIENCING),
    ],
)
def test_suggested_level_follows_the_count_bands(
    catalogue: Catalogue, count: int, expected: RiskLevel
) -> None:
    a = valid_assessment()
    a.indicators = {}
    identify(a, catalogue.indicator_ids()[:count], RiskLevel.EMERGING)
    assert suggested_level(a, catalogue) is expected


def test_suggested_level_takes_the_highest_indicator_level(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.indicators = {}
    identify(a, ["abduction"], RiskLevel.EXPERIENCING)
    assert suggested_level(a, catalogue) is RiskLevel.EXPERIENCING


def test_level_below_suggestion_needs_rationale(catalogue: Catalogue) -> None:
    a = valid_assessment()
    identify(a, ["abduction"], RiskLevel.EXPERIENCING)
    a.analysis.level_of_risk = RiskLevel.SIGNIFICANT
    a.analysis.rationale = ""
    (finding,) = findings_of(a, catalogue, "below_suggested")
    assert finding.severity is Severity.WARNING
    assert finding.path == "analysis.rationale"
    a.analysis.rationale = "Fictional: protective factors are strong."
    assert findings_of(a, catalogue, "below_suggested") == []


def test_level_at_or_above_suggestion_needs_nothing(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.analysis.rationale = ""
    a.analysis.level_of_risk = RiskLevel.EXPERIENCING
    assert findings_of(a, catalogue, "below_suggested") == []


# §4.10: dates -----------------------------------------------------------------------


def test_future_dates_and_reversed_period_are_errors(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.child.date_of_birth = NOW.date() + timedelta(days=1)
    a.details.period_from = date(2026, 11, 1)
    a.details.period_to = date(2026, 10, 1)
    paths = {f.path for f in findings_of(a, catalogue, "dates")}
    assert paths == {"child.date_of_birth", "details.period_from"}
    a = valid_assessment()
    a.details.date_completed = NOW.date() + timedelta(days=1)
    assert {f.path for f in findings_of(a, catalogue, "dates")} == {"details.date_completed"}


def test_a_date_in_the_wrong_century_is_an_error(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.details.date_completed = date(1926, 11, 27)
    assert any("year" in f.message for f in findings_of(a, catalogue, "dates"))


def test_same_day_period_is_fine(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.details.period_from = a.details.period_to = COMPLETED
    assert findings_of(a, catalogue, "dates") == []


# §4.11: 24 hours ---------------------------------------------------------------------


@pytest.mark.parametrize(("hours_ago", "warned"), [(23, False), (25, True)])
def test_final_not_sent_after_24_hours(catalogue: Catalogue, hours_ago: int, warned: bool) -> None:
    a = valid_assessment()
    finalised_at = NOW - timedelta(hours=hours_ago)
    a.details.date_completed = finalised_at.date()
    a.child.date_of_birth = born_aged(14, finalised_at.date())
    a.intended_action.next_review_date = add_months(finalised_at.date(), 3)
    final = lifecycle.finalise(a, catalogue, now=finalised_at)
    assert bool(findings_of(final, catalogue, "send_within_24h")) is warned
    sent = lifecycle.mark_sent(final, now=NOW)
    assert findings_of(sent, catalogue, "send_within_24h") == []


def test_draft_dated_two_days_ago_and_unsent_is_warned(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.details.date_completed = NOW.date() - timedelta(days=2)
    assert findings_of(a, catalogue, "send_within_24h")


# Finishing ----------------------------------------------------------------------------


def test_warnings_need_a_written_justification(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.details.consent.young_person = None
    found = check(a, catalogue, now=NOW)
    assert blocking(found) == []
    (warning,) = unjustified_warnings(a, found)
    assert not can_finalise(a, found)
    a.justifications[warning.key] = "  "
    assert not can_finalise(a, found)
    a.justifications[warning.key] = "Fictional: consent is being sought today."
    assert can_finalise(a, found)


def test_findings_list_errors_first(catalogue: Catalogue) -> None:
    a = valid_assessment(age=24)
    a.analysis.threshold = None
    severities = [f.severity for f in check(a, catalogue, now=NOW)]
    assert severities == sorted(
        severities, key=[Severity.ERROR, Severity.WARNING, Severity.INFO].index
    )


def test_a_draft_dated_yesterday_is_not_late_just_after_midnight(catalogue: Catalogue) -> None:
    a = valid_assessment()
    a.details.date_completed = NOW.date() - timedelta(days=1)
    just_after_midnight = datetime.combine(NOW.date(), datetime.min.time(), tzinfo=UTC)
    found = [
        f
        for f in check(a, catalogue, now=just_after_midnight + timedelta(minutes=10))
        if f.rule_id == "send_within_24h"
    ]
    assert found == []
    late = check(a, catalogue, now=just_after_midnight + timedelta(days=1, minutes=10))
    (finding,) = [f for f in late if f.rule_id == "send_within_24h"]
    assert "Finalise it and send it" in finding.message
