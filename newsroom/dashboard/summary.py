"""The dashboard's figures, kept: counted by a periodic task (newsroom.tasks.refresh_dashboard,
every DASHBOARD_REFRESH_SECONDS) and read by the page, which counts them itself only when there are
none yet or the last count is older than DASHBOARD_STALE_SECONDS (the periodic task is not running)."""

import datetime

from django.conf import settings
from django.utils import timezone

from newsroom.dashboard.figures import dashboard_figures
from newsroom.models import DashboardSummary

ONLY = 1  # the one row


def dashboard_refresh(*, now: datetime.datetime | None = None) -> DashboardSummary:
    """Count the figures now and keep them (in one statement, whether or not some were kept)."""
    now = now or timezone.now()
    summary = DashboardSummary(pk=ONLY, figures=dashboard_figures(now), counted_at=now)
    DashboardSummary.objects.bulk_create(
        [summary], update_conflicts=True, unique_fields=["id"], update_fields=["figures", "counted_at"]
    )
    return summary


def dashboard_summary() -> DashboardSummary:
    """The figures as last counted (counted now if there are none, or none recent enough)."""
    summary = DashboardSummary.objects.filter(pk=ONLY).first()
    stale = timezone.now() - datetime.timedelta(seconds=settings.DASHBOARD_STALE_SECONDS)
    if summary is None or summary.counted_at < stale:
        summary = dashboard_refresh()
    return summary
