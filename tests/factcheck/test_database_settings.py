"""The settings the migrations give the app's database, seen by every new connection to it."""

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def fresh_connection():
    return psycopg.connect(**connection.get_connection_params(), autocommit=True)


def test_new_connections_plan_for_a_database_held_in_memory_or_on_ssd():
    """With random_page_cost at 1.1 a search's few matches are fetched through the text index, not
    found by reading every capture newest first (factcheck's migration 0007)."""
    with fresh_connection() as fresh:
        assert fresh.execute("SHOW random_page_cost").fetchone()[0] == "1.1"


def test_long_values_are_compressed_with_lz4():
    """Captured text and search vectors written from now on (migration 0008), where the server has LZ4."""
    with fresh_connection() as fresh:
        choices = fresh.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
        (choices,) = choices.fetchone()
        if "lz4" not in choices:
            pytest.skip("this PostgreSQL was built without LZ4: the migration leaves pglz")
        assert fresh.execute("SHOW default_toast_compression").fetchone()[0] == "lz4"
        fresh.execute("CREATE TEMPORARY TABLE long_values (value text)")
        fresh.execute("INSERT INTO long_values VALUES (repeat('a page of captured text ', 1000))")
        assert fresh.execute("SELECT pg_column_compression(value) FROM long_values").fetchone()[0] == "lz4"


def test_a_task_run_in_the_callers_process_leaves_its_transaction_alone(django_user_model):
    """Workers keep their connections between tasks (factcheck.celery); a task applied eagerly, in
    the caller's transaction, must not close the caller's connection."""
    from django.db import transaction

    from claims.tasks import clean_extraction_jobs

    with transaction.atomic():
        user = django_user_model.objects.create(username="inside-a-transaction")
        clean_extraction_jobs.apply()
        assert django_user_model.objects.filter(pk=user.pk).exists()
