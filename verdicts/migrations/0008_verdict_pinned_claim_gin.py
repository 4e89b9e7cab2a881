"""The claimant pages' index, built without locking the verdicts table against writes."""

import django.contrib.postgres.indexes
from django.db import migrations

from factcheck.migration_operations import AddIndexConcurrentlyWhenLive


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
