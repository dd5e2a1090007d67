"""The "Child details" page: the child, the assessment, consent and other agencies.

PRODUCT §2.1 to §2.3, in the wording of the form's header table.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from ce_desktop.domain.derived import age_on
from ce_desktop.domain.model import AgencyInvolved, YesNoNotKnown
from ce_desktop.gui.editor.form import EditorContext, EditorPage, FieldBlock
from ce_desktop.gui.editor.rows import Column, RepeatingRows
from ce_desktop.gui.editor.widgets import (
    DateField,
    GrowingTextEdit,
    LineField,
    yes_no_field,
)
from ce_desktop.gui.speech import announce, describe

DATE_HINT = "For example, 27/03/2012"


def age_text(date_of_birth: date | None, on: date, *, completed: bool) -> str:
    """What the page shows beside the date of birth, e.g. "Age 14 on the date completed"."""
    if date_of_birth is None:
        return ""
    age = age_on(date_of_birth, on)
    if age is None:
        return "The date of birth is after the date completed"
    when = "on the date completed" if completed else "today"
    return f"Age {age} {when}"


class ChildPage(EditorPage):
    """Child / young person, assessment details, consent and other agencies involved."""

    title = "Child details"
    prefilled = frozenset(
        {"details.completed_by", "details.agency", "details.contact_details", "agencies"}
    )

    def __init__(self, context: EditorContext, index: int, parent: QWidget | None = None) -> None:
        super().__init__(context, index, parent)
        self.heading("Child or young person", level=1)
        self.field("child.name", LineField(), "Child or young person's name")
        self.field("child.known_as", LineField(), "Alias / known as", optional=True)
        date_of_birth = DateField()
        self.date_of_birth = date_of_birth
        self.field("child.date_of_birth", date_of_birth, "Date of birth", hint=DATE_HINT)
        self.age_label = QLabel(date_of_birth)
        self.age_label.setObjectName("age")
        self.age_label.setStyleSheet("font-weight: 600; padding-left: 12px;")
        date_of_birth.row.insertWidget(2, self.age_label)
        self.field("child.gender", LineField(), "Gender")
        self.field("child.address", GrowingTextEdit(), "Address")
        self.field("child.ethnicity", LineField(), "Ethnicity")
        self.field("child.religion", LineField(), "Religion", optional=True)
        self.field("child.language_spoken", LineField(), "Language spoken")
        self.field("child.first_language", yes_no_field(), "Is this their first language?")
        self.field("child.interpreter_required", yes_no_field(), "Interpreter required")
        self.field(
            "child.send",
            yes_no_field(),
            "Disability / special needs (SEND)",
            hint="Special educational needs or disabilities. The toolkit covers young people "
            "with SEND up to the age of 25.",
        )
        self.send_details = self.field(
            "child.send_details",
            GrowingTextEdit(),
            "Disability / special needs: please clarify further",
        )
        self.field(
            "child.previously_identified",
            yes_no_field(),
            "Has sexual exploitation previously been identified as a specific issue "
            "for this child?",
        )
        self.previous_details = self.field(
            "child.previously_identified_details",
            GrowingTextEdit(),
            "Give details",
            spoken="Sexual exploitation previously identified: give details",
        )

        self.heading("The assessment")
        self.field("details.date_completed", DateField(), "Date completed", hint=DATE_HINT)
        self.field("details.period_from", DateField(), "Period covered: from", hint=DATE_HINT)
        self.field("details.period_to", DateField(), "Period covered: to", hint=DATE_HINT)
        self.field("details.completed_by", LineField(), "Name of person completing")
        self.field(
            "details.agency", LineField(), "Agency", spoken="Agency of the person completing"
        )
        self.field(
            "details.contact_details",
            GrowingTextEdit(),
            "Contact details",
            spoken="Contact details of the person completing",
        )

        self.heading("Consent to share information")
        self.field(
            "details.consent.young_person",
            yes_no_field(),
            "Consent of the young person to share information",
        )
        self.field(
            "details.consent.parent_carer",
            yes_no_field(),
            "Consent of the parent or carer to share information",
        )
        self.field(
            "details.consent.family_agreement", GrowingTextEdit(), "Family agreement", optional=True
        )
        self.field(
            "details.consent.rationale_without_consent",
            GrowingTextEdit(),
            "Rationale for sharing information without consent",
            hint="Needed where the young person or their parent or carer has not consented.",
            optional=True,
        )

        self.heading("Other agencies involved")
        self.paragraph(
            "Share completed risk assessments with permission. Add a row for each agency "
            "involved and give a name and contact.",
            hint=True,
        )
        self.agencies = RepeatingRows(
            [Column("agency", "Agency"), Column("name_contact", "Name and contact details")],
            AgencyInvolved,
            add_text="Add another agency",
            noun="agency",
        )
        block = self.field("agencies", self.agencies, "Agencies", optional=True)
        block.label.setVisible(False)
        self.column.addStretch(1)

    def _show_if_yes(self, block: FieldBlock, path: str) -> None:
        answer = self.binder.value(path)
        details_path = block.input.objectName()
        # Details already written stay visible, so nothing typed is ever hidden away.
        block.setVisible(answer is YesNoNotKnown.YES or not self.binder.is_empty(details_path))

    def refresh(self) -> None:
        """Update the age and show the details boxes whose question was answered Yes."""
        self._update_age()
        self._show_if_yes(self.send_details, "child.send")
        self._show_if_yes(self.previous_details, "child.previously_identified")

    def on_edited(self, path: str) -> None:
        """Keep the age and the conditional details boxes in step with the answers."""
        if path in ("child.date_of_birth", "details.date_completed"):
            before = self.age_label.text()
            self._update_age()
            if self.age_label.text() and self.age_label.text() != before:
                announce(self.age_label, self.age_label.text())
        elif path == "child.send":
            self._show_if_yes(self.send_details, "child.send")
        elif path == "child.previously_identified":
            self._show_if_yes(self.previous_details, "child.previously_identified")

    def _update_age(self) -> None:
        completed = self.binder.value("details.date_completed")
        on = self.context.assessment_day()
        self.age_label.setText(
            age_text(self.binder.value("child.date_of_birth"), on, completed=completed is not None)
        )
        # Heard with the date of birth, as it is seen beside it.
        describe(self.date_of_birth, "note", self.age_label.text())

    def clear_derived(self) -> None:
        """Forget the shown age (on lock)."""
        self.age_label.clear()
        describe(self.date_of_birth, "note", "")
