"""Long values (captured text, its search vector, diffs) kept compressed with LZ4 rather than
PostgreSQL's own pglz, which compresses several times slower and expands slower too: every capture
writes a page's text and search vector, and a search reads search vectors back. It applies to
values written from now on; those already stored stay as they are, readable either way. A server
built without LZ4 keeps pglz."""

from django.db import migrations

from factcheck.migration_operations import database_setting


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0007_random_page_cost")]

    operations = [database_setting("default_toast_compression", "lz4", unless_unsupported=True)]
