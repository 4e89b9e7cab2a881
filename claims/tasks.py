"""Celery tasks: load by id, call a service."""

from celery import shared_task

from claims.intake import extraction_jobs_clean


@shared_task(name="claims.clean_extraction_jobs")
def clean_extraction_jobs() -> dict:
    return extraction_jobs_clean()
