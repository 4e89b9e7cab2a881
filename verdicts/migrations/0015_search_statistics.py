"""The planner tells a rare word of a search from a common one (see search_statistics)."""

from django.db import migrations

from factcheck.migration_operations import search_statistics


class Migration(migrations.Migration):
    dependencies = [
        ("verdicts", "0014_verdict_status_author_idx"),
    ]

    operations = [
        search_statistics("verdicts_verdict"),
        search_statistics("verdicts_verdicttranslation"),
    ]
