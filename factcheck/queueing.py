"""Handing work to the broker without letting a broker outage fail the request."""

import logging

from celery import current_app

logger = logging.getLogger(__name__)


def send_task(name: str, *, args: list, countdown: float = 0, queue: str | None = None) -> None:
    """Queue a task. If the broker is down the work stays recorded in the database
    (a queued snapshot, a pending delivery) and a beat task sends it again later."""
    try:
        current_app.send_task(name, args=args, countdown=countdown or None, queue=queue)
    except Exception:
        logger.warning("Could not queue %s%s; it will be sent again later", name, args, exc_info=True)
