"""``record-sending``, ``record-response`` and ``list --json``'s hand-off state, run as
separate processes on a real data folder: send, acknowledge, decide, and the chase
after one working day (a weekend and a bank holiday counted)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ce_desktop.domain.lifecycle import content_fingerprint
from ce_desktop.domain.model import AuditAction, MashDecision, SendingMethod, Status
from tests.e2e.cli_support import load_from, make_data_folder, run_in, save_in
from tests.factories import as_final, full_assessment

FINALISED = datetime(2026, 5, 22, 9, 0, tzinfo=UTC)  # Friday; Monday 25 May is a bank holiday
NOTE = "Fictional note: strategy discussion held, the school to attend.\nSecond line."

pytestmark = pytest.mark.slow


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_data_folder(tmp_path / "data")


def _listed(folder: Path, on: str) -> dict[str, Any]:
    result = run_in(folder, "list", "--json", "--on", on)
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)
    return dict(entry)


def test_send_then_the_chase_after_one_working_day_then_acknowledge_and_decide(
    folder: Path,
) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    reference = save_in(folder, final)

    sent = run_in(
        folder, "record-sending", reference, "--how", "email", "--to", "Fictional MASH",
        "--at", "2026-05-22T12:00+00:00",
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert "Recorded the sending" in sent.stderr

    assert _listed(folder, "2026-05-22")["handoff_state"] == "awaiting"
    assert _listed(folder, "2026-05-25")["handoff_state"] == "awaiting"  # bank holiday
    assert _listed(folder, "2026-05-26")["handoff_state"] == "awaiting"  # the working day
    assert _listed(folder, "2026-05-27")["handoff_state"] == "chase"
    lines = run_in(folder, "list", "--on", "2026-05-27")
    assert lines.stdout.rstrip("\n").split("\t")[-1] == "Chase the MASH"

    acknowledged = run_in(
        folder, "record-response", reference, "--acknowledged", "--acknowledged-by", "Duty desk"
    )
    assert acknowledged.returncode == 0, acknowledged.stderr
    assert _listed(folder, "2026-05-27")["handoff_state"] == "acknowledged"

    decided = run_in(
        folder, "record-response", reference, "--decision", "section_47", "--note-file", "-",
        "--mash-reference", "MASH/2026/0001",
        more_stdin=NOTE,
    )  # fmt: skip
    assert decided.returncode == 0, decided.stderr
    entry = _listed(folder, "2026-06-30")
    assert entry["handoff_state"] == "decided"
    assert entry["handoff"]["decision"] == "section_47"

    stored = load_from(folder, reference)
    log = stored.handoff
    assert stored.status is Status.SENT
    assert log.sendings[0].how is SendingMethod.EMAIL
    assert log.sendings[0].to == "Fictional MASH"
    assert log.acknowledgements[0].by == "Duty desk"
    assert log.decisions[0].outcome is MashDecision.SECTION_47
    assert log.decisions[0].note == NOTE.strip()
    assert log.mash_reference == "MASH/2026/0001"
    assert stored.fingerprint == final.fingerprint == content_fingerprint(stored)
    actions = [event.action for event in stored.audit]
    assert actions[-4:] == [
        AuditAction.SENDING_RECORDED,
        AuditAction.ACKNOWLEDGEMENT_RECORDED,
        AuditAction.DECISION_RECORDED,
        AuditAction.MASH_REFERENCE_RECORDED,
    ]
    assert all(NOTE[:20] not in event.detail for event in stored.audit)


def test_a_draft_cannot_be_sent_and_a_note_never_comes_from_an_argument(folder: Path) -> None:
    reference = save_in(folder, full_assessment())
    refused = run_in(folder, "record-sending", reference, "--how", "email", "--to", "MASH")
    assert refused.returncode == 1
    assert "Finalise the assessment" in refused.stderr
    assert "Traceback" not in refused.stderr
    with_note = run_in(folder, "record-response", reference, "--decision", "other", "--note", "x")
    assert with_note.returncode == 2
    nothing = run_in(folder, "record-response", reference)
    assert nothing.returncode == 2
    assert "--acknowledged" in nothing.stderr
    bad_time = run_in(
        folder, "record-sending", reference, "--how", "email", "--to", "MASH", "--at", "soon"
    )
    assert bad_time.returncode == 2
    assert "is not a time" in bad_time.stderr
