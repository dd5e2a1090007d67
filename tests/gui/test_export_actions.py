"""Export PDF, Email to Social Care, Record a sending, blank form, backup and restore,
driven through ExportActions with every dialog replaced by a recorder."""

from __future__ import annotations

import email
import email.policy
import io
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.model import Assessment, AuditAction, SendingMethod, Status
from ce_desktop.domain.settings import Settings
from ce_desktop.export import mapi
from ce_desktop.export.pdf_chronology import UNREADABLE
from ce_desktop.gui import export_actions as module
from ce_desktop.gui.export_actions import NOT_SAVED, UNPROTECTED_ADVICE, ExportActions
from ce_desktop.gui.export_dialogs import PasswordDialog
from ce_desktop.gui.handoff_dialogs import SendingAnswer, SendingDefaults
from ce_desktop.storage import outbox
from ce_desktop.storage.atomic import backup_path
from ce_desktop.storage.errors import SaveFailed
from ce_desktop.storage.paths import DataLayout
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import incidents, outputs
from tests.factories import CHILD_NAME, as_final, full_assessment
from tests.gui.fake_dialogs import RecordingDialogs
from tests.vault_support import make_empty_vault

PASSPHRASE = "fictional test passphrase, long enough"
MASH = "duty.team@example.gov.uk"


@dataclass
class Recorder(RecordingDialogs):
    """Stands in for every dialog and file chooser; says yes, or what each test tells it."""

    chosen: list[Path | None] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)
    opened: list[Path] = field(default_factory=list)
    sendings: list[SendingDefaults] = field(default_factory=list)

    def send(self, defaults: SendingDefaults) -> SendingAnswer | None:
        """The dialog's answer: sent as offered, by email when nothing was offered."""
        self.sendings.append(defaults)
        how = defaults.how or SendingMethod.EMAIL
        return SendingAnswer(at=defaults.now, how=how, to=defaults.to, by=defaults.by)

    def choose(self, _parent: QWidget, _caption: str, suggested: str, _f: str) -> tuple[str, str]:
        self.offered.append(suggested)
        path = self.chosen.pop(0) if self.chosen else None
        return (str(path) if path else "", "")


@dataclass
class Setup:
    actions: ExportActions
    vault: Vault
    dialogs: Recorder
    state: dict[str, object]

    @property
    def assessment(self) -> Assessment:
        current = self.state["assessment"]
        assert isinstance(current, Assessment)
        return current

    def stored(self) -> Assessment:
        return self.vault.load(self.assessment.id)


