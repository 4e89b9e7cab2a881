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


def broker_state() -> dict:
    try:
        with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
        return {"ok": True, "transport": str(transport)}
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}
