"""The "Intended action" page (PRODUCT §2.7, §4.7).

Further action, the toolkit's intervention and disruption strategies ticked into the
plan, the next review (at most three months after the date completed, and filled in
with that date once the date completed is known) and who the assessment was shared with.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from ce_desktop.domain.rules import latest_review_date
from ce_desktop.gui.editor.form import EditorContext, EditorPage
from ce_desktop.gui.editor.rows import Checklist

REVIEW_PATH = "intended_action.next_review_date"


class ActionPage(EditorPage):
    """Intended action, the strategies of the plan, the next review and sharing."""

    title = "Intended action"
    form_page = "action"

    def __init__(self, context: EditorContext, index: int, parent: QWidget | None = None) -> None:
        super().__init__(context, index, parent)
        strategies = self.catalogue.toolkit.strategies
        self.heading("Intended action", level=1)
        self.declared("intended_action.further_action")
        self.heading("Intervention and disruption strategies")
        self.paragraph(
            "Tick the strategies that are part of the plan. They are added to the plan "
            "as written in the toolkit.",
            hint=True,
        )
        entries: list[tuple[str, str]] = []
        headings: dict[str, str] = {}
        for kind, label in (
            ("intervention", "Intervention strategies"),
            ("disruption", "Disruption strategies"),
        ):
            of_kind = [(s.id, s.text) for s in strategies if s.kind == kind]
            if of_kind:
                headings[of_kind[0][0]] = label
                entries.extend(of_kind)
        block = self.declared("intended_action.strategies", Checklist(entries, headings=headings))
        block.label.setVisible(False)

        self.heading("Review")
        self.declared(REVIEW_PATH)
        self.declared("intended_action.no_review_rationale")
        self.heading("Sharing")
        self.declared("intended_action.shared_with")
        self.declared("intended_action.shared_on")
        self.column.addStretch(1)

    def on_edited(self, path: str) -> None:
        """The date completed fills in an empty next review date (three months on)."""
        if path != "details.date_completed" or self.binder.read_only:
            return
        completed = self.binder.value(path)
        if isinstance(completed, date) and self.binder.value(REVIEW_PATH) is None:
            self.binder.set_value(REVIEW_PATH, latest_review_date(completed))
