"""Indexes for the queue's filters and sorts and the dashboard's weeks, built without locking the
claims table against writes (CREATE INDEX CONCURRENTLY: a table of a million claims takes them live)."""

import django.contrib.postgres.indexes
from django.db import migrations, models
from django.db.models import F, Func
from django.db.models.functions import Upper

from factcheck.migration_operations import AddIndexConcurrentlyWhenLive

# array_to_string() is STABLE (it formats any element type), so no index may hold it: for arrays of
# text it is immutable, which the wrapper says. The queue's tag filter and the claimant filter's
# aliases match part of this text (claims.selectors._joined).
TAG_TEXT = """
CREATE OR REPLACE FUNCTION factcheck_tag_text(varchar[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN array_to_string($1, E'\\n');
"""


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("claims", "0011_search_in_each_language"),
    ]

    operations = [
        migrations.RunSQL(TAG_TEXT, "DROP FUNCTION IF EXISTS factcheck_tag_text(varchar[])"),
        AddIndexConcurrentlyWhenLive(
            model_name="claim",
            index=models.Index(fields=["created_at"], include=("status",), name="claim_created_idx"),
        ),
        AddIndexConcurrentlyWhenLive(
            model_name="claim",
            index=models.Index(fields=["due_on"], include=("status",), name="claim_due_idx"),
        ),
        AddIndexConcurrentlyWhenLive(
            model_name="claim",
            index=models.Index(fields=["priority", "-id"], name="claim_priority_idx"),
        ),
        AddIndexConcurrentlyWhenLive(
            model_name="claim",
            index=models.Index(Upper("language"), name="claim_language_idx"),
        ),
        AddIndexConcurrentlyWhenLive(
            model_name="claim",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    Upper(Func(F("tags"), function="factcheck_tag_text")), name="gin_trgm_ops"
                ),
                name="claim_tag_text_trgm",
            ),
        ),
    ]
