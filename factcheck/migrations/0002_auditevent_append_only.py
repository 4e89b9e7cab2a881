from django.db import migrations

FORWARD = """
CREATE FUNCTION factcheck_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER factcheck_auditevent_no_update_delete
    BEFORE UPDATE OR DELETE ON factcheck_auditevent
    FOR EACH ROW EXECUTE FUNCTION factcheck_auditevent_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS factcheck_auditevent_no_update_delete ON factcheck_auditevent;
DROP FUNCTION IF EXISTS factcheck_auditevent_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
