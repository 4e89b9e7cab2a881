"""The planner tells a rare word of a search from a common one (see search_statistics)."""

from django.db import migrations

from factcheck.migration_operations import search_statistics


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0012_queue_and_dashboard_indexes"),
    ]

    operations = [
        search_statistics("claims_claim"),
    ]
