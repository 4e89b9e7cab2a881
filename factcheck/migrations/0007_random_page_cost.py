"""Plan for a database held in memory or on SSD, as the workbench's is (see database_setting).

PostgreSQL's default random_page_cost (4) prices a page read out of order as four read in order,
as on a spinning disk. Then reading a table newest first looks cheap (its rows lie in the order of
their keys) and fetching a search's matches through the text index dear: a search for two words
found together in one capture in three hundred read 28,000 captures' search vectors newest first
(130 ms at a million) instead of its 2,800 matches (20 ms). 1.1 is the usual setting for SSDs."""

from django.db import migrations

from factcheck.migration_operations import database_setting


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0006_names_in_each_language")]

    operations = [database_setting("random_page_cost", "1.1")]
