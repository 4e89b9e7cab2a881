"""The audit chain: append-only in the database, and tampering is found, even by someone who can
rewrite the database, once a head was recorded outside it."""

import json
import logging

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from factcheck.audit import GENESIS_HASH, ExpectedHead, _event_hash, audit_verify_chain, audit_walk
from factcheck.audit_heads import audit_head_latest, audit_head_record, audit_heads_recorded
from factcheck.models import AuditEvent
from factcheck.tasks import record_audit_head, verify_audit_chain


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


# --- what someone holding the database can do, and how it is caught --------------------------


def settle(cursor):
    """The rows were added in this test's transaction: run their deferred checks now, as they
    would have run at their commit, before a session of the attacker's own comes along."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def owner_rewrites(sql, params=()):
    """What the tables' owner can do (anyone who got hold of that role): switch the row trigger
    off for a moment. DDL is transactional, so it is undone with the test."""
    with connection.cursor() as cursor:
        settle(cursor)
        cursor.execute("ALTER TABLE factcheck_auditevent DISABLE TRIGGER factcheck_auditevent_no_update_delete")
        cursor.execute(sql, params)
        settle(cursor)
        cursor.execute("ALTER TABLE factcheck_auditevent ENABLE TRIGGER factcheck_auditevent_no_update_delete")


def rehash_from(seq: int) -> None:
    """Recompute every hash from event `seq` on, so the chain is consistent with itself again."""
    prev_hash = AuditEvent.objects.get(seq=seq - 1).hash if seq > 1 else GENESIS_HASH
    for event in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        event.prev_hash = prev_hash
        event.hash = _event_hash(event)
        owner_rewrites(
            "UPDATE factcheck_auditevent SET prev_hash = %s, hash = %s WHERE seq = %s",
            [event.prev_hash, event.hash, event.seq],
        )
        prev_hash = event.hash


def test_truncate_is_refused_through_the_apps_connection(history):
    for statement in ("TRUNCATE factcheck_auditevent CASCADE", "TRUNCATE factcheck_auditevent, factcheck_notification"):
        refused = pytest.raises(DatabaseError, match="append-only: TRUNCATE refused")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            settle(cursor)
            cursor.execute(statement)
    assert AuditEvent.objects.count() == 5


def test_a_chain_rewritten_and_rehashed_after_a_head_was_recorded_is_caught(history, head_log):
    recorded = audit_head_record(by="test")
    assert (recorded.seq, recorded.hash) == (5, history[-1].hash)
    line = head_log.read_text()
    owner_rewrites("UPDATE factcheck_auditevent SET comment = 'approved by the editor' WHERE seq = 3")
    rehash_from(3)
    assert audit_verify_chain().problem is None  # consistent with itself: a walk alone sees nothing…
    message = verify_fails()  # …but the recorded head is no longer on the chain, without --expect-head
    assert f"event #5 no longer has the hash of the recorded head #5:{history[-1].hash}" in message
    assert f"recorded at {recorded.as_json()['recorded_at']} in {head_log}" in message
    assert head_log.read_text() == line  # verifying never writes to the log


def test_rows_cut_from_the_end_after_a_head_was_recorded_are_caught(history, head_log):
    audit_head_record(by="test")
    owner_rewrites("DELETE FROM factcheck_auditevent WHERE seq >= 4")
    assert audit_verify_chain().problem is None
    assert f"the chain ends at event #3, before the recorded head #5:{history[-1].hash}" in verify_fails()


def test_every_recorded_head_must_still_be_on_the_chain(make_claim, history, head_log, capsys):
    audit_head_record(by="test")  # #5
    make_claim(text="A sixth claim.", claimant=None)
    audit_head_record(by="test")  # #6
    call_command("verify_audit")
    assert "6 events" in capsys.readouterr().out and len(head_log.read_text().splitlines()) == 2
    owner_rewrites("UPDATE factcheck_auditevent SET comment = 'x' WHERE seq = 2")
    rehash_from(2)
    assert "event #5 no longer has the hash of the recorded head #5:" in verify_fails()  # the earliest that differs


def test_the_hourly_check_holds_the_chain_to_the_recorded_heads_and_logs_a_break(history, caplog):
    audit_head_record(by="test")
    assert verify_audit_chain()["problem"] is None
    owner_rewrites("DELETE FROM factcheck_auditevent WHERE seq = 5")
    with caplog.at_level(logging.ERROR, logger="factcheck.tasks"):
        result = verify_audit_chain()
    assert "before the recorded head #5" in result["problem"]
    assert "Audit chain broken" in caplog.text and "before the recorded head #5" in caplog.text


def test_the_schedule_appends_the_head_and_never_rewrites_a_line(history, head_log):
    head_log.write_text('{"seq": 2, "hash": "cut short by a cr')  # a line a crash left unfinished
    first = record_audit_head()
    lines = head_log.read_text().splitlines()
    assert lines[0] == '{"seq": 2, "hash": "cut short by a cr'  # kept as it was, on its own
    assert json.loads(lines[1]) == {**first, "by": "schedule"}
    assert (first["seq"], first["hash"]) == (5, history[-1].hash)
    heads, unreadable, _ = audit_heads_recorded()
    assert [head.seq for head in heads] == [5] and unreadable == ["line 1"]
    assert audit_head_latest().as_json() == first


def test_heads_can_be_kept_in_a_storage_instead_of_a_file(history, settings, tmp_path, make_claim):
    bucket = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "bucket"}}
    settings.STORAGES = {**settings.STORAGES, "audit_heads": bucket}
    settings.AUDIT_HEAD_STORAGE = "audit_heads"
    first = audit_head_record(by="test")
    make_claim(text="A sixth claim.", claimant=None)
    second = audit_head_record(by="test")
    assert len(list((tmp_path / "bucket" / "audit-heads").iterdir())) == 2  # one object per head
    assert audit_head_latest().as_json() == second.as_json()
    assert [h.seq for h in audit_heads_recorded()[0]] == [first.seq, second.seq]
    call_command("verify_audit")
    owner_rewrites("DELETE FROM factcheck_auditevent WHERE seq = 6")
    assert "before the recorded head #6" in verify_fails()


def test_a_segment_of_the_chain_is_checked_from_the_event_before_it(history):
    segment = history[2:]  # events #3 to #5, as a case file would carry them
    report = audit_walk(segment, first_seq=3, prev_hash=history[1].hash, heads=[ExpectedHead(5, history[4].hash)])
    assert (report.problem, report.checked, report.head_seq, report.heads_checked) == (None, 3, 5, 1)
    assert "between event #2 and event #3" in audit_walk(segment, first_seq=3, prev_hash=GENESIS_HASH).problem
    assert "event #4 is missing" in audit_walk([history[2], history[4]], first_seq=3, prev_hash=history[1].hash).problem


def test_the_chain_is_read_a_batch_at_a_time_and_checked_across_batches(history, monkeypatch):
    """Behind a pooler in transaction mode there are no server-side cursors: one query would bring
    the whole chain into memory. The walk reads it in batches keyed on the number, and a break
    still shows where one batch meets the next."""
    monkeypatch.setattr("factcheck.audit.SEQ_BATCH", 2)
    with CaptureQueriesContext(connection) as queries:
        report = audit_verify_chain()
    assert report.problem is None and report.checked == 5
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "factcheck_auditevent"' in q["sql"]]
    assert len(reads) == 3 and all("LIMIT 2" in sql for sql in reads)
    tamper("DELETE FROM factcheck_auditevent WHERE seq = 3")  # the first row of the second batch
    assert "event #3 is missing" in audit_verify_chain().problem
