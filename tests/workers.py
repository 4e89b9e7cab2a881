"""Start real Celery worker processes for integration tests."""

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection


def test_database_url() -> str:
    """DATABASE_URL pointing at the database this test run uses."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def database_url_named(application_name: str) -> str:
    """This run's database URL, with connections tagged so that pg_stat_activity can find them."""
    url = test_database_url()
    return url + ("&" if "?" in url else "?") + f"application_name={application_name}"


def unique_queue() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"  # nobody else's worker takes our tasks


class Worker:
    def __init__(
        self, queue: str, log: Path, env: dict | None = None, pool: tuple[str, ...] = ("--pool", "solo"),
        name: str = "",
    ):  # fmt: skip
        self.queue, self.log = queue, log
        full_env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "DJANGO_SETTINGS_MODULE": "factcheck.settings_test",
            **(env or {}),
        }
        command = [sys.executable, "-m", "celery", "-A", "factcheck", "worker", *pool, "-Q", queue]
        command += ["--loglevel", "INFO", "--without-gossip", "--without-mingle", "--hostname", f"{name or queue}@%h"]
        with log.open("a") as out:
            self.proc = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=full_env, stdout=out, stderr=subprocess.STDOUT
            )

    def wait_for_log(self, text: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            content = self.log.read_text()
            if text in content:
                return content
            if self.proc.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared in the worker's log:\n{self.log.read_text()[-3000:]}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def kill(self):
        self.proc.kill()  # SIGKILL: no cleanup, no acknowledgement
        self.proc.wait(timeout=10)


def wait_until(predicate, seconds: float = 60, what: str = "the condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Broker:
    """A private, memory-only redis-server that can be stopped and started again on its port."""

    def __init__(self, workdir):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.workdir, self.proc = workdir, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.proc = subprocess.Popen([*command, "--dir", str(self.workdir)], stdout=subprocess.DEVNULL)
        wait_until(self._answers, seconds=10, what="the test broker to start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False
