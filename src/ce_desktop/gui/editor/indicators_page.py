"""The "Indicators" page (PRODUCT §3.6): one row per catalogue indicator.

Above the rows, always in view: how many indicators are identified, the suggested
level (labelled as a guide: the toolkit's indicators never replace professional
judgement) and the "Identified only" filter. Beside the rows, the toolkit's examples
for the indicator being worked on, at each level; the pane follows the keyboard focus.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.domain.catalogue import IndicatorDef
from ce_desktop.domain.model import RiskLevel
from ce_desktop.domain.rules import suggested_level
from ce_desktop.gui.editor.form import EditorContext, EditorPage
from ce_desktop.gui.editor.indicator_row import IndicatorRow
from ce_desktop.gui.flow_layout import flow_container
from ce_desktop.gui.speech import LatestOnly, announce, plain_text

EXAMPLES_CHARACTERS = 48
"""Width of the examples pane in average characters (so it widens with the text size)."""
SIDE_BY_SIDE_CHARACTERS = 120
"""Narrower than this (in average characters), the examples pane goes below the rows."""
EXAMPLES_BELOW_SHARE = 3
"""Below the rows, the examples pane takes at most a third of the page's height."""
_NO_LIMIT = 16777215
_LEVEL_ORDER = {level: level.rank for level in RiskLevel}


