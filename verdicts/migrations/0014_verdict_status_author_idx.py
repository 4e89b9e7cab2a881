"""The review tab's count (submitted verdicts but the reader's own), built without locking the
verdicts table against writes."""

from django.db import migrations, models

from factcheck.migration_operations import AddIndexConcurrentlyWhenLive


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("verdicts", "0014_translation_correction_note"),
    ]

    operations = [
        AddIndexConcurrentlyWhenLive(
            model_name="verdict",
            index=models.Index(fields=["status", "author"], name="verdict_status_author_idx"),
        ),
    ]
