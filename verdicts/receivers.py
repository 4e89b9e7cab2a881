"""Reactions to events from apps that must not know about verdicts."""

import logging

from factcheck.audit_heads import audit_head_record
from verdicts.models import Verdict
from verdicts.notifications import notify_for_event
from verdicts.selectors import PUBLIC_STATUSES, public_pages_changed
from verdicts.services import verdicts_flag_changed_evidence
from verdicts.webhooks import webhooks_emit

logger = logging.getLogger(__name__)


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
    """A published verdict, or a claim or claimant it shows, was saved or deleted."""
    if sender is not Verdict or instance.status in PUBLIC_STATUSES:
        public_pages_changed()


def notify_people(sender, instance, created, **kwargs):
    """An action was recorded: tell whoever it concerns."""
    if created:
        notify_for_event(instance)


def record_chain_head(sender, verdict, **kwargs):
    """A verdict was published (this runs after the commit): its publish event is on the chain,
    so record the chain's head outside the database. A failure here is logged, and the next
    scheduled recording covers it; the publication stands either way."""
    try:
        audit_head_record(by="publish")
    except Exception:
        logger.exception("Could not record the audit chain's head after publishing verdict %s", verdict.pk)
