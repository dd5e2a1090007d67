"""Amend a final assessment, and see its versions, from the window (issue 13).

"Amend a final assessment…" (File menu) amends the open assessment, or else the one
selected in the case list: the worker gives the reason, the use case saves version 2
(the original stays as it was, only its audit trail grows), and version 2 opens for
its corrections, to be finalised through the same checks. "Versions…" in the case
list lists every version of the selected assessment and opens the one chosen (an
older final read-only, as every final is).

Every question and message goes through the window's ``Dialogs``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction

from ce_desktop.domain.lifecycle import LifecycleError
from ce_desktop.gui.case_list import CaseListPage
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.session import AssessmentSession
from ce_desktop.storage.errors import StorageError
from ce_desktop.usecases import amendments

AMEND = "Amend a final assessment"
VERSIONS = "Versions"


class AmendCommands:
    """Amend and the versions of an assessment, for the window's menu and case list.

    Attributes:
        say: puts a short sentence in the status line (the window sets it).
    """

    def __init__(
        self,
        session: AssessmentSession,
        case_list: CaseListPage,
        dialogs: Dialogs,
        refresh_list: Callable[[], None],
    ) -> None:
        self._session = session
        self._case_list = case_list
        self._dialogs = dialogs
        self._refresh_list = refresh_list
        self.say: Callable[[str], None] = lambda _text: None

    def amend(self) -> None:
        """Start the next version of the open (or selected) final assessment."""
        session = self._session
        chosen = session.current_id or self._case_list.selected_id()
        if not chosen:
            self._dialogs.inform(AMEND, "Open a final assessment, or select one in the list.")
            return
        try:
            if session.current_id and not session.save_now():
                raise StorageError("The open assessment could not be saved, so nothing changed.")
            vault = session.require_vault()
            final = vault.load(chosen)
            amendments.check_amendable(vault, final)  # before the worker types a reason
            reason = self._dialogs.ask_amendment_reason(final.reference)
            if reason is None:
                self.say("Nothing was amended.")
                return
            amended = amendments.amend(
                vault, final, reason, today=session.today(), now=session.now()
            )
        except (LifecycleError, StorageError) as error:
            self._dialogs.warn(AMEND, f"Nothing was amended. {error}")
            return
        self._refresh_list()
        self._open(amended.id)
        self.say(
            f"{amended.reference} started: correct what needs correcting, then finalise "
            f"it. {final.reference} stays as it was."
        )

    def show_versions(self, assessment_id: str) -> None:
        """List every version of this assessment; open the one chosen."""
        try:
            versions = amendments.history(self._session.require_vault(), assessment_id)
        except StorageError as error:
            self._dialogs.warn(VERSIONS, str(error))
            return
        if not versions:
            self._dialogs.inform(VERSIONS, "Select an assessment in the case list first.")
            return
        chosen = self._dialogs.choose_version(versions[0].reference, versions)
        if chosen is None:
            return
        self._open(chosen)
        version = next(v for v in versions if v.id == chosen)
        if version is not versions[-1]:
            self.say(
                f"Version {version.version}, {version.reference}, is superseded by "
                f"{versions[-1].reference}; it is kept as it was."
            )

    def _open(self, assessment_id: str) -> None:
        session = self._session
        if session.current_id and not session.close_assessment():
            self._dialogs.warn(VERSIONS, "The open assessment could not be saved first.")
            return
        try:
            session.open(assessment_id)
        except StorageError as error:
            self._dialogs.warn(VERSIONS, str(error))


def wire_amendments(
    action: QAction,
    session: AssessmentSession,
    case_list: CaseListPage,
    dialogs: Dialogs,
    refresh_list: Callable[[], None],
    say: Callable[[str], None],
) -> AmendCommands:
    """The window's amendment commands, joined to the menu action and the case list."""
    commands = AmendCommands(session, case_list, dialogs, refresh_list)
    commands.say = say
    action.triggered.connect(commands.amend)
    case_list.versions_requested.connect(commands.show_versions)
    return commands
