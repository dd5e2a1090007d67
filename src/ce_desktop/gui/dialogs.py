"""Every way the window tells or asks the worker something, in one injected object.

The window makes one :class:`Dialogs` and hands it to what needs it: the case list,
the case commands, the outward actions (export, print, email, backup) and the
window's own messages. Tests hand over a recording stand-in instead
(``tests/gui/conftest.py``), so nothing modal runs under test and no test has to
replace ``QMessageBox``. A small form added later (a question with a typed answer,
for example) is added here as a method, so it is replaced the same way.

Every question's default button is its safe answer: Enter pressed once too often,
for example after the message before it, never says yes to what was not chosen.
The dialogs of the exports and of finalising are imported when first shown, not at
start-up (the unlock screen comes first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ce_desktop.gui.placement import fit_dialog

if TYPE_CHECKING:
    from ce_desktop.domain.chronology_entries import Entry
    from ce_desktop.domain.settings import Settings
    from ce_desktop.gui.chronology_view import Add
    from ce_desktop.gui.chronology_view import Correct as CorrectFromView
    from ce_desktop.gui.correction_dialog import Correct
    from ce_desktop.gui.finalise_dialogs import NextStep
    from ce_desktop.gui.handoff_dialogs import SendingAnswer, SendingDefaults
    from ce_desktop.gui.incident_dialog import Record
    from ce_desktop.usecases.amendments import Version
    from ce_desktop.usecases.handoff import Response

TITLE = "CE Desktop"


class Dialogs:
    """Messages, questions and small forms, each modal on the window given.

    Attributes:
        parent: the window the dialogs are modal on (None: the active window's).
    """

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    # Telling -------------------------------------------------------------------------

    def inform(self, title: str, text: str) -> None:
        """A plain message with an OK button."""
        self._message(QMessageBox.Icon.Information, title, text)

    def warn(self, title: str, text: str) -> None:
        """A plain message about something that did not work."""
        self._message(QMessageBox.Icon.Warning, title, text)

    def _message(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title or TITLE, text, QMessageBox.StandardButton.Ok, self.parent)
        # Plain text: a message can quote a file name or an error, never taken for markup.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def about(self, title: str, text: str) -> None:
        """The "About" box (the app's icon beside the text)."""
        QMessageBox.about(self.parent, title, text)

    def show_password(self, password: str) -> None:
        """Show a generated PDF password once, until the worker closes it."""
        from ce_desktop.gui import export_dialogs

        _run(export_dialogs.PasswordDialog(password, self.parent))

    # Asking --------------------------------------------------------------------------

    def confirm(self, title: str, text: str, yes: str, no: str = "Not now") -> bool:
        """Ask a question; True only if the worker pressed ``yes``.

        ``no`` is the default and the Escape answer: the ``yes`` of these questions
        records something ("Record a sending"), replaces or removes something (restoring,
        deleting) or loses something (closing without saving).
        """
        box = QMessageBox(QMessageBox.Icon.Question, title or TITLE, text, parent=self.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reject)
        box.setEscapeButton(reject)
        _exec_with_focus_on(box, reject)
        return box.clickedButton() is accept

    def ask_finalise(self) -> bool:
        """Ask once before finalising; True only if the worker chose "Finalise".

        Finalise cannot be undone, so "Go back" is the default: Enter alone goes back.
        """
        from ce_desktop.gui.finalise_dialogs import FINALISE_QUESTION, FINALISE_WHAT_NEXT

        box = QMessageBox(
            QMessageBox.Icon.Question, "Finalise", FINALISE_QUESTION, parent=self.parent
        )
        box.setInformativeText(FINALISE_WHAT_NEXT)
        finalise = box.addButton("&Finalise", QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton("&Go back", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        _exec_with_focus_on(box, back)
        return box.clickedButton() is finalise

    def next_step(self, send_by: datetime | None) -> NextStep | None:
        """What comes after finalising, with Email, Export and Print at hand; the choice."""
        from ce_desktop.gui.finalise_dialogs import NextStepDialog

        dialog = NextStepDialog(send_by, self.parent)
        _run(dialog)
        chosen = dialog.chosen
        dialog.deleteLater()
        return chosen

    def ask_recover(self, text: str) -> bool | None:
        """Recover work a crash left behind? True: recover; False: discard; None: later."""
        box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved work", text)
        if self.parent is not None:
            box.setParent(self.parent, box.windowFlags())
        recover = box.addButton("Recover", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(recover)
        box.exec()
        if box.clickedButton() is recover:
            return True
        return False if box.clickedButton() is discard else None

    # Small forms ---------------------------------------------------------------------

    def record_incident(self, about: str, *, today: date, recorded_by: str, record: Record) -> bool:
        """The "Record a significant incident" form; True once ``record`` took one."""
        from ce_desktop.gui.incident_dialog import IncidentDialog

        dialog = IncidentDialog(
            about, today=today, recorded_by=recorded_by, record=record, parent=self.active_parent()
        )
        dialog.setObjectName("incidentDialog")
        recorded = bool(_run(dialog))
        dialog.deleteLater()
        return recorded

    def show_chronology(
        self, about: str, entries: Sequence[Entry], *, add: Add, correct: CorrectFromView
    ) -> None:
        """A child's chronology, with "Add an incident…" and "Correct…", until closed."""
        from ce_desktop.gui.chronology_view import ChronologyDialog

        dialog = ChronologyDialog(about, entries, add=add, correct=correct, parent=self.parent)
        dialog.setObjectName("chronologyDialog")
        _run(dialog)
        dialog.deleteLater()

    def correct_incident(
        self, about: str, entry: Entry, *, today: date, corrected_by: str, correct: Correct
    ) -> bool:
        """The "Correct an incident" form; True once ``correct`` took the correction."""
        from ce_desktop.gui.correction_dialog import CorrectionDialog

        dialog = CorrectionDialog(
            about,
            entry,
            today=today,
            corrected_by=corrected_by,
            correct=correct,
            parent=self.active_parent(),
        )
        dialog.setObjectName("correctionDialog")
        corrected = bool(_run(dialog))
        dialog.deleteLater()
        return corrected

    def active_parent(self) -> QWidget | None:
        """The dialog open on the window now (a form opened from it goes over it)."""
        from PySide6.QtWidgets import QApplication

        modal = QApplication.activeModalWidget()
        return modal if modal is not None else self.parent

    def ask_sending(self, defaults: SendingDefaults) -> SendingAnswer | None:
        """The "Record a sending" form; the sending, or None if cancelled."""
        from ce_desktop.gui.handoff_dialogs import SendingDialog

        dialog = SendingDialog(defaults, self.parent)
        answer = dialog.answer() if _run(dialog) else None
        dialog.deleteLater()
        return answer

    def ask_response(
        self, now: datetime, earliest: datetime | None, reference: str
    ) -> Response | None:
        """The "Record the MASH's response" form; the response, or None if cancelled."""
        from ce_desktop.gui.handoff_dialogs import ResponseDialog

        dialog = ResponseDialog(now, earliest, reference, self.parent)
        response = dialog.response() if _run(dialog) else None
        dialog.deleteLater()
        return response

    def ask_amendment_reason(self, reference: str) -> str | None:
        """The "Amend a final assessment" form; the reason given, or None if cancelled."""
        from ce_desktop.gui.amend_dialogs import AmendDialog

        dialog = AmendDialog(reference, self.parent)
        reason = dialog.reason_text() if _run(dialog) else None
        dialog.deleteLater()
        return reason

    def choose_version(self, reference: str, versions: Sequence[Version]) -> str | None:
        """The versions of an assessment; the id of the one to open, or None if closed."""
        from ce_desktop.gui.amend_dialogs import VersionsDialog

        dialog = VersionsDialog(reference, versions, self.parent)
        chosen = dialog.chosen if _run(dialog) else None
        dialog.deleteLater()
        return chosen

    def ask_protect(self, title: str, default: bool) -> bool | None:
        """Protect the PDF with a password? None if the worker cancelled."""
        from ce_desktop.gui import export_dialogs

        dialog = export_dialogs.ProtectDialog(title, protect=default, parent=self.parent)
        if not _run(dialog):
            return None
        return dialog.protect.isChecked()

    def ask_passphrase(self, text: str, title: str = "Restore") -> str | None:
        """Ask for a passphrase (typed hidden); None if cancelled."""
        value, ok = QInputDialog.getText(self.parent, title, text, QLineEdit.EchoMode.Password)
        return value if ok else None

    def ask_pdf_password(self, text: str) -> str | None:
        """Ask for the password of a protected PDF being imported (typed hidden); None if
        cancelled."""
        value, ok = QInputDialog.getText(self.parent, "Import", text, QLineEdit.EchoMode.Password)
        return value if ok else None

    def edit_settings(
        self,
        settings: Settings,
        data_dir: Path,
        *,
        backup: Callable[[], None],
        restore: Callable[[], None],
    ) -> Settings | None:
        """The Settings form (with its backup and restore buttons); None if cancelled."""
        from ce_desktop.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(settings, data_dir, self.parent)
        dialog.backup_requested.connect(backup)
        dialog.restore_requested.connect(restore)
        edited = dialog.result_settings() if _run(dialog) else None
        dialog.deleteLater()
        return edited


def _run(dialog: QDialog) -> int:
    """Show one of the app's own dialogs, sized to its text on this screen; its result."""
    fit_dialog(dialog)
    return dialog.exec()


class _KeepFocus(QObject):
    """Puts the focus back on the safe button when its question is shown or activated.

    A question opened with the focus on its safe button, but now and then (seen on X11
    with a window manager) the focus landed on the first button, "Finalise", when the
    window manager activated the box: Space or Enter would then have said yes.
    """

    def __init__(self, box: QMessageBox, button: QAbstractButton) -> None:
        super().__init__(box)
        self._button = button
        self._answered = False
        button.clicked.connect(self._done)
        box.buttonClicked.connect(self._done)

    def _done(self, *_args: object) -> None:
        self._answered = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On Show and on the first activations, focus the safe button."""
        kinds = (QEvent.Type.Show, QEvent.Type.WindowActivate)
        if event.type() in kinds and not self._answered:
            self._button.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
            if event.type() == QEvent.Type.WindowActivate:
                self._answered = True  # once: after that the focus is the worker's
        return False


def _exec_with_focus_on(box: QMessageBox, button: QAbstractButton) -> None:
    """Run ``box`` with the focus on ``button`` (its safe answer) when it appears."""
    keeper = _KeepFocus(box, button)
    box.installEventFilter(keeper)
    box.exec()
