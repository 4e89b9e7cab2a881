"""make backup / make restore: a backup restored into a fresh database proves itself whole."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command

from factcheck.audit_heads import audit_head_record
from factcheck.backup import backup_create
from factcheck.errors import InvalidInput
from sources.models import Snapshot
from tests.factcheck.test_audit import owner_rewrites
from tests.workers import test_database_url as this_runs_database_url


def _sibling(name: str) -> str:
    parts = urlsplit(this_runs_database_url())
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    parts = urlsplit(this_runs_database_url())
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def fresh_database():
    name = f"factcheck_restore_{os.getpid()}"
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}"')
    yield _sibling(name)
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore(folder: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "factcheck.settings_test"}
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder), *extra], cwd=settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def backup(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DATABASE_URL", this_runs_database_url())
    call_command("backup", to=str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    return folder


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database_whole(tmp_path, monkeypatch, verdict_in, fresh_database, head_log):
    verdict_in("published")
    captures = Snapshot.objects.filter(status="succeeded").count()
    folder = backup(tmp_path, monkeypatch)
    assert {p.name for p in folder.iterdir()} == {"database.dump", "captures.tar", "manifest.json"}
    recorded = json.loads(head_log.read_text().splitlines()[-1])  # the backup's head, also in the head log
    assert (f"{recorded['seq']}:{recorded['hash']}", recorded["by"]) == (
        json.loads((folder / "manifest.json").read_text())["audit_head"], "backup"
    )  # fmt: skip
    result = restore(folder, fresh_database)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{captures} captures checked against their SHA-256: all intact" in result.stdout
    with psycopg.connect(fresh_database) as restored:  # the database's own settings, which a dump leaves out
        assert restored.execute("SHOW random_page_cost").fetchone()[0] == "1.1"
    again = restore(folder, fresh_database)
    assert again.returncode != 0 and "not empty" in again.stderr  # nothing is overwritten by accident
    assert restore(folder, fresh_database, "--replace").returncode == 0


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_or_an_altered_capture_is_reported(tmp_path, monkeypatch, verdict_in, fresh_database):
    verdict_in("published")
    snapshot = Snapshot.objects.filter(status="succeeded").first()
    with default_storage.open(snapshot.payload.name, "wb") as handle:
        handle.write(b"<html>altered after capture</html>")
    folder = backup(tmp_path, monkeypatch)
    result = restore(folder, fresh_database)
    assert result.returncode != 0 and f"capture #{snapshot.pk}" in result.stderr and "SHA-256" in result.stderr

    (folder / "database.dump").write_bytes((folder / "database.dump").read_bytes()[:-10])
    damaged = restore(folder, fresh_database, "--replace")
    assert damaged.returncode != 0 and "damaged" in damaged.stderr


@pytest.mark.django_db
def test_a_backup_is_refused_when_a_recorded_head_is_no_longer_on_the_chain(make_claim, tmp_path):
    for n in range(3):
        make_claim(text=f"Claim number {n}.", claimant=None)
    audit_head_record(by="test")
    owner_rewrites("DELETE FROM factcheck_auditevent WHERE seq = 3")
    with pytest.raises(InvalidInput, match="before the recorded head #3"):
        backup_create(database_url=this_runs_database_url(), into=tmp_path / "backups")
    assert not (tmp_path / "backups").exists()
