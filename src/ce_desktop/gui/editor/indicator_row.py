"""One row of the Indicators page, made from one catalogue entry.

The factory knows nothing of particular indicators: a new entry in
``indicators.yaml`` becomes a new row without a code change.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ce_desktop.domain.catalogue import IndicatorDef
from ce_desktop.domain.model import INDICATOR_LEVELS
from ce_desktop.gui.editor.binding import Binder
from ce_desktop.gui.editor.choice_field import ChoiceField
from ce_desktop.gui.editor.widgets import (
    BoolField,
    GrowingTextEdit,
    hint_label_style,
)

DEFAULT_PROMPT = "What has been seen or heard, when, by whom, and why it is a concern"


class IndicatorRow(QFrame):
    """Identified, level and narrative of concern for one indicator.

    The level and the narrative open once the indicator is ticked as identified, which
    keeps the list of 29 short. A narrative written before the tick was removed stays
    on screen, greyed, and is editable again on re-ticking: nothing typed is hidden.

    Attributes:
        indicator: the catalogue entry.
        identified: the tick box (its label is the indicator's title).
        level: the level of this indicator (Emerging, Significant, Experiencing).
        narrative: the narrative of concern.
    """

    def __init__(
        self, indicator: IndicatorDef, binder: Binder, page: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.indicator = indicator
        self._binder = binder
        self.setObjectName(f"row.{indicator.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        base = f"indicators.{indicator.id}"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(4)

        self.identified = BoolField(indicator.title, self)
        self.identified.label.setStyleSheet("font-weight: 600;")
        binder.bind(f"{base}.identified", self.identified, label=indicator.title, page=page)
        layout.addWidget(self.identified)
        if indicator.prompts:
            prompts = QLabel("Consider: " + "; ".join(indicator.prompts), self)
            prompts.setWordWrap(True)
            prompts.setStyleSheet(hint_label_style() + " margin-left: 26px;")
            layout.addWidget(prompts)
            self.identified.setAccessibleDescription(prompts.text())

        self.details = QWidget(self)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(26, 0, 0, 0)
        details.setSpacing(4)
        layout.addWidget(self.details)
        line = QHBoxLayout()
        level_label = QLabel("<b>Level</b>", self)
        level_label.setAccessibleName("Level")
        self.level = ChoiceField(
            [(level, level.label) for level in INDICATOR_LEVELS], placeholder="Choose a level"
        )
        # Named with the indicator: 29 rows' "Level" would otherwise sound alike.
        self.level.setAccessibleName(f"{indicator.title}: level")
        level_label.setBuddy(self.level)
        binder.bind(f"{base}.level", self.level, label="Level", page=page)
        line.addWidget(level_label)
        line.addWidget(self.level)
        line.addStretch(1)
        details.addLayout(line)

        narrative_label = QLabel("<b>Narrative of concern</b>", self)
        narrative_label.setAccessibleName("Narrative of concern")
        self.narrative = GrowingTextEdit(self)
        self.narrative.setPlaceholderText(
            "; ".join(indicator.prompts) if indicator.prompts else DEFAULT_PROMPT
        )
        self.narrative.setAccessibleName(f"{indicator.title}: narrative of concern")
        narrative_label.setBuddy(self.narrative)
        binder.bind(f"{base}.narrative", self.narrative, label="Narrative of concern", page=page)
        details.addWidget(narrative_label)
        details.addWidget(self.narrative)
        self.identified.value_changed.connect(self.update_enabled)
        self.update_enabled()

    def is_identified(self) -> bool:
        """Whether the indicator is ticked."""
        return self.identified.value()

    def update_enabled(self) -> None:
        """Open the level and narrative only once identified (and never when read-only)."""
        identified = self.identified.value()
        open_ = identified and not self._binder.read_only
        # Read-only, an identified level stays enabled (it is read-only itself), so that
        # it reads as text rather than as a pale disabled box.
        self.level.setEnabled(identified)
        self.narrative.setEnabled(open_ or (self._binder.read_only and identified))
        self.details.setVisible(identified or bool(self.narrative.value()))
