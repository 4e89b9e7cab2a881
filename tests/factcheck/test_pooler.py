"""Behind PgBouncer in transaction mode, consecutive transactions of one client may run on
different server connections. `DATABASE_POOLER=transaction` turns off what would carry over
between them: psycopg's prepared statements and Django's server-side cursors (a
QuerySet.iterator() outside a transaction keeps a cursor `WITH HOLD` between its fetches)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from sources.services import source_get_or_create
from tests.pgbouncer import in_front_of_the_test_database
from tests.workers import database_url_named

# Run in a process of its own, whose settings read DATABASE_POOLER. Each check sets up what a busy
# pool does: another client takes a server connection between two transactions of the first.
ACROSS_TRANSACTIONS = """
import json, threading
import django
django.setup()
from django.db import connection, transaction
from sources.models import Source

problems = []

def note(what, exc):
    problems.append(f"{what}: {type(exc).__name__}: {str(exc).splitlines()[0]}")

def hold_the_last_used_server_connection(held, done):
    with transaction.atomic():
        Source.objects.exists()
        held.set()
        done.wait(10)
    connection.close()

rows = Source.objects.order_by("pk").iterator(chunk_size=1)
try:
    next(rows)
    held, done = threading.Event(), threading.Event()
    other = threading.Thread(target=hold_the_last_used_server_connection, args=(held, done))
    other.start()
    held.wait(10)
    try:
        list(rows)
    finally:
        done.set()
        other.join()
except Exception as exc:
    note("a cursor between transactions", exc)

def the_same_query_often():
    try:
        for _ in range(8):
            list(Source.objects.filter(pk__gt=0).values_list("pk", flat=True))
    except Exception as exc:
        note("the same query on two client connections", exc)
    finally:
        connection.close()

other = threading.Thread(target=the_same_query_often)
other.start()
other.join()
the_same_query_often()
print(json.dumps({"problems": problems, "prepare_threshold": connection.get_connection_params()["prepare_threshold"]}))
"""


def run_behind(pooler, **env) -> dict:
    environment = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings_test",
        "DATABASE_URL": pooler.url(database_url_named("pooled-client")), **env,
    }  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", ACROSS_TRANSACTIONS], cwd=settings.BASE_DIR, env=environment,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture
def pooler(tmp_path, transactional_db):
    for number in range(3):  # rows for the cursor to fetch one by one, committed for the other process
        source_get_or_create(url=f"https://example.org/pooled/{number}")
    pgbouncer = in_front_of_the_test_database(tmp_path, pool_size=2)
    yield pgbouncer
    pgbouncer.stop()


@pytest.mark.integration
def test_with_database_pooler_transaction_nothing_outlives_a_transaction(pooler):
    outcome = run_behind(pooler, DATABASE_POOLER="transaction")
    assert outcome == {"problems": [], "prepare_threshold": None}


@pytest.mark.integration
def test_without_it_the_same_work_breaks_behind_pgbouncer(pooler):
    # Why the setting exists: prepared statements and held cursors are a server connection's.
    outcome = run_behind(pooler, DATABASE_POOLER="", DB_PREPARED_STATEMENTS="true")
    assert outcome["prepare_threshold"] == 5
    [cursor, prepared] = outcome["problems"]
    assert cursor.startswith("a cursor between transactions") and "does not exist" in cursor, cursor
    assert prepared.startswith("the same query on two client connections") and "already exists" in prepared, prepared


def test_an_unknown_pooler_is_refused_with_a_message():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings", "DATABASE_POOLER": "statement"}
    environment.setdefault("SECRET_KEY", "a-key-for-this-check-only")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=settings.BASE_DIR, env=environment,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "DATABASE_POOLER is 'statement'" in result.stderr and "set it to transaction" in result.stderr
