"""The window's outward actions (export, print, email, record a sending and the MASH's
response, the blank form, backup and restore) joined to its menus, toolbar and status line.

One export, print or email runs at a time: the others are disabled until it has
finished. While a print job is handed over the window stays usable, with a "Cancel
printing" button in the status line. The folder a file was saved in is remembered in
the settings, so the next save dialog starts there. After finalising, the next step
chosen (Email, Export or Print) triggers the same menu action.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QWidget

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.model import Assessment
from ce_desktop.gui.case_commands import CaseCommands
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.export_actions import ExportActions
from ce_desktop.gui.finalise_dialogs import NextStep
from ce_desktop.gui.forms.ui_main_window import Ui_MainWindow
from ce_desktop.gui.session import AssessmentSession

STATUS_MS = 15000
"""How long a sentence stays in the status line."""


def export_menu_actions(ui: Ui_MainWindow) -> list[QAction]:
    """The menu actions of the outward steps, in the order of ExportActions' handlers."""
    return [
        ui.actionExportPdf,
        ui.actionPrint,
        ui.actionEmail,
        ui.actionRecordSending,
        ui.actionRecordResponse,
        ui.actionBlankForm,
        ui.actionBackUp,
        ui.actionRestore,
    ]


def wire_export_actions(
    window: QWidget,
    ui: Ui_MainWindow,
    session: AssessmentSession,
    commands: CaseCommands,
    catalogue: Catalogue,
    dialogs: Dialogs,
    *,
    assessment_changed: Callable[[Assessment], None],
    refresh_list: Callable[[], None],
) -> tuple[ExportActions, QPushButton]:
    """The window's ExportActions, connected; and its "Cancel printing" button."""
    actions = ExportActions(
        window,
        lambda: session.vault,
        session.current,
        lambda: session.settings,
        catalogue,
        session.save_now,
        dialogs,
    )
    menu = export_menu_actions(ui)

    def busy(running: bool) -> None:
        for action in menu:
            action.setEnabled(not running)

    def remember_folder(folder: Path) -> None:
        settings = session.settings.model_copy(update={"export_folder": str(folder)})
        commands.guarded(lambda: session.save_settings(settings))

    actions.assessment_changed.connect(assessment_changed)
    actions.folder_chosen = remember_folder
    actions.message.connect(lambda text: ui.statusbar.showMessage(text, STATUS_MS))
    actions.busy_changed.connect(busy)
    actions.data_restored.connect(refresh_list)
    cancel = QPushButton("Cancel printing", window)
    cancel.setObjectName("cancelPrintButton")
    cancel.setVisible(False)
    cancel.clicked.connect(actions.cancel_print)
    ui.statusbar.addPermanentWidget(cancel)
    actions.printing_changed.connect(cancel.setVisible)
    handlers = (
        actions.export_pdf,
        actions.print_assessment,
        actions.email_to_social_care,
        lambda: actions.record_sending(),  # not triggered's "checked" as the method
        actions.record_response,
        actions.blank_form,
        actions.backup_now,
        actions.restore,
    )
    for action, handler in zip(menu, handlers, strict=True):
        action.triggered.connect(handler)
    commands.next_steps = {
        NextStep.EMAIL: ui.actionEmail.trigger,
        NextStep.EXPORT: ui.actionExportPdf.trigger,
        NextStep.PRINT: ui.actionPrint.trigger,
    }
    return actions, cancel
