"""Migration operations a live database of millions of rows can take without a long lock."""

from django.contrib.postgres.operations import AddIndexConcurrently


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
