"""Debian's PgBouncer in front of this run's PostgreSQL: the deployment's settings
(`deploy/pgbouncer.ini`, transaction pool mode), on a port and in a folder of this run's, for this
run's databases and roles, with an admin console to ask it whom it serves."""

import configparser
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
import pytest

from tests.workers import test_database_url, wait_until

DEPLOYED_SETTINGS = Path(__file__).resolve().parents[1] / "deploy" / "pgbouncer.ini"
ADMIN = "pgbouncer_admin"


def pgbouncer_program() -> str:
    """Debian's pgbouncer (in /usr/sbin, which a user's PATH may lack): a failure in CI, else a skip."""
    found = shutil.which("pgbouncer") or shutil.which("pgbouncer", path="/usr/sbin:/usr/local/sbin")
    if found:
        return found
    how = "apt-get install pgbouncer (Debian's package); .ci/run installs it"
    if os.environ.get("CI"):
        pytest.fail(f"pgbouncer is required in CI and is missing: {how}")
    pytest.skip(f"pgbouncer is missing: {how}")


class PgBouncer:
    """One pgbouncer process in front of the server of `upstream_url`, serving `databases`.
    `users` maps each role that may connect to its secret in PgBouncer's auth file: a SCRAM
    secret or a password (`auth_type` scram-sha-256), or "" (`trust`, for the suite's own
    password-less role)."""

    def __init__(
        self, upstream_url: str, databases: list[str], users: dict[str, str], logs: Path,
        auth_type: str = "scram-sha-256", pool_size: int | None = None,
    ):  # fmt: skip
        upstream = urlsplit(upstream_url)
        self.upstream_host, self.upstream_port = upstream.hostname or "127.0.0.1", upstream.port or 5432
        self.databases, self.users, self.auth_type, self.pool_size = databases, users, auth_type, pool_size
        self.admin_password = secrets.token_urlsafe(18)
        self.log_path = logs / "pgbouncer.log"
        self.folder, self.proc, self.port = None, None, None

    def _settings(self) -> configparser.ConfigParser:
        config = configparser.ConfigParser(interpolation=None, comment_prefixes=(";", "#"))
        config.optionxform = str
        config.read_string(DEPLOYED_SETTINGS.read_text())
        config.remove_section("databases")
        config.add_section("databases")
        for name in self.databases:
            config["databases"][name] = f"host={self.upstream_host} port={self.upstream_port} dbname={name}"
        ours = {
            "listen_addr": "127.0.0.1",
            "listen_port": str(self.port),
            "unix_socket_dir": "",
            "auth_type": self.auth_type,
            "auth_file": str(self.folder / "userlist.txt"),
            "admin_users": ADMIN,
            "logfile": "",  # the log goes to stderr, kept in this run's logs
            "pidfile": "",
        }
        if self.pool_size is not None:
            ours.update(default_pool_size=str(self.pool_size), reserve_pool_size="0")
        config["pgbouncer"].update(ours)
        return config

    def start(self) -> "PgBouncer":
        program = pgbouncer_program()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.folder = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
        secrets_file = {**self.users, ADMIN: self.admin_password}
        (self.folder / "userlist.txt").write_text("".join(f'"{u}" "{s}"\n' for u, s in secrets_file.items()))
        with (self.folder / "pgbouncer.ini").open("w") as out:
            self._settings().write(out)
        command = [program]
        if os.geteuid() == 0:  # PgBouncer refuses to run as root: it drops to nobody, who must read its files
            nobody = pwd.getpwnam("nobody")
            for path in (self.folder, *self.folder.iterdir()):
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
            command += ["-u", "nobody"]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen([*command, str(self.folder / "pgbouncer.ini")], stdout=log, stderr=log)
        wait_until(self._answers, seconds=20, what="PgBouncer to start")
        return self

    def _answers(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"pgbouncer exited with {self.proc.returncode}:\n{self.log()[-3000:]}")
        try:
            self.show("VERSION")
            return True
        except psycopg.OperationalError:
            return False

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def url(self, database_url: str) -> str:
        """`database_url` (same role, password, database and options) pointed at PgBouncer."""
        parts = urlsplit(database_url)
        credentials, at, _ = parts.netloc.rpartition("@")
        return urlunsplit(parts._replace(netloc=f"{credentials}{at}127.0.0.1:{self.port}"))

    def show(self, what: str) -> list[dict]:
        """`SHOW <what>` on the admin console (CLIENTS, SERVERS, POOLS, CONFIG…), as rows."""
        url = f"postgresql://{ADMIN}:{quote(self.admin_password)}@127.0.0.1:{self.port}/pgbouncer"
        # The console speaks the simple query protocol only: a client-side-binding cursor uses it.
        with psycopg.connect(url, autocommit=True, connect_timeout=5, cursor_factory=psycopg.ClientCursor) as conn:
            cursor = conn.execute(f"SHOW {what}")
            names = [column.name for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def setting(self, name: str) -> str:
        return next(row["value"] for row in self.show("CONFIG") if row["key"] == name)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def in_front_of_the_test_database(logs: Path, pool_size: int) -> PgBouncer:
    """PgBouncer for this run's test database, as the suite's own role (password-less here, so
    PgBouncer trusts it as PostgreSQL does), with `pool_size` server connections."""
    url = urlsplit(test_database_url())
    return PgBouncer(
        test_database_url(), [url.path.lstrip("/")], {url.username: url.password or ""}, logs,
        auth_type="scram-sha-256" if url.password else "trust", pool_size=pool_size,
    ).start()  # fmt: skip
