from django.db import migrations

# The row trigger of 0002 cannot see TRUNCATE, which empties a table without touching its rows:
# a statement-level trigger refuses it (the same function names the operation refused).
FORWARD = """
CREATE TRIGGER factcheck_auditevent_no_truncate
    BEFORE TRUNCATE ON factcheck_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION factcheck_auditevent_append_only();
"""

BACKWARD = "DROP TRIGGER IF EXISTS factcheck_auditevent_no_truncate ON factcheck_auditevent;"


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0004_notification_email_failures")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
