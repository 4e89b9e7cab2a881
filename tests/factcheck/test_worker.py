"""A real Celery worker process, on the real broker, against the test database."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from factcheck.tasks import verify_audit_chain


def _test_database_url() -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture
def worker(tmp_path):
    queue = f"test-{uuid.uuid4().hex[:8]}"  # nobody else's worker takes our tasks
    log = tmp_path / "worker.log"
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "DJANGO_SETTINGS_MODULE": "factcheck.settings_test"}
    command = [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--pool", "solo", "-Q", queue]
    command += ["--loglevel", "INFO", "--without-gossip", "--without-mingle", "--hostname", f"{queue}@%h"]
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield queue, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_for(log: Path, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        content = log.read_text()
        if text in content:
            return content
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared in the worker's log:\n{log.read_text()[-3000:]}")


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_worker_checks_the_audit_chain_of_this_database(worker, make_claim):
    queue, log = worker
    for n in range(3):
        make_claim(text=f"Committed claim {n}.")
    verify_audit_chain.apply_async(queue=queue)
    _wait_for(log, "Audit chain intact: 3 events")
