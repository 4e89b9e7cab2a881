"""Two editors approve the same verdict at the same moment, on two connections."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from factcheck.errors import Conflict
from factcheck.models import AuditEvent
from verdicts.models import Verdict
from verdicts.services import verdict_transition


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_one_wins_the_other_conflicts(verdict_in, editor, other_editor):
    verdict = verdict_in("submitted")
    version = verdict.lock_version
    started = threading.Barrier(3)
    outcomes = {}

    def approve(who):
        try:
            started.wait()
            result = verdict_transition(verdict_id=verdict.pk, action="approve", actor=who, expected_version=version)
            outcomes[who.username] = ("approved", result.approver_id)
        except Conflict as exc:
            outcomes[who.username] = ("conflict", exc.message)
        except Exception as exc:
            outcomes[who.username] = ("error", repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(who,)) for who in (editor, other_editor)]
    # Hold the row so both approvals are waiting on the lock before either runs.
    with transaction.atomic():
        Verdict.objects.select_for_update().get(pk=verdict.pk)
        for thread in threads:
            thread.start()
        started.wait()
        _wait_until_both_block(outcomes)
    for thread in threads:
        thread.join(timeout=30)

    kinds = sorted(kind for kind, _ in outcomes.values())
    assert kinds == ["approved", "conflict"], outcomes
    verdict.refresh_from_db()
    winner = next(detail for kind, detail in outcomes.values() if kind == "approved")
    assert (verdict.status, verdict.approver_id, verdict.lock_version) == ("approved", winner, version + 1)
    assert AuditEvent.objects.filter(action="verdict.approve", object_id=str(verdict.pk)).count() == 1


def _wait_until_both_block(outcomes, timeout=10.0):
    """Poll pg_stat_activity until two other sessions wait on a lock."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Activity statistics are a snapshot per transaction: refresh it.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0] >= 2:
                return
            time.sleep(0.05)
    raise AssertionError(f"the two approvals never waited on the row lock (so far: {outcomes})")


@pytest.mark.django_db(transaction=True)
def test_withdraw_and_approve_at_once_exactly_one_happens(verdict_in, journalist, editor):
    """The author withdraws while an editor approves, both from the same revision: whichever takes
    the row first wins, the other is refused, and the verdict is consistent either way."""
    verdict = verdict_in("submitted")
    version = verdict.lock_version
    started = threading.Barrier(3)
    outcomes = {}

    def act(who, action):
        try:
            started.wait()
            verdict_transition(verdict_id=verdict.pk, action=action, actor=who, expected_version=version)
            outcomes[action] = "done"
        except Conflict as exc:
            outcomes[action] = f"conflict: {exc.message}"
        except Exception as exc:
            outcomes[action] = f"error: {exc!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=args) for args in ((journalist, "withdraw"), (editor, "approve"))]
    with transaction.atomic():
        Verdict.objects.select_for_update().get(pk=verdict.pk)
        for thread in threads:
            thread.start()
        started.wait()
        _wait_until_both_block(outcomes)
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(o.split(":")[0] for o in outcomes.values()) == ["conflict", "done"], outcomes
    verdict.refresh_from_db()
    assert verdict.lock_version == version + 1
    if outcomes["withdraw"] == "done":
        assert (verdict.status, verdict.approver_id, verdict.review_digest, verdict.approved_digest) == (
            "draft", None, "", ""
        )  # fmt: skip
    else:
        assert verdict.status == "approved" and verdict.approved_digest == verdict.review_digest != ""
    done = [f"verdict.{action}" for action, outcome in outcomes.items() if outcome == "done"]
    events = AuditEvent.objects.filter(object_id=str(verdict.pk), action__in=["verdict.withdraw", "verdict.approve"])
    assert list(events.values_list("action", flat=True)) == done
