"""The claimant pages' index, built without locking the verdicts table against writes."""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations


class AddIndexConcurrentlyWhenLive(AddIndexConcurrently):
    """CREATE INDEX CONCURRENTLY (writes go on while a large table is indexed), or a plain CREATE
    INDEX when the migration runs inside a transaction, where CONCURRENTLY is not allowed (a test
    migrating back and forth)."""

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


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("verdicts", "0007_publisher"),
    ]

    operations = [
        AddIndexConcurrentlyWhenLive(
            model_name="verdict",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["pinned_claim"], name="verdict_pinned_claim_gin", opclasses=["jsonb_path_ops"]
            ),
        ),
    ]
