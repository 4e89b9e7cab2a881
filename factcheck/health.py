"""What /healthz reports: can we reach the database and the broker?"""

from django.conf import settings
from django.db import connection

from factcheck.celery import app as celery_app


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as exc:  # any failure means "down"; say which
        return {"ok": False, "error": exc.__class__.__name__}


# A broker that accepts the connection and then never answers must not hold a web worker: every
# socket operation of the probe gives up after this long.
BROKER_PROBE_TIMEOUT = 1.5


def broker_state() -> dict:
    try:
        with celery_app.connection_for_write(
            settings.CELERY_BROKER_URL,
            connect_timeout=BROKER_PROBE_TIMEOUT,
            transport_options={"socket_timeout": BROKER_PROBE_TIMEOUT, "socket_connect_timeout": BROKER_PROBE_TIMEOUT},
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_PROBE_TIMEOUT)
        return {"ok": True}
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}
