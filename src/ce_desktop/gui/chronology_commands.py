"""What the worker does to a child's chronology from the window: record an incident,
open the chronology, correct an incident typed in error.

Every step goes through the use cases (``usecases.incidents``) and every form through
the window's ``Dialogs``. A storage problem becomes one plain message and never loses
what was typed: a refused incident or correction is told in its own form, which stays
open with the worker's words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ce_desktop.domain.chronology_entries import Entry
from ce_desktop.gui.case_list import CaseListPage
from ce_desktop.gui.correction_dialog import CorrectionAnswers
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.incident_dialog import IncidentAnswers
from ce_desktop.gui.session import AssessmentSession
from ce_desktop.storage.errors import StorageError
from ce_desktop.storage.index import AssessmentSummary
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import incidents

if TYPE_CHECKING:
    from ce_desktop.gui.case_commands import CaseCommands
    from ce_desktop.gui.forms.ui_main_window import Ui_MainWindow
    from ce_desktop.gui.main_window import MainWindow

NOT_SELECTED = "Select an assessment in the case list first."


@dataclass(frozen=True)
class Child:
    """The child of an assessment, as the chronology's forms need it.

    Attributes:
        vault: the open vault.
        child_id: the child's id.
        about: "For NAME, found by assessment REF." (the forms' text, never a title).
    """

    vault: Vault
    child_id: str
    about: str


def child_of(session: AssessmentSession, assessment_id: str) -> Child:
    """The child of the assessment with this id.

    Raises:
        StorageError: the folder is locked, the assessment is gone or damaged.
    """
    vault = session.require_vault()
    summary: AssessmentSummary | None = next(
        (s for s in vault.list_summaries() if s.id == assessment_id), None
    )
    if summary is None:
        raise StorageError(NOT_SELECTED)
    child_id = incidents.find_child(vault, summary.reference)
    name = summary.child_name or "the child (no name yet)"
    return Child(vault, child_id, f"For {name}, found by assessment {summary.reference}.")


def ask_incident(
    session: AssessmentSession, dialogs: Dialogs, child: Child
) -> incidents.Recorded | None:
    """The "Record a significant incident" form for this child; what it recorded."""
    recorded: list[incidents.Recorded] = []

    def record(answers: IncidentAnswers) -> str | None:
        try:
            recorded.append(
                incidents.record_incident(
                    child.vault,
                    child.child_id,
                    occurred_on=answers.occurred_on,
                    what_happened=answers.what_happened,
                    source_agency=answers.source_agency,
                    recorded_by=answers.recorded_by,
                    today=session.today(),
                    now=session.now(),
                )
            )
        except (incidents.IncidentRefused, StorageError) as error:
            return str(error)
        return None

    dialogs.record_incident(
        child.about,
        today=session.today(),
        recorded_by=session.settings.worker_name,
        record=record,
    )
    return recorded[0] if recorded else None


class ChronologyCommands:
    """Opens a child's chronology, from the case list or the open assessment.

    Args:
        session: the open vault and assessment.
        case_list: where the selected assessment is found.
        dialogs: every form and message.
        refresh_list: shows the case list again (its "incidents since" count).
        after_incident: what follows a recorded incident (the review prompt).
    """

    def __init__(
        self,
        session: AssessmentSession,
        case_list: CaseListPage,
        dialogs: Dialogs,
        refresh_list: Callable[[], None],
        after_incident: Callable[[incidents.Recorded], None],
    ) -> None:
        self._session = session
        self._case_list = case_list
        self._dialogs = dialogs
        self._refresh_list = refresh_list
        self._after_incident = after_incident

    def show_open_or_selected(self) -> None:
        """The chronology of the open assessment's child, or else the selected one's."""
        chosen = self._session.current_id or self._case_list.selected_id()
        if chosen:
            self.show(chosen)
        else:
            self._dialogs.warn("Chronology", NOT_SELECTED)

    def show(self, assessment_id: str) -> None:
        """The chronology of this assessment's child, until the worker closes it."""
        try:
            child = child_of(self._session, assessment_id)
            entries, warnings = incidents.entries_of(child.vault, child.child_id)
        except StorageError as error:
            self._dialogs.warn("Chronology", str(error))
            return
        for warning in warnings:
            self._dialogs.warn("Chronology", warning)
        recorded: list[incidents.Recorded] = []

        def add() -> Sequence[Entry] | None:
            done = ask_incident(self._session, self._dialogs, child)
            if done is None:
                return None
            recorded.append(done)
            for warning in done.warnings:
                self._dialogs.warn("Chronology", warning)
            return self._reread(child)

        def correct(entry: Entry) -> Sequence[Entry] | None:
            return self._reread(child) if self._ask_correction(child, entry) else None

        self._dialogs.show_chronology(child.about, entries, add=add, correct=correct)
        if recorded:
            self._refresh_list()
            self._after_incident(recorded[-1])

    def _reread(self, child: Child) -> Sequence[Entry] | None:
        try:
            return incidents.entries_of(child.vault, child.child_id)[0]
        except StorageError as error:
            self._dialogs.warn("Chronology", str(error))
            return None

    def _ask_correction(self, child: Child, entry: Entry) -> bool:
        def correct(answers: CorrectionAnswers) -> str | None:
            try:
                incidents.correct_incident(
                    child.vault,
                    child.child_id,
                    entry.incident.id,
                    occurred_on=answers.occurred_on,
                    what_happened=answers.what_happened,
                    source_agency=answers.source_agency,
                    reason=answers.reason,
                    corrected_by=answers.corrected_by,
                    today=self._session.today(),
                    now=self._session.now(),
                )
            except (incidents.IncidentRefused, StorageError) as error:
                return str(error)
            return None

        return self._dialogs.correct_incident(
            child.about,
            entry,
            today=self._session.today(),
            corrected_by=self._session.settings.worker_name,
            correct=correct,
        )


def wire_chronology(
    window: MainWindow, ui: Ui_MainWindow, commands: CaseCommands, refresh_list: Callable[[], None]
) -> ChronologyCommands:
    """The chronology's commands in the window: the case list's "Chronology…" button and
    "Chronology of the child…" in the File menu, before "Blank form…".

    The menu entry is enabled as "New review" is (when the folder is unlocked), and opens
    the open assessment's child's chronology, else the selected one's.
    """
    chronology = ChronologyCommands(
        window.session, window.case_list, window.dialogs, refresh_list, commands.after_incident
    )
    window.case_list.chronology_requested.connect(chronology.show)
    action = QAction("C&hronology of the child…", window)
    action.setObjectName("actionChronology")
    action.setToolTip("Every significant incident recorded for this child, oldest first")
    ui.menuFile.insertAction(ui.actionBlankForm, action)
    follows = ui.actionNewReview
    action.setEnabled(follows.isEnabled())
    follows.changed.connect(lambda: action.setEnabled(follows.isEnabled()))
    action.triggered.connect(chronology.show_open_or_selected)
    return chronology
