"""The "Check and finish" page (PRODUCT §3.8, §3.8a).

The findings of the toolkit's rules as a GOV.UK error summary ("There is a problem"),
each a link to its field; a written reason for each warning; "Finalise" once nothing
blocks; then the answers of the whole form with "Change" links. A final assessment is
shown read-only with "Start a review"; a review lists what changed since the last one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from ce_desktop.domain import completeness
from ce_desktop.domain.chronology import Incident, incident_count_words
from ce_desktop.domain.derived import format_date, format_moment
from ce_desktop.domain.lifecycle import ReviewChanges, changes_since
from ce_desktop.domain.model import Assessment
from ce_desktop.domain.rules import Finding, Severity, blocking, problems, unjustified_warnings
from ce_desktop.gui.editor.form import EditorContext, EditorPage, Progress
from ce_desktop.gui.editor.summary import SummaryList
from ce_desktop.gui.editor.widgets import GrowingTextEdit, discard, vbox
from ce_desktop.gui.error_summary import ErrorSummary, Problem
from ce_desktop.gui.speech import announce


def describe_changes(changes: ReviewChanges, titles: dict[str, str]) -> list[str]:
    """What changed since the previous assessment, one plain sentence per change."""
    lines: list[str] = []
    before = changes.level_before.label if changes.level_before else "not set"
    after = changes.level_after.label if changes.level_after else "not set"
    if changes.level_changed:
        lines.append(f"Level of risk: was {before}, now {after}")
    else:
        lines.append(f"Level of risk: unchanged ({after})")
    for change in changes.indicators:
        title = titles.get(change.indicator_id, change.indicator_id)
        if change.kind == "new":
            level = f" ({change.after.label})" if change.after else ""
            lines.append(f"Newly identified: {title}{level}")
        elif change.kind == "gone":
            lines.append(f"No longer identified: {title}")
        else:
            was = change.before.label if change.before else "no level"
            now = change.after.label if change.after else "no level"
            lines.append(f"Level changed: {title}, was {was}, now {now}")
    if not changes.indicators:
        lines.append("No indicator has been newly identified, removed or changed level.")
    return lines


INCIDENT_PREVIEW = 160
"""Characters of what happened shown per incident; the whole text is in the PDF."""


def describe_incidents(incidents: Sequence[Incident]) -> list[str]:
    """The significant incidents recorded since the previous assessment, one line each."""
    if not incidents:
        return ["No significant incident has been recorded since the previous assessment."]
    lines = [f"{incident_count_words(len(incidents))} recorded since the previous assessment:"]
    for incident in incidents:
        what = " ".join(incident.what_happened.split())
        if len(what) > INCIDENT_PREVIEW:
            what = what[:INCIDENT_PREVIEW].rstrip() + "…"
        lines.append(f"{format_date(incident.occurred_on)}, {incident.source_agency}: {what}")
    return lines


class CheckPage(EditorPage):
    """Check your answers, the problems found, warnings' reasons, and finishing.

    Signals:
        finalise_requested(): "Finalise" pressed and the rules found nothing blocking.
        start_review_requested(): "Start a review" pressed on a final assessment.
        justified(): a warning's written reason changed (the model holds it already).
    """

    title = "Check and finish"
    finalise_requested = Signal()
    start_review_requested = Signal()
    justified = Signal()

    def __init__(
        self,
        context: EditorContext,
        index: int,
        *,
        run_check: Callable[[], list[Finding]],
        go_to: Callable[[str], None],
        page_titles: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, index, parent)
        self._run_check = run_check
        self._go_to = go_to
        self.findings: list[Finding] | None = None
        self.previous: Assessment | None = None
        self.incidents_since: list[Incident] = []
        self.heading("Check your answers before finishing", level=1)

        self.final_banner = QLabel(self.body)
        self.final_banner.setObjectName("finalBanner")
        self.final_banner.setWordWrap(True)
        self.final_banner.setStyleSheet("border-left: 6px solid #00703c; padding: 8px;")
        self.column.addWidget(self.final_banner)
        self.review_button = QPushButton("Start a review", self.body)
        self.review_button.setObjectName("startReview")
        self.review_button.clicked.connect(self.start_review_requested)
        self.column.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.changes_box = QLabel(self.body)
        self.changes_box.setObjectName("reviewChanges")
        self.changes_box.setWordWrap(True)
        self.changes_box.setTextFormat(Qt.TextFormat.PlainText)
        self.changes_box.setStyleSheet("border-left: 6px solid #1d70b8; padding: 8px;")
        self.column.addWidget(self.changes_box)

        # Focused after a check: a screen reader says "There is a problem" and the list.
        self.problems = ErrorSummary(self.body)
        self.column.addWidget(self.problems)

        self.warnings = QWidget(self.body)
        self.column.addWidget(self.warnings)
        self.guidance_title = QLabel("<b>Good to know</b>", self.body)
        self.column.addWidget(self.guidance_title)
        self.guidance = QLabel(self.body)
        self.guidance.setObjectName("guidanceFindings")
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.PlainText)
        self.column.addWidget(self.guidance)

        actions = QHBoxLayout()
        self.check_button = QPushButton("Check again", self.body)
        self.check_button.setObjectName("checkAgain")
        self.check_button.clicked.connect(self.check_and_focus)
        self.finalise_button = QPushButton("Finalise", self.body)
        self.finalise_button.setObjectName("finalise")
        self.finalise_button.setDefault(True)
        self.finalise_button.clicked.connect(self._on_finalise)
        actions.addWidget(self.check_button)
        actions.addWidget(self.finalise_button)
        actions.addStretch(1)
        self.column.addLayout(actions)
        self.finalise_hint = self.paragraph("", hint=True)

        self.heading("Your answers")
        self.summary = SummaryList(
            self.binder, self.catalogue, page_titles, go_to, self.body, shown=self._is_shown
        )
        self.column.addWidget(self.summary)
        self.column.addStretch(1)
        self._titles = {i.id: i.title for i in self.catalogue.indicators}
        self.justification_boxes: dict[str, GrowingTextEdit] = {}

    def _is_shown(self, path: str) -> bool:
        """Whether the worker sees this question (declared questions that apply)."""
        assessment = self.binder.assessment
        if assessment is None:
            return False
        try:
            return completeness.shown(
                path, assessment, self.context.form, today=self.context.now().date()
            )
        except KeyError:
            return True  # not declared: always shown

    def run_check(self) -> None:
        """Run the toolkit's rules now and show what they found."""
        if self.binder.assessment is None:
            return
        self.findings = self._run_check()
        self._show_findings()

    def check_and_focus(self) -> None:
        """ "Check again": check, then take the worker to the problems, or say there are none."""
        self.run_check()
        if self.problems.isVisibleTo(self):
            self.reveal(self.problems)
            self.problems.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            announce(self, f"No problems found. {self.finalise_hint.text()}")

    def problems_said(self) -> str:
        """The error summary in words: its heading and how many problems, e.g. for arrival."""
        return self.problems.said() if self.problems.isVisibleTo(self) else ""

    def spoken_on_arrival(self) -> str:
        """The page's heading, then the error summary when there is one."""
        return " ".join(p for p in (self.page_heading + ".", self.problems_said()) if p)

    def news_on_arrival(self) -> str:
        """The error summary when there is one."""
        return self.problems_said()

    def refresh(self) -> None:
        """Run the checks (arriving on this page is asking for them) and rebuild the list."""
        assessment = self.binder.assessment
        read_only = self.binder.read_only
        self.final_banner.setVisible(read_only)
        self.review_button.setVisible(read_only)
        if assessment is not None and assessment.finalised_at is not None:
            self.final_banner.setText(
                f"This assessment is {assessment.status.value}: it was finalised at "
                f"{format_moment(assessment.finalised_at)} and cannot be changed. "
                "To record changes, start a review."
            )
        self._show_changes()
        for widget in (self.check_button, self.finalise_button, self.finalise_hint):
            widget.setVisible(not read_only)
        if read_only or assessment is None:
            self.findings = None
            self._show_findings()
        else:
            self.run_check()
        self.summary.rebuild(read_only=read_only)
        self.fix_tab_order()

    def show_incidents(self, incidents: Sequence[Incident]) -> None:
        """List these incidents (recorded since the previous assessment) with the changes."""
        self.incidents_since = list(incidents)
        self._show_changes()

    def _show_changes(self) -> None:
        assessment, previous = self.binder.assessment, self.previous
        if assessment is None or previous is None:
            self.changes_box.setVisible(False)
            return
        changes = changes_since(previous, assessment, self.catalogue.indicator_ids())
        lines = describe_changes(changes, self._titles) + describe_incidents(self.incidents_since)
        heading = f"What has changed since the previous assessment ({previous.reference})"
        self.changes_box.setText("\n".join([heading, *(f"• {line}" for line in lines)]))
        self.changes_box.setVisible(True)

    def _show_findings(self) -> None:
        discard(self.warnings)
        self.warnings = QWidget(self.body)
        self.column.insertWidget(self.column.indexOf(self.guidance_title), self.warnings)
        self.justification_boxes = {}
        findings = self.findings or []
        assessment = self.binder.assessment
        self.problems.show_problems(
            [
                Problem(
                    finding.message, f"problem.{finding.key}", partial(self._go_to, finding.path)
                )
                for finding in problems(findings)
            ]
        )
        warnings = [f for f in findings if f.severity is Severity.WARNING]
        self._build_warnings(warnings, assessment)
        info = [f.message for f in findings if f.severity is Severity.INFO]
        self.guidance.setText("\n".join(f"• {m}" for m in info))
        self.guidance.setVisible(bool(info))
        self.guidance_title.setVisible(bool(info))
        self.update_finalise()
        self.fix_tab_order()

    def fix_tab_order(self) -> None:
        """Tab follows the page down: the problems, the reasons, the buttons, the answers.

        Links and boxes rebuilt after a check would otherwise come last, after "Check
        again" and the answers below them.
        """
        chain: list[QWidget] = [self.review_button, self.problems]
        chain += self.problems.links()
        chain += list(self.justification_boxes.values())
        chain += [self.check_button, self.finalise_button]
        chain += list(self.summary.change_buttons.values())
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _build_warnings(self, warnings: list[Finding], assessment: Assessment | None) -> None:
        layout = vbox(self.warnings)
        if not warnings or assessment is None:
            self.warnings.setVisible(False)
            return
        title = QLabel("<b>Warnings: give your reason for going ahead</b>", self.warnings)
        layout.addWidget(title)
        for finding in warnings:
            message = QLabel(finding.message, self.warnings)
            message.setWordWrap(True)
            message.setTextFormat(Qt.TextFormat.PlainText)
            label = QLabel("<b>Your reason</b>", self.warnings)
            label.setAccessibleName("Your reason")
            box = GrowingTextEdit(self.warnings)
            box.setObjectName(f"justification.{finding.key}")
            # Named by its warning: with two warnings, two "Your reason" would sound alike.
            box.setAccessibleName(f"Your reason for going ahead: {finding.message}")
            label.setBuddy(box)
            box.set_value(assessment.justifications.get(finding.key, ""))
            box.value_changed.connect(partial(self._justify, finding.key, box))
            for widget in (message, label, box):
                layout.addWidget(widget)
            self.justification_boxes[finding.key] = box
        self.warnings.setVisible(True)

    def _justify(self, key: str, box: GrowingTextEdit) -> None:
        assessment = self.binder.assessment
        if assessment is None:
            return
        text = box.value()
        # The dict is replaced, not mutated, so the model sees an assignment.
        justifications = dict(assessment.justifications)
        if text.strip():
            justifications[key] = text
        else:
            justifications.pop(key, None)
        assessment.justifications = justifications
        self.update_finalise()
        self.justified.emit()

    def update_finalise(self) -> None:
        """Enable "Finalise" only when no error remains and every warning has a reason."""
        assessment = self.binder.assessment
        if assessment is None or self.findings is None or self.binder.read_only:
            self.finalise_button.setEnabled(False)
            self.finalise_hint.setText("")
            return
        errors = blocking(self.findings)
        unjustified = unjustified_warnings(assessment, self.findings)
        self.finalise_button.setEnabled(not errors and not unjustified)
        if errors:
            # Counted from the list the summary shows (warnings too), not the errors alone.
            listed = len(problems(self.findings))
            count = "the problem" if listed == 1 else f"the {listed} problems"
            hint = f"Fix {count} above before finalising."
        elif unjustified:
            many = len(unjustified)
            count = "the warning" if many == 1 else f"each of the {many} warnings"
            hint = f"Give a reason for {count} above before finalising."
        else:
            hint = "Finalising freezes the assessment: later changes go into a review."
        self.finalise_hint.setText(hint)

    def _on_finalise(self) -> None:
        # Answers may have changed since the list was shown: check once more first.
        self.run_check()
        if self.finalise_button.isEnabled():
            self.finalise_requested.emit()

    def progress(self, assessment: Assessment) -> Progress:
        """Not started until checked; then has problems, or complete when nothing blocks."""
        if assessment.is_read_only:
            return Progress.COMPLETE
        if self.findings is None:
            return Progress.NOT_STARTED
        if blocking(self.findings) or unjustified_warnings(assessment, self.findings):
            return Progress.HAS_PROBLEMS
        return Progress.COMPLETE

    def clear_derived(self) -> None:
        """Forget findings, reasons, changes and answers shown."""
        self.findings = None
        self.previous = None
        self.incidents_since = []
        self.final_banner.clear()
        self.changes_box.clear()
        self.changes_box.setVisible(False)
        self._show_findings()
        self.summary.rebuild(read_only=False)
