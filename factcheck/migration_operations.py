"""Migration operations a live database of millions of rows can take without a long lock."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db.migrations import RunSQL


class AddIndexConcurrentlyWhenLive(AddIndexConcurrently):
    """CREATE INDEX CONCURRENTLY (writes go on while a large table is indexed), or a plain CREATE
    INDEX when the migration runs inside a transaction, where CONCURRENTLY is not allowed (a test
    migrating back and forth). Its migration must say `atomic = False`."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            live = not schema_editor.connection.in_atomic_block
            schema_editor.add_index(model, self.index, concurrently=live)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            live = not schema_editor.connection.in_atomic_block
            schema_editor.remove_index(model, self.index, concurrently=live)


def search_statistics(table: str, column: str = "search", target: int = 1000) -> RunSQL:
    """Statistics on ten times more of a search vector's words than by default (about 10,000, not
    1,000), taken at once. With the default, the least common word PostgreSQL keeps count of is in
    a few percent of the rows of a large table, and any word it has not counted is assumed nearly
    as common: a search for a rare name then reads the table newest first, looking for matches
    there are none of, instead of asking the text index. ALTER … SET STATISTICS blocks no reads or
    writes, and ANALYZE neither."""
    return RunSQL(
        f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS {int(target)}; ANALYZE {table} ({column});",
        f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS -1;",
    )


# The settings the migrations give the app's database (factcheck's 0007 and 0008), each with
# whether a server may lack its value. `ALTER DATABASE … SET` is the database's, not its tables':
# pg_dump leaves it out, so a restore gives them again (factcheck.backup).
DATABASE_SETTINGS = (("random_page_cost", "1.1", False), ("default_toast_compression", "lz4", True))


def _alter_database(clause: str) -> str:
    return f"EXECUTE format('ALTER DATABASE %I {clause}', current_database());"


def database_setting_sql(name: str, value: str, *, unless_unsupported: bool = False) -> str:
    """`name = value` for every new connection to this database, whoever connects (the app's role,
    the release step, a pooler's server connections). The database's owner may set it: no
    superuser needed. `unless_unsupported`: a server that does not know the value (built without
    an optional library) keeps its own, and says so."""
    forward = _alter_database(f"SET {name} = {value}")
    if unless_unsupported:
        forward += (
            " EXCEPTION WHEN invalid_parameter_value THEN"
            f" RAISE NOTICE 'This PostgreSQL does not support {name} = {value}: its own setting stays.';"
        )
    return f"DO $$ BEGIN {forward} END $$;"


def database_setting(name: str, value: str, *, unless_unsupported: bool = False) -> RunSQL:
    """A migration giving the database `name = value` (see database_setting_sql), and back to the
    server's own on the way back."""
    return RunSQL(
        database_setting_sql(name, value, unless_unsupported=unless_unsupported),
        f"DO $$ BEGIN {_alter_database(f'RESET {name}')} END $$;",
    )
