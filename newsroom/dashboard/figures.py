"""The dashboard's figures, counted from the tables: a handful of grouped counts over the recent
weeks and months (each through an index on its date) and the published verdicts by rating.

They are counted by the summary's refresh (newsroom.dashboard.summary), not for each page: at a
million claims the counts take a few hundred milliseconds. The figures are plain data (dates as
ISO strings), kept as JSON."""

import datetime
import statistics

from django.db.models import Count, DateField, DurationField, ExpressionWrapper, F, FloatField, OuterRef, Subquery
from django.db.models.functions import Cast, Extract, TruncMonth, TruncWeek

from claims.models import Claim
from factcheck.filtering import start_of_day
from sources.models import Snapshot
from verdicts.models import Verdict

WEEKS = 12
MONTHS = 6


def weeks_until(now: datetime.datetime) -> list[datetime.date]:
    """The Mondays of the last WEEKS weeks, this one last."""
    monday = (now - datetime.timedelta(days=now.weekday())).date()
    return [monday - datetime.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]


def claims_by_week(weeks: list[datetime.date]) -> dict[str, dict[str, int]]:
    """Claims added in each week, by their status now: {week: {status: n}}."""
    rows = (
        Claim.objects.filter(created_at__gte=start_of_day(weeks[0]))
        .annotate(week=TruncWeek("created_at"))
        .values("week", "status")
        .annotate(n=Count("*"))
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["week"].date().isoformat(), {})[row["status"]] = row["n"]
    return counts


def verdicts_by_rating() -> dict[str, int]:
    published = Verdict.objects.filter(status=Verdict.Status.PUBLISHED)
    return dict(published.values_list("rating").annotate(n=Count("*")).order_by())


def time_to_publication(now: datetime.datetime) -> list[dict]:
    """Days from a claim's intake to its first published verdict, by month of publication: the
    median and the 90th percentile (the value nine in ten took at most) of every verdict. Each
    claim's intake is read by its key (a join would read every claim)."""
    since = (now - datetime.timedelta(days=31 * MONTHS)).replace(day=1)
    intake = Subquery(Claim.objects.filter(pk=OuterRef("claim_id")).order_by().values("created_at"))
    took = ExpressionWrapper(F("published_at") - intake, output_field=DurationField())
    rows = (
        Verdict.objects.filter(
            status__in=(Verdict.Status.PUBLISHED, Verdict.Status.SUPERSEDED), supersedes__isnull=True
        )
        .filter(published_at__gte=since)
        .annotate(
            month=TruncMonth("published_at", output_field=DateField()),
            days=Cast(Extract(took, "epoch"), FloatField()) / 86400.0,
        )
        .order_by()
        .values_list("month", "days")
    )
    by_month: dict[datetime.date, list[float]] = {}
    for month, days in rows:
        by_month.setdefault(month, []).append(days)
    months = []
    for month in sorted(by_month):
        days = sorted(by_month[month])
        months.append(
            {
                "month": month.isoformat(),
                "median": round(statistics.median(days), 1),
                "p90": round(days[int(0.9 * (len(days) - 1))], 1),
            }
        )
    return months


def captures_by_week(weeks: list[datetime.date]) -> tuple[dict[str, list[int]], dict[str, int]]:
    """Captures finished in each week ({week: [succeeded, failed]}), and why those failed
    ({error code: n})."""
    finished = Snapshot.objects.filter(
        status__in=(Snapshot.Status.SUCCEEDED, Snapshot.Status.FAILED), finished_at__gte=start_of_day(weeks[0])
    )
    rows = (
        finished.annotate(week=TruncWeek("finished_at")).values("week", "status", "error_code").annotate(n=Count("*"))
    )
    done: dict[str, list[int]] = {}
    reasons: dict[str, int] = {}
    for row in rows:
        failed = row["status"] == Snapshot.Status.FAILED
        done.setdefault(row["week"].date().isoformat(), [0, 0])[failed] += row["n"]
        if failed:
            reasons[row["error_code"] or "unknown"] = reasons.get(row["error_code"] or "unknown", 0) + row["n"]
    return done, reasons


def dashboard_figures(now: datetime.datetime) -> dict:
    """Every figure the dashboard shows, as of `now`."""
    weeks = weeks_until(now)
    captures, failures = captures_by_week(weeks)
    return {
        "weeks": [week.isoformat() for week in weeks],
        "claims": claims_by_week(weeks),
        "ratings": verdicts_by_rating(),
        "publication": time_to_publication(now),
        "captures": captures,
        "failures": failures,
    }
