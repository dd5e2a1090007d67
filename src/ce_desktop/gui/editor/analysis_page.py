"""The "Analysis" page: risk assessment analysis and summary (PRODUCT §2.6, §4.3, §4.6).

Besides the form's boxes, it shows the framework category's descriptor, asks for the
"thorough assessment" confirmation only where rule 4.3 applies, and shows the referral
checklist at Significant or Experiencing, recording when each step was ticked.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ce_desktop.domain.completeness import thorough_assessment_needed
from ce_desktop.domain.derived import format_moment
from ce_desktop.domain.model import AuditAction, Concern, ConcernKind, RiskLevel
from ce_desktop.domain.rules import suggested_level
from ce_desktop.gui.editor.choice_field import ChoiceField
from ce_desktop.gui.editor.form import EditorContext, EditorPage
from ce_desktop.gui.editor.rows import Checklist, Column, RepeatingRows
from ce_desktop.gui.editor.widgets import BoolField, vbox

REFERRAL_LEVELS = (RiskLevel.SIGNIFICANT, RiskLevel.EXPERIENCING)
CONCERN_KINDS = (
    (ConcernKind.LOCATION, "Location"),
    (ConcernKind.ENVIRONMENT, "Environment"),
    (ConcernKind.PERSON, "Person who poses a risk"),
    (ConcernKind.OTHER, "Other (for example, a risk to themselves)"),
)


class ExploitationTypes(QWidget):
    """The types of exploitation as a checklist, with the primary type chosen among them.

    The value lists the ticked type ids with the primary type first, as the model keeps it.

    Signals:
        value_changed(): a type was ticked or unticked, or the primary type changed.
    """

    value_changed = Signal()

    def __init__(self, types: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles = dict(types)
        layout = vbox(self)
        self.checklist = Checklist(types, self)
        self.checklist.setAccessibleName("Type(s) of exploitation")
        layout.addWidget(self.checklist)
        self.primary_label = QLabel("<b>Primary type of exploitation</b>", self)
        self.primary_label.setAccessibleName("Primary type of exploitation")
        self.primary = ChoiceField([], placeholder="Choose the primary type")
        self.primary.setObjectName("analysis.primary_type")
        self.primary.setAccessibleName("Primary type of exploitation")
        self.primary_label.setBuddy(self.primary)
        layout.addWidget(self.primary_label)
        layout.addWidget(self.primary)
        self.setFocusProxy(self.checklist)
        self.checklist.value_changed.connect(self._on_ticked)
        self.primary.value_changed.connect(self.value_changed)

    def _offer(self, ticked: list[str], primary: str | None) -> None:
        self.primary.set_options([(t, self._titles[t]) for t in ticked])
        self.primary.set_value(primary if primary in ticked else (ticked[0] if ticked else None))

    def _on_ticked(self) -> None:
        self._offer(self.checklist.value(), self.primary.value())
        self.value_changed.emit()

    def value(self) -> list[str]:
        """Ticked type ids, the primary one first."""
        ticked = self.checklist.value()
        primary = self.primary.value()
        if primary in ticked:
            ticked.remove(primary)
            ticked.insert(0, primary)
        return ticked

    def set_value(self, value: list[str]) -> None:
        """Tick ``value``; its first id is the primary type."""
        known = [t for t in value if t in self._titles]
        self.checklist.set_value(known)
        self._offer(self.checklist.value(), known[0] if known else None)

    def clear_value(self) -> None:
        """Nothing ticked."""
        self.set_value([])

    def set_read_only(self, read_only: bool) -> None:
        """Freeze the ticks and the primary choice."""
        self.checklist.set_read_only(read_only)
        self.primary.set_read_only(read_only)


class TimedCheck(BoolField):
    """A check box that records when it was ticked (a referral step).

    The bound value is the time ticked, or None; the label shows that time.

    Signals:
        value_changed(): ticked or unticked by the worker.
    """

    def __init__(self, text: str, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._context = context
        self._base_text = text
        self._at: datetime | None = None

    def _label_for(self, at: datetime | None) -> str:
        if at is None:
            return self._base_text
        return f"{self._base_text} (ticked at {format_moment(at)})"

    def value(self) -> datetime | None:  # type: ignore[override]
        """When the step was ticked, or None."""
        if not self.box.isChecked():
            self._at = None
        elif self._at is None:
            self._at = self._context.now().replace(microsecond=0)
        self.label.setText(self._label_for(self._at))
        return self._at

    def set_value(self, value: datetime | None) -> None:  # type: ignore[override]
        """Show the time a step was ticked (None: not ticked)."""
        self._at = value
        self.box.setChecked(value is not None)
        self.label.setText(self._label_for(value))

    def clear_value(self) -> None:
        """Not ticked."""
        self.set_value(None)


class AnalysisPage(EditorPage):
    """Risk assessment analysis and summary, Box A, views, and the referral checklist."""

    title = "Analysis"
    form_page = "analysis"

    def __init__(self, context: EditorContext, index: int, parent: QWidget | None = None) -> None:
        super().__init__(context, index, parent)
        toolkit = self.catalogue.toolkit
        self.heading("Risk assessment analysis and summary", level=1)
        types = [(t.id, t.title) for t in toolkit.exploitation_types]
        self.declared("analysis.exploitation_types", ExploitationTypes(types))
        self.declared("analysis.immediate_concerns")
        self.declared("analysis.action_taken_against_risk")
        self.declared("analysis.contextual_safeguarding")
        self.declared("analysis.immediate_safeguarding_actions")
        self.declared("analysis.information_sharing")
        self.declared("analysis.summary")
        level_block = self.declared(
            "analysis.level_of_risk",
            ChoiceField([(lvl, lvl.label) for lvl in RiskLevel], placeholder="Choose a level"),
        )
        # The guide sits beside the answer it guides, not only on the Indicators page.
        self.suggested = QLabel(level_block)
        self.suggested.setObjectName("suggestedLevelBesideRisk")
        self.suggested.setWordWrap(True)
        self.suggested.setStyleSheet("font-weight: 600;")
        layout = level_block.layout()
        if layout is not None:
            layout.addWidget(self.suggested)
        self.declared(
            "analysis.threshold",
            ChoiceField(
                [(t.id, f"{t.title}: {t.description}") for t in toolkit.thresholds],
                placeholder="Choose a threshold",
            ),
        )
        self._build_referral()

        self.heading("Offender, location or environments of concern")
        self.paragraph(
            "Give as much information as possible about the locations, environments and "
            "persons who pose a risk to the child.",
            hint=True,
        )
        concerns = RepeatingRows(
            [
                Column("kind", "Kind", options=CONCERN_KINDS),
                Column("description", "Description", long_text=True),
            ],
            Concern,
            add_text="Add a location, environment or person",
            noun="concern",
        )
        block = self.declared("analysis.concerns", concerns)
        block.label.setVisible(False)

        self.heading("Risk management framework")
        framework = [(c.level, f"{c.category}: {c.level.label}") for c in toolkit.framework]
        self.declared(
            "analysis.framework_category", ChoiceField(framework, placeholder="Choose a category")
        )
        self.descriptor = QLabel()
        self.descriptor.setObjectName("frameworkDescriptor")
        self.descriptor.setWordWrap(True)
        self.column.addWidget(self.descriptor)

        self.heading("Box A")
        self.paragraph(
            "Practitioners are to be aware that the identification of vulnerability is a "
            "guide and should not replace professional judgement.",
            hint=True,
        )
        self.declared("analysis.rationale")
        self.declared("analysis.protective_factors")
        thorough = "analysis.thorough_assessment_confirmed"
        self.thorough = self.declared_check(thorough, BoolField(self.context.form.label(thorough)))

        self.heading("Discussion and views")
        self.declared("analysis.professional_discussion")
        self.declared("analysis.child_views")
        self.declared("analysis.parents_views")
        self.column.addStretch(1)

    def _build_referral(self) -> None:
        self.referral = QFrame(self.body)
        self.referral.setObjectName("referralChecklist")
        self.referral.setStyleSheet("#referralChecklist { border-left: 6px solid #1d70b8; }")
        inner = QVBoxLayout(self.referral)
        inner.setContentsMargins(14, 6, 6, 6)
        title = QLabel("<b>Referral: Significant or Experiencing</b>", self.referral)
        inner.addWidget(title)
        steps = "".join(f"<li>{step}</li>" for step in self.catalogue.toolkit.referral_steps)
        text = QLabel(f"<ul style='margin-left:-20px'>{steps}</ul>", self.referral)
        text.setWordWrap(True)
        inner.addWidget(text)
        self.column.addWidget(self.referral)
        for path in (
            "referral.manager_informed_at",
            "referral.referred_to_csc_at",
            "referral.telephone_referral_at",
        ):
            label = self.context.form.label(path)
            self.declared_check(path, TimedCheck(label, self.context), layout=inner)

    def _thorough_applies(self) -> bool:
        assessment = self.binder.assessment
        if assessment is None:
            return False
        return thorough_assessment_needed(assessment, self.context.now().date())

    def refresh(self) -> None:
        """Show the referral checklist, the 4.3 confirmation and the category's descriptor."""
        level = self.binder.value("analysis.level_of_risk")
        self.referral.setVisible(level in REFERRAL_LEVELS)
        thorough = self._thorough_applies() or bool(
            self.binder.value("analysis.thorough_assessment_confirmed")
        )
        self.thorough.setVisible(thorough)
        category = self.binder.value("analysis.framework_category")
        descriptor = next(
            (c.descriptor for c in self.catalogue.toolkit.framework if c.level == category), ""
        )
        self.descriptor.setText(descriptor)
        self._show_suggestion()

    def _show_suggestion(self) -> None:
        assessment = self.binder.assessment
        if assessment is None:
            self.suggested.clear()
            return
        level = suggested_level(assessment, self.catalogue)
        self.suggested.setText(
            f"Suggested level (a guide, from the indicators identified): {level.label}"
        )

    def on_edited(self, path: str) -> None:
        """Answers that decide what this page shows."""
        if path in (
            "analysis.level_of_risk",
            "analysis.framework_category",
            "child.send",
            "child.date_of_birth",
            "details.date_completed",
        ):
            self.refresh()
        elif path.startswith("referral.") and self.binder.value(path) is not None:
            manager = path == "referral.manager_informed_at"
            action = AuditAction.MANAGER_INFORMED if manager else AuditAction.REFERRED_TO_CSC
            detail = "telephone" if path == "referral.telephone_referral_at" else ""
            assessment = self.binder.assessment
            if assessment is not None:
                assessment.record(action, detail, at=self.binder.value(path))

    def clear_derived(self) -> None:
        """Forget the descriptor and the suggestion shown."""
        self.descriptor.clear()
        self.suggested.clear()
