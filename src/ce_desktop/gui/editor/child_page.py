"""The "Child details" page: the child, the assessment, consent and other agencies.

PRODUCT §2.1 to §2.3, in the wording of the form's header table.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from ce_desktop.domain.derived import age_on
from ce_desktop.domain.model import AgencyInvolved
from ce_desktop.gui.editor.date_field import DateField
from ce_desktop.gui.editor.form import EditorContext, EditorPage
from ce_desktop.gui.editor.rows import Column, RepeatingRows
from ce_desktop.gui.speech import announce, describe


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
    """Child / young person, assessment details, consent and other agencies involved.

    Labels, hints and which answers are optional, prefilled or follow-ups come from
    ``form.yaml``; the page places them and adds the age beside the date of birth.
    """

    title = "Child details"
    form_page = "child"

    def __init__(self, context: EditorContext, index: int, parent: QWidget | None = None) -> None:
        super().__init__(context, index, parent)
        # Built from form.yaml, in its order: a field added there appears here.
        for number, declaration in enumerate(context.form.on_page(self.form_page)):
            if declaration.section:
                self.heading(declaration.section, level=1 if number == 0 else 2)
            if declaration.path == "agencies":
                self._add_agencies()
                continue
            block = self.declared(declaration.path)
            if declaration.path == "child.date_of_birth":
                self._add_age(block.input)
        self.column.addStretch(1)
        self._conditions = self.condition_paths()

    def _add_age(self, date_of_birth: QWidget) -> None:
        """The age on the assessment day, beside the date of birth."""
        assert isinstance(date_of_birth, DateField)
        self.date_of_birth = date_of_birth
        self.age_label = QLabel(date_of_birth)
        self.age_label.setObjectName("age")
        self.age_label.setStyleSheet("font-weight: 600; padding-left: 12px;")
        date_of_birth.row.insertWidget(2, self.age_label)

    def _add_agencies(self) -> None:
        """Other agencies involved: repeating rows of agency and contact."""
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
        block = self.declared("agencies", self.agencies)
        block.label.setVisible(False)

    def refresh(self) -> None:
        """Update the age and show the follow-up questions that apply."""
        self._update_age()
        self.show_what_applies()

    def on_edited(self, path: str) -> None:
        """Keep the age and the follow-up questions in step with the answers."""
        if path in ("child.date_of_birth", "details.date_completed"):
            before = self.age_label.text()
            self._update_age()
            if self.age_label.text() and self.age_label.text() != before:
                announce(self.age_label, self.age_label.text())
        elif path in self._conditions:
            self.show_what_applies()

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
