"""The planner tells a rare word of a search from a common one (see search_statistics)."""

from django.db import migrations

from factcheck.migration_operations import search_statistics


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0005_snapshot_finished_idx"),
    ]

    operations = [
        search_statistics("sources_snapshot"),
    ]
