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
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

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
        "LANG": "C.UTF-8",
        "VIRTUAL_ENV": str(RUNTIME_VENV),
        **env_example(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "READ_DOT_ENV": "false",
        "STATIC_ROOT": str(workdir / "static"),
        **local_folders(workdir),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.update(overrides)
    return env


def local_folders(workdir: Path) -> dict[str, str]:
    """What a machine keeps on its own disk, all of it in `workdir`."""
    return {
        "HOME": str(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "CELERY_BEAT_SCHEDULE": str(workdir / "celerybeat-schedule"),
        "AUDIT_HEAD_LOG": str(workdir / "audit-heads.jsonl"),
    }


class ScratchDatabase:
    """An empty database beside this run's, owned by a role of its own that is no superuser (it may
    create roles, to make the app's), as in production; dropped afterwards with its roles. `url`
    connects as the owner (the release step), `app_url` as the app's role that the release step
    creates (every other process)."""

    def __init__(self, suffix: str):
        base = urlsplit(os.environ["DATABASE_URL"])
        self.name = f"{base.path.strip('/')}_{suffix}_{os.getpid()}"
        self.owner, self.app_role = f"{self.name}_owner", f"{self.name}_app"
        self.owner_password, self.app_password = secrets.token_urlsafe(18), secrets.token_urlsafe(18)
        self._base = base._replace(path=f"/{self.name}")
        self.url = self._as(self.owner, self.owner_password)
        self.app_url = self._as(self.app_role, self.app_password)
        self._maintenance = urlunsplit(base._replace(path="/postgres"))

    def _as(self, role: str, password: str) -> str:
        host = self._base.hostname + (f":{self._base.port}" if self._base.port else "")
        return urlunsplit(self._base._replace(netloc=f"{quote(role)}:{quote(password)}@{host}"))

    def _admin(self, statement: sql.Composable):
        with psycopg.connect(self._maintenance, autocommit=True) as conn:
            conn.execute(statement)

    def create(self):
        self.drop()
        owner = sql.Identifier(self.owner)
        self._admin(
            sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(owner, sql.Literal(self.owner_password))
        )
        self._admin(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(self.name), owner))
        return self

    def drop(self):
        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name)))
        for role in (self.app_role, self.owner):
            self._admin(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))

    def _query(self, query: str, params: list) -> list[tuple]:
        with psycopg.connect(self._maintenance, autocommit=True) as conn:
            return conn.execute(query, params).fetchall()

    def sessions(self) -> set[str]:
        """The roles connected to this database now."""
        return {
            row[0]
            for row in self._query("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = %s", [self.name])
        }

    def client_ports(self) -> set[int]:
        """The client-side TCP ports of the connections to this database now."""
        query = "SELECT client_port FROM pg_stat_activity WHERE datname = %s AND client_port IS NOT NULL"
        return {row[0] for row in self._query(query, [self.name])}

    def password_secret(self, role: str) -> str:
        """The role's password as PostgreSQL keeps it (a SCRAM secret), as PgBouncer's auth file
        takes it; read as a superuser, as an administrator would."""
        [(secret,)] = self._query("SELECT rolpassword FROM pg_authid WHERE rolname = %s", [role])
        return secret


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
