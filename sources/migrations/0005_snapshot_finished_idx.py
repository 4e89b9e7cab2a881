"""The dashboard's captures per week, read from an index instead of the whole table, built without
locking the captures table against writes."""

from django.db import migrations, models

from factcheck.migration_operations import AddIndexConcurrentlyWhenLive


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("sources", "0004_judge_captures"),
    ]

    operations = [
        AddIndexConcurrentlyWhenLive(
            model_name="snapshot",
            index=models.Index(fields=["finished_at"], include=("status", "error_code"), name="snapshot_finished_idx"),
        ),
    ]
