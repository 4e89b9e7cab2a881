"""Captures end to end through real workers, and a worker killed mid-capture."""

import threading
import time

import pytest

from claims.services import citation_create
from factcheck.audit import audit_verify_chain
from factcheck.models import AuditEvent
from sources.capture import captures_reap, snapshot_request
from sources.models import Snapshot
from sources.services import source_get_or_create
from tests.pgbouncer import in_front_of_the_test_database
from tests.sources.webserver import ARTICLE, drip
from tests.workers import Worker, database_url_named, unique_queue, wait_until


def slow_the_first_time(server, *, interval: float, chunks: int) -> list:
    """Serve /slow slowly the first time and at once after; returns the list of request times."""
    requests = []

    def answer(handler):
        requests.append(time.monotonic())
        if len(requests) == 1:
            return drip(handler, interval=interval, chunks=chunks)
        return handler.send_body(200, ARTICLE.encode())

    server.route("/slow")(answer)
    return requests


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
    # The worker wrote the capture's receipt to the audit chain, in the transaction that stored it.
    [receipt] = AuditEvent.objects.filter(action="snapshot.captured", object_id=str(snapshot.pk))
    assert (receipt.data["sha256"], receipt.data["text_sha256"]) == (snapshot.payload_sha256, snapshot.text_sha256)
    assert (receipt.data["warc"], receipt.data["url"]) == (snapshot.warc.name, server.url("/news"))
    assert receipt.data["finished_at"] == snapshot.finished_at.isoformat() and receipt.to_state == "succeeded"
    assert audit_verify_chain().problem is None


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_capture_leaves_no_stuck_job(
    tmp_path, server, capture_env, settings, make_claim, journalist
):
    queue, env = capture_env
    hard_limit = 6
    settings.CAPTURE_HARD_TIME_LIMIT = hard_limit
    env = {**env, "CAPTURE_HARD_TIME_LIMIT": str(hard_limit)}
    requests = slow_the_first_time(server, interval=0.5, chunks=60)
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
    receipts = AuditEvent.objects.filter(action="snapshot.captured", object_id=str(snapshot.pk))
    assert [r.data["attempt"] for r in receipts] == [2]  # one receipt, from the attempt that finished


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_database_dropping_a_worker_mid_capture_leaves_no_stuck_job(
    tmp_path, server, capture_env, make_claim, journalist
):
    import psycopg

    from tests.workers import test_database_url as this_runs_database_url

    queue, env = capture_env
    env = {**env, "CAPTURE_RETRY_BASE": "1", "DATABASE_URL": database_url_named("factcheck-worker")}
    requests = slow_the_first_time(server, interval=0.25, chunks=12)
    worker = Worker(queue, tmp_path / "worker.log", env)
    try:
        claim = make_claim()
        citation = citation_create(actor=journalist, claim_id=claim.pk, url=server.url("/slow"))
        snapshot = Snapshot.objects.get(source=citation.source)
        wait_until(lambda: requests and Snapshot.objects.get(pk=snapshot.pk).status == "fetching", what="fetching")
        with psycopg.connect(this_runs_database_url(), autocommit=True) as admin:
            dropped = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name = 'factcheck-worker'"
            ).fetchone()[0]
        assert dropped == 1  # the worker's connection, mid-capture (its host slot's transaction)
        # The attempt ends with its transaction; it records that on a new connection and is tried again.
        worker.wait_for_log(f"Capture of snapshot {snapshot.pk} failed unexpectedly", seconds=30)
        wait_until(lambda: Snapshot.objects.get(pk=snapshot.pk).status == "succeeded", what="the capture to finish")
        assert worker.proc.poll() is None  # the worker lived through it
    finally:
        worker.stop()
    assert "raised unexpected" not in worker.log.read_text()
    assert Snapshot.objects.filter(source=citation.source).count() == 1  # no duplicate snapshot
    assert Snapshot.objects.get(source=citation.source).attempt == 2 and len(requests) == 2
    receipts = AuditEvent.objects.filter(action="snapshot.captured", object_id=str(snapshot.pk))
    assert [r.data["attempt"] for r in receipts] == [2]


@pytest.fixture(params=["postgresql", "pgbouncer"])
def pooler(request, tmp_path):
    """Between the workers and the database: nothing, or PgBouncer in transaction mode with fewer
    server connections than the workers have threads, so that they take turns on them."""
    if request.param == "postgresql":
        yield None
        return
    pgbouncer = in_front_of_the_test_database(tmp_path, pool_size=3)
    try:
        yield pgbouncer
    finally:
        pgbouncer.stop()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_two_capture_workers_share_the_per_host_limit_and_never_take_the_same_capture(
    tmp_path, server, capture_env, settings, pooler
):
    """Two capture workers as production runs them (threads, named apart, one broker and one
    database, or PgBouncer in front of it): a host never answers more than CAPTURE_PER_HOST
    captures at once, counted at the host, and each capture is taken once, by one of them."""
    queue, env = capture_env
    settings.CAPTURE_PER_HOST = 2
    env = {**env, "CAPTURE_PER_HOST": "2", "CAPTURE_SLOT_WAIT": "30"}
    if pooler:
        env.update(DATABASE_URL=pooler.url(database_url_named("factcheck-worker")), DATABASE_POOLER="transaction")
    lock, load = threading.Lock(), {"now": 0, "most": 0}

    def answer(handler):
        with lock:
            load["now"] += 1
            load["most"] = max(load["most"], load["now"])
        try:
            time.sleep(0.3)
            handler.send_body(200, ARTICLE.encode())
        finally:
            with lock:
                load["now"] -= 1

    paths = [f"/story/{n}" for n in range(16)]
    for path in paths:
        server.route(path)(answer)
    threads = ("--pool", "threads", "--concurrency", "4")
    workers = [Worker(queue, tmp_path / f"{name}.log", env, threads, name=name) for name in ("north", "south")]
    try:
        for worker in workers:
            worker.wait_for_log("ready")
        ids = [snapshot_request(source=source_get_or_create(url=server.url(path))[0]).pk for path in paths]
        wait_until(
            lambda: Snapshot.objects.filter(pk__in=ids, status="succeeded").count() == len(ids),
            what="every capture to succeed",
        )
        if pooler:  # the workers' transactions went through PgBouncer: at least claim, slot and store each
            [stats] = [row for row in pooler.show("STATS") if row["database"] == pooler.databases[0]]
            assert stats["total_xact_count"] >= 3 * len(ids), stats
    finally:
        for worker in workers:
            worker.stop()
    assert load["most"] == 2  # the limit was reached, and never passed
    assert sorted(server.hits) == sorted(paths)  # each page fetched once
    receipts = AuditEvent.objects.filter(action="snapshot.captured", object_id__in=[str(i) for i in ids])
    assert receipts.count() == len(ids) and all(s.attempt == 1 for s in Snapshot.objects.filter(pk__in=ids))
    taken = [worker.log.read_text().count("succeeded in") for worker in workers]
    assert sum(taken) == len(ids) and min(taken) > 0, taken  # both took captures, none twice
    assert audit_verify_chain().problem is None