@pytest.fixture(scope="module")
def vault_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty vault made once: creating one derives keys twice, unlocking once."""
    folder = tmp_path_factory.mktemp("vault-template")
    make_empty_vault(folder, PASSPHRASE)
    return folder


@pytest.fixture
def setup(
    qtbot: QtBot, data_dir: Path, catalogue: Catalogue, vault_template: Path
) -> Iterator[Setup]:
    shutil.copytree(vault_template, data_dir, dirs_exist_ok=True)
    vault = Vault.unlock(data_dir, PASSPHRASE)
    assessment = full_assessment(narrative_words=30, catalogue=catalogue)
    vault.save(assessment)
    state: dict[str, object] = {"assessment": assessment, "saves": 0, "save_ok": True}

    def save_now() -> bool:
        state["saves"] = int(state["saves"]) + 1  # type: ignore[call-overload]
        return bool(state["save_ok"])

    window = QWidget()
    qtbot.addWidget(window)
    dialogs = Recorder(passphrase=PASSPHRASE)
    actions = ExportActions(
        window,
        vault_provider=lambda: vault,
        assessment_provider=lambda: state["assessment"],  # type: ignore[arg-type, return-value]
        settings_provider=lambda: Settings(mash_address=MASH),
        catalogue=catalogue,
        save_now=save_now,
        dialogs=dialogs,
    )
    actions.file_chooser = dialogs.choose
    actions.open_chooser = dialogs.choose
    actions.sending_asker = dialogs.send
    actions.opener = lambda path: dialogs.opened.append(path) is None
    # The window shows what the actions saved, as the real window does.
    actions.assessment_changed.connect(lambda updated: state.__setitem__("assessment", updated))
    yield Setup(actions, vault, dialogs, state)
    vault.close()


def _run(qtbot: QtBot, setup: Setup, action: str) -> None:
    with qtbot.waitSignal(setup.actions.busy_changed, check_params_cb=lambda busy: not busy):
        getattr(setup.actions, action)()


def _text(pdf: bytes, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    if password is not None:
        reader.decrypt(password)
    return " ".join(page.extract_text() for page in reader.pages)


def _actions_recorded(assessment: Assessment) -> list[AuditAction]:
    return [event.action for event in assessment.audit]


def test_export_pdf_writes_the_assessment_and_notes_it(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "exported"
    target.parent.mkdir()
    setup.dialogs.chosen = [target]

    _run(qtbot, setup, "export_pdf")

    written = target.with_suffix(".pdf")
    assert setup.dialogs.warnings == []
    assert setup.state["saves"] == 1
    suggested = Path(setup.dialogs.offered[0]).name
    assert setup.assessment.reference in suggested
    assert CHILD_NAME not in suggested
    assert setup.assessment.reference in _text(written.read_bytes())
    assert not PdfReader(written).is_encrypted
    # Where it went is said: the name and the folder.
    advice = UNPROTECTED_ADVICE.format(name=written.name, folder=written.parent)
    assert setup.dialogs.infos == [f"{advice}\n\n{outputs.data_notice(False)}"]
    assert f"{written.name} in {written.parent}" in advice
    assert AuditAction.EXPORTED_PDF in _actions_recorded(setup.stored())
    assert AuditAction.EXPORTED_PDF in _actions_recorded(setup.assessment)


def test_a_failed_write_gives_a_plain_message_and_nothing_is_noted(
    qtbot: QtBot, setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(_path: Path, _data: bytes) -> None:
        raise SaveFailed("There is not enough space on the disk to save.")

    monkeypatch.setattr(outputs, "atomic_write", full_disk)
    target = tmp_path / "out.pdf"
    setup.dialogs.chosen = [target]

    _run(qtbot, setup, "export_pdf")

    assert not target.exists()
    assert len(setup.dialogs.warnings) == 1
    shown = setup.dialogs.warnings[0]
    assert "There is not enough space on the disk to save." in shown
    assert "Traceback" not in shown
    assert "SaveFailed" not in shown
    assert AuditAction.EXPORTED_PDF not in _actions_recorded(setup.stored())


def test_nothing_is_exported_when_the_assessment_cannot_be_saved(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    setup.state["save_ok"] = False
    setup.dialogs.chosen = [tmp_path / "out.pdf"]
    with qtbot.assertNotEmitted(setup.actions.busy_changed):
        setup.actions.export_pdf()
    assert setup.dialogs.warnings == [NOT_SAVED]
    assert setup.dialogs.offered == []
    assert not (tmp_path / "out.pdf").exists()


def test_protected_export_shows_the_password_once_and_the_file_needs_it(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    QGuiApplication.clipboard().clear()
    target = tmp_path / "protected.pdf"
    setup.dialogs.chosen = [target]
    setup.dialogs.protect = True

    _run(qtbot, setup, "export_pdf")

    assert len(setup.dialogs.passwords) == 1
    password = setup.dialogs.passwords[0]
    assert len(password) >= 20
    assert setup.dialogs.infos == []  # no "not encrypted" advice for a protected file
    reader = PdfReader(target)
    assert reader.is_encrypted
    assert not reader.decrypt("not the password")
    assert setup.assessment.reference in _text(target.read_bytes(), password)
    assert password not in (QGuiApplication.clipboard().text() or "")
    assert AuditAction.EXPORTED_PDF in _actions_recorded(setup.stored())


def test_cancelling_the_file_dialog_writes_nothing(qtbot: QtBot, setup: Setup) -> None:
    setup.dialogs.chosen = [None]
    with qtbot.assertNotEmitted(setup.actions.busy_changed):
        setup.actions.export_pdf()
    assert AuditAction.EXPORTED_PDF not in _actions_recorded(setup.stored())


def test_email_draft_is_written_opened_and_carries_no_child_name(
    qtbot: QtBot, setup: Setup
) -> None:
    setup.dialogs.protect = True
    removals: list[Callable[[], None]] = []
    setup.actions.later = lambda _ms, callback: removals.append(callback)

    _run(qtbot, setup, "email_to_social_care")

    [target] = setup.dialogs.opened
    assert setup.dialogs.offered == []  # no save dialog: the draft goes to the outbox
    assert target.parent == outbox.outbox_dir(setup.vault.data_dir)
    assert target.parent.stat().st_mode & 0o777 == 0o700
    assert target.name.endswith(".eml")
    assert setup.assessment.reference in target.name
    assert CHILD_NAME not in target.name
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert message["To"] == MASH
    assert CHILD_NAME not in str(message["Subject"])
    assert setup.assessment.reference in str(message["Subject"])
    attachments = list(message.iter_attachments())  # type: ignore[attr-defined]
    assert len(attachments) == 1
    attached = attachments[0].get_content()
    assert PdfReader(io.BytesIO(attached)).is_encrypted
    assert _text(attached, setup.dialogs.passwords[0])
    assert AuditAction.EMAILED in _actions_recorded(setup.stored())
    [remove] = removals  # once the mail program has had time to read it
    remove()
    assert list(target.parent.iterdir()) == []


def test_email_goes_through_simple_mapi_where_there_is_one(qtbot: QtBot, setup: Setup) -> None:
    handed: list[tuple[str, bytes]] = []

    class StandInMapi:
        def MAPISendMailW(self, _session, _ui, message, flags, _reserved) -> int:
            sent = message._obj
            attachment = sent.lpFiles[0]
            handed.append(
                (sent.lpRecips[0].lpszAddress, Path(attachment.lpszPathName).read_bytes())
            )
            return mapi.SUCCESS_SUCCESS

    setup.actions.mapi_loader = StandInMapi

    _run(qtbot, setup, "email_to_social_care")

    [(address, pdf)] = handed
    assert address == f"SMTP:{MASH}"
    assert pdf.startswith(b"%PDF")
    assert setup.dialogs.opened == []  # no .eml draft
    assert list(outbox.outbox_dir(setup.vault.data_dir).iterdir()) == []  # PDF removed
    assert AuditAction.EMAILED in _actions_recorded(setup.stored())


def test_a_folder_synced_to_onedrive_is_warned_about(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    synced = tmp_path / "OneDrive - Fictional County Council" / "Documents"
    synced.mkdir(parents=True)
    setup.dialogs.chosen = [synced / "out.pdf"]
    setup.dialogs.answer = False

    setup.actions.export_pdf()

    [question] = setup.dialogs.questions
    assert "synced to OneDrive: the file will leave the laptop" in question
    assert not (synced / "out.pdf").exists()


def test_a_draft_cannot_be_marked_as_sent_after_emailing(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    setup.dialogs.chosen = [tmp_path / "draft.eml"]

    _run(qtbot, setup, "email_to_social_care")

    assert setup.dialogs.questions == []  # "Record a sending" is not offered
    assert any("Finalise it" in text for text in setup.dialogs.infos)
    assert setup.stored().status is Status.DRAFT


def test_a_sending_by_email_is_recorded_after_emailing(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    final = as_final(setup.assessment)
    setup.vault.save(final)
    setup.state["assessment"] = final
    setup.dialogs.chosen = [tmp_path / "final.eml"]

    _run(qtbot, setup, "email_to_social_care")

    assert len(setup.dialogs.questions) == 1
    stored = setup.stored()
    assert stored.status is Status.SENT
    assert stored.sent_at is not None
    assert _actions_recorded(stored)[-2:] == [AuditAction.EMAILED, AuditAction.SENDING_RECORDED]
    assert setup.dialogs.sendings[0].how is SendingMethod.EMAIL
    assert setup.dialogs.sendings[0].to == MASH
    assert stored.handoff.sendings[0].to == MASH
    assert setup.assessment.status is Status.SENT


def test_a_final_assessment_stays_unsent_when_the_worker_says_not_yet(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    final = as_final(setup.assessment)
    setup.vault.save(final)
    setup.state["assessment"] = final
    setup.dialogs.chosen = [tmp_path / "final.eml"]
    setup.dialogs.answer = False

    _run(qtbot, setup, "email_to_social_care")

    assert setup.stored().status is Status.FINAL


def test_record_a_sending_refuses_a_draft_and_explains(setup: Setup) -> None:
    setup.actions.record_sending()
    assert setup.stored().status is Status.DRAFT
    assert len(setup.dialogs.infos) == 1
    assert "Finalise it" in setup.dialogs.infos[0]


def test_record_a_sending_records_the_time_for_a_final(qtbot: QtBot, setup: Setup) -> None:
    final = as_final(setup.assessment)
    setup.vault.save(final)
    setup.state["assessment"] = final

    with qtbot.waitSignal(setup.actions.assessment_changed) as changed:
        setup.actions.record_sending()

    assert changed.args[0].status is Status.SENT
    summary = next(s for s in setup.vault.list_summaries() if s.id == final.id)
    assert summary.status is Status.SENT
    assert summary.send_by is None


def test_blank_form_is_written(qtbot: QtBot, setup: Setup, tmp_path: Path) -> None:
    target = tmp_path / "blank.pdf"
    setup.dialogs.chosen = [target]

    _run(qtbot, setup, "blank_form")

    reader = PdfReader(target)
    assert len(reader.pages) > 1
    assert CHILD_NAME not in _text(target.read_bytes())


def test_backup_then_restore_says_plainly_when_newer_work_would_be_replaced(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    backup = tmp_path / "backup"
    setup.dialogs.chosen = [backup]
    _run(qtbot, setup, "backup_now")
    written = backup.with_suffix(module.BACKUP_SUFFIX)
    assert written.is_file()
    assert CHILD_NAME.encode() not in written.read_bytes()

    newer = setup.assessment.model_copy(deep=True)
    newer.analysis.summary = "Changed after the backup."
    newer.updated_at = newer.updated_at.replace(year=newer.updated_at.year + 1)
    setup.vault.save(newer)
    setup.state["assessment"] = newer
    setup.dialogs.chosen = [written]
    setup.dialogs.answers = [True, False]  # yes to "Restore", no to "replace newer work"

    _run(qtbot, setup, "restore")

    assert len(setup.dialogs.questions) == 2
    assert "newer" in setup.dialogs.questions[1]
    assert setup.assessment.reference in setup.dialogs.questions[1]
    assert setup.stored().analysis.summary == "Changed after the backup."


def test_the_password_reaches_the_clipboard_only_when_copy_is_pressed(qtbot: QtBot) -> None:
    QGuiApplication.clipboard().clear()
    dialog = PasswordDialog("fictional-password-for-test")
    qtbot.addWidget(dialog)
    assert dialog.password_field.text() == "fictional-password-for-test"
    assert dialog.password_field.isReadOnly()
    assert QGuiApplication.clipboard().text() == ""

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "fictional-password-for-test"

    dialog.accept()
    assert dialog.password_field.text() == ""


def test_a_chronology_that_cannot_be_read_is_told_before_the_pdf_is_written(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    child_id = setup.assessment.child_id
    incidents.record_incident(
        setup.vault,
        child_id,
        occurred_on=date(2026, 3, 1),
        what_happened="Seen at the fictional Nortown station late at night.",
        source_agency="Fictional Police",
        recorded_by="Alex Worker",
        today=date(2026, 3, 10),
        now=datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
    )
    path = DataLayout(setup.vault.data_dir).chronology(child_id)

    def damage() -> None:
        for each in (path, backup_path(path)):
            each.write_bytes(b"damaged in transit")

    damage()
    target = tmp_path / "out.pdf"
    setup.dialogs.chosen = [target]
    setup.dialogs.answers = [False]  # "Go back"
    setup.actions.export_pdf()
    (question,) = setup.dialogs.questions
    assert question.startswith(incidents.UNREADABLE_FOR_PDF)
    assert "kept in the quarantine folder" in question  # why, in the load's own words
    assert "Nortown" not in question
    assert setup.dialogs.offered == []  # asked before choosing where, nothing written
    assert not target.exists()

    damage()
    setup.dialogs.chosen = [target]
    setup.dialogs.answers = [True]  # "Make it without the chronology"
    _run(qtbot, setup, "export_pdf")
    text = " ".join(_text(target.read_bytes()).split())
    assert UNREADABLE in text
    assert "Nortown" not in text


def test_backup_and_restore_say_how_many_chronologies_and_incidents(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    for day in (1, 2):
        incidents.record_incident(
            setup.vault,
            setup.assessment.child_id,
            occurred_on=date(2026, 3, day),
            what_happened="Seen at the fictional Nortown station late at night.",
            source_agency="Fictional Police",
            recorded_by="Alex Worker",
            today=date(2026, 3, 10),
            now=datetime(2026, 3, 10, 9, day, tzinfo=UTC),
        )
    setup.dialogs.chosen = [tmp_path / "backup"]
    _run(qtbot, setup, "backup_now")
    assert (
        "It holds 1 assessment and 1 child's chronology of incidents (2 incidents)."
        in (setup.dialogs.infos[-1])
    )
    path = DataLayout(setup.vault.data_dir).chronology(setup.assessment.child_id)
    path.unlink()
    backup_path(path).unlink(missing_ok=True)

    setup.dialogs.chosen = [(tmp_path / "backup").with_suffix(module.BACKUP_SUFFIX)]
    _run(qtbot, setup, "restore")
    assert setup.dialogs.infos[-1] == (
        "Restore finished. Assessments: 0 added, 0 replaced, 1 already up to date. "
        "Chronologies of incidents: 1 brought back, 0 merged with the one here, 0 already "
        "up to date; 2 incidents added."
    )