class ExamplesPane(QScrollArea):
    """The toolkit's examples for one indicator, grouped by level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.side_width = QFontMetrics(self.font()).averageCharWidth() * EXAMPLES_CHARACTERS
        self.setMinimumWidth(self.side_width // 3)
        self.setMaximumWidth(self.side_width)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Heard when it changes (see show_indicator), so it is no Tab stop of its own at
        # the far end of the page.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text = QLabel()
        self.text.setObjectName("examples")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setContentsMargins(12, 10, 12, 10)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWidget(self.text)
        self.setAccessibleName("Examples from the toolkit")
        self.indicator_id: str | None = None
        self.spoken = LatestOnly()
        self.show_placeholder()

    def show_placeholder(self) -> None:
        """The text shown before any indicator has focus."""
        self.indicator_id = None
        self.text.setText(
            "<p><b>Examples from the toolkit</b></p><p>Move to an indicator to see the "
            "toolkit's examples of it at each level of risk.</p>"
        )
        self.setAccessibleDescription(plain_text(self.text.text()))
        self.text.setAccessibleName(plain_text(self.text.text()))

    def show_indicator(self, indicator: IndicatorDef, examples_html: str) -> None:
        """Show the examples of ``indicator`` and have them read out, as plain words."""
        self.indicator_id = indicator.id
        self.text.setText(examples_html)
        words = plain_text(examples_html)
        self.setAccessibleDescription(words)
        self.text.setAccessibleName(words)
        self.verticalScrollBar().setValue(0)
        self.spoken.announce(self, words)


def examples_html(indicator: IndicatorDef, context: EditorContext) -> str:
    """The examples of one indicator as rich text, lowest level first."""
    parts = [f"<p><b>Examples: {html.escape(indicator.title)}</b></p>"]
    examples = sorted(
        context.catalogue.examples_for(indicator.id),
        key=lambda e: min(_LEVEL_ORDER[level] for level in e.levels),
    )
    if not examples:
        parts.append(
            "<p>The toolkit gives no examples for this indicator. Use your professional "
            "judgement: the indicators are a guide.</p>"
        )
    for example in examples:
        levels = " / ".join(level.label for level in example.levels)
        parts.append(f"<p><b>{html.escape(levels)}</b><br>{html.escape(example.text)}</p>")
    if indicator.guidance:
        parts.append(f"<p><i>{html.escape(indicator.guidance)}</i></p>")
    return "".join(parts)


class IndicatorsPage(EditorPage):
    """Section 1 of the form: the indicators, with their examples beside them."""

    title = "Indicators"
    form_page = "indicators"

    def __init__(self, context: EditorContext, index: int, parent: QWidget | None = None) -> None:
        super().__init__(context, index, parent)
        self._build_bar()
        # The examples pane takes the room a long line of text would otherwise waste.
        self.body.setMaximumWidth(16777215)
        self.heading("Section 1. CE risk indicators", level=1)
        self.paragraph(
            "Tick each indicator identified, choose its level and describe the concern. "
            "One or more indicators identified requires input. These indicators are a "
            "guide and should assist the exercise of professional judgement.",
            hint=True,
        )
        self.rows: dict[str, IndicatorRow] = {}
        for indicator in self.catalogue.indicators:
            row = IndicatorRow(indicator, self.binder, self.index, self.body)
            self.column.addWidget(row)
            self.rows[indicator.id] = row
        self.column.addStretch(1)
        self.examples = ExamplesPane(self)
        self.middle.addWidget(self.examples)
        self._following = False

    # The examples follow the focus only while the page is shown: a page being destroyed
    # (hidden first, as it leaves the window) is then never handed a focus change.
    def showEvent(self, event: QShowEvent) -> None:
        """Start following the focus."""
        super().showEvent(event)
        app = QApplication.instance()
        if isinstance(app, QApplication) and not self._following:
            app.focusChanged.connect(self._on_focus_changed)
            self._following = True

    def hideEvent(self, event: QHideEvent) -> None:
        """Stop following the focus."""
        app = QApplication.instance()
        if isinstance(app, QApplication) and self._following:
            app.focusChanged.disconnect(self._on_focus_changed)
            self._following = False
        self.examples.spoken.retract()
        super().hideEvent(event)

    def _build_bar(self) -> None:
        bar = QFrame(self)
        bar.setObjectName("indicatorBar")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        line = QHBoxLayout(bar)
        line.setContentsMargins(16, 6, 16, 6)
        line.setSpacing(24)
        self.count_label = QLabel(bar)
        self.count_label.setObjectName("identifiedCount")
        self.suggested_label = QLabel(bar)
        self.suggested_label.setObjectName("suggestedLevel")
        self.suggested_label.setStyleSheet("font-weight: 600;")
        self.filter = QCheckBox("Identified only", bar)
        self.filter.setObjectName("identifiedOnly")
        self.filter.setAccessibleName("Identified only")
        self.filter.toggled.connect(self.apply_filter)
        # The three wrap below one another when the page is narrow (200% text).
        line.addWidget(flow_container([self.count_label, self.suggested_label], bar, 24), 1)
        line.addWidget(self.filter, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(bar)
        self.top.addLayout(column)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Put the examples beside the rows, or below them when the page is narrow."""
        super().resizeEvent(event)
        self.place_examples()

    def examples_below(self) -> bool:
        """Whether the examples pane is shown below the rows (a narrow page)."""
        return self.middle.direction() == QBoxLayout.Direction.TopToBottom

    def place_examples(self) -> None:
        """Beside the rows when there is room, else below them, a third of the height."""
        characters = QFontMetrics(self.font()).averageCharWidth()
        below = self.width() < characters * SIDE_BY_SIDE_CHARACTERS
        pane = self.examples
        if below:
            self.middle.setDirection(QBoxLayout.Direction.TopToBottom)
            pane.setMinimumWidth(0)
            pane.setMinimumHeight(pane.fontMetrics().lineSpacing() * 2 + 8)
            pane.setMaximumWidth(_NO_LIMIT)
            pane.setMaximumHeight(max(self.height() // EXAMPLES_BELOW_SHARE, characters * 8))
        else:
            self.middle.setDirection(QBoxLayout.Direction.LeftToRight)
            pane.setMaximumHeight(_NO_LIMIT)
            pane.setMinimumHeight(0)
            pane.setMinimumWidth(pane.side_width // 3)
            pane.setMaximumWidth(pane.side_width)

    def row_of(self, widget: QWidget | None) -> IndicatorRow | None:
        """The row holding ``widget``, if it is on this page's rows."""
        while widget is not None:
            if isinstance(widget, IndicatorRow):
                return widget
            widget = widget.parentWidget()
        return None

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        row = self.row_of(new)
        if row is None:
            if new is not None and self.isAncestorOf(new):
                # Left the rows (for "Identified only", say): their examples, not yet
                # read, would name a row without the focus.
                self.examples.spoken.retract()
            return
        if row.indicator.id != self.examples.indicator_id:
            self.examples.show_indicator(row.indicator, examples_html(row.indicator, self.context))

    def apply_filter(self) -> None:
        """Show only the identified indicators when "Identified only" is ticked."""
        only = self.filter.isChecked()
        for row in self.rows.values():
            row.setVisible(not only or row.is_identified())

    def update_summary(self, *, speak: bool = False) -> None:
        """Refresh the count of identified indicators and the suggested level.

        With ``speak`` (after the worker's own tick or level), what changed is read out.
        """
        assessment = self.binder.assessment
        if assessment is None:
            self.count_label.setText("")
            self.suggested_label.setText("")
            return
        count = sum(1 for row in self.rows.values() if row.is_identified())
        level = suggested_level(assessment, self.catalogue)
        changed = [
            text
            for label, text in (
                (self.count_label, f"Indicators identified: {count} of {len(self.rows)}"),
                (self.suggested_label, f"Suggested level (a guide): {level.label}"),
            )
            if label.text() != text
        ]
        self.count_label.setText(f"Indicators identified: {count} of {len(self.rows)}")
        self.suggested_label.setText(f"Suggested level (a guide): {level.label}")
        if speak and changed:
            announce(self, ". ".join(changed) + ".")

    def refresh(self) -> None:
        """Open the rows of identified indicators; refresh the count and suggestion."""
        for row in self.rows.values():
            row.update_enabled()
        self.apply_filter()
        self.update_summary()

    def on_edited(self, path: str) -> None:
        """A tick or a level changes the count and the suggestion; narratives do not."""
        if path.startswith("indicators.") and not path.endswith(".narrative"):
            self.update_summary(speak=True)

    def clear_derived(self) -> None:
        """Forget the count, the suggestion and the examples shown."""
        self.count_label.setText("")
        self.suggested_label.setText("")
        self.examples.show_placeholder()
        self.filter.setChecked(False)
