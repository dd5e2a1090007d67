"""Helpers for the editor's tests: a shown editor at 1280x800 with a fixed clock."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.model import (
    Analysis,
    Assessment,
    AssessmentDetails,
    Child,
    Consent,
    IndicatorEntry,
    IntendedAction,
    RiskLevel,
    Threshold,
    YesNoNotKnown,
)
from ce_desktop.gui.editor import AssessmentEditor
from tests.gui.keys import press

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 29, 10, 30, tzinfo=LONDON)
TODAY = NOW.date()


def new_draft() -> Assessment:
    """A fresh draft as the shell would create it."""
    return Assessment.new(today=TODAY, now=NOW)


def shown_editor(qtbot: QtBot) -> AssessmentEditor:
    """An editor, shown and active, holding a new draft; its clock stands at ``NOW``
    (the ``editor`` fixture of ``tests/gui/conftest.py``, and modules' own fixtures)."""
    widget = AssessmentEditor(default_catalogue())
    qtbot.addWidget(widget)
    widget.set_now_provider(lambda: NOW)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.load(new_draft())
    return widget


def field(editor: AssessmentEditor, path: str) -> QWidget:
    """The input bound to a model path (its objectName is the path)."""
    found = editor.findChild(QWidget, path)
    assert found is not None, path
    return found


def show_field(editor: AssessmentEditor, path: str) -> QWidget:
    """Go to the input's tab, scroll to it and give it focus, as a worker would."""
    editor.go_to(path)
    QApplication.processEvents()
    return field(editor, path)


def identify(editor: AssessmentEditor, indicator_id: str, level: RiskLevel) -> None:
    """Tick an indicator and choose its level through the widgets."""
    box = field(editor, f"indicators.{indicator_id}.identified")
    box.click()  # type: ignore[attr-defined]
    combo = field(editor, f"indicators.{indicator_id}.level")
    choose(combo, level)


def choose(combo: QWidget, value: object) -> None:
    """Pick the option holding ``value`` with the arrow keys, as a keyboard user would."""
    assert isinstance(combo, QComboBox)
    target = combo.findData(value)
    assert target >= 0, value
    combo.setFocus()
    for _ in range(combo.count() + 1):
        if combo.currentIndex() == target:
            return
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        press(combo, key)
    raise AssertionError(f"could not reach option {value!r}")


def born_years_ago(years: int) -> date:
    """A date of birth making the child ``years`` old on ``TODAY`` (a birthday last month)."""
    return date(TODAY.year - years, TODAY.month - 1, 15)


def complete_draft() -> Assessment:
    """A draft of a fictional 14-year-old that the rules find nothing wrong with."""
    draft = new_draft()
    draft.child = Child(
        name="Zoë Fictional-Example",
        date_of_birth=born_years_ago(14),
        gender="Female",
        send=YesNoNotKnown.NO,
    )
    draft.details = AssessmentDetails(
        date_completed=TODAY,
        completed_by="Alex Worker",
        agency="Exampletown School",
        consent=Consent(young_person=YesNoNotKnown.YES, parent_carer=YesNoNotKnown.YES),
    )
    draft.indicators = {
        "missing_from_home": IndicatorEntry(
            identified=True, level=RiskLevel.SIGNIFICANT, narrative="Missing three nights."
        ),
        "grooming": IndicatorEntry(
            identified=True, level=RiskLevel.SIGNIFICANT, narrative="Gifts from an older man."
        ),
        "offending": IndicatorEntry(
            identified=True, level=RiskLevel.EMERGING, narrative="Shoplifting with others."
        ),
    }
    draft.analysis = Analysis(
        level_of_risk=RiskLevel.SIGNIFICANT,
        threshold=Threshold.CHILD_IN_NEED,
        rationale="Repeated missing episodes with an older adult.",
        summary="Three indicators.",
    )
    draft.intended_action = IntendedAction(next_review_date=date(2027, 2, 1))
    return draft
