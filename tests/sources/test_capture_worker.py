"""Captures end to end through real workers, and a worker killed mid-capture."""

import time

import pytest

from claims.services import citation_create
from sources.capture import captures_reap
from sources.models import Snapshot
from tests.sources.webserver import ARTICLE, drip
from tests.workers import Worker, unique_queue, wait_until


@pytest.fixture
def capture_env(settings, server):
    queue = unique_queue()
    settings.CAPTURE_QUEUE = queue
    settings.CAPTURE_ALLOWED_PRIVATE = [f"127.0.0.1:{server.port}"]
    return queue, {"CAPTURE_QUEUE": queue, "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{server.port}"}


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_citing_a_url_gets_it_captured_by_a_worker(tmp_path, server, capture_env, make_claim, journalist):
    queue, env = capture_env
    server.page("/news", ARTICLE)
    worker = Worker(queue, tmp_path / "worker.log", env)
    try:
        claim = make_claim()
        citation = citation_create(actor=journalist, claim_id=claim.pk, url=server.url("/news"))
        snapshot = wait_until(
            lambda: Snapshot.objects.filter(source=citation.source, status__in=["succeeded", "failed"]).first(),
            what="the capture to finish",
        )
    finally:
        worker.stop()
    assert (snapshot.status, snapshot.http_status) == ("succeeded", 200), snapshot.error_message
    assert "about 100,000 soldiers" in snapshot.text and snapshot.warc.name


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_capture_leaves_no_stuck_job(
    tmp_path, server, capture_env, settings, make_claim, journalist
):
    queue, env = capture_env
    hard_limit = 6
    settings.CAPTURE_HARD_TIME_LIMIT = hard_limit
    env = {**env, "CAPTURE_HARD_TIME_LIMIT": str(hard_limit)}
    requests = []

    def slow_the_first_time(handler):
        requests.append(time.monotonic())
        if len(requests) == 1:
            return drip(handler, interval=0.5, chunks=60)
        return handler.send_body(200, ARTICLE.encode())

    server.route("/slow")(slow_the_first_time)
    first = Worker(queue, tmp_path / "first.log", env)
    claim = make_claim()
    citation = citation_create(actor=journalist, claim_id=claim.pk, url=server.url("/slow"))
    snapshot = Snapshot.objects.get(source=citation.source)
    try:
        wait_until(lambda: requests and Snapshot.objects.get(pk=snapshot.pk).status == "fetching", what="fetching")
        first.kill()
    finally:
        first.stop()
    assert Snapshot.objects.get(pk=snapshot.pk).status == "fetching"  # stuck, as a crash leaves it

    time.sleep(hard_limit + 1)  # past the hard time limit, by database time
    second = Worker(queue, tmp_path / "second.log", env)
    try:
        assert captures_reap()["requeued"] == 1
        wait_until(lambda: Snapshot.objects.get(pk=snapshot.pk).status == "succeeded", what="the re-run capture")
    finally:
        second.stop()
    snapshot.refresh_from_db()
    assert (snapshot.attempt, len(requests)) == (2, 2)
    assert Snapshot.objects.filter(source=citation.source, status="succeeded").count() == 1
    assert Snapshot.objects.filter(source=citation.source).count() == 1
