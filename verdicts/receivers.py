"""Reactions to events from apps that must not know about verdicts."""

import logging

from factcheck.audit_heads import audit_head_record
from verdicts.claimreview import canonical_url
from verdicts.evidence_changes import verdicts_flag_changed_evidence
from verdicts.notifications import notify_for_event
from verdicts.selectors import PUBLIC_STATUSES, public_pages_changed, verdicts_relying_on
from verdicts.webhooks import webhooks_emit

logger = logging.getLogger(__name__)


def flag_verdicts_on_source_change(sender, source, snapshot, kind, **kwargs):
    verdicts_flag_changed_evidence(source=source, snapshot=snapshot, kind=kind)
    relying = [{"verdict": v.pk, "url": canonical_url(v)} for v in verdicts_relying_on(source_id=source.pk)]
    # A source no published verdict relies on is research in progress: only for subscriptions
    # that include unpublished research. Otherwise everyone hears of it, with public facts only.
    public = {"url": source.normalized_url, "kind": kind, "verdicts": relying} if relying else None
    webhooks_emit(
        event="source.changed",
        payload=public,
        unpublished={
            "source": source.pk,
            "url": source.normalized_url,
            "kind": kind,
            "snapshot": snapshot.pk,
            "verdicts": relying,
        },
    )


def notify_failed_capture(sender, snapshot, **kwargs):
    """A failed capture is research (what is being checked, and from where): never public."""
    webhooks_emit(
        event="snapshot.failed",
        payload=None,
        unpublished={
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


def record_chain_head(sender, verdict, **kwargs):
    """A verdict was published (this runs after the commit): its publish event is on the chain,
    so record the chain's head outside the database. A failure here is logged, and the next
    scheduled recording covers it; the publication stands either way."""
    try:
        audit_head_record(by="publish")
    except Exception:
        logger.exception("Could not record the audit chain's head after publishing verdict %s", verdict.pk)
