from celery import shared_task

from verdicts.webhooks import webhook_deliver, webhooks_sweep


@shared_task(bind=True, name="verdicts.deliver_webhook", acks_late=True, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> None:
    retry_in = webhook_deliver(delivery_id=delivery_id)
    if retry_in is not None:
        raise self.retry(countdown=retry_in)


@shared_task(name="verdicts.sweep_webhooks")
def sweep_webhooks() -> int:
    return webhooks_sweep()
