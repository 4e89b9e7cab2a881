"""PostgreSQL drops the app's connections (a restart, a failover, an idle timeout): the next
request gets a fresh connection instead of an error. The app is served by gunicorn, as in
production, so that its connection lives from one request to the next."""

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import psycopg
import pytest
from django.conf import settings

from tests.workers import database_url_named, wait_until
from tests.workers import test_database_url as this_runs_database_url


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def drop_the_apps_connections() -> int:
    with psycopg.connect(this_runs_database_url(), autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'factcheck-web'"
        ).fetchall()
    return len(rows)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_dropped_database_connection_is_replaced_on_the_next_request(verdict_in):
    verdict_in("published")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": database_url_named("factcheck-web"),
        "DJANGO_SETTINGS_MODULE": "factcheck.settings_test",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "factcheck.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: get(base + "/healthz") == 200, seconds=30, what="gunicorn to answer")
        assert get(base + "/api/v1/verdicts/") == 200
        assert drop_the_apps_connections() == 1  # the worker's one connection, kept between requests
        statuses = [get(base + path) for path in ["/api/v1/verdicts/", "/healthz", "/login/", "/api/v1/claimreview/"]]
        assert statuses == [200, 200, 200, 200]
    finally:
        server.terminate()
        server.wait(timeout=20)
