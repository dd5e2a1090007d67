"""The main window: one stack of screens, the menus, the toolbar and the status line.

The stack holds, in order, the first-run wizard, the unlock screen, the case list and
the assessment editor. The window title is always just "CE Desktop": never a child's
name or an assessment's reference (PRODUCT §5.8).

The settings dialog, the guidance window and the export, print and email actions are
opened from the menus and the toolbar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QPushButton, QWidget

import ce_desktop
from ce_desktop.domain.defaults import DEFAULT_MASH_ADDRESS
from ce_desktop.gui.autosave import off_ui_thread
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.focus_ring import install_focus_rings
from ce_desktop.gui.forms.ui_main_window import Ui_MainWindow
from ce_desktop.gui.locking import IdleWatch
from ce_desktop.gui.placement import only_current_sized, scroll_inside
from ce_desktop.gui.speech import announce, install, withdraw_notices
from ce_desktop.gui.unlock import UnlockPage
from ce_desktop.storage import atomic
from ce_desktop.storage.errors import StorageError
from ce_desktop.storage.paths import DataLayout

# The rest of the window (the case list, the session, the editor, the exports) is
# imported when it is first needed: see MainWindow(staged=True) and gui.preload.
if TYPE_CHECKING:
    from ce_desktop.domain.catalogue import Catalogue
    from ce_desktop.domain.model import Assessment
    from ce_desktop.gui.autosave import SaveStatusBar
    from ce_desktop.gui.case_commands import CaseCommands
    from ce_desktop.gui.case_list import CaseListPage
    from ce_desktop.gui.editor_seam import Editor, EditorFactory
    from ce_desktop.gui.export_actions import ExportActions
    from ce_desktop.gui.first_run import FirstRunPage
    from ce_desktop.gui.guidance import GuidanceWindow
    from ce_desktop.gui.import_action import ImportAction
    from ce_desktop.gui.session import AssessmentSession, Resume
    from ce_desktop.storage.vault import Vault

log = logging.getLogger(__name__)

WINDOW_TITLE = "CE Desktop"
TRAINING_BANNER_STYLE = (
    "background: #fff4c2; color: #3d2f00; font-weight: bold; padding: 6px;"
    "border-bottom: 2px solid #b58900;"
)


def default_editor(catalogue: Catalogue, parent: QWidget) -> Editor:
    """The assessment editor (imported at first use: start-up shows the unlock screen)."""
    from ce_desktop.gui.editor import AssessmentEditor

    return AssessmentEditor(catalogue, parent)


class MainWindow(QMainWindow):
    """CE Desktop's one window.

    Handles for tests and tools (also reachable by objectName): ``first_run``
    ("firstRunPage"), ``unlock_page`` ("unlockPage"), ``case_list`` ("caseListPage"),
    ``editor`` ("assessmentEditor"; None until an assessment is opened, and again
    after each lock), ``save_status`` ("saveStatus"), ``session`` and ``idle_watch``.
    Every message and question goes through ``dialogs`` (made here, or a test's).

    With ``staged=True`` (how the app starts) and a vault already set up, only the
    unlock screen is built at first; the rest of the window is built at unlock, its
    modules loaded in the background meanwhile (``gui.preload``).
    """

    first_run: FirstRunPage
    case_list: CaseListPage
    session: AssessmentSession
    save_status: SaveStatusBar
    export_actions: ExportActions
    import_action: ImportAction
    cancel_print_button: QPushButton
    commands: CaseCommands

    def __init__(
        self,
        data_dir: Path,
        *,
        catalogue: Catalogue | None = None,
        editor_factory: EditorFactory = default_editor,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] | None = None,
        staged: bool = False,
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__()
        install()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.setWindowTitle(WINDOW_TITLE)
        self.data_dir = Path(data_dir)
        self._catalogue = catalogue
        self._editor_factory = editor_factory
        self._today, self._now = today, now
        self._resume: Resume | None = None
        self._guidance: GuidanceWindow | None = None
        self._built = False
        self.dialogs = dialogs if dialogs is not None else Dialogs(self)
        install_focus_rings()
        self.unlock_page = UnlockPage(self.data_dir, self)
        self.unlock_page.setObjectName("unlockPage")
        self.ui.stack.addWidget(self.unlock_page)
        self.ui.trainingBanner.setStyleSheet(TRAINING_BANNER_STYLE)
        self.ui.trainingBanner.setWordWrap(True)
        # Every screen scrolls when the window is smaller than it needs (200% text).
        self.page_scroll = scroll_inside(self.ui.centralLayout, self.ui.stack)
        self.ui.trainingBanner.hide()
        self.idle_watch = IdleWatch(self)
        atomic.wait_allowed = off_ui_thread  # a held file never freezes the window
        self._connect_unlock()
        vault_exists = DataLayout(self.data_dir).keystore.exists()
        if staged and vault_exists:
            from ce_desktop.gui.preload import PRELOAD_DELAY_MS, start_preload

            self._show_unlock()
            # Once the screen has been drawn: the first paint gets the whole machine.
            QTimer.singleShot(PRELOAD_DELAY_MS, start_preload)
            return
        self._build()
        if vault_exists:
            self._show_unlock()
        else:
            self._show_page(self.first_run)

    @property
    def catalogue(self) -> Catalogue:
        """The form's catalogue (loaded at first use)."""
        if self._catalogue is None:
            from ce_desktop.domain.catalogue import default_catalogue

            self._catalogue = default_catalogue()
        return self._catalogue

    def _build(self) -> None:
        """Build everything behind the unlock screen (once)."""
        if self._built:
            return
        from ce_desktop.gui.amend_commands import wire_amendments
        from ce_desktop.gui.autosave import SaveStatusBar
        from ce_desktop.gui.case_commands import CaseCommands
        from ce_desktop.gui.case_list import CaseListPage
        from ce_desktop.gui.chronology_commands import wire_chronology
        from ce_desktop.gui.first_run import FirstRunPage
        from ce_desktop.gui.import_action import wire_import_action
        from ce_desktop.gui.session import AssessmentSession
        from ce_desktop.gui.window_exports import wire_export_actions

        self._built = True
        mash = getattr(self.catalogue.toolkit, "mash_address", DEFAULT_MASH_ADDRESS)
        self.first_run = FirstRunPage(self.data_dir, mash, self)
        self.first_run.setObjectName("firstRunPage")
        self.case_list = CaseListPage(self, today=self._today, dialogs=self.dialogs)
        self.case_list.setObjectName("caseListPage")
        for page in (self.first_run, self.case_list):
            self.ui.stack.addWidget(page)
        from ce_desktop.domain.model import utc_now

        self.session = AssessmentSession(
            self._make_editor,
            self._discard_editor,
            today=self._today,
            now=self._now or utc_now,
            catalogue=lambda: self.catalogue,
            parent=self,
        )
        self.save_status = SaveStatusBar(self)
        self.ui.statusbar.addPermanentWidget(self.save_status)
        self.commands = CaseCommands(
            self, self.session, self.case_list, self._refresh_list, self.dialogs
        )
        self.chronology = wire_chronology(self, self.ui, self.commands, self._refresh_list)
        self.export_actions, self.cancel_print_button = wire_export_actions(
            self,
            self.ui,
            self.session,
            self.commands,
            self.catalogue,
            self.dialogs,
            assessment_changed=self._assessment_changed,
            refresh_list=self._refresh_list,
        )
        self.import_action = wire_import_action(
            self, self.ui, self.session, self.catalogue, self.dialogs, self._refresh_list
        )
        self.amend_commands = wire_amendments(
            self.ui.actionAmend,
            self.session,
            self.case_list,
            self.dialogs,
            self._refresh_list,
            lambda text: self.ui.statusbar.showMessage(text, 15000),
        )
        self._connect()

    # Wiring ---------------------------------------------------------------------------

    def _connect_unlock(self) -> None:
        # What works before the rest of the window is built: unlocking, help, quitting.
        ui = self.ui
        self.unlock_page.unlocked.connect(self._unlocked)
        self.unlock_page.already_running.connect(self._already_running)
        self.idle_watch.lock_requested.connect(lambda _reason: self.lock())
        ui.actionLock.triggered.connect(self.lock)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionGuidance.triggered.connect(self._open_guidance)
        ui.actionAbout.triggered.connect(self._about)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.commitDataRequest.connect(self._session_ending)
            app.aboutToQuit.connect(self._session_ending)

    def _connect(self) -> None:
        ui, session, commands = self.ui, self.session, self.commands
        self.first_run.completed.connect(self._unlocked)
        self.case_list.new_requested.connect(lambda: commands.guarded(session.new))
        self.case_list.sample_requested.connect(lambda: commands.guarded(session.open_sample))
        self.case_list.open_requested.connect(lambda i: commands.guarded(lambda: session.open(i)))
        self.case_list.review_requested.connect(commands.start_review)
        self.case_list.delete_confirmed.connect(commands.delete)
        self.case_list.incident_requested.connect(commands.record_incident)
        session.opened.connect(self._opened)
        session.message.connect(lambda text: self.ui.statusbar.showMessage(text, 15000))
        session.autosaver.state_changed.connect(
            lambda state: self.save_status.show_state(state, session.autosaver.error)
        )
        self.save_status.retry_requested.connect(session.save_now)
        self.save_status.copy_requested.connect(commands.save_copy)
        ui.actionNewAssessment.triggered.connect(commands.new)
        ui.actionNewReview.triggered.connect(commands.review_selected_or_open)
        ui.actionOpenSample.triggered.connect(lambda: commands.guarded(session.open_sample))
        ui.actionBackToList.triggered.connect(self.back_to_list)
        ui.actionSaveNow.triggered.connect(session.save_now)
        ui.actionSettings.triggered.connect(self._open_settings)

    # The editor ------------------------------------------------------------------------

    @property
    def editor(self) -> Editor | None:
        """The assessment editor, or None while no assessment has been opened."""
        return self.session.editor if self._built else None

    @property
    def unlocked(self) -> bool:
        """Whether a vault is open (the window is showing the worker's data)."""
        return self._built and self.session.vault is not None

    def _make_editor(self) -> Editor:
        editor = self._editor_factory(self.catalogue, self)
        editor.widget().setObjectName("assessmentEditor")
        editor.finalise_requested.connect(self.commands.finalise)
        editor.start_review_requested.connect(self.commands.review_open)
        self.ui.stack.addWidget(editor.widget())
        return editor

    def _discard_editor(self, editor: Editor) -> None:
        widget = editor.widget()
        self.ui.stack.removeWidget(widget)
        widget.setParent(None)  # out of the window's tree at once, not at the next loop
        widget.deleteLater()

    # Pages -------------------------------------------------------------------------------

    def current_page(self) -> QWidget:
        """The screen shown now."""
        page: QWidget = self.ui.stack.currentWidget()  # type: ignore[assignment]
        return page

    def _show_page(self, page: QWidget) -> None:
        self.ui.stack.setCurrentWidget(page)
        only_current_sized(self.ui.stack)
        self.setWindowTitle(WINDOW_TITLE)
        unlocked = self.unlocked
        in_editor = self.editor is not None and page is self.editor.widget()
        ui = self.ui
        for action in (
            ui.actionNewAssessment,
            ui.actionNewReview,
            ui.actionOpenSample,
            ui.actionImport,
            ui.actionAmend,
            ui.actionLock,
            ui.actionSettings,
            ui.actionBackUp,
            ui.actionRestore,
        ):
            action.setEnabled(unlocked)
        for action in (
            ui.actionBackToList,
            ui.actionSaveNow,
            ui.actionExportPdf,
            ui.actionPrint,
            ui.actionEmail,
            ui.actionRecordSending,
            ui.actionRecordResponse,
        ):
            action.setEnabled(unlocked and in_editor)
        if not in_editor:
            self.ui.trainingBanner.hide()
            if self._built:
                self.save_status.show_state(None, "")

    def _show_unlock(self) -> None:
        self.unlock_page.reset()
        self._show_page(self.unlock_page)
        self.unlock_page.focus_secret()

    def show_case_list(self) -> None:
        """Refresh and show the case list."""
        self._refresh_list()
        self._show_page(self.case_list)
        self.case_list.focus_list()

    def _refresh_list(self) -> None:
        try:
            self.case_list.model.chase_days = self.session.settings.chase_working_days
            self.case_list.set_summaries(
                self.session.summaries(), self.session.new_incident_counts()
            )
        except StorageError as error:
            self._problem(str(error))

    # Unlocking and locking ---------------------------------------------------------------

    def _unlocked(self, vault: Vault) -> None:
        from ce_desktop.gui.recovery import offer_recovered_drafts, question

        self._build()
        self.session.attach(vault)
        _recovered, problems = offer_recovered_drafts(
            vault, lambda draft: self.dialogs.ask_recover(question(draft))
        )
        for problem in problems:
            self._problem(problem)
        self.idle_watch.set_idle_minutes(self.session.settings.idle_minutes)
        self.idle_watch.start()
        resume, self._resume = self._resume, None
        announce(self, "CE Desktop is unlocked.")
        if resume is not None and self.session.resume(resume):
            return
        self.show_case_list()

    def lock(self) -> None:
        """Lock now: save, clear every screen, forget the key, show the unlock screen."""
        if not self.unlocked:
            return
        self.idle_watch.stop()
        if self._built:
            self.export_actions.cancel_print()
        self._resume = self.session.lock()
        self.case_list.clear()
        self.ui.statusbar.clearMessage()
        if self._guidance is not None:
            self._guidance.hide()
        self._show_unlock()
        withdraw_notices(self)
        announce(
            self.unlock_page,
            "CE Desktop is locked. Enter your passphrase to unlock it.",
            assertive=True,
        )

    def _session_ending(self, *_args: object) -> None:
        # The OS is logging out or shutting down: save now, there may be no close event.
        if self.unlocked:
            self.session.save_now()

    def _already_running(self, message: str) -> None:
        self.dialogs.warn(WINDOW_TITLE, message)

    # The open assessment ----------------------------------------------------------------

    def _opened(self, assessment: Assessment) -> None:
        self.ui.trainingBanner.setVisible(assessment.is_training_sample)
        editor = self.session.ensure_editor()
        self._show_page(editor.widget())
        editor.focus_start()  # typing goes into the form, never where focus was before
        self.save_status.show_state(self.session.autosaver.state, self.session.autosaver.error)

    def _assessment_changed(self, assessment: Assessment) -> None:
        if self.session.current_id == assessment.id:
            self.session.reload(assessment)

    def back_to_list(self) -> None:
        """Save, close the assessment and show the case list (stays if the save failed)."""
        if not self.session.close_assessment():
            self._problem(
                f"The assessment was not saved: {self.session.autosaver.error} "
                "It stays open so that nothing is lost."
            )
            return
        self.show_case_list()

    def _problem(self, text: str) -> None:
        self.dialogs.warn(WINDOW_TITLE, text)

    # Dialogs --------------------------------------------------------------------------------

    def _open_settings(self) -> None:
        if not self.unlocked:
            return
        settings = self.dialogs.edit_settings(
            self.session.settings,
            self.data_dir,
            backup=self.export_actions.backup_now,
            restore=self.export_actions.restore,
        )
        if settings is not None:
            self.commands.guarded(lambda: self.session.save_settings(settings))
            self.idle_watch.set_idle_minutes(self.session.settings.idle_minutes)

    def _open_guidance(self) -> None:
        if self._guidance is None:
            from ce_desktop.gui.guidance import GuidanceWindow

            self._guidance = GuidanceWindow(self.catalogue, self)
        self._guidance.show_topic(None)
        self._guidance.show()
        self._guidance.raise_()
        self._guidance.activateWindow()

    def _about(self) -> None:
        self.dialogs.about(
            "About CE Desktop",
            f"CE Desktop {ce_desktop.__version__}\n\n"
            "The Surrey Child Exploitation (CE) Risk Assessment, offline. Assessments are "
            "kept encrypted on this computer; nothing is sent anywhere unless you export it.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save before closing; ask first if the save failed."""
        if not self._built:
            self.idle_watch.detach()
            event.accept()
            return
        unsaved = self.session.current_id and not self.session.save_now()
        if unsaved and not self.dialogs.confirm(
            "Close without saving?",
            f"The latest changes could not be saved: {self.session.autosaver.error} "
            "Close anyway and lose them?",
            yes="&Yes",
            no="&No",
        ):
            event.ignore()
            return
        self.session.autosaver.stop()
        self.idle_watch.detach()
        if self._guidance is not None:
            self._guidance.close()
        if self.session.vault is not None:
            self.session.vault.close()
            self.session.vault = None
        event.accept()
