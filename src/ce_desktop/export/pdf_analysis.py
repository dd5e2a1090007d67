"""The second half of the form as flowables: analysis, summary, framework, plan, send line.

Like ``pdf_sections``, each builder takes ``blank`` so that the blank form shares the
filled form's layout: every option listed with an empty tick box, every answer a
writing space.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.derived import format_date, format_time, young_or_send
from ce_desktop.domain.model import (
    INDICATOR_LEVELS,
    Assessment,
    ConcernKind,
    RiskLevel,
    Status,
)
from ce_desktop.domain.rules import check
from ce_desktop.export.pdf_flow import NeedsRoom
from ce_desktop.export.pdf_layout import (
    CONTENT_WIDTH,
    LABEL_SHADE,
    MARK_SHADE,
    NARRATIVE_WRITING_HEIGHT,
    answer_box,
    choices,
    form_table,
    gap,
    headed,
    label,
    para,
    printed,
    styles,
    tick,
)

_LABEL_WIDTH = 52 * mm
_VALUE_WIDTH = CONTENT_WIDTH - _LABEL_WIDTH

_CONCERN_LABELS = (
    (ConcernKind.LOCATION, "Locations"),
    (ConcernKind.ENVIRONMENT, "Environments"),
    (ConcernKind.PERSON, "Person/s who pose a risk"),
    (ConcernKind.OTHER, "Other: e.g. does the child pose a risk to themselves?"),
)


def _table(
    rows: list[list[object]], *, header: str = "", outline: str = "", level: int = 1
) -> Table:
    """Label / answer rows, optionally under a full-width shaded header row."""
    style: list[tuple[object, ...]] = [("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE)]
    if header:
        rows = [[label(header), ""], *rows]
        style += [("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (1, 0), LABEL_SHADE)]
    table = form_table(
        rows, [_LABEL_WIDTH, _VALUE_WIDTH], repeat_rows=1 if header else 0, extra_style=style
    )
    if outline:
        table.outline_entry = (outline, level)
    return table


def _rows_table(
    rows: list[list[object]], *, header: str = "", outline: str = "", level: int = 1
) -> list[Flowable]:
    """The rows as a table that never leaves its header (or first row) alone on a page."""
    table = _table(rows, header=header, outline=outline, level=level)
    return [NeedsRoom([], table=table, rows=2), table, gap()]


def _text_row(caption: str, text: str, *, blank: bool, tall: bool = True) -> list[object]:
    height = NARRATIVE_WRITING_HEIGHT if tall else 10 * mm
    return [label(caption), answer_box(text, blank=blank, height=height)]


def _ticked_list(items: list[tuple[str, bool]]) -> list[Flowable]:
    return [para(f"{tick(on)} {text}", styles().listed) for text, on in items]


def analysis(assessment: Assessment, catalogue: Catalogue, *, blank: bool) -> list[Flowable]:
    """Section 3: exploitation types, the analysis items, summary, level and threshold."""
    found = assessment.analysis
    chosen = [] if blank else found.exploitation_types
    types = []
    for definition in catalogue.toolkit.exploitation_types:
        text = definition.title
        if chosen and chosen[0] == definition.id:
            text += " (primary)"
        types.append((text, definition.id in chosen))
    levels = [*INDICATOR_LEVELS, RiskLevel.MINIMAL]  # the form's three, then Minimal
    level_choices = choices(
        [(level.label, found.level_of_risk is level and not blank) for level in levels]
    )
    thresholds = _ticked_list(
        [
            (f"{t.description} ({t.title})", found.threshold is t.id and not blank)
            for t in catalogue.toolkit.thresholds
        ]
    )
    rows: list[list[object]] = [
        [label(printed("analysis.exploitation_types")), _ticked_list(types)],
        _text_row(printed("analysis.immediate_concerns"), found.immediate_concerns, blank=blank),
        _text_row(
            printed("analysis.action_taken_against_risk"),
            found.action_taken_against_risk,
            blank=blank,
        ),
        _text_row(
            printed("analysis.contextual_safeguarding"),
            found.contextual_safeguarding,
            blank=blank,
        ),
        _text_row(
            printed("analysis.immediate_safeguarding_actions"),
            found.immediate_safeguarding_actions,
            blank=blank,
        ),
        _text_row(
            printed("analysis.information_sharing"),
            found.information_sharing,
            blank=blank,
        ),
        _text_row(printed("analysis.summary"), found.summary, blank=blank),
        [label(printed("analysis.level_of_risk")), level_choices],
        [
            label(printed("analysis.threshold")),
            thresholds,
        ],
    ]
    return headed("Section 3. Risk Assessment Analysis and Summary", _table(rows))


def concerns(assessment: Assessment, *, blank: bool) -> list[Flowable]:
    """Offenders, locations and environments of concern, grouped by kind."""
    rows: list[list[object]] = []
    for kind, caption in _CONCERN_LABELS:
        items = [c.description for c in assessment.analysis.concerns if c.kind is kind]
        cell: list[Flowable] = [
            para(f"\u2022 {text}", styles().listed) for text in items if text.strip()
        ]
        if blank:
            cell = answer_box("", blank=True, height=18 * mm)
        rows.append([label(caption), cell])
    return _rows_table(
        rows,
        outline="Offender, location and environments of concern",
        header=printed("analysis.concerns"),
    )


def framework(assessment: Assessment, catalogue: Catalogue, *, blank: bool) -> list[Flowable]:
    """The risk management framework with the chosen category marked."""
    chosen = None if blank else assessment.analysis.framework_category
    rows: list[list[object]] = [[label("Risk Management Framework"), "", ""]]
    style: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_SHADE),
    ]
    for category in catalogue.toolkit.framework:
        marked = category.level is chosen
        rows.append(
            [
                Paragraph(tick(marked), styles().centred),
                label(f"{category.category} – {category.title}"),
                para(category.descriptor),
            ]
        )
        if marked:
            style.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), MARK_SHADE))
    table = form_table(rows, [14 * mm, 80 * mm, CONTENT_WIDTH - 94 * mm], extra_style=style)
    table.outline_entry = ("Risk Management Framework", 1)
    notes = [
        Paragraph(
            "<b><u>Situations identified as Significant or Experiencing Exploitation should "
            "lead to a referral to Children's Social Care. In these circumstances the "
            "Referrals Procedure must be followed.</u></b>",
            styles().body,
        ),
        gap(1.5 * mm),
        Paragraph(
            "Where professionals have concerns that a child/young person may be being "
            "exploited they should take immediate action to ensure the child/young person "
            "is safeguarded.",
            styles().body,
        ),
    ]
    # A short table, read as a whole: it moves to the next page rather than splitting.
    return [KeepTogether([table, gap(2 * mm), *notes]), gap()]


def _thorough_assessment_applies(assessment: Assessment) -> bool:
    """The toolkit's statement applies to a child under 13 or with SEND assessed as
    Emerging or Minimal (PRODUCT §4.3)."""
    if assessment.analysis.level_of_risk not in (RiskLevel.EMERGING, RiskLevel.MINIMAL):
        return False
    young, send = young_or_send(assessment, assessment.updated_at.date())
    return young or send


def box_a_and_views(assessment: Assessment, *, blank: bool) -> list[Flowable]:
    """Box A (rationale and protective factors), the professional discussion and views."""
    found = assessment.analysis
    box_a: list[list[object]] = [
        _text_row(printed("analysis.rationale"), found.rationale, blank=blank),
        _text_row(printed("analysis.protective_factors"), found.protective_factors, blank=blank),
    ]
    if blank or _thorough_assessment_applies(assessment):
        box_a.append(
            [
                label("Child under 13 or with SEND"),
                para(
                    f"{tick(found.thorough_assessment_confirmed and not blank)} "
                    + printed("analysis.thorough_assessment_confirmed")
                ),
            ]
        )
    flowables = _rows_table(
        box_a,
        outline="Box A: rationale and protective factors",
        header=(
            "Box A - Please include a rationale for what you have scored. *Practitioners "
            "are to be aware that the identification of vulnerability is a guide and should "
            "not replace professional judgement* - also include protective factors "
            "identified (e.g. parental protectiveness)."
        ),
    )
    flowables += _rows_table(
        [
            _text_row(
                printed("analysis.professional_discussion"),
                found.professional_discussion,
                blank=blank,
            ),
        ],
        outline="Professional discussion",
    )
    flowables += _rows_table(
        [
            _text_row(printed("analysis.child_views"), found.child_views, blank=blank),
            _text_row(printed("analysis.parents_views"), found.parents_views, blank=blank),
        ],
        header="Record of child's views and parents' / carers' views of risk",
        outline="Child's and parents' / carers' views",
    )
    return flowables


def intended_action(assessment: Assessment, catalogue: Catalogue, *, blank: bool) -> list[Flowable]:
    """Intended action with the chosen strategies, next review and who it was shared with."""
    plan = assessment.intended_action
    rows: list[list[object]] = [
        _text_row(printed("intended_action.further_action"), plan.further_action, blank=blank)
    ]
    for kind, caption in (
        ("intervention", printed("intended_action.strategies")),
        ("disruption", "Disruption tactics"),
    ):
        strategies = [s for s in catalogue.toolkit.strategies if s.kind == kind]
        if blank:
            cell = _ticked_list([(s.text, False) for s in strategies])
        else:
            cell = _ticked_list([(s.text, True) for s in strategies if s.id in plan.strategies])
        rows.append([label(caption), cell])
    review = [
        (printed("intended_action.next_review_date"), format_date(plan.next_review_date)),
        (printed("intended_action.no_review_rationale"), plan.no_review_rationale),
    ]
    rows.append(
        [
            label(
                "Date of next review of CE Risk Assessment (at least 3 monthly) or give "
                "rationale of why CE Risk Assessment will not be reviewed again"
            ),
            _sub_answers(review, blank=blank),
        ]
    )
    shared = [
        (printed("intended_action.shared_with"), plan.shared_with),
        (printed("intended_action.shared_on"), format_date(plan.shared_on)),
    ]
    rows.append([label("Risk assessment shared with"), _sub_answers(shared, blank=blank)])
    header = (
        "Intended action: Please document any further action, treatment or monitoring "
        "arrangements – copy risk assessment to partner agencies with permission"
    )
    return headed("Intended action and review", _table(rows, header=header))


def _sub_answers(pairs: list[tuple[str, str]], *, blank: bool) -> list[Flowable]:
    """Captioned answers; on a filled form only those given (all of them if none is)."""
    flowables: list[Flowable] = []
    given = [(caption, value) for caption, value in pairs if value.strip()]
    for caption, value in given if given and not blank else pairs:
        flowables.append(para(f"{caption}: {'' if blank else value}"))
        if blank:
            flowables += answer_box("", blank=True, height=6 * mm)
    return flowables


_NO_LONGER_RAISED = "A warning the answers as they now stand no longer raise"


def _warning_messages(assessment: Assessment, catalogue: Catalogue) -> dict[str, str]:
    """Each warning's words, as the checks gave them when the worker's reasons were
    written: on the draft, when it was last saved or finalised. A final or sent
    assessment is checked as the draft it was at that moment, so that sending it (which
    ends "not recorded as sent") does not lose the words of the warning answered."""
    moment = assessment.finalised_at or assessment.updated_at
    as_written = assessment.model_copy(update={"status": Status.DRAFT, "finalised_at": None})
    return {finding.key: finding.message for finding in check(as_written, catalogue, now=moment)}


def referral_and_warnings(assessment: Assessment, catalogue: Catalogue) -> list[Flowable]:
    """The referral checklist times that are set, and the justifications for warnings."""
    flowables: list[Flowable] = []
    referral = assessment.referral
    steps = [
        (printed("referral.manager_informed_at"), referral.manager_informed_at),
        (printed("referral.referred_to_csc_at"), referral.referred_to_csc_at),
        (printed("referral.telephone_referral_at"), referral.telephone_referral_at),
    ]
    rows: list[list[object]] = [[label(text), para(format_time(at))] for text, at in steps if at]
    if rows:
        flowables += _rows_table(
            rows, header="Referral checklist", outline="Referral checklist", level=0
        )
    if assessment.justifications:
        warnings: list[list[object]] = [[label("Warning"), label("Justification given")]]
        messages = _warning_messages(assessment, catalogue)
        for key, text in sorted(assessment.justifications.items()):
            message = messages.get(key, _NO_LONGER_RAISED)
            warnings.append([para(message, styles().small), para(text)])
        flowables += _rows_table(
            warnings, header="Warnings acknowledged", outline="Warnings acknowledged", level=0
        )
    return flowables


def send_line(mash_address: str) -> list[Flowable]:
    """The closing "send to" instruction with the MASH address."""
    return [
        Paragraph(
            f"<b>Send completed Risk Assessment to <u>{escape(mash_address)}</u> alongside "
            "usual request for help referral.</b> It must reach Children's Social Care as "
            "soon as it is completed and at the latest within 24 hours of completion. Any "
            "immediate risk needs an immediate telephone referral to both Social Care and "
            "the Police.",
            styles().body,
        )
    ]
