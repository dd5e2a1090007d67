"""What leaves the laptop: Export PDF, Print, Email to Social Care, Record a sending
(and the MASH's response), the blank form, and Backup / Restore of the whole data folder.

Every action saves the open assessment first and stops if that fails. Slow work (PDF
rendering, protection, backups) runs off the UI thread through ``run_in_background``;
every file is written with ``atomic_write`` so a failure leaves nothing half-written.
Each outward step is noted in the assessment's own audit trail.

Dialogs and the "open this file" call are attributes that tests replace (listed in
``action_support``), so nothing modal or external ever runs under test.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinter

from ce_desktop.domain.chronology_entries import NO_INCIDENTS, AsPrinted
from ce_desktop.domain.model import Assessment, AuditAction
from ce_desktop.export import email as email_draft
from ce_desktop.export import mapi
from ce_desktop.export import printer as print_system
from ce_desktop.export.handover import HandOver
from ce_desktop.export.printer import SENT, PrintCancelled, PrintOutcome, PrintRefused
from ce_desktop.gui import printing
from ce_desktop.gui.action_support import NOT_SAVED
from ce_desktop.gui.handoff_actions import HandOffActions
from ce_desktop.storage import outbox
from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.backup import BackupMade, RestoreReport
from ce_desktop.storage.errors import RestoreWouldOverwrite, StorageError
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import outputs
from ce_desktop.usecases import printing as print_case
from ce_desktop.usecases.incidents import UNREADABLE_FOR_PDF, incidents_for_pdf

log = logging.getLogger(__name__)

PDF_FILTER = "PDF document (*.pdf)"
BACKUP_SUFFIX = ".cebackup"
BACKUP_FILTER = f"CE Desktop backup (*{BACKUP_SUFFIX})"
UNPROTECTED_ADVICE = (
    "The PDF is saved as {name} in {folder}. CE Desktop does not encrypt it once it is "
    "saved: keep it safe, and delete it when you no longer need it."
)
"""Said after an unprotected export, with where the file is (``str.format``)."""


def _pdf() -> ModuleType:
    # ReportLab (and the Pillow it imports) and pypdf cost a sixth of a second to load:
    # they are loaded at the first export, not at start-up.
    return importlib.import_module("ce_desktop.export.pdf")


class ExportActions(HandOffActions):
    """The window's Export PDF, Print, Email to Social Care, Record a sending, Record the
    MASH's response, Blank form, Back up now and Restore (signals and replaceable
    dialogs: see ActionSupport and HandOffActions).

    Signals:
        printing_changed(bool): a print job started or ended (the window shows Cancel).
    """

    printing_changed = Signal(bool)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._print_cancel = threading.Event()
        # The print system, replaceable in tests like the dialogs.
        self.printer_lister: Callable[[], list[str]] = printing.printer_names
        self.file_printer_check: Callable[[QPrinter], bool] = printing.prints_to_a_file
        self.print_system_available: Callable[[], bool] = print_system.available
        self.pdf_sender: Callable[..., PrintOutcome] = print_case.send

    def _chronology(self, assessment: Assessment, title: str) -> AsPrinted | None:
        """The child's incidents for the PDF's appendix, read on the UI thread; None if
        the chronology cannot be read and the worker chose to go back."""
        vault = self._vault()
        chronology = incidents_for_pdf(vault, assessment) if vault is not None else NO_INCIDENTS
        if chronology.unreadable and not self.dialogs.confirm(
            title,
            f"{UNREADABLE_FOR_PDF}\n\n{chronology.problem}",
            "Make it without the chronology",
            "Go back",
        ):
            return None
        return chronology

    # -- the actions ----------------------------------------------------------------

    def export_pdf(self) -> None:
        """Save the open assessment as a PDF (Ctrl+E), optionally password protected."""
        assessment = self._ready_assessment("Export PDF")
        if assessment is None:
            return
        protected = self.dialogs.ask_protect("Export PDF", False)
        if protected is None:
            return
        self._export(assessment, protected=protected)

    def _export(self, assessment: Assessment, *, protected: bool) -> None:
        chronology = self._chronology(assessment, "Export PDF")
        if chronology is None:
            return
        path = self._choose(
            "Export PDF", email_draft.pdf_file_name(assessment.reference), PDF_FILTER
        )
        if path is None:
            return
        mash = self._settings().mash_address

        def work() -> str | None:
            return outputs.write_pdf(
                path,
                assessment,
                self._catalogue,
                mash_address=mash,
                protect=protected,
                chronology=chronology,
            )

        def done(password: str | None) -> None:
            self._delivered(password, path, f"PDF saved as {path.name} in {path.parent}.")
            self._record(
                assessment.id, AuditAction.EXPORTED_PDF, outputs.protection_detail(protected)
            )

        self._start("Making the PDF…", work, done, "The PDF could not be saved.")

    def print_assessment(self) -> None:
        """Print the open assessment (Ctrl+P): the same PDF, through the print dialog.

        Recorded as PRINTED only once the print system has accepted the job.
        """
        assessment = self._ready_assessment("Print")
        if assessment is None:
            return
        if not self.printer_lister():
            self.dialogs.inform("Print", printing.NO_PRINTER)
            return
        mash = self._settings().mash_address
        chronology = self._chronology(assessment, "Print")
        if chronology is None:
            return

        def work() -> bytes:
            return print_case.render_for_print(
                assessment, self._catalogue, mash_address=mash, chronology=chronology
            )

        def done(data: bytes) -> None:
            if self._vault() is None:
                return  # locked while the PDF was being made: no dialog over the lock
            printer = self.printer_factory()
            if not self.print_dialog(printer):
                return
            # Asking the print system where the printer writes can wait on it: off the
            # UI thread, like the job itself.
            self._start(
                "Preparing to print…",
                lambda: self.file_printer_check(printer),
                lambda writes_a_file: checked(data, printer, writes_a_file),
                "The assessment could not be printed.",
            )

        def checked(data: bytes, printer: QPrinter, writes_a_file: bool) -> None:
            if writes_a_file:
                name = printer.printerName() or "Print to file"
                self.message.emit("Nothing was printed.")
                if self.dialogs.confirm(
                    "Print", printing.FILE_PRINTER.format(name=name), "Export a protected PDF"
                ):
                    self._export(assessment, protected=True)
                return
            self._send_to_printer(assessment, data, printer)

        self._start("Preparing to print…", work, done, "The assessment could not be printed.")

    def cancel_print(self) -> None:
        """Stop the print job being handed over (the Cancel button, and locking)."""
        self._print_cancel.set()

    def _send_to_printer(self, assessment: Assessment, data: bytes, printer: QPrinter) -> None:
        self._print_cancel = threading.Event()
        cancelled = self._print_cancel.is_set
        printer.setDocName(assessment.reference)  # the job's name in the queue
        if self.print_system_available():
            options = printing.options_from(printer, assessment.reference)

            def work() -> object:
                return self.pdf_sender(data, options, cancelled=cancelled)

            status = "Sending to the printer…"
        else:

            def work() -> object:
                pages = printing.print_pdf_to_printer(
                    data,
                    printer,
                    page_done=lambda page, pages: self.message.emit(
                        f"Printing page {page} of {pages}…"
                    ),
                    cancelled=cancelled,
                )
                return f"{pages} pages drawn on the printer"

            status = "Printing…"

        def done(outcome: object) -> None:
            self.printing_changed.emit(False)
            if isinstance(outcome, PrintOutcome):
                self.message.emit(outcome.message)
                self._record(assessment.id, AuditAction.PRINTED, outcome.audit_detail)
            else:
                self.message.emit(SENT)
                self._record(assessment.id, AuditAction.PRINTED, str(outcome))

        def failed(error: Exception) -> None:
            self.printing_changed.emit(False)
            if isinstance(error, PrintCancelled):
                self.message.emit(printing.PRINTING_STOPPED)
            elif isinstance(error, PrintRefused):
                self.message.emit(str(error))
                self.dialogs.warn("Print", str(error))
            else:
                self._failed("Print", "The assessment could not be printed.")(error)

        self._set_busy(True, status)
        self.printing_changed.emit(True)
        self.runner(work, self._then_idle(done), self._then_idle(failed))

    def email_to_social_care(self) -> None:
        """Hand an email to the MASH with the PDF attached to the mail program.

        Simple MAPI opens the mail program's own new-message window where there is one
        (Windows); otherwise an ``.eml`` draft opens. Either file lives in the private
        outbox and is removed once the mail program has it.
        """
        assessment = self._ready_assessment("Email to Social Care")
        if assessment is None:
            return
        protected = self.dialogs.ask_protect("Email to Social Care", True)
        if protected is None:
            return
        vault = self._vault()
        if vault is None:
            return
        data_dir = vault.data_dir
        settings = self._settings()
        sent_on = self.today()
        library = self.mapi_loader()
        chronology = self._chronology(assessment, "Email to Social Care")
        if chronology is None:
            return

        def work() -> tuple[HandOver, str | None]:
            return outputs.hand_email_over(
                assessment,
                self._catalogue,
                data_dir=data_dir,
                mash_address=settings.mash_address,
                protect=protected,
                sent_on=sent_on,
                mapi_library=library,
                chronology=chronology,
            )

        def done(result: tuple[HandOver, str | None]) -> None:
            handed, password = result
            if handed.outcome is mapi.Outcome.CANCELLED:
                self.message.emit("The email was not sent: its window was closed.")
                return
            if handed.draft is None:
                self._delivered(password, None, "The email went to your mail program.")
            else:
                self._delivered(password, None, "The email draft is open in your mail program.")
                self._open_draft(handed.draft)
            self._record(assessment.id, AuditAction.EMAILED, outputs.protection_detail(protected))
            self.offer_record_sending()

        self._start("Making the email…", work, done, "The email could not be made.")

    def _open_draft(self, draft: Path) -> None:
        if self.opener(draft):
            self.later(int(outbox.KEEP_SECONDS * 1000), lambda: outbox.remove(draft))
            return
        outbox.remove(draft)
        self.dialogs.inform(
            "Email to Social Care",
            "No mail program opened the email draft. Use Export PDF, then attach the PDF "
            "to a new email to the MASH in your mail program.",
        )

    def blank_form(self) -> None:
        """Save the printable blank form (no assessment needed)."""
        path = self._choose("Save the blank form", "CE-Risk-Assessment-blank-form.pdf", PDF_FILTER)
        if path is None:
            return
        mash = self._settings().mash_address

        def work() -> None:
            atomic_write(path, _pdf().render_blank_form(self._catalogue, mash_address=mash))

        def done(_: None) -> None:
            self.message.emit(f"Blank form saved as {path.name}.")

        self._start("Making the blank form…", work, done, "The blank form could not be saved.")

    def backup_now(self) -> None:
        """Write the whole data folder to one encrypted backup file."""
        if not self._save_now():
            self.dialogs.warn("Back up now", NOT_SAVED)
            return
        vault = self._vault()
        if vault is None:
            self.dialogs.inform("Back up now", "Unlock CE Desktop first.")
            return
        name = f"CE-Desktop-backup-{self.today():%Y-%m-%d}{BACKUP_SUFFIX}"
        path = self._choose("Back up now", name, BACKUP_FILTER, suffix=BACKUP_SUFFIX)
        if path is None:
            return

        def done(made: BackupMade) -> None:
            self.dialogs.inform(
                "Back up now",
                f"Backup saved as {path.name}. {outputs.backup_words(made)} It is encrypted: "
                "it opens only with your passphrase or recovery key. Keep it somewhere safe.",
            )

        self._start(
            "Backing up…",
            lambda: outputs.backup(vault, path),
            done,
            "The backup could not be saved.",
        )

    def restore(self) -> None:
        """Bring the assessments of a backup file back into this data folder."""
        if not self._save_now():
            self.dialogs.warn("Restore", NOT_SAVED)
            return
        vault = self._vault()
        if vault is None:
            self.dialogs.inform("Restore", "Unlock CE Desktop first.")
            return
        chosen, _ = self.open_chooser(
            self._window, "Restore from a backup", self._folder, BACKUP_FILTER
        )
        if not chosen:
            return
        source = Path(chosen)
        passphrase = self.dialogs.ask_passphrase(
            "Enter the passphrase, or the recovery key, that was in use when this backup was made."
        )
        if not passphrase:
            return
        if not self.dialogs.confirm(
            "Restore",
            "Assessments in the backup will be brought back into this data folder. "
            "Assessments that are only here are kept.",
            "Restore",
        ):
            return
        self._run_restore(vault, source, passphrase, overwrite_newer=False)

    def _run_restore(
        self, vault: Vault, source: Path, passphrase: str, *, overwrite_newer: bool
    ) -> None:
        def done(report: RestoreReport) -> None:
            self.data_restored.emit()
            self.dialogs.inform(
                "Restore",
                f"Restore finished. {outputs.restore_words(report)}",
            )
            current = self._assessment()
            if current is not None and vault.is_open:
                try:
                    self.assessment_changed.emit(vault.load(current.id))
                except StorageError as error:
                    log.info("Open assessment not reloaded after restore: %s", type(error).__name__)

        def failed(error: Exception) -> None:
            if isinstance(error, RestoreWouldOverwrite) and not overwrite_newer:
                if self.dialogs.confirm(
                    "Restore would replace newer work",
                    f"{error}\n\nReplace the newer assessments here with the older copies "
                    "from the backup? The newer work here would be lost.",
                    "Replace with the backup",
                ):
                    self._run_restore(vault, source, passphrase, overwrite_newer=True)
                else:
                    self.message.emit("Nothing was restored.")
                return
            self._failed("Restore", "Nothing was restored.")(error)

        self._set_busy(True, "Restoring…")
        self.runner(
            lambda: outputs.restore(vault, source, passphrase, overwrite_newer=overwrite_newer),
            self._then_idle(done),
            self._then_idle(failed),
        )

    # -- steps of these actions -----------------------------------------------------

    def _delivered(self, password: str | None, path: Path | None, status: str) -> None:
        """Say what happened; show a password, or where an unprotected PDF was saved."""
        self.message.emit(status)
        if password is not None:
            self.dialogs.show_password(password)
        elif path is not None:
            advice = UNPROTECTED_ADVICE.format(name=path.name, folder=path.parent)
            advice += "\n\n" + outputs.data_notice(False)
            self.dialogs.inform("PDF saved", advice)
