"""The audit log: written by services in the same transaction as the change.

Appends are serialised by one advisory lock, held until the appending transaction ends. Lock
order: a transaction that locks sources or snapshots and also appends takes the chain's lock
first (`audit_lock`), as publishing does; otherwise two of them could wait for each other.
One exception: a capture writes its own claimed row (`fetching`, owned by the attempt that claimed
it) before it takes the chain's lock, so that the lock is not held while its text is indexed; a
change that ends a capture otherwise (`snapshot_fail`, also from the reaper) locks that row before
the chain's lock too.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation

from factcheck.models import AuditEvent

GENESIS_HASH = "0" * 64
# Any fixed number: serialises appends so each row links to the true last row.
_APPEND_LOCK_KEY = 7_331_002


def audit_event_fields(event: AuditEvent) -> dict:
    """The fields an event's hash covers, as JSON values: what a verification record or a case
    file publishes of an event so that anyone can recompute its hash (`_event_hash`)."""
    return {
        "seq": event.seq,
        "created_at": event.created_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_username": event.actor_username,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "comment": event.comment,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }


def audit_fields_hash(fields: dict) -> str:
    """SHA-256 of an event's fields: JSON with sorted keys, no spaces, UTF-8 (scripts/verify_record.py
    computes the same with the standard library alone)."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _event_hash(event: AuditEvent) -> str:
    return audit_fields_hash(audit_event_fields(event))


def audit_lock() -> None:
    """Take the chain's append lock now, for the rest of this transaction (taken again by each
    append, which is harmless)."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_lock must be called inside the transaction that makes the change")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPEND_LOCK_KEY])


def audit_record(
    *,
    actor,
    action: str,
    target,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one event for `target`. Must run inside the change's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must be called inside the transaction that makes the change")
    audit_lock()
    last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
    actor_id = getattr(actor, "pk", None)
    with translation.override(settings.LANGUAGE_CODE):  # the log is in English, whoever acts
        object_repr = str(target)[:200]
    event = AuditEvent(
        seq=(last.seq + 1) if last else 1,
        created_at=timezone.now(),
        actor_id=actor_id,
        actor_username=actor.get_username() if actor_id else "",
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_repr=object_repr,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        data=data or {},
        prev_hash=last.hash if last else GENESIS_HASH,
    )
    event.hash = _event_hash(event)
    event.save(force_insert=True)
    return event


def audit_history(*targets) -> list[AuditEvent]:
    """Every event about any of `targets`, oldest first."""
    if not targets:
        return []
    keys = Q()
    for target in targets:
        keys |= Q(object_type=target._meta.label_lower, object_id=str(target.pk))
    return list(AuditEvent.objects.filter(keys).select_related("actor").order_by("seq"))


@dataclass(frozen=True)
class ExpectedHead:
    """A head of the chain recorded earlier, outside the database: event `seq` had `hash`."""

    seq: int
    hash: str
    where: str = ""  # how it was recorded, for messages: "recorded at … in var/audit-heads.jsonl"

    def __str__(self):
        return f"#{self.seq}:{self.hash}" + (f" ({self.where})" if self.where else "")


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_seq: int
    head_hash: str
    problem: str | None = None
    bad_seq: int | None = None
    heads_checked: int = 0


def audit_walk(
    events: Iterable[AuditEvent],
    *,
    heads: Iterable[ExpectedHead] = (),
    first_seq: int = 1,
    prev_hash: str = GENESIS_HASH,
) -> ChainReport:
    """Check a run of events in order: numbered without gaps from `first_seq`, each linked to the
    one before (the first to `prev_hash`, the hash of the event before the run) and matching its
    own hash, and each of `heads` within the run on it. The whole chain by default; a segment (say,
    the events about one verdict's review, or those exported with a case file) given its start."""
    expected: dict[int, list[ExpectedHead]] = {}
    for head in heads:
        expected.setdefault(head.seq, []).append(head)
    expected_seq, checked, heads_checked = first_seq, 0, 0
    for event in events:
        if event.seq != expected_seq:
            return ChainReport(
                checked,
                expected_seq - 1,
                prev_hash,
                f"event #{expected_seq} is missing (the next one is #{event.seq}): removed",
                expected_seq,
            )
        if event.prev_hash != prev_hash:
            return ChainReport(
                checked,
                event.seq - 1,
                prev_hash,
                f"the chain breaks between event #{event.seq - 1} and event #{event.seq}: "
                "a row was removed, inserted or rewritten there",
                event.seq,
            )
        if _event_hash(event) != event.hash:
            return ChainReport(
                checked,
                event.seq - 1,
                prev_hash,
                f"event #{event.seq} was altered: its content no longer matches its hash",
                event.seq,
            )
        for head in expected.pop(event.seq, ()):
            if head.hash != event.hash:
                return ChainReport(
                    checked,
                    event.seq - 1,
                    prev_hash,
                    f"event #{event.seq} no longer has the hash of the recorded head {head}: "
                    "the chain was rewritten up to there",
                    event.seq,
                    heads_checked,
                )
            heads_checked += 1
        prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    if expected:
        head = expected[max(expected)][0]
        return ChainReport(
            checked,
            expected_seq - 1,
            prev_hash,
            f"the chain ends at event #{expected_seq - 1}, before the recorded head {head}: "
            "rows were removed from its end",
            expected_seq,
            heads_checked,
        )
    return ChainReport(checked, expected_seq - 1, prev_hash, heads_checked=heads_checked)


def audit_verify_chain(*, heads: Iterable[ExpectedHead] = ()) -> ChainReport:
    """Walk the whole chain in a consistent snapshot; report the first break. Each of `heads`
    (recorded earlier, outside the database) must still be on the chain: the same event with the
    same hash. That catches rows cut from the end, and a chain re-hashed after the head was
    recorded, which a walk alone cannot see."""
    events = AuditEvent.objects.all()
    if connection.in_atomic_block:
        return audit_walk(by_seq(events), heads=heads)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        return audit_walk(by_seq(events), heads=heads)


# Events read at a time. Each batch is a query of its own, keyed on the number: with server-side
# cursors off (behind a pooler in transaction mode) a single query would bring every row at once.
SEQ_BATCH = 2000


def by_seq(events) -> Iterable[AuditEvent]:
    """`events` in the order of their numbers, SEQ_BATCH at a time, never all in memory."""
    last = None
    while True:
        page = events if last is None else events.filter(seq__gt=last)
        batch = list(page.order_by("seq")[:SEQ_BATCH])
        yield from batch
        if len(batch) < SEQ_BATCH:
            return
        last = batch[-1].seq


def audit_head() -> tuple[int, str] | None:
    """The last event's number and hash, as committed now; None while the log is empty."""
    return AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()


def audit_event_entry(event: AuditEvent, *, disclose: bool) -> dict:
    """One event as a verification record or a case file gives it: every field its hash covers
    (anyone can recompute the hash), or, when it must not be disclosed, only its number, its link
    to the event before and its hash (a reader can still check the links through it)."""
    if disclose:
        return {**audit_event_fields(event), "hash": event.hash}
    return {"seq": event.seq, "prev_hash": event.prev_hash, "hash": event.hash, "withheld": True}


def audit_segment(*, first_seq: int, last_seq: int, disclose) -> Iterable[dict]:
    """The events numbered `first_seq` to `last_seq` in order, each as `audit_event_entry`, in
    full when `disclose(event)` says so. A generator: a long segment is never held whole."""
    for event in by_seq(AuditEvent.objects.filter(seq__gte=first_seq, seq__lte=last_seq)):
        yield audit_event_entry(event, disclose=disclose(event))
