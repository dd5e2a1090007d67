"""The use cases both front ends call, on a real vault (floor key-derivation cost)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ce_desktop.domain.catalogue import Catalogue, default_catalogue
from ce_desktop.domain.model import Assessment, AuditAction, Status
from ce_desktop.domain.settings import Settings
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import assessments, outputs
from tests.factories import DATE_COMPLETED, as_final, full_assessment

NOW = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


def test_a_new_assessment_carries_the_workers_details(vault: Vault) -> None:
    settings = Settings(worker_name="Alex Worker", agency="Exampletown School")
    made = assessments.new_assessment(vault, settings, today=DATE_COMPLETED, now=NOW)
    stored = vault.load(made.id)
    assert (stored.details.completed_by, stored.details.agency) == (
        "Alex Worker",
        made.details.agency,
    )


def test_finalise_refuses_while_an_error_stands_and_saves_nothing(
    vault: Vault, catalogue: Catalogue
) -> None:
    draft = full_assessment()
    draft.analysis.threshold = None
    vault.save(draft)
    with pytest.raises(assessments.FinaliseRefused) as refused:
        assessments.finalise(vault, draft, catalogue, now=NOW)
    assert [f.path for f in refused.value.findings] == ["analysis.threshold"]
    assert vault.load(draft.id).status is Status.DRAFT


def test_finalise_saves_the_final_copy(vault: Vault, catalogue: Catalogue) -> None:
    draft = full_assessment()
    vault.save(draft)
    final = assessments.finalise(vault, draft, catalogue, now=NOW)
    stored = vault.load(draft.id)
    assert stored.status is Status.FINAL
    assert stored.fingerprint == final.fingerprint


def test_an_import_claiming_final_with_a_wrong_fingerprint_is_refused(
    vault: Vault, catalogue: Catalogue
) -> None:
    fake = as_final(full_assessment())
    fake.fingerprint = "0123456789AB"
    with pytest.raises(assessments.ImportRefused, match="fingerprint does not match"):
        assessments.import_assessment(vault, fake, catalogue, today=DATE_COMPLETED, now=NOW)
    assert vault.list_summaries() == []


def test_an_import_claiming_final_with_errors_is_refused(
    vault: Vault, catalogue: Catalogue
) -> None:
    incomplete = full_assessment()
    incomplete.analysis.rationale = ""
    fake = as_final(incomplete)  # its fingerprint matches, but it was never checked
    with pytest.raises(assessments.ImportRefused, match="the checks find 1 problem "):
        assessments.import_assessment(vault, fake, catalogue, today=DATE_COMPLETED, now=NOW)


def test_an_import_is_noted_and_not_repeated(vault: Vault, catalogue: Catalogue) -> None:
    draft = full_assessment()
    done = assessments.import_assessment(vault, draft, catalogue, today=DATE_COMPLETED, now=NOW)
    assert done.assessment.audit[-1].action is AuditAction.IMPORTED
    assert not done.reference_replaced
    with pytest.raises(assessments.ImportRefused, match="already here"):
        assessments.import_assessment(vault, draft, catalogue, today=DATE_COMPLETED, now=NOW)


def test_a_reference_of_another_form_is_replaced(vault: Vault, catalogue: Catalogue) -> None:
    draft = full_assessment()
    draft.reference = "Zoe-case-file"
    done = assessments.import_assessment(vault, draft, catalogue, today=date(2026, 3, 2), now=NOW)
    assert done.reference_replaced
    assert done.assessment.reference.startswith("CE-20260302-")


def test_export_pdf_writes_and_notes_the_protection(
    vault: Vault, catalogue: Catalogue, tmp_path: Path
) -> None:
    draft = full_assessment()
    vault.save(draft)
    target = tmp_path / "out.pdf"
    delivered = outputs.export_pdf(
        vault, draft, catalogue, target, mash_address="mash@example.invalid", protect=True, now=NOW
    )
    assert delivered.password
    assert target.read_bytes().startswith(b"%PDF")
    last = vault.load(draft.id).audit[-1]
    assert (last.action, last.detail, last.at) == (
        AuditAction.EXPORTED_PDF,
        "password protected",
        NOW,
    )


def test_a_final_whose_content_changed_never_prints(catalogue: Catalogue) -> None:
    tampered = as_final(full_assessment())
    tampered.analysis.summary = "Changed after finalising."
    with pytest.raises(outputs.ExportRefused):
        outputs.render_pdf(tampered, catalogue, mash_address="", protect=False)


def test_a_read_only_assessment_is_never_rewritten_by_save(vault: Vault) -> None:
    final: Assessment = as_final(full_assessment())
    assert assessments.save(vault, final, now=NOW) is None
    assert vault.list_summaries() == []
