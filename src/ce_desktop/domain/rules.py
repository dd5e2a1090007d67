"""The toolkit's rules (PRODUCT §4) as named pure functions of an assessment.

Each rule takes the assessment, the catalogue and the current time, and returns
findings: what is wrong or worth knowing, how serious it is, and which field it is
about. Rules never block typing: the app runs them when the worker asks, or on
finishing. The indicators are a guide and never replace professional judgement
(the toolkit's own words), so the suggested level is advice, not a score.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.completeness import missing_answers
from ce_desktop.domain.derived import child_age, format_date, has_send, send_by, young_or_send
from ce_desktop.domain.form import Form, default_form
from ce_desktop.domain.model import Assessment, RiskLevel, Status, YesNoNotKnown

CHILD_AGE_LIMIT = 18
"""The toolkit covers children under 18 (Children Act 1989)..."""
SEND_AGE_LIMIT = 25
"""...and young people with SEND up to their 25th birthday."""
REVIEW_MONTHS = 3
EARLIEST_PLAUSIBLE_YEAR = 1900
EARLIEST_COMPLETION_YEAR = 2000


class Severity(StrEnum):
    """How a finding affects finishing: errors block, warnings need a justification."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One thing a rule found.

    Attributes:
        rule_id: the rule's stable id, e.g. ``"review_date"``.
        severity: error, warning or info.
        message: plain English for the worker, in the GOV.UK style.
        path: dotted path of the field concerned, e.g. ``"child.date_of_birth"``.
    """

    rule_id: str
    severity: Severity
    message: str
    path: str

    @property
    def key(self) -> str:
        """The key of this finding in ``Assessment.justifications``."""
        return f"{self.rule_id}:{self.path}"


Rule = Callable[[Assessment, Catalogue, datetime], list[Finding]]


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it has no such day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def latest_review_date(date_completed: date) -> date:
    """The latest allowed date of the next review: three months after completion."""
    return add_months(date_completed, REVIEW_MONTHS)


def _age(assessment: Assessment, now: datetime) -> int | None:
    return child_age(assessment, now.date())


def rule_age_in_scope(a: Assessment, _c: Catalogue, now: datetime) -> list[Finding]:
    """§4.1: under 18, or up to 25 with SEND; older is out of the toolkit's scope."""
    path = "child.date_of_birth"
    age = _age(a, now)
    if age is None:
        return []  # missing: rule_required; after the assessment day: rule_dates
    if age >= SEND_AGE_LIMIT:
        return [
            Finding(
                "age_in_scope",
                Severity.ERROR,
                f"The young person is {age}: the toolkit covers children under 18 and "
                "young people with SEND up to their 25th birthday. Use adult safeguarding routes",
                path,
            )
        ]
    if age >= CHILD_AGE_LIMIT and not has_send(a):
        return [
            Finding(
                "age_in_scope",
                Severity.WARNING,
                f"The young person is {age} and has no recorded SEND: the toolkit covers "
                "over-18s only where they have special educational needs or disabilities",
                "child.send",
            )
        ]
    return []


def rule_adult_routes(a: Assessment, _c: Catalogue, now: datetime) -> list[Finding]:
    """§4.2: over 18, the Police Child Exploitation Team does not apply."""
    age = _age(a, now)
    if age is None or age < CHILD_AGE_LIMIT:
        return []
    return [
        Finding(
            "adult_routes",
            Severity.INFO,
            "The Police Child Exploitation Team works only with children under 18: "
            "for a young person of 18 or over, adult safeguarding routes apply",
            "child.date_of_birth",
        )
    ]


def rule_young_or_send_emerging(a: Assessment, _c: Catalogue, now: datetime) -> list[Finding]:
    """§4.3: under 13 or with SEND, Emerging or Minimal only after a thorough assessment."""
    level = a.analysis.level_of_risk
    if level not in (RiskLevel.MINIMAL, RiskLevel.EMERGING):
        return []
    young, send = young_or_send(a, now.date())
    if not (young or send):
        return []
    done = a.analysis.thorough_assessment_confirmed and a.analysis.protective_factors.strip()
    if done:
        return []
    who = "under 13" if young else "with SEND"
    return [
        Finding(
            "young_or_send_emerging",
            Severity.WARNING,
            f"A child {who} should not be assessed as {level.label} until a thorough "
            "assessment has been done. Confirm it was done and give the protective factors "
            "in Box A",
            "analysis.thorough_assessment_confirmed",
        )
    ]


