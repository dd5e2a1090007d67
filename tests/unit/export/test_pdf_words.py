"""The PDF speaks in words for people: warnings, statements that apply, the form's labels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.lifecycle import finalise, mark_sent
from ce_desktop.domain.model import Assessment, RiskLevel, YesNoNotKnown
from ce_desktop.domain.rules import Severity, check
from ce_desktop.export.pdf import render_assessment_pdf, render_blank_form
from tests.factories import CREATED_AT, full_assessment
from tests.unit.export.conftest import page_texts, squashed

_THOROUGH = "A thorough assessment was completed before assessing the risk as Emerging or Minimal"


def _text(assessment: Assessment, catalogue: Catalogue) -> str:
    return squashed("".join(page_texts(render_assessment_pdf(assessment, catalogue))))


def _young_child_at(level: RiskLevel) -> Assessment:
    assessment = Assessment.new(today=date(2026, 3, 2), now=CREATED_AT)
    assessment.child.date_of_birth = date(2015, 6, 1)  # 10 on the date completed
    assessment.child.send = YesNoNotKnown.NO
    assessment.details.date_completed = date(2026, 3, 2)
    assessment.analysis.level_of_risk = level
    return assessment


def test_an_acknowledged_warning_prints_its_message_and_the_reason(
    catalogue: Catalogue,
) -> None:
    assessment = _young_child_at(RiskLevel.EMERGING)
    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    assessment.updated_at = now
    warning = next(
        f
        for f in check(assessment, catalogue, now=now)
        if f.severity is Severity.WARNING and f.rule_id == "young_or_send_emerging"
    )
    assessment.justifications[warning.key] = "Fictional reason: strategy meeting held today."
    text = _text(assessment, catalogue)
    assert squashed(warning.message) in text
    assert squashed("Fictional reason: strategy meeting held today.") in text
    assert "young_or_send_emerging" not in text
    assert "analysis.thorough_assessment_confirmed" not in text


def test_the_thorough_assessment_line_prints_only_where_it_applies(
    catalogue: Catalogue,
) -> None:
    experiencing = full_assessment(catalogue=catalogue)  # SEND, confirmed, Significant
    experiencing.analysis.level_of_risk = RiskLevel.EXPERIENCING
    assert squashed(_THOROUGH) not in _text(experiencing, catalogue)

    older = _young_child_at(RiskLevel.EMERGING)
    older.child.date_of_birth = date(2010, 1, 1)  # 16, no SEND
    older.analysis.thorough_assessment_confirmed = True
    assert squashed(_THOROUGH) not in _text(older, catalogue)

    for level in (RiskLevel.EMERGING, RiskLevel.MINIMAL):
        young = _young_child_at(level)
        young.analysis.thorough_assessment_confirmed = True
        assert squashed(f"☑ {_THOROUGH}") in _text(young, catalogue)
        young.analysis.thorough_assessment_confirmed = False
        assert squashed(f"☐ {_THOROUGH}") in _text(young, catalogue)

    with_send = _young_child_at(RiskLevel.MINIMAL)
    with_send.child.date_of_birth = date(2010, 1, 1)
    with_send.child.send = YesNoNotKnown.YES
    assert squashed(_THOROUGH) in _text(with_send, catalogue)


def test_the_level_of_risk_keeps_the_forms_words_and_offers_minimal(
    catalogue: Catalogue,
) -> None:
    label = "Level of Risk (Emerging, Significant, Experiencing) or Minimal (Risk Management"
    blank = squashed("".join(page_texts(render_blank_form(catalogue))))
    assert squashed(label) in blank
    assert "☐Emerging☐Significant☐Experiencing☐Minimal" in blank
    minimal = _text(_young_child_at(RiskLevel.MINIMAL), catalogue)
    assert "☐Emerging☐Significant☐Experiencing☑Minimal" in minimal


def test_the_framework_is_in_the_toolkits_words(catalogue: Catalogue) -> None:
    blank = squashed("".join(page_texts(render_blank_form(catalogue))))
    for title in (
        "Category 1 – Minimal risk of sexual exploitation",
        "Category 2 – Emerging risk of exploitation",
        "Category 3 – Significant risk of sexual exploitation",
        "Category 4 – Experiencing risk of sexual exploitation",
    ):
        assert squashed(title) in blank
    for category in catalogue.toolkit.framework:
        assert squashed(category.descriptor) in blank


def test_the_blank_form_gives_each_narrative_lines_for_handwriting(
    catalogue: Catalogue,
) -> None:
    from ce_desktop.export.pdf_box import WRITING_LINE_SPACING, RuledSpace
    from ce_desktop.export.pdf_sections import indicators_table

    empty = Assessment.new(today=date(2026, 3, 2), now=CREATED_AT)
    spaces = [
        flowable
        for flowable in indicators_table(empty, catalogue, blank=True)
        if isinstance(flowable, RuledSpace) and flowable.caption
    ]
    assert len(spaces) == len(catalogue.indicators)
    for space in spaces:
        assert space.lined
        assert space.height >= 7 * WRITING_LINE_SPACING  # seven handwritten lines


def test_a_narrative_line_with_markup_characters_is_one_plain_fragment(
    catalogue: Catalogue,
) -> None:
    from ce_desktop.export.pdf_box import RuledParagraph, narrative_box

    line = 'Mum & Dad said "<b>no</b>" at A&E; 5 < 6 > 4'
    box = [f for f in narrative_box(line) if isinstance(f, RuledParagraph)]
    assert len(box) == 1
    assert len(box[0].frags) == 1  # one run: ReportLab's fast line breaking
    assessment = full_assessment(catalogue=catalogue)
    entry = assessment.indicators["grooming"]
    assessment.indicators["grooming"] = entry.model_copy(update={"narrative": line})
    assert squashed(line) in _text(assessment, catalogue)


def test_a_sent_assessment_still_prints_the_words_of_the_warning_its_reason_answers(
    catalogue: Catalogue,
) -> None:
    """Sending ends "not recorded as sent": the paper copy still says what was answered."""
    draft = full_assessment(catalogue=catalogue)
    late = datetime.combine(draft.details.date_completed, datetime.min.time(), UTC)
    late += timedelta(days=3)
    warning = next(f for f in check(draft, catalogue, now=late) if f.rule_id == "send_within_24h")
    draft.justifications = {warning.key: "Fictional reason: completed on a training day."}
    sent = mark_sent(finalise(draft, catalogue, now=late), now=late + timedelta(hours=1))
    text = _text(sent, catalogue)
    assert squashed(warning.message) in text
    assert squashed("no longer raise") not in text
