"""The database-role split. The role that owns the tables runs the migrations (the release step)
and nothing else; the app's processes log in as a role that may read and write rows and no more.
Only a table's owner (or a superuser) may disable or drop its triggers, drop or alter the table,
and only a role granted TRUNCATE may empty it. So the app's role, whoever takes it over, cannot
switch off the audit log's protections, and it may not even ask to rewrite or remove audit rows.
"""

import re

from django.db import connection, transaction
from psycopg import sql

from factcheck.errors import InvalidInput
from factcheck.models import AuditEvent

ROLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_POWERS_QUERY = (
    "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = %s"
)
_POWERS = {
    "rolsuper": "a superuser",
    "rolcreaterole": "allowed to create roles",
    "rolcreatedb": "allowed to create databases",
    "rolreplication": "a replication role",
    "rolbypassrls": "exempt from row security",
}


def _run(cursor, statement: sql.Composable) -> None:
    # Composed here (identifiers quoted, values as literals): utility statements take no parameters.
    cursor.execute(statement.as_string(connection.connection))


def _one(cursor, query: str, params=()) -> tuple | None:
    cursor.execute(query, params)
    return cursor.fetchone()


def app_role_ensure(*, name: str, password: str = "") -> list[str]:
    """Create the app's login role `name`, or bring it back in step: it may select, insert, update
    and delete rows of every table of this schema (audit events: select and insert only) and use
    its sequences, now and in tables the owner creates later; it owns nothing and holds no power
    over roles or databases. Run as the tables' owner. Returns what was done, in sentences."""
    if not ROLE_NAME.fullmatch(name or ""):
        raise InvalidInput("A role name is a letter or “_”, then letters, digits or “_” (63 at most).")
    connection.ensure_connection()
    done = []
    with transaction.atomic(), connection.cursor() as cursor:
        me, database, schema = _one(cursor, "SELECT current_user, current_database(), current_schema()")
        cursor.execute(
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class"
            " WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'S', 'v', 'm')"
        )
        owners = {row[0] for row in cursor.fetchall()}
        if name == me or name in owners:
            raise InvalidInput(
                f"“{name}” owns the tables (or is running this command as their owner): the app needs a "
                "login role of its own, which owns nothing."
            )
        role = sql.Identifier(name)
        existing = _one(cursor, _POWERS_QUERY, [name])
        if existing:
            powers = [text for text, held in zip(_POWERS.values(), existing, strict=True) if held]
            if powers:
                held = " and ".join(powers)
                raise InvalidInput(f"The role “{name}” is {held}: the app's role may hold no such power.")
            member_of = [
                owner
                for owner in sorted(owners | {me})
                if _one(cursor, "SELECT pg_has_role(%s, %s, 'MEMBER')", [name, owner])[0]
            ]
            if member_of:
                raise InvalidInput(
                    f"The role “{name}” is a member of {', '.join(member_of)}, so it could act as the tables' "
                    "owner: revoke that membership first."
                )
            _run(cursor, sql.SQL("ALTER ROLE {} LOGIN NOINHERIT").format(role))
            done.append(f"Role {name} exists; kept as a login role.")
        else:
            _run(cursor, sql.SQL("CREATE ROLE {} LOGIN NOINHERIT").format(role))
            done.append(f"Role {name} created.")
        if password:
            # Hashed here (SCRAM, or what the server asks for), so the password itself is never sent.
            verifier = connection.connection.pgconn.encrypt_password(password.encode(), name.encode(), None)
            _run(cursor, sql.SQL("ALTER ROLE {} PASSWORD {}").format(role, sql.Literal(verifier.decode())))
            done.append("Its password was set.")
        schema_id, owner = sql.Identifier(schema), sql.Identifier(me)
        audit = sql.Identifier(AuditEvent._meta.db_table)
        for statement in (
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), role),
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema_id, role),
            sql.SQL("REVOKE CREATE ON SCHEMA {} FROM {}").format(schema_id, role),
            sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(schema_id, role),
            sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(schema_id, role),
            sql.SQL("REVOKE UPDATE, DELETE ON {} FROM {}").format(audit, role),
            sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}").format(schema_id, role),
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(schema_id, role),
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
            ).format(owner, schema_id, role),
            sql.SQL("ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT USAGE, SELECT ON SEQUENCES TO {}").format(
                owner, schema_id, role
            ),
        ):
            _run(cursor, statement)
        done.append(
            f"{name} may read and write the rows of every table in {database}.{schema} (audit events: read and "
            f"add only), now and in tables {me} creates later; it owns none of them."
        )
    return done
