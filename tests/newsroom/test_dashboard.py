"""The dashboard shows figures counted periodically, not at each visit: once the refresh has run
they equal the figures counted here from the rows themselves, after changes too; between two
refreshes the page shows the last count and says when it was taken."""

import datetime
import statistics
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Claim
from claims.services import claim_transition
from newsroom.dashboard.summary import dashboard_refresh
from newsroom.models import DashboardSummary
from newsroom.tasks import refresh_dashboard
from sources.capture import snapshot_request
from sources.capture.running import snapshot_fail
from sources.models import Snapshot
from sources.services import source_get_or_create
from tests.conftest import count_queries
from verdicts.models import Verdict

pytestmark = pytest.mark.django_db


def failed_capture(url: str, code: str = "timeout"):
    source, _ = source_get_or_create(url=url)
    return snapshot_fail(snapshot=snapshot_request(source=source, enqueue=False), code=code, message="It failed.")


def counted_from_the_rows(now: datetime.datetime) -> dict:
    """The dashboard's figures, counted row by row in Python."""
    monday = now.date() - datetime.timedelta(days=now.weekday())
    weeks = [monday - datetime.timedelta(weeks=n) for n in range(11, -1, -1)]

    def week_of(moment):
        day = moment.date()
        return day - datetime.timedelta(days=day.weekday())

    claims: dict[str, Counter] = {}
    for claim in Claim.objects.all():
        if week_of(claim.created_at) >= weeks[0]:
            claims.setdefault(week_of(claim.created_at).isoformat(), Counter())[claim.status] += 1
    ratings = Counter(Verdict.objects.filter(status="published").values_list("rating", flat=True))
    months: dict[str, list[float]] = {}
    for verdict in Verdict.objects.filter(status__in=["published", "superseded"], supersedes=None):
        took = (verdict.published_at - verdict.claim.created_at).total_seconds() / 86400
        months.setdefault(verdict.published_at.date().replace(day=1).isoformat(), []).append(took)
    captures: dict[str, list[int]] = {}
    failures: Counter = Counter()
    for snapshot in Snapshot.objects.filter(status__in=["succeeded", "failed"]):
        if week_of(snapshot.finished_at) >= weeks[0]:
            captures.setdefault(week_of(snapshot.finished_at).isoformat(), [0, 0])[snapshot.status == "failed"] += 1
            if snapshot.status == "failed":
                failures[snapshot.error_code] += 1
    return {
        "weeks": [week.isoformat() for week in weeks],
        "claims": {week: dict(counts) for week, counts in claims.items()},
        "ratings": dict(ratings),
        "publication": [
            {
                "month": month,
                "median": round(statistics.median(days), 1),
                "p90": round(sorted(days)[int(0.9 * (len(days) - 1))], 1),
            }
            for month, days in sorted(months.items())
        ],
        "captures": captures,
        "failures": dict(failures),
    }


def summaries(client) -> list[str]:
    page = client.get("/dashboard/")
    assert page.status_code == 200
    return [chart.summary for chart in page.context["charts"]]


def test_the_kept_figures_equal_those_counted_from_the_rows_once_refreshed(
    client, editor, journalist, make_claim, verdict_in
):
    verdict_in("published")
    make_claim(text="Inflation fell to 2 percent last month.")
    failed_capture("https://example.org/slow")
    refresh_dashboard()  # as the beat runs it
    kept = DashboardSummary.objects.get()
    assert kept.figures == counted_from_the_rows(kept.counted_at)
    client.force_login(editor)
    assert "False: 1" in summaries(client)[1] and "the site took too long to answer: 1" in summaries(client)[4]

    # Changes: a claim dismissed, another verdict published, another capture failed.
    dismissed = make_claim(text="The moon is made of cheese.")
    claim_transition(claim_id=dismissed.pk, action="dismiss", actor=editor, expected_version=0, comment="A joke.")
    verdict_in("published")
    failed_capture("https://example.org/gone", code="dns_failure")
    assert "False: 1" in summaries(client)[1]  # the page shows the last count, and says when it was taken
    assert "Figures as of" in client.get("/dashboard/").content.decode()

    refresh_dashboard()
    kept = DashboardSummary.objects.get()
    assert kept.figures == counted_from_the_rows(kept.counted_at)
    assert kept.figures["claims"][kept.figures["weeks"][-1]].get("dismissed") == 1
    assert "False: 2" in summaries(client)[1] and "the address has no such host: 1" in summaries(client)[4]


def test_the_page_counts_the_figures_itself_when_none_are_kept_or_they_are_stale(client, editor, settings, verdict_in):
    client.force_login(editor)
    verdict_in("published")
    assert "False: 1" in summaries(client)[1]  # nothing was kept yet: counted for this visit, and kept
    counted = DashboardSummary.objects.get().counted_at
    assert "False: 1" in summaries(client)[1] and DashboardSummary.objects.get().counted_at == counted

    verdict_in("published")
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.DASHBOARD_STALE_SECONDS + 1)
    DashboardSummary.objects.update(counted_at=long_ago)  # the beat has stopped
    assert "False: 2" in summaries(client)[1]
    assert DashboardSummary.objects.get().counted_at > long_ago


def test_the_dashboard_and_its_count_run_the_same_queries_for_3_and_30_rows(client, editor, make_claim, verdict_in):
    client.force_login(editor)
    verdict_in("published")
    for _ in range(2):
        make_claim()
    with CaptureQueriesContext(connection) as counting:
        dashboard_refresh()
    few = count_queries(client, "/dashboard/")
    for _ in range(27):
        make_claim()
    verdict_in("published")
    failed_capture("https://example.org/slow")
    with CaptureQueriesContext(connection) as recounting:
        dashboard_refresh()
    assert len(recounting.captured_queries) == len(counting.captured_queries)
    assert count_queries(client, "/dashboard/") == few
