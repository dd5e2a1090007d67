"""File > Import…: an assessment from an interchange JSON file, or from a PDF CE Desktop made.

The file passes the same use case as ``ce-desktop import`` (``usecases.assessments``):
the same boundary, the same limits and the same plain messages. A protected PDF asks
for its password through the window's ``Dialogs`` (typed hidden, asked once); a wrong
one imports nothing. Reading and checking take a moment even for a large file, so
they run on the UI thread, between the file dialog and the message that follows it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.gui.action_support import ActionSupport
from ce_desktop.gui.dialogs import Dialogs
from ce_desktop.gui.forms.ui_main_window import Ui_MainWindow
from ce_desktop.gui.session import AssessmentSession
from ce_desktop.storage.errors import StorageError
from ce_desktop.usecases import assessments

TITLE = "Import"
IMPORT_FILTER = ";;".join(
    ["Assessment (*.json *.pdf)", "Interchange JSON (*.json)", "PDF made by CE Desktop (*.pdf)"]
)
PROTECTED_QUESTION = (
    "This PDF is protected. Enter its password to import the assessment it carries."
)
STATUS_MS = 15000


class ImportAction(ActionSupport):
    """The window's Import (collaborators and ``dialogs``: see ActionSupport).

    Signals:
        imported(str): the id of the assessment brought in; the window shows the list.
    """

    imported = Signal(str)

    def import_file(self) -> None:
        """Choose a file and bring its assessment in; say what happened in plain words."""
        vault = self._vault()
        if vault is None:
            self.dialogs.inform(TITLE, "Unlock CE Desktop first.")
            return
        chosen, _ = self.open_chooser(
            self._window, "Import an assessment", self._folder, IMPORT_FILTER
        )
        if not chosen:
            return
        try:
            read = assessments.read_interchange(
                Path(chosen), ask_password=lambda: self.dialogs.ask_pdf_password(PROTECTED_QUESTION)
            )
            imported = assessments.import_assessment(
                vault, read, self._catalogue, today=self.today(), now=self.now()
            )
        except assessments.ImportRefused as error:
            self.dialogs.warn(TITLE, str(error))
            return
        except StorageError as error:
            self.dialogs.warn(TITLE, f"Nothing was imported. {error}")
            return
        self.imported.emit(imported.assessment.id)
        done = f"Imported as {imported.assessment.reference}: it is in the case list."
        self.message.emit(done)
        self.dialogs.inform(TITLE, "\n\n".join([done, *imported.notes]))


def wire_import_action(
    window: QWidget,
    ui: Ui_MainWindow,
    session: AssessmentSession,
    catalogue: Catalogue,
    dialogs: Dialogs,
    refresh_list: Callable[[], None],
) -> ImportAction:
    """The window's ImportAction, joined to File > Import… and the status line."""
    action = ImportAction(
        window,
        lambda: session.vault,
        session.current,
        lambda: session.settings,
        catalogue,
        session.save_now,
        dialogs,
    )
    action.imported.connect(lambda _id: refresh_list())
    action.message.connect(lambda text: ui.statusbar.showMessage(text, STATUS_MS))
    ui.actionImport.triggered.connect(action.import_file)
    return action
