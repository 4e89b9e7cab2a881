"""Reactions to events from apps that must not know about verdicts."""

from verdicts.notifications import notify_for_event
from verdicts.selectors import PUBLIC_STATUSES, public_pages_changed
from verdicts.services import verdicts_flag_changed_evidence
from verdicts.webhooks import webhooks_emit


def flag_verdicts_on_source_change(sender, source, snapshot, kind, **kwargs):
    verdicts_flag_changed_evidence(source=source, snapshot=snapshot, kind=kind)
    webhooks_emit(
        event="source.changed",
        payload={"source": source.pk, "url": source.normalized_url, "kind": kind, "snapshot": snapshot.pk},
    )


def notify_failed_capture(sender, snapshot, **kwargs):
    webhooks_emit(
        event="snapshot.failed",
        payload={
            "snapshot": snapshot.pk,
            "source": snapshot.source_id,
            "url": snapshot.requested_url,
            "error_code": snapshot.error_code,
            "error": snapshot.error_message,
        },
    )


def retire_public_pages(sender, instance, **kwargs):
    """A published (or superseded) verdict was saved or deleted."""
    if instance.status in PUBLIC_STATUSES:
        public_pages_changed()


def notify_people(sender, instance, created, **kwargs):
    """An action was recorded: tell whoever it concerns."""
    if created:
        notify_for_event(instance)
