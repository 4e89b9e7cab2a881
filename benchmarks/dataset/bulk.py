"""Loading many rows at once: PostgreSQL's COPY, with a table's secondary indexes set aside while
it loads and built again once (much faster than keeping each one up to date row by row)."""

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from psycopg.types.json import Jsonb


def columns(model, given: tuple[str, ...]) -> list[str]:
    """The table's columns among `given`; generated columns (search vectors) fill themselves."""
    stored = {f.attname: f.column for f in model._meta.concrete_fields if not f.generated}
    missing = set(given) - set(stored)
    assert not missing, f"{model.__name__} has no columns {missing}"
    return [stored[name] for name in given]


def copy_rows(connection, model, fields: tuple[str, ...], rows) -> int:
    """COPY `rows` (tuples in the order of `fields`) into `model`'s table; dicts and lists bound
    for JSON columns are wrapped as JSONB. Returns how many were written."""
    json_at = [i for i, name in enumerate(fields) if model._meta.get_field(name).get_internal_type() == "JSONField"]
    names = ", ".join(f'"{c}"' for c in columns(model, fields))
    written = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, under Django's wrapper
        with raw.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
            for row in rows:
                if json_at:
                    row = list(row)
                    for i in json_at:
                        row[i] = Jsonb(row[i])
                copy.write_row(row)
                written += 1
    return written


def next_id(connection, model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")  # noqa: S608 - a model's table
        return cursor.fetchone()[0]


def sync_sequence(connection, model) -> None:
    """After rows were copied with their own ids, new rows continue after the largest."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        sql = f"SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1))"  # noqa: S608
        cursor.execute(sql, [table])


def in_own_connection(work, *args):
    """`work(connection, *args)` on this thread's own connection, closed afterwards."""
    from django.db import connection

    try:
        return work(connection, *args)
    finally:
        connection.close()


def copy_many(connection, tables) -> None:
    for model, fields, rows in tables:
        copy_rows(connection, model, fields, rows)


def _secondary_indexes(connection, table: str) -> list[tuple[str, str]]:
    """(name, definition) of the table's indexes that back no constraint (primary key, unique)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE i.indrelid = %s::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
            " WHERE k.conindid = i.indexrelid) ORDER BY c.relname",
            [table],
        )
        return cursor.fetchall()


def _build(connection, definition: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(definition)


@contextmanager
def indexes_set_aside(models, *, workers: int = 2):
    """Drop the secondary indexes of `models`' tables, and build them again on the way out, on
    `workers` connections at once (the text search indexes, the slowest, first)."""
    from django.db import connection

    kept = [index for model in models for index in _secondary_indexes(connection, model._meta.db_table)]
    with connection.cursor() as cursor:
        for name, _ in kept:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    kept.sort(key=lambda index: "USING gin" not in index[1])
    with ThreadPoolExecutor(workers) as pool:
        for future in [pool.submit(in_own_connection, _build, definition) for _, definition in kept]:
            future.result()