def rule_required(
    a: Assessment, c: Catalogue, now: datetime, form: Form | None = None
) -> list[Finding]:
    """Every answer the checks require, where it applies, is given (an error if not).

    Which answers are required (``missing:``), when they apply and each finding's
    rule id and words are declared in ``resources/form.yaml``: §4.1's date of birth,
    §4.4's level and narrative of each identified indicator, §4.5's level, threshold
    and Box A, §4.7's next review (unless a rationale for none), §4.10's date completed.
    """
    declared = default_form() if form is None else form
    return [
        Finding(
            declaration.missing_rule,
            Severity.ERROR,
            declaration.missing_message(_title(declaration.placeholder, path, c)),
            path,
        )
        for declaration, path in missing_answers(declared, a, c, today=now.date())
    ]


def _title(placeholder: str | None, path: str, c: Catalogue) -> str:
    """The title of the catalogue entry a repeated answer belongs to."""
    if placeholder == "indicator":
        return c.indicator(path.split(".")[1]).title
    if placeholder == "factor":
        factor = path.split(".")[2]
        return next(f.title for f in c.toolkit.vulnerability_factors if f.id == factor)
    return ""


def rule_referral(a: Assessment, c: Catalogue, _now: datetime) -> list[Finding]:
    """§4.6: Significant or Experiencing means an immediate referral."""
    if a.analysis.level_of_risk not in (RiskLevel.SIGNIFICANT, RiskLevel.EXPERIENCING):
        return []
    level = a.analysis.level_of_risk.label
    steps = " ".join(step.rstrip(".") + "." for step in c.toolkit.referral_steps)
    message = (
        f"At {level} risk: {steps}".rstrip(".")
        if steps
        else (
            f"At {level} risk, refer to a manager immediately and to Children's Social Care. "
            "Send this assessment within 24 hours of completion. Any immediate risk needs a "
            "telephone referral to Social Care and the Police now"
        )
    )
    return [Finding("referral", Severity.INFO, message, "referral.manager_informed_at")]


def rule_review_date(a: Assessment, _c: Catalogue, _now: datetime) -> list[Finding]:
    """§4.7: the next review at most three months on, or a rationale for none."""
    plan = a.intended_action
    completed = a.details.date_completed
    if plan.next_review_date is None or completed is None:
        return []  # a date missing (and no rationale) is reported by rule_required
        return []
    if plan.next_review_date < completed:
        return [
            Finding(
                "review_date",
                Severity.ERROR,
                "The date of the next review must be on or after the date completed",
                "intended_action.next_review_date",
            )
        ]
    latest = latest_review_date(completed)
    if plan.next_review_date > latest:
        return [
            Finding(
                "review_date",
                Severity.ERROR,
                "The next review must be no later than three months after the date "
                f"completed, that is on or before {format_date(latest)}",
                "intended_action.next_review_date",
            )
        ]
    return []


def rule_consent(a: Assessment, _c: Catalogue, _now: datetime) -> list[Finding]:
    """§4.8: consent to share, or the rationale for sharing without it."""
    consent = a.details.consent
    given = YesNoNotKnown.YES in (consent.young_person, consent.parent_carer)
    if given or consent.family_agreement.strip() or consent.rationale_without_consent.strip():
        return []
    return [
        Finding(
            "consent",
            Severity.WARNING,
            "Record consent to share information, or the rationale for sharing without consent",
            "details.consent.rationale_without_consent",
        )
    ]


def suggested_level(assessment: Assessment, catalogue: Catalogue) -> RiskLevel:
    """§4.9: the level the identified indicators suggest, as a guide.

    It is the higher of the highest level among the identified indicators and the
    level their count falls in (the framework's "one or two", "a number" and
    "multiple" bands, whose numbers live in the toolkit YAML).
    """
    known = set(catalogue.indicator_ids())
    identified = [
        entry for key, entry in assessment.identified_indicators().items() if key in known
    ]
    by_count = catalogue.toolkit.level_for_count(len(identified))
    levels = [entry.level for entry in identified if entry.level is not None]
    highest = max(levels, key=lambda level: level.rank, default=RiskLevel.MINIMAL)
    return max(by_count, highest, key=lambda level: level.rank)


