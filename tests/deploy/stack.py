"""The workbench in the shape it ships in, without Docker.

Python from a virtualenv holding `requirements.txt` alone (never the test requirements), the
settings of `.env.example` (with a fresh secret and this run's services), the processes of the
`Procfile` run as a Procfile runner would run them, and Debian's Caddy in front with its own CA.
"""

import os
import secrets
import shlex
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings

from tests.workers import wait_until

ROOT = Path(settings.BASE_DIR)
RUNTIME_VENV = Path(os.environ.get("RUNTIME_VENV") or ROOT / ".venv-runtime")
RUNTIME_BIN = RUNTIME_VENV / "bin"


def require(path_or_command: str, how: str) -> str:
    """The executable, or a failure in CI (a skip elsewhere) that says how to get it."""
    found = shutil.which(path_or_command)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{path_or_command} is required in CI and is missing: {how}")
    pytest.skip(f"{path_or_command} is missing: {how}")


def runtime_python() -> str:
    return require(str(RUNTIME_BIN / "python"), "make test builds .venv-runtime from requirements.txt alone")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def env_example() -> dict[str, str]:
    """The variables `.env.example` sets, as a deployment would read them."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def production_environment(database_url: str, redis_url: str, workdir: Path, **overrides: str) -> dict[str, str]:
    """`.env.example` with a generated secret, this run's database and broker, and files kept in
    `workdir`. Nothing of the test run's own environment leaks in (its settings module, its key,
    its packages): only what a service manager would give a process."""
    env = {
        "PATH": f"{RUNTIME_BIN}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(workdir),
        "LANG": "C.UTF-8",
        "VIRTUAL_ENV": str(RUNTIME_VENV),
        **env_example(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "READ_DOT_ENV": "false",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "CELERY_BEAT_SCHEDULE": str(workdir / "celerybeat-schedule"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.update(overrides)
    return env


class ScratchDatabase:
    """An empty database beside this run's, dropped afterwards."""

    def __init__(self, suffix: str):
        base = urlsplit(os.environ["DATABASE_URL"])
        self.name = f"{base.path.strip('/')}_{suffix}_{os.getpid()}"
        self.url = urlunsplit(base._replace(path=f"/{self.name}"))
        self._maintenance = urlunsplit(base._replace(path="/postgres"))

    def _admin(self, statement: str):
        with psycopg.connect(self._maintenance, autocommit=True) as conn:
            conn.execute(statement)

    def create(self):
        self.drop()
        self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def drop(self):
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def procfile() -> dict[str, str]:
    """The Procfile's processes: name -> command line."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(":", 1) for line in lines if line.strip() and not line.startswith("#"))


def run(command: str, env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    """One command line, run by a shell in the checkout, as the Procfile's release step is."""
    return subprocess.run(
        ["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )  # fmt: skip


class Processes:
    """Long-running processes of the Procfile (and others), each logging to a file of its own."""

    def __init__(self, env: dict, logs: Path):
        self.env, self.logs, self.running = env, logs, {}
        logs.mkdir(parents=True, exist_ok=True)

    def start(self, name: str, command: str, **extra_env: str):
        log = (self.logs / f"{name}.log").open("ab")
        self.running[name] = subprocess.Popen(
            ["bash", "-c", f"exec {command}"], cwd=ROOT, env={**self.env, **extra_env},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def check_alive(self):
        for name, proc in self.running.items():
            if proc.poll() is not None:
                raise AssertionError(f"{name} exited with {proc.returncode}:\n{self.log(name)[-4000:]}")

    def stop(self):
        for proc in self.running.values():
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + 20
        for proc in self.running.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait(timeout=10)


def wait_for_port(port: int, processes: Processes, what: str, seconds: float = 90):
    def listening():
        processes.check_alive()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    wait_until(listening, seconds=seconds, what=what)


def command_line(process: str, **replace: str) -> str:
    """A Procfile command with some of its words replaced (a port, a concurrency)."""
    words = shlex.split(procfile()[process])
    return shlex.join([replace.get(word, word) for word in words])
