"""``ce-desktop amend REF`` as a separate process on a real data folder: version 2 with
the reason from standard input or a file, the original's content and fingerprint
unchanged, the new version finalised through the same checks, and ``list --json``
carrying each version and what it supersedes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ce_desktop.domain.lifecycle import content_fingerprint
from ce_desktop.domain.model import AuditAction, Status
from ce_desktop.storage.vault import Vault
from tests.e2e.cli_support import PASSPHRASE, load_from, make_data_folder, run_in, snapshot
from tests.factories import as_final, full_assessment

REASON = "Fictional correction: the school's name was wrong.\nSecond line of the reason."

pytestmark = pytest.mark.slow
cli = run_in


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_data_folder(tmp_path / "data", as_final(full_assessment()))


def test_amend_keeps_the_original_and_makes_version_2(folder: Path, tmp_path: Path) -> None:
    vault = Vault.unlock(folder, PASSPHRASE)
    try:
        (summary,) = vault.list_summaries()
        original_json = json.loads(vault.load(summary.id).model_dump_json())
    finally:
        vault.close()
    reference = summary.reference

    empty = cli(folder, "amend", reference, more_stdin="  \n")
    assert empty.returncode == 1
    assert "Nothing was amended. Give the reason" in empty.stderr
    assert "Traceback" not in empty.stderr

    amended = cli(folder, "amend", reference, more_stdin=REASON)
    assert amended.returncode == 0, amended.stderr
    assert amended.stdout.strip() == f"{reference} v2"
    assert f"{reference} stays as it was" in amended.stderr

    again = cli(folder, "amend", reference, more_stdin=REASON)
    assert again.returncode == 1
    assert f"{reference} has already been amended: {reference} v2 supersedes it" in again.stderr
    draft = cli(folder, "amend", f"{reference} v2", more_stdin=REASON)
    assert draft.returncode == 1
    assert "Only a final assessment can be amended" in draft.stderr

    # The same checks: version 2, completed days ago, needs its reason for being late.
    late = "send_within_24h:details.date_completed"
    refused = cli(folder, "finalise", f"{reference} v2")
    assert refused.returncode == 1
    assert "1 warning needs a reason" in refused.stderr
    finalised = cli(
        folder, "finalise", f"{reference} v2", "--reason", f"{late}=-",
        more_stdin="Fictional: corrected after it was sent.\n",
    )  # fmt: skip
    assert finalised.returncode == 0, finalised.stderr

    listed = {e["reference"]: e for e in json.loads(cli(folder, "list", "--json").stdout)}
    assert set(listed) == {reference, f"{reference} v2"}
    first, second = listed[reference], listed[f"{reference} v2"]
    assert (first["version"], first["supersedes"], first["superseded_by"]) == (
        1,
        None,
        f"{reference} v2",
    )
    assert (second["version"], second["supersedes"], second["supersedes_id"]) == (
        2,
        reference,
        summary.id,
    )
    assert second["status"] == "final"

    original = load_from(folder, reference)
    version_2 = load_from(folder, f"{reference} v2")
    after = json.loads(original.model_dump_json())
    assert after.pop("audit")[:-1] == original_json.pop("audit")
    assert after == original_json  # content and fingerprint byte for byte
    assert original.fingerprint == content_fingerprint(original)
    assert original.audit[-1].action is AuditAction.AMENDED
    assert version_2.status is Status.FINAL
    assert version_2.amendment is not None
    assert version_2.amendment.reason == REASON.strip()
    assert version_2.amendment.supersedes_fingerprint == original.fingerprint
    assert version_2.fingerprint not in (None, original.fingerprint)

    # Version 3 from version 2, the reason from a file read before unlocking.
    reason_file = tmp_path / "reason.txt"
    reason_file.write_text("Fictional: the review date too.\n", encoding="utf-8")
    third = cli(folder, "amend", f"{reference} v2", "--reason-file", str(reason_file))
    assert third.returncode == 0, third.stderr
    assert third.stdout.strip() == f"{reference} v3"
    missing = cli(folder, "amend", f"{reference} v3", "--reason-file", str(tmp_path / "none"))
    assert missing.returncode == 1
    assert "could not be read" in missing.stderr


def test_the_reason_is_never_an_argument(folder: Path) -> None:
    before = snapshot(folder)
    refused = cli(folder, "amend", "CE-20260302-ABCD", "--reason", "Fictional reason")
    assert refused.returncode == 2
    assert snapshot(folder) == before
