"""The dashboard, kept: its figures counted and its charts drawn in each of the newsroom's languages
by a periodic task (newsroom.tasks.refresh_dashboard, every DASHBOARD_REFRESH_SECONDS), and read by
the page, which counts and draws them itself only when none are kept or the last count is older than
DASHBOARD_STALE_SECONDS (the periodic task is not running). Counting takes about a second at a
million claims, and drawing the five charts some 50 ms: neither is done for each visit."""

import datetime
from dataclasses import asdict

from django.conf import settings
from django.db import connection, transaction
from django.db.models.fields.json import KeyTransform
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from newsroom.dashboard.charts import Chart, dashboard_charts
from newsroom.dashboard.figures import dashboard_figures
from newsroom.models import DashboardSummary

ONLY = 1  # the one row


def _drawn(figures: dict) -> dict[str, list[dict]]:
    """The charts of `figures` in each language, as plain data."""
    drawn = {}
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            drawn[code] = [{**asdict(chart), "svg": str(chart.svg)} for chart in dashboard_charts(figures)]
    return drawn


def dashboard_refresh(*, now: datetime.datetime | None = None) -> DashboardSummary:
    """Count the figures now, draw them, and keep both (in one statement, whether or not some were kept)."""
    now = now or timezone.now()
    with transaction.atomic():
        with connection.cursor() as cursor:
            # At a million claims the planner's estimates for these counts pass JIT's thresholds, and
            # compiling them takes longer (over a second) than counting.
            cursor.execute("SET LOCAL jit = off")
        figures = dashboard_figures(now)
        summary = DashboardSummary(pk=ONLY, figures=figures, charts=_drawn(figures), counted_at=now)
        DashboardSummary.objects.bulk_create(
            [summary], update_conflicts=True, unique_fields=["id"], update_fields=["figures", "charts", "counted_at"]
        )
    return summary


def dashboard_as_kept(*, language: str) -> tuple[datetime.datetime, list[Chart]]:
    """When the figures were counted, and their charts in `language` (the kept ones, read alone; or
    counted and drawn now when none are kept, or none recent enough)."""
    kept = (
        DashboardSummary.objects.filter(pk=ONLY)
        .annotate(drawn=KeyTransform(language, "charts"))
        .values("counted_at", "drawn")
        .first()
    )
    stale = timezone.now() - datetime.timedelta(seconds=settings.DASHBOARD_STALE_SECONDS)
    if kept is None or kept["counted_at"] < stale or not kept["drawn"]:
        summary = dashboard_refresh()
        kept = {"counted_at": summary.counted_at, "drawn": summary.charts.get(language)}
        if kept["drawn"] is None:  # a language the newsroom is not offered in
            return summary.counted_at, dashboard_charts(summary.figures)
    charts = [Chart(c["title"], mark_safe(c["svg"]), c["summary"]) for c in kept["drawn"]]  # noqa: S308 - drawn here
    return kept["counted_at"], charts
