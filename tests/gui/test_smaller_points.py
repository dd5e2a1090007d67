"""Smaller points seen on the way: the Minimal hint, the suggested level beside the level
of risk, guidance opening at the top, and a final assessment's answers read as text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.form import default_form
from ce_desktop.domain.model import RiskLevel
from ce_desktop.gui.editor import AssessmentEditor
from ce_desktop.gui.editor.widgets import BoolField, ChoiceField
from ce_desktop.gui.guidance import GuidanceWindow
from tests.factories import as_final
from tests.gui.editor_support import NOW, complete_draft, field, shown_editor
from tests.gui.focus_pixels import contrast
from tests.gui.keys import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def editor(qtbot: QtBot) -> AssessmentEditor:
    """The shared shown editor holding a new draft (see ``editor_support``)."""
    return shown_editor(qtbot)


def test_where_minimal_is_offered_the_hint_says_so(editor: AssessmentEditor) -> None:
    level = field(editor, "analysis.level_of_risk")
    assert isinstance(level, ChoiceField)
    offered = [level.itemText(i) for i in range(level.count())]
    assert "Minimal" in offered
    level_of_risk_hint = default_form().field("analysis.level_of_risk").hint
    assert "Minimal" in level_of_risk_hint
    assert "Emerging, Significant or Experiencing" in level_of_risk_hint
    hints = [label.text() for label in level.parentWidget().findChildren(QLabel)]
    assert level_of_risk_hint in hints


def test_the_suggested_level_is_shown_beside_the_level_of_risk(editor: AssessmentEditor) -> None:
    editor.load(complete_draft())
    editor.go_to("analysis.level_of_risk")
    suggested = editor.findChild(QLabel, "suggestedLevelBesideRisk")
    assert suggested is not None
    assert suggested.isVisible()
    assert suggested.text().endswith(": Significant")
    assert "a guide" in suggested.text()
    # Beside it: in the same block as the level of risk, just under it.
    level = field(editor, "analysis.level_of_risk")
    assert suggested.parentWidget() is level.parentWidget()
    assert 0 <= suggested.y() - level.geometry().bottom() < 40


def test_guidance_opens_at_the_top(qtbot: QtBot) -> None:
    window = GuidanceWindow(default_catalogue())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    bar = window.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    window.hide()
    window.show_topic(None)
    window.show()
    qtbot.waitUntil(lambda: bar.value() == 0)
    assert window.browser.textCursor().position() == 0


def _text_contrast(widget: QWidget) -> float:
    palette = widget.palette()
    group = QPalette.ColorGroup.Active if widget.isEnabled() else QPalette.ColorGroup.Disabled
    text = palette.color(group, QPalette.ColorRole.ButtonText)
    return contrast(text, palette.color(group, QPalette.ColorRole.Button))


def test_a_final_assessments_answers_read_as_text(qtbot: QtBot, editor: AssessmentEditor) -> None:
    editor.load(as_final(complete_draft(), at=NOW))
    editor.go_to("analysis.level_of_risk")
    level = field(editor, "analysis.level_of_risk")
    assert isinstance(level, ChoiceField)
    assert level.isEnabled()
    assert _text_contrast(level) >= 4.5
    level.setFocus()
    press(level, Qt.Key.Key_Down)
    level.showPopup()
    assert not level.view().isVisible()
    assert editor.assessment().analysis.level_of_risk is RiskLevel.SIGNIFICANT
    assert level.value() == RiskLevel.SIGNIFICANT

    editor.go_to("indicators.grooming.level")
    indicator_level = field(editor, "indicators.grooming.level")
    assert indicator_level.isEnabled()
    box = field(editor, "indicators.grooming.identified")
    assert isinstance(box, BoolField)
    assert box.box.isEnabled()
    box.box.setFocus()
    press(box.box, Qt.Key.Key_Space)
    qtbot.mouseClick(box.label, Qt.MouseButton.LeftButton)
    assert box.value() is True
    assert editor.assessment().indicators["grooming"].identified is True
