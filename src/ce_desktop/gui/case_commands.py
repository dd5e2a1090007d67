"""What the worker does to assessments from the menus, the case list and the editor.

New, review, record an incident, delete, finalise and "save a copy elsewhere", each
guarded so that a storage problem becomes one plain message and never loses what is on
screen. Recording an incident then asks for a review of the child's current assessment
("Not now" the default: nothing is lost by it, the case list keeps showing the child).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ce_desktop.domain import derived
from ce_desktop.domain.chronology import REVIEW_PROMPT
from ce_desktop.domain.lifecycle import LifecycleError
from ce_desktop.domain.model import Assessment
from ce_desktop.gui.case_list import CaseListPage
from ce_desktop.gui.chronology_commands import ask_incident, child_of
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.finalise_dialogs import NextStep
from ce_desktop.gui.session import AssessmentSession
from ce_desktop.storage.errors import StorageError
from ce_desktop.usecases import incidents

TITLE = "CE Desktop"


class CaseCommands:
    """The assessment commands of the window.

    Every message and question goes through the window's ``dialogs`` (finalising is
    asked once, then the next step is shown, both there).

    Attributes:
        choose_folder: asks where to save a copy (a test replaces it).
        next_steps: what each chosen step does (the window fills it in).
    """

    def __init__(
        self,
        parent: QWidget,
        session: AssessmentSession,
        case_list: CaseListPage,
        refresh_list: Callable[[], None],
        dialogs: Dialogs,
    ) -> None:
        self._dialogs = dialogs
        self._session = session
        self._case_list = case_list
        self._refresh_list = refresh_list
        self.choose_folder: Callable[[], str] = lambda: QFileDialog.getExistingDirectory(
            parent, "Save an encrypted copy in…"
        )
        self.next_steps: dict[NextStep, Callable[[], None]] = {}

    def guarded(self, step: Callable[[], object]) -> None:
        """Run ``step``; a storage problem or a refused step is shown in plain words."""
        try:
            step()
        except (StorageError, LifecycleError) as error:
            self.problem(str(error))

    def problem(self, text: str) -> None:
        """Tell the worker about a problem."""
        self._dialogs.warn(TITLE, text)

    def new(self) -> None:
        """A new assessment (the open one is saved and closed first)."""
        session = self._session
        if session.current_id and not session.close_assessment():
            return
        self.guarded(session.new)

    def review_selected_or_open(self) -> None:
        """Start a review from the open assessment, or else the one selected in the list."""
        chosen = self._session.current_id or self._case_list.selected_id()
        if chosen:
            self.start_review(chosen)
        else:
            self.problem("Select an assessment in the case list first.")

    def review_open(self) -> None:
        """Start a review from the open assessment."""
        if self._session.current_id:
            self.start_review(self._session.current_id)

    def start_review(self, assessment_id: str) -> None:
        """Start a review from this assessment (it stays as it is)."""
        self.guarded(lambda: self._session.start_review(assessment_id))

    def record_incident(self, assessment_id: str) -> None:
        """Record a significant incident for the child of this assessment, then offer a
        review of the child's current assessment."""
        try:
            child = child_of(self._session, assessment_id)
        except StorageError as error:
            self.problem(str(error))
            return
        recorded = ask_incident(self._session, self._dialogs, child)
        if recorded is None:
            return
        self._refresh_list()
        self.after_incident(recorded)

    def after_incident(self, recorded: incidents.Recorded) -> None:
        """Tell what the recording noticed, then prompt a review (or the draft's opening)."""
        for warning in recorded.warnings:
            self.problem(warning)
        current = recorded.current
        if current is None:
            return
        title = "Significant incident recorded"
        if recorded.review_prompted:
            if self._dialogs.confirm(
                title,
                f"{REVIEW_PROMPT} Start a review of {current.reference} now?",
                "Start a review",
            ):
                self.start_review(current.id)
        elif self._dialogs.confirm(
            title,
            f"{REVIEW_PROMPT} The draft {current.reference} is this child's current "
            "assessment: open it to take the incident into account?",
            "Open the draft",
        ):
            self.guarded(lambda: self._session.open(current.id))

    def delete(self, assessment_id: str) -> None:
        """Delete an assessment the worker confirmed deleting."""
        self.guarded(lambda: self._session.delete(assessment_id))
        self._refresh_list()

    def finalise(self) -> None:
        """Ask once, finalise the open assessment, then show the next step."""
        if not self._dialogs.ask_finalise():
            return
        try:
            final: Assessment = self._session.finalise()
        except (StorageError, LifecycleError) as error:
            self.problem(str(error))
            return
        chosen = self._dialogs.next_step(derived.send_by(final))
        action = self.next_steps.get(chosen) if chosen is not None else None
        if action is not None:
            action()

    def save_copy(self) -> None:
        """Save the open assessment's encrypted file in a folder the worker chooses."""
        folder = self.choose_folder()
        if not folder:
            return
        try:
            written = self._session.save_copy(Path(folder))
        except StorageError as error:
            self.problem(str(error))
            return
        self._dialogs.inform(
            TITLE,
            f"An encrypted copy was saved as {written.name}. It opens only with your "
            "passphrase: copy it back into the data folder's assessments folder to use it.",
        )
