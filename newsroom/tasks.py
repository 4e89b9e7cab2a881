"""Celery tasks: load by id, call a service."""

from celery import shared_task

from newsroom.dashboard.summary import dashboard_refresh


@shared_task(name="newsroom.refresh_dashboard")
def refresh_dashboard() -> str:
    return dashboard_refresh().counted_at.isoformat()
