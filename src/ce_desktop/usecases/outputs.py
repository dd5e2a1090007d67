"""Use cases that take an assessment off the laptop, and whole-folder backups.

Export PDF (protected or not) and the email draft write their file atomically and
note the step in the assessment's audit trail with the same words, whoever asked.
The slow half (``write_pdf``, ``write_email_draft``) is separate from the note
(``record_step``), so the window can render off its UI thread and note on it.
ReportLab and pypdf load at the first export, not with this module.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ce_desktop.domain import lifecycle
from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.chronology import incident_count_words
from ce_desktop.domain.chronology_entries import NO_INCIDENTS, AsPrinted
from ce_desktop.domain.intake import interchange_json
from ce_desktop.domain.model import Assessment, AuditAction, Status
from ce_desktop.export import email as email_draft
from ce_desktop.export.handover import HandOver, hand_over
from ce_desktop.storage import outbox
from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.backup import BackupMade, RestoreReport
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases.incidents import incidents_for_pdf

PROTECTED = "password protected"
NOT_PROTECTED = "not protected"


def data_notice(protected: bool) -> str:
    """What is said wherever a PDF of an assessment is written: it carries the data too."""
    who = "anyone with its password" if protected else "anyone who has the file"
    return (
        "The PDF also carries the assessment's data, as an attached interchange file that "
        f"CE Desktop and case systems can import: {who} can read it."
    )


class ExportRefused(ValueError):
    """An assessment that must not leave as it is (for example a fake final)."""


@dataclass(frozen=True)
class Delivered:
    """A file written for someone else to read.

    Attributes:
        path: where it was written.
        password: the generated password (shown once), or None when not protected.
        assessment: the assessment with the step noted in its audit trail (when noted).
        chronology_problem: why the child's chronology could not be read, so that the
            PDF says so in place of its appendix (empty: it was read).
    """

    path: Path
    password: str | None
    assessment: Assessment | None = None
    chronology_problem: str = ""


def protection_detail(protected: bool) -> str:
    """The audit detail of an export or email: whether the PDF was protected."""
    return PROTECTED if protected else NOT_PROTECTED


def render_pdf(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    mash_address: str,
    protect: bool,
    carry_data: bool = True,
    chronology: AsPrinted = NO_INCIDENTS,
) -> tuple[bytes, str | None]:
    """The paper-style PDF, and its generated password when ``protect`` is set.

    The PDF carries the assessment's interchange JSON unless ``carry_data`` is False
    (a copy for the printer); protection covers that attachment too.

    Raises:
        ExportRefused: the assessment says it is final but its fingerprint does not
            match its content, so its pages would show FINAL falsely.
    """
    if (
        assessment.status is not Status.DRAFT
        and assessment.fingerprint != lifecycle.content_fingerprint(assessment)
    ):
        raise ExportRefused(
            "This assessment says it is final, but its fingerprint does not match its "
            "content. It was not exported."
        )
    pdf = importlib.import_module("ce_desktop.export.pdf")
    data: bytes = pdf.render_assessment_pdf(
        assessment,
        catalogue,
        mash_address=mash_address,
        carry_data=carry_data,
        chronology=chronology,
    )
    if not protect:
        return data, None
    protection = importlib.import_module("ce_desktop.export.protect")
    password: str = protection.generate_password()
    protected: bytes = protection.protect_pdf(data, password)
    return protected, password


def write_pdf(
    path: Path,
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    mash_address: str,
    protect: bool,
    chronology: AsPrinted = NO_INCIDENTS,
) -> str | None:
    """Render the PDF and write it whole; returns the password when protected.

    ``chronology`` is the child's chronology for the appendix (``incidents_for_pdf``).
    """
    data, password = render_pdf(
        assessment, catalogue, mash_address=mash_address, protect=protect, chronology=chronology
    )
    atomic_write(path, data)
    return password


def write_email_draft(
    path: Path,
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    mash_address: str,
    protect: bool,
    sent_on: date,
    chronology: AsPrinted = NO_INCIDENTS,
) -> str | None:
    """Write the unsent email to the MASH with the PDF attached; returns the password."""
    data, password = render_pdf(
        assessment, catalogue, mash_address=mash_address, protect=protect, chronology=chronology
    )
    draft = email_draft.build_email_draft(
        pdf=data,
        reference=assessment.reference,
        to=mash_address,
        sent_on=sent_on,
        protected=protect,
    )
    atomic_write(path, draft)
    return password


def hand_email_over(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    data_dir: Path,
    mash_address: str,
    protect: bool,
    sent_on: date,
    mapi_library: Any | None,
    chronology: AsPrinted = NO_INCIDENTS,
) -> tuple[HandOver, str | None]:
    """Give the email with the PDF to the mail program (Simple MAPI, else a draft).

    Both go through the private outbox beside ``data_dir``; see
    :mod:`ce_desktop.export.handover`. Returns what became of it and the password.
    """
    data, password = render_pdf(
        assessment, catalogue, mash_address=mash_address, protect=protect, chronology=chronology
    )
    handed = hand_over(
        data,
        reference=assessment.reference,
        to=mash_address,
        sent_on=sent_on,
        protected=protect,
        mapi_library=mapi_library,
        write_file=lambda name, content: outbox.write(data_dir, name, content),
        remove_file=outbox.remove,
    )
    return handed, password


def record_step(
    vault: Vault,
    target: Assessment | str,
    action: AuditAction,
    detail: str = "",
    *,
    now: datetime,
) -> Assessment:
    """Note an outward step in an assessment's audit trail and save it.

    ``target`` is the assessment itself (the copy open in the window, so its unsaved
    state is kept) or its id (the stored copy is loaded). The detail never holds a
    field value. In a folder that cannot be written the step is noted in memory only:
    the worker was told at opening that changes will not be saved, and the export
    itself must still work.
    """
    current = vault.load(target) if isinstance(target, str) else target.model_copy(deep=True)
    current.record(action, detail, at=now)
    if not vault.read_only:
        vault.save(current)
    return current


def export_pdf(
    vault: Vault,
    assessment: Assessment,
    catalogue: Catalogue,
    path: Path,
    *,
    mash_address: str,
    protect: bool,
    now: datetime,
) -> Delivered:
    """Write the PDF (the chronology its appendix) and note the export in the audit trail."""
    chronology = incidents_for_pdf(vault, assessment)
    password = write_pdf(
        path,
        assessment,
        catalogue,
        mash_address=mash_address,
        protect=protect,
        chronology=chronology,
    )
    noted = record_step(
        vault, assessment.id, AuditAction.EXPORTED_PDF, protection_detail(protect), now=now
    )
    return Delivered(path, password, noted, chronology.problem)


def export_email_draft(
    vault: Vault,
    assessment: Assessment,
    catalogue: Catalogue,
    path: Path,
    *,
    mash_address: str,
    protect: bool,
    sent_on: date,
    now: datetime,
) -> Delivered:
    """Write the email draft and note it in the audit trail."""
    chronology = incidents_for_pdf(vault, assessment)
    password = write_email_draft(
        path,
        assessment,
        catalogue,
        mash_address=mash_address,
        protect=protect,
        sent_on=sent_on,
        chronology=chronology,
    )
    noted = record_step(
        vault, assessment.id, AuditAction.EMAILED, protection_detail(protect), now=now
    )
    return Delivered(path, password, noted, chronology.problem)


def export_json(vault: Vault, assessment: Assessment, path: Path, *, now: datetime) -> Delivered:
    """Write the interchange JSON (not encrypted) and note it in the audit trail."""
    atomic_write(path, interchange_json(assessment))
    noted = record_step(vault, assessment.id, AuditAction.EXPORTED_JSON, now=now)
    return Delivered(path, None, noted)


def backup(vault: Vault, path: Path) -> BackupMade:
    """Write the whole data folder to one encrypted backup file; what it holds."""
    return vault.backup(path)


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def backup_words(made: BackupMade) -> str:
    """What a backup holds, in plain words (counts only, never a name)."""
    assessments = _counted(made.assessments, "assessment", "assessments")
    chronologies = _counted(made.chronologies, "child's chronology", "children's chronologies")
    held = (
        f"It holds {assessments} and {chronologies} of incidents "
        f"({incident_count_words(made.incidents)})."
    )
    if made.unreadable:
        held += (
            f" {_counted(made.unreadable, 'chronology', 'chronologies')} could not be read "
            "and went into the backup as it was."
        )
    return held


def restore_words(report: RestoreReport) -> str:
    """What a restore did, in plain words: assessments, then chronologies and incidents."""
    assessments = (
        f"Assessments: {len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.unchanged)} already up to date."
    )
    chronologies = (
        report.chronologies_added + report.chronologies_merged + report.chronologies_unchanged
    )
    if not chronologies:
        return f"{assessments} The backup held no chronology of incidents."
    added = incident_count_words(report.incidents_added)
    if report.corrections_added:
        added += f" and {_counted(report.corrections_added, 'correction', 'corrections')}"
    return (
        f"{assessments} Chronologies of incidents: {report.chronologies_added} brought "
        f"back, {report.chronologies_merged} merged with the one here, "
        f"{report.chronologies_unchanged} already up to date; {added} added."
    )


def restore(vault: Vault, source: Path, secret: str, *, overwrite_newer: bool) -> RestoreReport:
    """Bring the assessments of a backup into this vault.

    Raises:
        RestoreWouldOverwrite: some are newer here and ``overwrite_newer`` is False.
        StorageError: the backup did not open.
    """
    return vault.restore(source, secret, overwrite_newer=overwrite_newer)
