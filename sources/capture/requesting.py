"""Requesting a capture and claiming it: one conditional UPDATE per claim."""

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


def capture_policy() -> FetchPolicy:
    return FetchPolicy(
        user_agent=settings.CAPTURE_USER_AGENT,
        exemptions=Exemptions.parse(settings.CAPTURE_ALLOWED_PRIVATE),
        deadline=settings.CAPTURE_DEADLINE,
        max_bytes=settings.CAPTURE_MAX_BYTES,
    )


def _enqueue(snapshot_id: int) -> None:
    # The queued row is the outbox: if the broker is down, the reaper sends it again.
    send_task(CAPTURE_TASK, args=[snapshot_id], queue=settings.CAPTURE_QUEUE)


def snapshot_request(*, source: Source, force: bool = False, enqueue: bool = True) -> Snapshot:
    """Queue a capture of `source`, unless one is pending or (unless `force`) fresh.
    With `enqueue=False` the caller runs the capture itself (no broker)."""
    with transaction.atomic():
        audit_lock()  # the chain first, then the source (see factcheck.audit): callers append after this
        source = Source.objects.select_for_update().get(pk=source.pk)
        pending = source.snapshots.filter(status__in=[S.QUEUED, S.FETCHING]).order_by("-id").first()
        if pending:
            return pending
        if not force:
            fresh_after = timezone.now() - timedelta(seconds=settings.CAPTURE_FRESH_FOR)
            fresh = source.snapshots.filter(status=S.SUCCEEDED, finished_at__gte=fresh_after).order_by("-id").first()
            if fresh:
                return fresh
        snapshot = Snapshot.objects.create(source=source, requested_url=source.url, next_attempt_at=timezone.now())
        if enqueue:
            transaction.on_commit(lambda: _enqueue(snapshot.pk))
    return snapshot


def snapshot_claim(*, snapshot_id: int) -> Snapshot | None:
    """Take the job if it is queued (or stuck past the hard limit); None if someone else has it."""
    stale = Now() - timedelta(seconds=settings.CAPTURE_HARD_TIME_LIMIT)
    claimed = Snapshot.objects.filter(
        Q(status=S.QUEUED) | Q(status=S.FETCHING, started_at__lt=stale), pk=snapshot_id
    ).update(status=S.FETCHING, started_at=Now(), attempt=F("attempt") + 1, next_attempt_at=None)
    if not claimed:
        return None
    return Snapshot.objects.select_related("source").get(pk=snapshot_id)
