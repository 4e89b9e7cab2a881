"""The PostgreSQL backend, for the test suite only: Django empties every table between
transactional tests with one TRUNCATE, which the audit table refuses (a statement trigger). The
suite's own role owns the test database, so it switches that trigger off for the flush alone,
inside the flush's transaction: no other connection ever sees the table without it."""

from django.db.backends.postgresql import base, operations

AUDIT_TABLE = "factcheck_auditevent"
TRIGGER = "factcheck_auditevent_no_truncate"


class DatabaseOperations(operations.DatabaseOperations):
    def execute_sql_flush(self, sql_list):
        if any(AUDIT_TABLE in statement for statement in sql_list):
            sql_list = [
                f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER {TRIGGER}",
                *sql_list,
                f"ALTER TABLE {AUDIT_TABLE} ENABLE TRIGGER {TRIGGER}",
            ]
        super().execute_sql_flush(sql_list)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
