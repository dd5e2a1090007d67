"""The hand-off use cases on a real vault: saved, indexed, and the state by the setting."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ce_desktop.domain.model import MashDecision, SendingMethod, Status
from ce_desktop.domain.settings import Settings
from ce_desktop.storage.index import AssessmentSummary
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import handoff
from tests.factories import as_final, full_assessment

FINALISED = datetime(2026, 5, 22, 9, 0, tzinfo=UTC)
SENT = datetime(2026, 5, 22, 12, 0, tzinfo=UTC)


def test_a_sending_and_a_decision_are_saved_and_listed(vault: Vault) -> None:
    final = as_final(full_assessment(), at=FINALISED)
    vault.save(final)
    sent = handoff.record_sending(
        vault, final, how=SendingMethod.EMAIL, to=" Fictional MASH ", by="A Worker", at=SENT,
        now=SENT,
    )  # fmt: skip
    assert vault.load(final.id).handoff.sendings[0].to == "Fictional MASH"
    (summary,) = vault.list_summaries()
    assert summary.status is Status.SENT
    assert summary.handoff.last_sent_at == SENT
    assert AssessmentSummary.from_json(summary.to_json()) == summary

    one_day, three_days = Settings(), Settings(chase_working_days=3)
    on = date(2026, 5, 27)
    assert handoff.state_of(summary.handoff, one_day, today=on) is handoff.HandOffState.CHASE
    assert handoff.state_of(summary.handoff, three_days, today=on) is (
        handoff.HandOffState.AWAITING
    )

    response = handoff.Response(decision=MashDecision.EARLY_HELP, note="Fictional note.")
    handoff.record_response(vault, sent, response, now=SENT)
    (summary,) = vault.list_summaries()
    assert summary.handoff.decision is MashDecision.EARLY_HELP
    assert handoff.state_of(summary.handoff, one_day, today=on) is handoff.HandOffState.DECIDED
    assert vault.load(final.id).handoff.decisions[0].note == "Fictional note."
