"""Two people tick the same checklist step at the same moment, on two connections."""

import threading

import pytest
from django.db import connections, transaction

from claims.checklist import checklist_step_create, checklist_tick
from claims.models import ChecklistTick, Claim
from factcheck.errors import Conflict
from factcheck.models import AuditEvent
from tests.verdicts.test_concurrency import _wait_until_both_block


@pytest.mark.django_db(transaction=True)
def test_two_ticks_at_once_one_wins_the_other_is_told(checking_claim, journalist, other_journalist, editor):
    claim = checking_claim()
    step = checklist_step_create(actor=editor, label="Contacted the claimant", required_for_submit=True)
    started = threading.Barrier(3)
    outcomes = {}

    def tick(who):
        try:
            started.wait()
            checklist_tick(actor=who, claim_id=claim.pk, step_id=step.pk, done=True)
            outcomes[who.username] = ("ticked", "")
        except Conflict as exc:
            outcomes[who.username] = ("conflict", exc.message)
        except Exception as exc:
            outcomes[who.username] = ("error", repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tick, args=(who,)) for who in (journalist, other_journalist)]
    with transaction.atomic():  # hold the claim so both ticks wait on its lock before either runs
        Claim.objects.select_for_update().get(pk=claim.pk)
        for thread in threads:
            thread.start()
        started.wait()
        _wait_until_both_block(outcomes)
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(kind for kind, _ in outcomes.values()) == ["conflict", "ticked"], outcomes
    winner = next(name for name, (kind, _) in outcomes.items() if kind == "ticked")
    loser_says = next(message for kind, message in outcomes.values() if kind == "conflict")
    assert f"already ticked by {winner}" in loser_says
    assert ChecklistTick.objects.get().ticked_by.username == winner
    assert AuditEvent.objects.filter(action="checklist.tick").count() == 1
