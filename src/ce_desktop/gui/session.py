"""The open vault and the open assessment, between the screens and the store.

``AssessmentSession`` knows the unlocked vault, the worker's settings, which
assessment the editor shows, and how to save it. The main window turns menu actions
into calls here; this class never builds widgets beyond the editor it is given.

Locking follows PRODUCT §5.7: save, remember where the worker was, clear the editor,
forget the model, close the vault (which drops the data key). If that last save fails,
the unsaved model is kept in memory only (never on screen, never on disk in clear)
and is saved as soon as the vault is unlocked again, so locking never costs an edit.

The editor is made when an assessment is first opened and thrown away at every lock
(after ``editor.clear()``): whatever a page might still hold, nothing of the
assessment survives in the window, and a fresh editor is cheap (under 0.1 s).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.chronology import Incident
from ce_desktop.domain.model import Assessment, utc_now
from ce_desktop.domain.settings import Settings
from ce_desktop.gui.autosave import Autosaver
from ce_desktop.gui.sample import new_training_sample
from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.errors import READ_ONLY_NOTICE, StorageError
from ce_desktop.usecases import amendments, incidents
from ce_desktop.usecases import assessments as use

if TYPE_CHECKING:
    from ce_desktop.gui.editor_seam import Editor
    from ce_desktop.storage.vault import AssessmentSummary, Vault

log = logging.getLogger(__name__)


@dataclass
class Resume:
    """Where the worker was when the app locked."""

    assessment_id: str | None
    location: tuple[int, str] | None
    unsaved: Assessment | None = None


class AssessmentSession(QObject):
    """The unlocked vault and the assessment open in the editor.

    Signals:
        opened(object): an assessment is now in the editor.
        closed(): the editor is empty again.
        message(str): a plain sentence for the status bar (load warnings and the like).

    Attributes:
        autosaver: decides when the open assessment is saved.
    """

    opened = Signal(object)
    closed = Signal()
    message = Signal(str)

    def __init__(
        self,
        make_editor: Callable[[], Editor],
        discard_editor: Callable[[Editor], None],
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = utc_now,
        catalogue: Callable[[], Catalogue] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._make_editor = make_editor
        self._discard_editor = discard_editor
        self.editor: Editor | None = None
        self.today = today
        self.now = now
        self.vault: Vault | None = None
        self.settings = Settings()
        self.current_id: str | None = None
        self.autosaver = Autosaver(self._write, self)

    def ensure_editor(self) -> Editor:
        """The editor, made on first use."""
        if self.editor is None:
            self.editor = self._make_editor()
            self.editor.edited.connect(self.autosaver.mark_edited)
            self.editor.page_changed.connect(self._page_changed)
        return self.editor

    def _page_changed(self, _page: int) -> None:
        self.autosaver.save_now()

    # The vault -------------------------------------------------------------------

    def attach(self, vault: Vault) -> None:
        """Use a freshly unlocked vault."""
        self.vault = vault
        for notice in vault.notices:
            self.message.emit(notice)
        try:
            self.settings = vault.load_settings()
        except StorageError as error:
            self.settings = Settings()
            self.message.emit(str(error))
        for notice in vault.notices:
            self.message.emit(notice)
        vault.notices.clear()
        if vault.read_only:
            self.message.emit(READ_ONLY_NOTICE)

    def require_vault(self) -> Vault:
        """The unlocked vault.

        Raises:
            StorageError: the app is locked.
        """
        if self.vault is None:
            raise StorageError("The data is locked. Unlock it first.")
        return self.vault

    def summaries(self) -> list[AssessmentSummary]:
        """What the case list shows."""
        return self.require_vault().list_summaries() if self.vault else []

    def new_incident_counts(self) -> dict[str, int]:
        """Per child id, the incidents recorded since the child's last assessment."""
        return incidents.new_incident_counts(self.vault) if self.vault else {}

    def save_settings(self, settings: Settings) -> None:
        """Keep new settings in the vault and use them from now on."""
        self.require_vault().save_settings(settings)
        self.settings = settings

    # The open assessment ---------------------------------------------------------

    def current(self) -> Assessment | None:
        """The assessment in the editor, or None."""
        if self.current_id is None or self.editor is None:
            return None
        return self.editor.assessment()

    def _write(self) -> None:
        assessment = self.current()
        if assessment is None:
            return
        use.save(self.require_vault(), assessment, now=self.now())

    def save_now(self) -> bool:
        """Save the open assessment at once if it has unsaved edits."""
        return self.autosaver.save_now()

    def show(self, assessment: Assessment) -> None:
        """Put an assessment in the editor (with its previous one, for a review: the
        latest final version of it, should it have been amended since)."""
        previous = None
        since: list[Incident] = []
        if assessment.previous_id and self.vault:
            try:
                # The assessment of record: the latest final version of the one reviewed.
                previous = amendments.record_of(self.vault, assessment.previous_id)
            except StorageError:
                previous = None  # the earlier one was deleted or is damaged
            since = incidents.incidents_since_previous(self.vault, assessment)
        editor = self.ensure_editor()
        editor.load(assessment, previous=previous, settings=self.settings)
        editor.show_incidents(since)  # the review page lists them
        self.current_id = assessment.id
        self.autosaver.start()
        self.opened.emit(assessment)

    def open(self, assessment_id: str) -> Assessment:
        """Load an assessment from the vault into the editor."""
        opened = use.open_assessment(self.require_vault(), assessment_id)
        for warning in opened.warnings:
            self.message.emit(warning)
        self.show(opened.assessment)
        return opened.assessment

    def new(self) -> Assessment:
        """A new draft, prefilled with the worker's details, saved and opened."""
        assessment = use.new_assessment(
            self.require_vault(), self.settings, today=self.today(), now=self.now()
        )
        self.show(assessment)
        return assessment

    def open_sample(self) -> Assessment:
        """A new draft copied from the training sample, saved and opened."""
        assessment = use.save_new(
            self.require_vault(), new_training_sample(today=self.today(), now=self.now())
        )
        self.show(assessment)
        return assessment

    def start_review(self, assessment_id: str) -> Assessment:
        """A new review of an assessment (which stays unchanged), saved and opened."""
        if self.current_id and not self.save_now():
            raise StorageError("Save the open assessment before starting a review.")
        review = use.start_review(self.require_vault(), assessment_id, today=self.today())
        self.show(review)
        return review

    def delete(self, assessment_id: str) -> None:
        """Remove an assessment from disk."""
        if assessment_id == self.current_id:
            self.close_assessment(save=False)
        self.require_vault().delete(assessment_id)

    def finalise(self) -> Assessment:
        """Freeze the open draft through the use case, which runs the checks again.

        Raises:
            StorageError: it could not be saved first, or the final copy not saved.
            FinaliseRefused: an error stands or a warning lacks its reason.
        """
        if not self.save_now():
            raise StorageError(f"The assessment could not be finalised: {self.autosaver.error}")
        final = use.finalise(
            self.require_vault(),
            self.ensure_editor().assessment(),
            self.catalogue(),
            now=self.now(),
        )
        self.reload(final)
        return final

    def catalogue(self) -> Catalogue:
        """The form's catalogue (the window's, or the default one)."""
        if self._catalogue is not None:
            return self._catalogue()
        from ce_desktop.domain.catalogue import default_catalogue

        return default_catalogue()

    def reload(self, assessment: Assessment) -> None:
        """Show a changed version of the open assessment, staying on the same page."""
        location = self.ensure_editor().location()
        self.show(assessment)
        self.ensure_editor().restore_location(location)

    def close_assessment(self, *, save: bool = True) -> bool:
        """Save and empty the editor; False (and nothing closed) if the save failed."""
        if save and self.current_id and not self.save_now():
            return False
        self.autosaver.stop()
        if self.editor is not None:
            self.editor.clear()
        self.current_id = None
        self.closed.emit()
        return True

    def save_copy(self, folder: Path) -> Path:
        """Write the open assessment, encrypted, into another folder.

        Returns:
            The file written (named by the assessment's random id).
        """
        vault = self.require_vault()
        assessment = self.current()
        if assessment is None:
            raise StorageError("There is no assessment open to copy.")
        target = folder / f"{assessment.id}.cea"
        atomic_write(target, vault.encrypted_copy(assessment))
        return target

    # Locking -----------------------------------------------------------------------

    def lock(self) -> Resume:
        """Save, remember the place, clear the editor, drop the model and the key."""
        resume = Resume(self.current_id, None)
        editor = self.editor
        if self.current_id and editor is not None:
            saved = self.autosaver.save_now()
            resume.location = editor.location()
            if not saved:
                resume.unsaved = editor.assessment().model_copy(deep=True)
        self.autosaver.stop()
        self.current_id = None
        if editor is not None:
            editor.clear()
            self.editor = None
            self._discard_editor(editor)
        if self.vault is not None:
            self.vault.close()
        self.vault = None
        self.settings = Settings()
        return resume

    def resume(self, resume: Resume) -> bool:
        """After unlocking: reopen the assessment at the same page and field."""
        if not resume.assessment_id:
            return False
        try:
            if resume.unsaved is not None:
                self.show(resume.unsaved)
                self.autosaver.mark_edited()
                self.autosaver.save_now()
            else:
                self.open(resume.assessment_id)
        except StorageError as error:
            self.message.emit(str(error))
            return False
        if resume.location is not None:
            self.ensure_editor().restore_location(resume.location)
        return True
