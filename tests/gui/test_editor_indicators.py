"""The Indicators page: rows from the catalogue, examples beside them, the count and guide."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ce_desktop.domain.catalogue import IndicatorDef, default_catalogue
from ce_desktop.domain.model import RiskLevel
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.editor.indicators_page import IndicatorsPage
from tests.gui.editor_support import (
    field,
    identify,
    new_draft,
    show_field,
)
from tests.gui.keys import type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def page(editor: AssessmentEditor) -> IndicatorsPage:
    found = editor.pages[2]
    assert isinstance(found, IndicatorsPage)
    return found


def test_one_row_per_catalogue_indicator_in_the_forms_order(editor: AssessmentEditor) -> None:
    catalogue = default_catalogue()
    assert list(page(editor).rows) == catalogue.indicator_ids()
    assert page(editor).rows["grooming"].identified.text() == "Evidence of grooming"


def test_a_new_indicator_in_the_catalogue_appears_without_code(qtbot: QtBot) -> None:
    base = default_catalogue()
    extra = IndicatorDef(id="new_concern", title="A new concern from the YAML", prompts=["Ask"])
    catalogue = base.model_copy(update={"indicators": [*base.indicators, extra]})
    widget = AssessmentEditor(catalogue)
    qtbot.addWidget(widget)
    widget.load(new_draft())

    rows = widget.pages[2].rows  # type: ignore[attr-defined]
    assert "new_concern" in rows
    field(widget, "indicators.new_concern.identified").click()  # type: ignore[attr-defined]
    assert widget.assessment().indicators["new_concern"].identified


def test_level_and_narrative_open_once_identified(editor: AssessmentEditor) -> None:
    show_field(editor, "indicators.offending.identified")
    level = field(editor, "indicators.offending.level")
    narrative = field(editor, "indicators.offending.narrative")
    assert not level.isEnabled()
    assert not narrative.isVisibleTo(page(editor))

    field(editor, "indicators.offending.identified").click()  # type: ignore[attr-defined]

    assert level.isEnabled()
    assert narrative.isEnabled()
    assert narrative.isVisibleTo(page(editor))
    type_text(narrative, "Arrested twice for shoplifting with older youths; café owner saw it.")
    entry = editor.assessment().indicators["offending"]
    assert entry.identified
    assert entry.narrative.startswith("Arrested twice")


def test_prompts_are_shown_as_the_narratives_placeholder(editor: AssessmentEditor) -> None:
    narrative = field(editor, "indicators.gang_association.narrative")
    assert "New nicknames" in narrative.placeholderText()  # type: ignore[attr-defined]


def test_count_and_suggested_level_follow_the_ticks(editor: AssessmentEditor) -> None:
    show_field(editor, "indicators.online_activity.identified")
    count = editor.findChild(QLabel, "identifiedCount")
    suggested = editor.findChild(QLabel, "suggestedLevel")
    assert count.text() == "Indicators identified: 0 of 29"

    identify(editor, "online_activity", RiskLevel.EMERGING)
    assert count.text() == "Indicators identified: 1 of 29"
    assert suggested.text() == "Suggested level (a guide): Emerging"

    identify(editor, "grooming", RiskLevel.EXPERIENCING)
    assert count.text() == "Indicators identified: 2 of 29"
    assert suggested.text() == "Suggested level (a guide): Experiencing"


def test_identified_only_filter_hides_the_rest(editor: AssessmentEditor) -> None:
    show_field(editor, "indicators.offending.identified")
    identify(editor, "offending", RiskLevel.SIGNIFICANT)
    identify(editor, "self_harm", RiskLevel.EMERGING)

    page(editor).filter.click()

    shown = [key for key, row in page(editor).rows.items() if row.isVisibleTo(page(editor))]
    assert shown == ["offending", "self_harm"]
    page(editor).filter.click()
    assert all(row.isVisibleTo(page(editor)) for row in page(editor).rows.values())


def test_examples_pane_follows_the_focused_indicator(editor: AssessmentEditor) -> None:
    examples = editor.findChild(QLabel, "examples")
    show_field(editor, "indicators.missing_from_home.identified")
    assert "Regularly missing from home" in examples.text()
    assert "Lengthy missing episodes overnight" in examples.text()

    show_field(editor, "indicators.carrying_weapons.identified")
    assert "possession of a weapon" in examples.text()
    assert "missing episodes" not in examples.text()

    show_field(editor, "indicators.self_harm.identified")
    assert "no examples for this indicator" in examples.text()


def test_unticking_keeps_the_narrative_for_later(editor: AssessmentEditor) -> None:
    show_field(editor, "indicators.self_harm.identified")
    identify(editor, "self_harm", RiskLevel.EMERGING)
    type_text(field(editor, "indicators.self_harm.narrative"), "Cuts seen on arm.")
    field(editor, "indicators.self_harm.identified").click()  # type: ignore[attr-defined]

    entry = editor.assessment().indicators["self_harm"]
    assert not entry.identified
    assert entry.narrative == "Cuts seen on arm."
    narrative = field(editor, "indicators.self_harm.narrative")
    assert narrative.isVisibleTo(page(editor))
    assert not narrative.isEnabled()


def test_tab_status_moves_from_in_progress_to_complete(editor: AssessmentEditor) -> None:
    show_field(editor, "indicators.grooming.identified")
    identify(editor, "grooming", RiskLevel.SIGNIFICANT)
    assert editor.tabs.tabText(2) == "Indicators — in progress"

    type_text(field(editor, "indicators.grooming.narrative"), "Gifts from an older man.")
    assert editor.tabs.tabText(2) == "Indicators — complete"
