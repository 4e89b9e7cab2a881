"""Requesting a capture and claiming it: one conditional UPDATE per claim."""

import contextlib
import contextvars
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone

from factcheck.audit import audit_lock
from factcheck.queueing import send_task
from sources.fetching.client import FetchPolicy
from sources.fetching.policy import Exemptions
from sources.models import Snapshot, Source

CAPTURE_TASK = "sources.capture_snapshot"
S = Snapshot.Status
# Whether captures queued in this thread are sent to the workers (see captures_taken_here).
_SENT = contextvars.ContextVar("captures_sent", default=True)


def capture_policy() -> FetchPolicy:
    return FetchPolicy(
        user_agent=settings.CAPTURE_USER_AGENT,
        exemptions=Exemptions.parse(settings.CAPTURE_ALLOWED_PRIVATE),
        deadline=settings.CAPTURE_DEADLINE,
        max_bytes=settings.CAPTURE_MAX_BYTES,
    )


@contextlib.contextmanager
def captures_taken_here():
    """Within it, this thread takes the captures it queues itself (`manage.py capture --inline`):
    none is sent to the workers, the browser capture a plain one queues as it finishes included.
    Sent, it would be taken by a worker of other settings, and not here."""
    token = _SENT.set(False)
    try:
        yield
    finally:
        _SENT.reset(token)


def _enqueue(snapshot_id: int, method: str = Snapshot.Method.HTTP) -> None:
    if not _SENT.get():
        return  # taken by the thread that queued it; the reaper sends it if that thread dies
    # The queued row is the outbox: if the broker is down, the reaper sends it again.
    if method == Snapshot.Method.BROWSER:
        send_task(settings.BROWSER_CAPTURE_TASK, args=[snapshot_id], queue=settings.BROWSER_CAPTURE_QUEUE)
    else:
        send_task(CAPTURE_TASK, args=[snapshot_id], queue=settings.CAPTURE_QUEUE)


def stuck_captures() -> Q:
    """Captures in `fetching` past their method's hard time limit: their worker died."""
    stuck = Q(pk__in=[])
    for method in Snapshot.Method:
        stale = Now() - timedelta(seconds=hard_time_limit(method))
        stuck |= Q(method=method, status=S.FETCHING, started_at__lt=stale)
    return stuck


def hard_time_limit(method: str) -> float:
    """Seconds after which a capture still `fetching` is presumed dead (its worker was killed)."""
    if method == Snapshot.Method.BROWSER:
        return settings.BROWSER_CAPTURE_HARD_TIME_LIMIT
    return settings.CAPTURE_HARD_TIME_LIMIT


def snapshot_request(*, source: Source, force: bool = False, enqueue: bool = True) -> Snapshot:
    """Queue a capture of `source`, unless one is pending or (unless `force`) fresh.
    With `enqueue=False` the caller runs the capture itself (no broker)."""
    with transaction.atomic():
        audit_lock()  # the chain first, then the source (see factcheck.audit): callers append after this
        source = Source.objects.select_for_update().get(pk=source.pk)
        pending = source.snapshots.filter(method=Snapshot.Method.HTTP, status__in=[S.QUEUED, S.FETCHING])
        pending = pending.order_by("-id").first()
        if pending:
            return pending
        if not force:
            fresh_after = timezone.now() - timedelta(seconds=settings.CAPTURE_FRESH_FOR)
            fresh = source.snapshots.filter(
                method=Snapshot.Method.HTTP, status=S.SUCCEEDED, finished_at__gte=fresh_after
            ).order_by("-id")
            fresh = fresh.first()
            if fresh:
                return fresh
        snapshot = Snapshot.objects.create(source=source, requested_url=source.url, next_attempt_at=timezone.now())
        if enqueue:
            transaction.on_commit(lambda: _enqueue(snapshot.pk))
    return snapshot


def browser_snapshot_queue(*, source: Source, follows: Snapshot | None = None, enqueue: bool = True) -> Snapshot:
    """Queue a browser capture of `source` inside the caller's transaction (which holds the audit
    lock and the source's row), unless one is pending. The queued row is the outbox: sent on
    commit, and again by the reaper if the broker was down."""
    pending = source.snapshots.filter(method=Snapshot.Method.BROWSER, status__in=[S.QUEUED, S.FETCHING])
    pending = pending.order_by("-id").first()
    if pending:
        return pending
    url = (follows.final_url or follows.requested_url) if follows else source.url
    snapshot = Snapshot.objects.create(
        source=source,
        method=Snapshot.Method.BROWSER,
        follows=follows,
        requested_url=url,
        next_attempt_at=timezone.now(),
    )
    if enqueue:
        transaction.on_commit(lambda: _enqueue(snapshot.pk, Snapshot.Method.BROWSER))
    return snapshot


def browser_snapshot_request(*, source: Source, follows: Snapshot | None = None, enqueue: bool = True) -> Snapshot:
    """Queue a browser capture of `source`, after the HTTP capture `follows`, which it will judge.
    With `enqueue=False` the caller takes it itself (no broker)."""
    with transaction.atomic():
        audit_lock()  # the chain first, then the source (see factcheck.audit)
        source = Source.objects.select_for_update().get(pk=source.pk)
        return browser_snapshot_queue(source=source, follows=follows, enqueue=enqueue)


def snapshot_claim(*, snapshot_id: int) -> Snapshot | None:
    """Take the job if it is queued (or stuck past the hard limit); None if someone else has it."""
    claimed = Snapshot.objects.filter(Q(status=S.QUEUED) | stuck_captures(), pk=snapshot_id).update(
        status=S.FETCHING, started_at=Now(), attempt=F("attempt") + 1, next_attempt_at=None
    )
    if not claimed:
        return None
    return Snapshot.objects.select_related("source").get(pk=snapshot_id)
