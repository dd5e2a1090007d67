"""Fictional assessments for tests, shared by every part of the suite.

``full_assessment()`` fills every field of the form, every indicator included, with
values that are easy to find again (each text field carries its own distinctive
words), so a test can check that each one reaches the PDF, the JSON or the screen.
Every child here is obviously fictional.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from ce_desktop.domain.catalogue import Catalogue, default_catalogue
from ce_desktop.domain.model import (
    INDICATOR_LEVELS,
    AgencyInvolved,
    Analysis,
    Assessment,
    AssessmentDetails,
    AuditAction,
    Child,
    Concern,
    ConcernKind,
    Consent,
    IndicatorEntry,
    IntendedAction,
    Referral,
    RiskLevel,
    Status,
    Threshold,
    Vulnerability,
    VulnerabilityEntry,
    YesNoNotKnown,
)

CHILD_NAME = "Zoë Łukasiewicz-Nguyễn"
CHILD_KNOWN_AS = "Zozo Fictional"
CHILD_NHS_NUMBER = "9990000018"
"""In the range the NHS keeps for testing (999 000 0000 to 999 999 9999): never a real child's."""
CHILD_UPN = "M999000026001"
"""Its check letter is right; local authority 999 does not exist."""
WORKER_NAME = "Аня Петрова"
CREATED_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DATE_COMPLETED = date(2026, 3, 2)

_FILLER_SENTENCE = (
    "the worker noted that the young person seemed anxious and withdrawn when asked "
    "about recent evenings away from home and friends from outside the area"
)
_FILLER = tuple(_FILLER_SENTENCE.split())


def narrative(words: int, ending: str) -> str:
    """About ``words`` words of plausible text split into paragraphs, ending with ``ending``.

    The ending is a sentence of its own, so a test can check the very end arrived.
    """
    body: list[str] = []
    for index in range(max(words - len(ending.split()), 0)):
        word = _FILLER[index % len(_FILLER)]
        body.append(word.capitalize() if index % len(_FILLER) == 0 else word)
        if index % len(_FILLER) == len(_FILLER) - 1:
            body[-1] += "."
            if index % (len(_FILLER) * 6) == len(_FILLER) * 6 - 1:
                body[-1] += "\n\n"
    text = " ".join(body).replace("\n\n ", "\n\n").strip()
    if text and not text.endswith("."):
        text += "."
    return f"{text} {ending}".strip()


def last_sentence(indicator_id: str) -> str:
    """The unique closing sentence of an indicator's narrative in ``full_assessment``."""
    return f"Closing remark {indicator_id.replace('_', ' ')} ends here."


