"""``ce-desktop findings`` and ``finalise``, and an import that claims to be final.

Run as separate processes on a real data folder: the same use cases the window calls,
so the same checks stand in the way and the same audit entries are written.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from ce_desktop.domain.model import Assessment, AuditAction, Status, YesNoNotKnown
from tests.e2e.cli_support import load_from, make_data_folder, run_in, save_in
from tests.factories import as_final, full_assessment

CONSENT_KEY = "consent:details.consent.rationale_without_consent"
REASON = "Fictional reason: the family could not be reached before the meeting."

pytestmark = pytest.mark.slow


def with_consent_warning() -> Assessment:
    """A complete draft whose only finding in the way is the consent warning."""
    draft = full_assessment()
    draft.details.consent = draft.details.consent.model_copy(
        update={
            "young_person": YesNoNotKnown.NO,
            "parent_carer": YesNoNotKnown.NO,
            "family_agreement": "",
            "rationale_without_consent": "",
        }
    )
    # Completed today, so the 24-hour reminder is not a second warning.
    draft.details.date_completed = date.today()
    draft.intended_action.next_review_date = date.today() + timedelta(days=30)
    draft.justifications = {}
    return draft


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty data folder made once, at the floor key-derivation cost."""
    return make_data_folder(tmp_path_factory.mktemp("template") / "data")


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(template, data)
    return data


def test_findings_lists_every_finding_and_exits_1_while_an_error_stands(folder: Path) -> None:
    draft = with_consent_warning()
    draft.analysis.rationale = ""
    reference = save_in(folder, draft)

    result = run_in(folder, "findings", reference)

    assert result.returncode == 1, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(row) == 4 for row in rows)
    assert ["error", "level_and_rationale", "analysis.rationale"] in [row[:3] for row in rows]
    assert ["warning", "consent", "details.consent.rationale_without_consent"] in [
        row[:3] for row in rows
    ]
    assert "1 error stands" in result.stderr


def test_findings_exits_0_with_warnings_only(folder: Path) -> None:
    reference = save_in(folder, with_consent_warning())
    result = run_in(folder, "findings", reference)
    assert result.returncode == 0, result.stderr
    assert f"warning\tconsent\t{CONSENT_KEY.split(':')[1]}" in result.stdout


def test_finalise_refuses_with_the_findings_in_the_way(folder: Path) -> None:
    reference = save_in(folder, with_consent_warning())

    result = run_in(folder, "finalise", reference)

    assert result.returncode == 1
    assert "1 warning needs a reason" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert result.stdout.startswith("warning\tconsent\t")
    assert load_from(folder, reference).status is Status.DRAFT


def test_a_reason_never_comes_from_the_argument_text(folder: Path) -> None:
    reference = save_in(folder, with_consent_warning())

    result = run_in(folder, "finalise", reference, "--reason", f"{CONSENT_KEY}=Fictional words")

    assert result.returncode == 2
    assert "never from the command line" in result.stderr
    assert "Fictional words" not in result.stderr + result.stdout
    assert load_from(folder, reference).status is Status.DRAFT


def test_finalise_with_a_reason_from_standard_input(folder: Path) -> None:
    reference = save_in(folder, with_consent_warning())

    result = run_in(
        folder, "finalise", reference, "--reason", f"{CONSENT_KEY}=-", more_stdin=REASON + "\n"
    )

    assert result.returncode == 0, result.stderr
    final = load_from(folder, reference)
    assert final.status is Status.FINAL
    assert result.stdout.strip() == f"{reference}\t{final.fingerprint}"
    assert final.justifications[CONSENT_KEY] == REASON
    trail = [(event.action, event.detail) for event in final.audit]
    # The same entries as the window's Finalise: the accepted warning by key, then the act.
    assert trail[-2:] == [
        (AuditAction.WARNING_JUSTIFIED, CONSENT_KEY),
        (AuditAction.FINALISED, ""),
    ]
    assert REASON not in result.stderr + result.stdout


def test_finalise_with_a_reason_from_a_file(folder: Path, tmp_path: Path) -> None:
    reference = save_in(folder, with_consent_warning())
    reason_file = tmp_path / "reason.txt"
    reason_file.write_text(REASON + "\n", "utf-8")

    result = run_in(folder, "finalise", reference, "--reason", f"{CONSENT_KEY}=@{reason_file}")

    assert result.returncode == 0, result.stderr
    assert load_from(folder, reference).justifications[CONSENT_KEY] == REASON


def test_a_reason_for_a_warning_that_does_not_stand_is_refused(folder: Path) -> None:
    reference = save_in(folder, with_consent_warning())
    result = run_in(
        folder, "finalise", reference, "--reason", "made_up:child.name=-", more_stdin="x\n"
    )
    assert result.returncode == 1
    assert "No warning made_up:child.name stands" in result.stderr
    assert load_from(folder, reference).status is Status.DRAFT


def test_an_import_claiming_final_with_a_made_up_fingerprint_is_refused(
    folder: Path, tmp_path: Path
) -> None:
    fake = as_final(full_assessment())
    document = json.loads(fake.model_dump_json())
    document["fingerprint"] = "0123456789AB"
    document["analysis"]["rationale"] = ""
    document["analysis"]["level_of_risk"] = None
    document["intended_action"]["next_review_date"] = None
    source = tmp_path / "fake-final.json"
    source.write_text(json.dumps(document), "utf-8")

    imported = run_in(folder, "import", str(source))

    assert imported.returncode == 1
    assert "fingerprint does not match its content" in imported.stderr
    assert "the checks find 3 problems" in imported.stderr
    listed = run_in(folder, "list", "--json")
    assert json.loads(listed.stdout) == []
    pdf = tmp_path / "fake.pdf"
    exported = run_in(folder, "export-pdf", fake.reference, "-o", str(pdf))
    assert exported.returncode == 1
    assert not pdf.exists()


def test_a_genuine_final_imports(folder: Path, tmp_path: Path) -> None:
    final = as_final(full_assessment())
    source = tmp_path / "final.json"
    source.write_text(final.model_dump_json(), "utf-8")

    imported = run_in(folder, "import", str(source))

    assert imported.returncode == 0, imported.stderr
    stored = load_from(folder, final.reference)
    assert stored.status is Status.FINAL
    assert stored.audit[-1].action is AuditAction.IMPORTED


def test_export_pdf_notes_the_same_detail_as_the_window(folder: Path, tmp_path: Path) -> None:
    reference = save_in(folder, full_assessment())
    result = run_in(folder, "export-pdf", reference, "-o", str(tmp_path / "out.pdf"))
    assert result.returncode == 0, result.stderr
    last = load_from(folder, reference).audit[-1]
    assert (last.action, last.detail) == (AuditAction.EXPORTED_PDF, "not protected")
