"""The queue goes away and comes back: captures asked for meanwhile are not lost.

A Redis of the test's own stands in for the broker, so it can be stopped and started without
touching anything else. Each request is a separate process, as in production: the command line
that asks for captures, the worker that takes them, and the periodic reaper that sends again
what the broker lost (the capture row is the durable record; the message is only a nudge)."""

import os
import shutil
import subprocess
import sys
import time

import psycopg
import pytest
from django.conf import settings

from sources.models import Snapshot
from tests.sources.webserver import ARTICLE
from tests.workers import Broker, Worker, database_url_named, unique_queue, wait_until
from tests.workers import test_database_url as this_runs_database_url

pytestmark = pytest.mark.integration


@pytest.fixture
def broker(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    broker = Broker(tmp_path)
    yield broker
    broker.stop()


def capture_environment(server, broker, queue: str, **extra: str) -> dict:
    """What the command line, the worker and the reaper are started with: this run's database,
    the test's own broker, a queue of its own, and the local web server allowed."""
    return {
        **os.environ,
        "DATABASE_URL": this_runs_database_url(),
        "DJANGO_SETTINGS_MODULE": "factcheck.settings_test",
        "CELERY_BROKER_URL": broker.url,
        "CAPTURE_QUEUE": queue,
        "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{server.port}",
        **extra,
    }


def run(env: dict, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
                          timeout=timeout)  # fmt: skip


def reap(env: dict) -> str:
    code = "import django; django.setup(); from sources.capture import captures_reap; print(captures_reap())"
    result = run(env, "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.django_db(transaction=True)
def test_captures_asked_for_while_the_broker_is_down_or_restarting_are_not_lost(tmp_path, server, broker):
    queue = unique_queue()
    server.page("/down", ARTICLE)
    server.page("/restart", ARTICLE)
    env = capture_environment(server, broker, queue, CAPTURE_REQUEUE_AFTER="1")

    # 1. The broker is down when a capture is asked for: the request still succeeds.
    asked = run(env, "manage.py", "capture", server.url("/down"))
    assert asked.returncode == 0, asked.stderr
    down = Snapshot.objects.get(requested_url=server.url("/down"))
    assert down.status == "queued"

    # 2. The broker is up and holds a capture's message when it restarts, losing it (no persistence).
    broker.start()
    asked = run(env, "manage.py", "capture", server.url("/restart"))
    assert asked.returncode == 0, asked.stderr
    broker.stop()
    broker.start()

    # 3. A worker comes up; the reaper sends again what is overdue; both are captured, once each.
    worker = Worker(queue, tmp_path / "worker.log", {**env, "DATABASE_URL": database_url_named("factcheck-worker")})
    try:
        time.sleep(1.5)  # past CAPTURE_REQUEUE_AFTER
        assert "'requeued': 2" in reap(env)
        wait_until(
            lambda: Snapshot.objects.filter(status="succeeded").count() == 2,
            seconds=90, what="both captures to succeed",
        )  # fmt: skip
        assert "'requeued': 0" in reap(env)  # nothing left waiting

        # 4. Between tasks the worker keeps its database connection, as a web process does between
        #    requests. PostgreSQL restarting or dropping it between captures costs the worker nothing:
        #    it is checked before the next task uses it, and opened again.
        with psycopg.connect(this_runs_database_url(), autocommit=True) as admin:
            dropped = admin.execute(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND application_name = 'factcheck-worker'"
            ).fetchone()[0]
        assert dropped >= 1
        server.page("/after", ARTICLE)
        assert run(env, "manage.py", "capture", server.url("/after")).returncode == 0
        wait_until(
            lambda: Snapshot.objects.filter(status="succeeded").count() == 3,
            seconds=90, what="the next capture",
        )  # fmt: skip
    finally:
        worker.stop()
    assert Snapshot.objects.count() == 3  # no duplicate snapshot
    assert not Snapshot.objects.filter(status__in=["queued", "fetching"]).exists()  # no stuck job
    assert {s.http_status for s in Snapshot.objects.all()} == {200}


@pytest.mark.django_db(transaction=True)
def test_the_broker_going_away_while_a_worker_captures(tmp_path, server, broker):
    from tests.sources.webserver import drip

    queue = unique_queue()
    server.route("/slow")(lambda handler: drip(handler, interval=0.25, chunks=12))
    server.page("/later", ARTICLE)
    env = capture_environment(server, broker, queue)
    broker.start()
    worker = Worker(queue, tmp_path / "worker.log", env)
    try:
        worker.wait_for_log("ready", seconds=60)
        assert run(env, "manage.py", "capture", server.url("/slow")).returncode == 0
        wait_until(lambda: Snapshot.objects.filter(status="fetching").exists(), what="the capture to start")
        broker.stop()  # mid-capture
        wait_until(lambda: Snapshot.objects.filter(status="succeeded").count() == 1, what="the capture to finish")
        broker.start()
        assert run(env, "manage.py", "capture", server.url("/later")).returncode == 0
        wait_until(
            lambda: Snapshot.objects.filter(status="succeeded").count() == 2,
            seconds=90, what="the worker to take work again once the broker is back",
        )  # fmt: skip
        assert worker.proc.poll() is None
    finally:
        worker.stop()
    assert Snapshot.objects.count() == 2 and not Snapshot.objects.exclude(status="succeeded").exists()