def rule_below_suggested(a: Assessment, c: Catalogue, _now: datetime) -> list[Finding]:
    """§4.9: a level below the suggestion needs a rationale in Box A."""
    chosen = a.analysis.level_of_risk
    if chosen is None:
        return []
    suggestion = suggested_level(a, c)
    if chosen.rank >= suggestion.rank or a.analysis.rationale.strip():
        return []
    return [
        Finding(
            "below_suggested",
            Severity.WARNING,
            f"The level chosen ({chosen.label}) is below the level the indicators suggest "
            f"({suggestion.label}). Explain why in Box A",
            "analysis.rationale",
        )
    ]


def rule_dates(a: Assessment, _c: Catalogue, now: datetime) -> list[Finding]:
    """§4.10: dates make sense (nothing in the future, periods in order, plausible years)."""
    findings: list[Finding] = []
    today = now.date()
    born = a.child.date_of_birth
    details = a.details

    def error(message: str, path: str) -> None:
        findings.append(Finding("dates", Severity.ERROR, message, path))

    if born is not None:
        if born > today:
            error("The date of birth must be in the past", "child.date_of_birth")
        elif born.year < EARLIEST_PLAUSIBLE_YEAR:
            error("Check the year of the date of birth", "child.date_of_birth")
    if details.date_completed is not None:
        if details.date_completed > today:
            error("The date completed must be today or in the past", "details.date_completed")
        elif details.date_completed.year < EARLIEST_COMPLETION_YEAR:
            error("Check the year of the date completed", "details.date_completed")
        if born is not None and born <= today and details.date_completed < born:
            error("The date completed must be after the date of birth", "details.date_completed")
    if details.period_from and details.period_to and details.period_from > details.period_to:
        error(
            "The start of the period covered must be the same as or before its end",
            "details.period_from",
        )
    return findings


def rule_send_within_24h(a: Assessment, _c: Catalogue, now: datetime) -> list[Finding]:
    """§4.11: completed more than 24 hours ago and not marked sent."""
    deadline = send_by(a)
    if deadline is None or now <= deadline:
        return []
    act = "Send it" if a.status is Status.FINAL else "Finalise it and send it"
    return [
        Finding(
            "send_within_24h",
            Severity.WARNING,
            "This assessment was completed more than 24 hours ago and is not recorded as sent. "
            f"{act} to Children's Social Care now",
            "details.date_completed",
        )
    ]


RULES: tuple[Rule, ...] = (
    rule_age_in_scope,
    rule_adult_routes,
    rule_young_or_send_emerging,
    rule_required,
    rule_referral,
    rule_review_date,
    rule_consent,
    rule_below_suggested,
    rule_dates,
    rule_send_within_24h,
)
"""Every rule, in the order of the form's sections."""

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def check(
    assessment: Assessment, catalogue: Catalogue, *, now: datetime, form: Form | None = None
) -> list[Finding]:
    """Run every rule; errors first, then warnings, then guidance, each in form order.

    ``form`` is the declaration the required answers are read from (the shipped one
    unless given).
    """
    findings = [
        finding
        for rule in RULES
        for finding in (
            rule_required(assessment, catalogue, now, form)
            if rule is rule_required
            else rule(assessment, catalogue, now)
        )
    ]
    return sorted(findings, key=lambda finding: _SEVERITY_ORDER[finding.severity])


def problems(findings: Iterable[Finding]) -> list[Finding]:
    """The findings listed as problems ("There is a problem"): errors, then warnings.

    Guidance (info) is shown apart. The list and every count of problems said about it
    come from here, so the summary and the line under "Finalise" cannot disagree.
    """
    return [finding for finding in findings if finding.severity is not Severity.INFO]


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop an assessment being finalised."""
    return [finding for finding in findings if finding.severity is Severity.ERROR]


def unjustified_warnings(assessment: Assessment, findings: Iterable[Finding]) -> list[Finding]:
    """Warnings the worker has not yet justified in writing."""
    return [
        finding
        for finding in findings
        if finding.severity is Severity.WARNING
        and not assessment.justifications.get(finding.key, "").strip()
    ]


def can_finalise(assessment: Assessment, findings: Iterable[Finding]) -> bool:
    """No error remains and every warning has a written justification."""
    found = list(findings)
    return not blocking(found) and not unjustified_warnings(assessment, found)
