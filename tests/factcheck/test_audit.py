"""The audit chain: append-only in the database, and tampering is found."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from factcheck.audit import _event_hash, audit_verify_chain
from factcheck.models import AuditEvent


@pytest.fixture
def history(make_claim):
    for n in range(5):
        make_claim(text=f"Claim number {n}.", claimant=None)
    assert AuditEvent.objects.count() == 5
    return list(AuditEvent.objects.order_by("seq"))


def tamper(sql, params=()):
    """What someone with direct database access could do: bypass the trigger."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # triggers off, as a superuser may
        cursor.execute(sql, params)
        cursor.execute("SET session_replication_role = origin")


def verify_fails() -> str:
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit")
    return str(excinfo.value)


def test_an_intact_chain_verifies(history, capsys):
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert f"5 events, head #5:{history[-1].hash}" in out


def test_rows_cannot_be_updated_or_deleted_through_the_database(history):
    for statement in ("UPDATE factcheck_auditevent SET comment = 'x'", "DELETE FROM factcheck_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEvent.objects.count() == 5


def test_rows_cannot_be_changed_through_the_orm(history):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=2).update(comment="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=2).delete()


def test_an_altered_row_is_named(history):
    tamper("UPDATE factcheck_auditevent SET comment = 'nothing to see' WHERE seq = 3")
    assert "event #3 was altered" in verify_fails()


def test_an_altered_row_with_a_recomputed_hash_breaks_the_next_link(history):
    event = AuditEvent.objects.get(seq=3)
    event.actor_username = "someone-else"
    tamper(
        "UPDATE factcheck_auditevent SET actor_username = %s, hash = %s WHERE seq = 3",
        [event.actor_username, _event_hash(event)],
    )
    assert "between event #3 and event #4" in verify_fails()


def test_a_removed_row_is_named(history):
    tamper("DELETE FROM factcheck_auditevent WHERE seq = 2")
    assert "event #2 is missing" in verify_fails()


def test_an_inserted_row_is_found(history):
    # Make room at #3 and slip in a well-formed event that links to #2.
    tamper("UPDATE factcheck_auditevent SET seq = seq + 100 WHERE seq >= 3")
    tamper("UPDATE factcheck_auditevent SET seq = seq - 99 WHERE seq >= 100")
    forged = AuditEvent(**{f.attname: getattr(history[2], f.attname) for f in AuditEvent._meta.concrete_fields})
    forged.seq, forged.comment, forged.prev_hash = 3, "approved by nobody", history[1].hash
    forged.hash = _event_hash(forged)
    forged.save(force_insert=True)
    report = audit_verify_chain()
    assert report.bad_seq == 4 and "between event #3 and event #4" in report.problem
    assert "#4" in verify_fails()


def test_rows_cut_from_the_end_need_the_recorded_head(history, capsys):
    head = f"{history[-1].seq}:{history[-1].hash}"
    call_command("verify_audit", expect_head=head)
    tamper("DELETE FROM factcheck_auditevent WHERE seq = 5")
    call_command("verify_audit")  # the shorter chain is still self-consistent…
    with pytest.raises(CommandError, match="before the recorded head #5"):
        call_command("verify_audit", expect_head=head)  # …but not against the recorded head
