"""The reaper (stuck and lost captures) and the re-check schedule of monitored sources."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Now
from django.utils import timezone

from sources.capture.requesting import _enqueue, snapshot_request, stuck_captures
from sources.capture.running import snapshot_fail
from sources.models import Snapshot, Source

S = Snapshot.Status


def captures_reap() -> dict:
    """Re-queue captures stuck in `fetching` past the hard time limit (their worker
    died) and queued ones whose message was lost; fail those out of attempts."""
    overdue = Now() - timedelta(seconds=settings.CAPTURE_REQUEUE_AFTER)
    stuck = Snapshot.objects.filter(stuck_captures())
    exhausted = list(stuck.filter(attempt__gte=settings.CAPTURE_MAX_ATTEMPTS))
    for snapshot in exhausted:
        snapshot_fail(
            snapshot=snapshot,
            code="stuck",
            message="The capture did not finish within the time limit, several times.",
        )
    requeued = list(stuck.filter(attempt__lt=settings.CAPTURE_MAX_ATTEMPTS).values_list("pk", "method")) + list(
        Snapshot.objects.filter(status=S.QUEUED, next_attempt_at__lt=overdue).values_list("pk", "method")
    )
    for snapshot_id, method in requeued:
        _enqueue(snapshot_id, method)
    return {"failed": len(exhausted), "requeued": len(requeued)}


def recheck_interval(source: Source, now) -> timedelta:
    """Sooner while the reliance is young, rarer as it ages (doubling, capped)."""
    age_days = max((now - source.monitored_since).total_seconds() / 86400, 0)
    doublings = min(int(age_days // settings.CAPTURE_RECHECK_DOUBLING_DAYS), 16)
    return min(source.recheck_interval * 2**doublings, timedelta(days=settings.CAPTURE_RECHECK_MAX_DAYS))


def sources_monitor(*, source_ids) -> int:
    """Start re-checking these sources (a published verdict relies on them)."""
    return Source.objects.filter(pk__in=list(source_ids), monitored_since__isnull=True).update(
        monitored_since=timezone.now()
    )


def rechecks_schedule(*, limit: int = 500) -> int:
    """Queue a new capture of every monitored source that is due."""
    now = timezone.now()
    candidates = (
        Source.objects.filter(monitored_since__isnull=False)
        .exclude(snapshots__status__in=[S.QUEUED, S.FETCHING])
        .order_by(F("last_checked_at").asc(nulls_first=True))[: limit * 4]
    )
    queued = 0
    for source in candidates:
        if source.last_checked_at and source.last_checked_at + recheck_interval(source, now) > now:
            continue
        snapshot_request(source=source, force=True)
        queued += 1
        if queued >= limit:
            break
    return queued