def full_assessment(narrative_words: int = 50, catalogue: Catalogue | None = None) -> Assessment:
    """A draft with every field of the form filled, every indicator identified.

    Args:
        narrative_words: words in each indicator's narrative.
        catalogue: the catalogue whose ids to use (the default one if not given).
    """
    cat = catalogue or default_catalogue()
    toolkit = cat.toolkit
    levels = list(INDICATOR_LEVELS)
    assessment = Assessment.new(today=DATE_COMPLETED, now=CREATED_AT)
    assessment.child = Child(
        name=CHILD_NAME,
        known_as=CHILD_KNOWN_AS,
        date_of_birth=date(2012, 2, 29),
        gender="Female (fictional gender entry)",
        address="12 Imaginary Lane, Nowhereton, ZZ9 9ZZ",
        ethnicity="Fictional ethnicity entry",
        religion="Fictional religion entry",
        language_spoken="Polish and English",
        first_language=YesNoNotKnown.NO,
        interpreter_required=YesNoNotKnown.NOT_KNOWN,
        send=YesNoNotKnown.YES,
        send_details="Dyslexia assessed by the school SENCo",
        previously_identified=YesNoNotKnown.YES,
        previously_identified_details="Earlier concern logged by the school nurse",
        person_id="FICT-000123",
        nhs_number=CHILD_NHS_NUMBER,
        upn=CHILD_UPN,
    )
    assessment.details = AssessmentDetails(
        date_completed=DATE_COMPLETED,
        period_from=date(2025, 12, 1),
        period_to=date(2026, 2, 28),
        completed_by=WORKER_NAME,
        agency="Nowhereton Youth Service",
        contact_details="01234 000000, worker@example.invalid",
        consent=Consent(
            young_person=YesNoNotKnown.YES,
            parent_carer=YesNoNotKnown.NO,
            family_agreement="Grandmother agreed at the family meeting",
            rationale_without_consent="Father not consulted because of risk concerns",
        ),
    )
    assessment.agencies = [
        AgencyInvolved(agency="School", name_contact="Ms Example, Nowhereton Academy"),
        AgencyInvolved(agency="GP", name_contact="Dr Placeholder Surgery"),
        AgencyInvolved(agency="CAMHS", name_contact="CAMHS duty clinician"),
        AgencyInvolved(agency="Social Care", name_contact="Assessment team east"),
        AgencyInvolved(agency="Police", name_contact="PC Sample, collar 0000"),
        AgencyInvolved(agency="Youth Offending Team", name_contact="YOT officer Dummy"),
    ]
    assessment.indicators = {
        indicator_id: IndicatorEntry(
            identified=True,
            level=levels[index % len(levels)],
            narrative=narrative(narrative_words, last_sentence(indicator_id)),
        )
        for index, indicator_id in enumerate(cat.indicator_ids())
    }
    assessment.vulnerability = Vulnerability(
        factors={
            factor.id: VulnerabilityEntry(applies=True, note=f"Note on factor {factor.id}")
            for factor in toolkit.vulnerability_factors
        },
        narrative="Vulnerability narrative: isolated after moving schools twice.",
    )
    assessment.analysis = Analysis(
        exploitation_types=[t.id for t in toolkit.exploitation_types[:3]],
        immediate_concerns="Immediate concern: seen with older males at the station.",
        action_taken_against_risk="Action taken: premises reported to licensing.",
        contextual_safeguarding="Contextual analysis: peer group linked to the park.",
        immediate_safeguarding_actions="Safeguarding action: safety plan agreed tonight.",
        information_sharing="Shared by secure email with MASH on the same day.",
        summary="Summary: several indicators at significant level.",
        level_of_risk=RiskLevel.SIGNIFICANT,
        threshold=Threshold.CHILD_IN_NEED,
        concerns=[
            Concern(kind=ConcernKind.LOCATION, description="Location: the old railway arches"),
            Concern(kind=ConcernKind.ENVIRONMENT, description="Environment: a vape shop"),
            Concern(kind=ConcernKind.PERSON, description="Person: an adult called Mr Nemo"),
            Concern(kind=ConcernKind.OTHER, description="Other: risk of self-harm at night"),
        ],
        framework_category=RiskLevel.SIGNIFICANT,
        rationale="Box A rationale: pattern of going missing with older peers.",
        protective_factors="Protective factor: grandmother is highly engaged.",
        thorough_assessment_confirmed=True,
        professional_discussion="Discussion with the team manager on outcome.",
        child_views="Child says: I just want to be left alone.",
        parents_views="Parents say: we are worried sick.",
    )
    assessment.referral = Referral(
        manager_informed_at=datetime(2026, 3, 2, 10, 15, tzinfo=UTC),
        referred_to_csc_at=datetime(2026, 3, 2, 11, 0, tzinfo=UTC),
        telephone_referral_at=datetime(2026, 3, 2, 11, 5, tzinfo=UTC),
    )
    assessment.intended_action = IntendedAction(
        further_action="Further action: weekly mentoring sessions.",
        strategies=[s.id for s in toolkit.strategies[::4]],
        next_review_date=date(2026, 5, 29),
        no_review_rationale="",
        shared_with="School designated safeguarding lead",
        shared_on=date(2026, 3, 3),
    )
    assessment.justifications = {
        "consent:details.consent": "Justification: consent sought twice, refused once.",
    }
    return assessment


def as_final(assessment: Assessment, *, at: datetime = CREATED_AT) -> Assessment:
    """A copy marked final by hand, as a file finalised elsewhere would be.

    For tests about what happens to a final assessment whatever its content; the
    use case's own finalising (which runs the checks) is tested with complete drafts.
    """
    from ce_desktop.domain.lifecycle import content_fingerprint

    final = assessment.model_copy(deep=True)
    final.fingerprint = content_fingerprint(final)
    final.finalised_at = at
    final.updated_at = at
    final.status = Status.FINAL
    final.record(AuditAction.FINALISED, at=at)
    return final


def full_assessment_without_review(catalogue: Catalogue | None = None) -> Assessment:
    """The full assessment's variant with no next review, and the rationale for none.

    A next review date and the reason for not reviewing again exclude each other.
    """
    assessment = full_assessment(catalogue=catalogue)
    assessment.intended_action = assessment.intended_action.model_copy(
        update={
            "next_review_date": None,
            "no_review_rationale": "No further review: the family is moving abroad",
        }
    )
    return assessment


def full_assessment_at_emerging(catalogue: Catalogue | None = None) -> Assessment:
    """The full assessment's variant at Emerging: a child with SEND then needs the
    thorough-assessment confirmation, which the PDF prints only where it applies."""
    assessment = full_assessment(catalogue=catalogue)
    assessment.analysis = assessment.analysis.model_copy(
        update={"level_of_risk": RiskLevel.EMERGING, "framework_category": RiskLevel.EMERGING}
    )
    return assessment


VARIANTS = {
    "intended_action.no_review_rationale": full_assessment_without_review,
    "analysis.thorough_assessment_confirmed": full_assessment_at_emerging,
}
"""Answers the complete assessment cannot hold at once, and the variant that fills each."""
