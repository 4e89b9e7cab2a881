from celery import shared_task
from django.conf import settings

from verdicts.intake import extraction_job_process
from verdicts.notifications import notifications_send_emails
from verdicts.public_site.caching import public_pages_warm
from verdicts.webhooks import webhook_deliver, webhooks_sweep


@shared_task(bind=True, name="verdicts.deliver_webhook", acks_late=True, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> None:
    retry_in = webhook_deliver(delivery_id=delivery_id)
    if retry_in is not None:
        raise self.retry(countdown=retry_in)


@shared_task(name="verdicts.sweep_webhooks")
def sweep_webhooks() -> int:
    return webhooks_sweep()


@shared_task(name="verdicts.send_notification_emails", acks_late=True)
def send_notification_emails(event_seq: int | None = None) -> int:
    """E-mail one event's notifications; with no event, any left unsent for two minutes."""
    if event_seq is None:
        return notifications_send_emails(older_than_seconds=120)
    return notifications_send_emails(event_seq=event_seq)


@shared_task(
    name="verdicts.propose_claims",
    acks_late=True,
    # extract_claims stops itself at INTAKE_TIME_LIMIT; Celery's limits are the backstop (a prefork
    # worker only): the soft one is caught and recorded, the hard one kills the child process.
    soft_time_limit=settings.INTAKE_TIME_LIMIT + 10,
    time_limit=settings.INTAKE_TIME_LIMIT + 30,
)
def propose_claims(job_id: str) -> str:
    """Propose the claims of a long article (an ExtractionJob)."""
    job = extraction_job_process(job_id=job_id)
    return job.status if job else "not-taken"


@shared_task(name="verdicts.warm_public_pages", ignore_result=True)
def warm_public_pages() -> int:
    """Build the public pages readers ask for first into the shared cache, after a change."""
    return len(public_pages_warm())
