"""A recording stand-in for the window's ``Dialogs``: nothing modal runs under test.

The window, the case list, the case commands and the outward actions all take one
``Dialogs`` object; a test hands them :class:`RecordingDialogs` (the ``dialogs``
fixture of ``tests/gui/conftest.py``) instead of replacing ``QMessageBox``, tells it
the answers, and reads back what the worker would have been told and asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ce_desktop.domain.chronology_entries import Entry
from ce_desktop.domain.settings import Settings
from ce_desktop.gui.correction_dialog import CorrectionAnswers
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.finalise_dialogs import NextStep
from ce_desktop.gui.incident_dialog import IncidentAnswers, Record
from ce_desktop.usecases.amendments import Version


@dataclass
class RecordingDialogs(Dialogs):
    """Says yes (or what a test sets) and remembers every message and question.

    Attributes:
        infos, warnings: the texts of the messages shown, in order.
        questions: the texts of the yes/no questions asked, in order.
        answers: the answers to the next questions, in order; ``answer`` once they run out.
        finalise: the answer to "Finalise this assessment?" (False: "Go back").
        finalise_asked: how many times it was asked.
        step: the step chosen after finalising; ``send_by`` the deadlines shown.
        recover: the answer to "Recover unsaved work?"; ``recover_questions`` the texts.
        protect: the answer to "Protect with a password?" (None: cancelled).
        passwords: the PDF passwords shown.
        passphrase: the passphrase typed when asked (None: cancelled).
        pdf_password: the password typed for a protected PDF being imported (None:
            cancelled); ``pdf_password_asked`` how many times it was asked.
        settings: what the Settings form is saved as (None: cancelled);
            ``settings_shown`` the settings it opened with.
        incidents: the answers typed into the incident form, tried in order until one
            is recorded (none left: cancelled); ``incident_forms`` what each form said
            it was about, ``incident_refusals`` what it was told.
        amendment_reasons: the reasons typed for "Amend", in order (none left, or None:
            cancelled); ``amendments_asked`` the references each form named.
        version_choice: which version to open from the versions shown (an index into
            them; None: closed); ``versions_shown`` each list shown.
        chronology_steps: what the worker does in the chronology window, in order:
            "add" (Add an incident…) or a row number (Correct that incident…);
            ``chronologies`` the incidents the window showed when opened and after each.
        corrections: the answers typed into the correction form, as ``incidents``;
            ``correction_refusals`` what it was told.
    """

    infos: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answer: bool = True
    answers: list[bool] = field(default_factory=list)
    finalise: bool = False
    finalise_asked: int = 0
    step: NextStep | None = None
    send_by: list[datetime | None] = field(default_factory=list)
    recover: bool | None = None
    recover_questions: list[str] = field(default_factory=list)
    protect: bool | None = False
    passwords: list[str] = field(default_factory=list)
    passphrase: str | None = None
    pdf_password: str | None = None
    pdf_password_asked: int = 0
    settings: Settings | None = None
    settings_shown: list[Settings] = field(default_factory=list)
    incidents: list[IncidentAnswers] = field(default_factory=list)
    incident_forms: list[str] = field(default_factory=list)
    incident_refusals: list[str] = field(default_factory=list)
    amendment_reasons: list[str | None] = field(default_factory=list)
    amendments_asked: list[str] = field(default_factory=list)
    version_choice: int | None = None
    versions_shown: list[list[Version]] = field(default_factory=list)
    chronology_steps: list[str | int] = field(default_factory=list)
    chronologies: list[list[Entry]] = field(default_factory=list)
    corrections: list[CorrectionAnswers] = field(default_factory=list)
    correction_refusals: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(None)

    def inform(self, title: str, text: str) -> None:
        self.infos.append(text)

    def warn(self, title: str, text: str) -> None:
        self.warnings.append(text)

    def about(self, title: str, text: str) -> None:
        self.infos.append(text)

    def show_password(self, password: str) -> None:
        self.passwords.append(password)

    def confirm(self, title: str, text: str, yes: str, no: str = "Not now") -> bool:
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else self.answer

    def ask_finalise(self) -> bool:
        self.finalise_asked += 1
        return self.finalise

    def next_step(self, send_by: datetime | None) -> NextStep | None:
        self.send_by.append(send_by)
        return self.step

    def ask_recover(self, text: str) -> bool | None:
        self.recover_questions.append(text)
        return self.recover

    def ask_protect(self, title: str, default: bool) -> bool | None:
        return self.protect

    def ask_passphrase(self, text: str, title: str = "Restore") -> str | None:
        return self.passphrase

    def ask_pdf_password(self, text: str) -> str | None:
        self.pdf_password_asked += 1
        return self.pdf_password

    def edit_settings(self, settings, data_dir: Path, *, backup, restore) -> Settings | None:  # type: ignore[no-untyped-def]
        self.settings_shown.append(settings)
        return self.settings

    def record_incident(self, about: str, *, today, recorded_by: str, record: Record) -> bool:  # type: ignore[no-untyped-def]
        self.incident_forms.append(about)
        while self.incidents:
            refusal = record(self.incidents.pop(0))
            if refusal is None:
                return True
            self.incident_refusals.append(refusal)
        return False

    def ask_amendment_reason(self, reference: str) -> str | None:
        self.amendments_asked.append(reference)
        return self.amendment_reasons.pop(0) if self.amendment_reasons else None

    def choose_version(self, reference: str, versions: Sequence[Version]) -> str | None:
        self.versions_shown.append(list(versions))
        return None if self.version_choice is None else versions[self.version_choice].id

    def show_chronology(self, about: str, entries, *, add, correct) -> None:  # type: ignore[no-untyped-def]
        shown = list(entries)
        self.chronologies.append(shown)
        while self.chronology_steps:
            step = self.chronology_steps.pop(0)
            updated = add() if step == "add" else correct(shown[int(step)])
            if updated is not None:
                shown = list(updated)
                self.chronologies.append(shown)

    def correct_incident(self, about: str, entry, *, today, corrected_by: str, correct) -> bool:  # type: ignore[no-untyped-def]
        while self.corrections:
            refusal = correct(self.corrections.pop(0))
            if refusal is None:
                return True
            self.correction_refusals.append(refusal)
        return False
