"""Celery tasks: load by id, call a service. Retries live here; failures are recorded by services."""

from celery import shared_task
from django.conf import settings

from sources.capture import captures_reap, rechecks_schedule, snapshot_capture


@shared_task(
    bind=True,
    name="sources.capture_snapshot",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # the service counts attempts and fails the snapshot when they are used up
    soft_time_limit=settings.CAPTURE_HARD_TIME_LIMIT - 5,
    time_limit=settings.CAPTURE_HARD_TIME_LIMIT,
)
def capture_snapshot(self, snapshot_id: int) -> str:
    outcome = snapshot_capture(snapshot_id=snapshot_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.snapshot.status if outcome.snapshot else "not-claimed"


@shared_task(
    bind=True,
    name=settings.BROWSER_CAPTURE_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # as for plain captures, the service counts attempts
    soft_time_limit=settings.BROWSER_CAPTURE_HARD_TIME_LIMIT - 5,
    time_limit=settings.BROWSER_CAPTURE_HARD_TIME_LIMIT,
)
def capture_browser_snapshot(self, snapshot_id: int) -> str:
    # Imported here, so that workers of other queues never load Playwright or the WACZ packager.
    from sources.capture.browser import browser_snapshot_capture

    outcome = browser_snapshot_capture(snapshot_id=snapshot_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.snapshot.status if outcome.snapshot else "not-claimed"


@shared_task(name="sources.reap_captures")
def reap_captures() -> dict:
    return captures_reap()


@shared_task(name="sources.schedule_rechecks")
def schedule_rechecks() -> int:
    return rechecks_schedule()
