"""Who hears of what. Every action is already in the audit log, so notifications are made from
audit events: assigned to you, review requested, changes requested, published, a cited source
changed. They are shown in the newsroom's pages and sent by e-mail (by a task, after commit;
a periodic sweep sends any the broker missed)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from claims.models import Claim
from factcheck.guards import users_with_permission
from factcheck.models import AuditEvent, Notification
from factcheck.queueing import send_task
from sources.passages import FATES
from verdicts.models import Verdict

SEND_TASK = "verdicts.send_notification_emails"
logger = logging.getLogger(__name__)


def _verdict_text(verdict: Verdict) -> str:
    return f"verdict v{verdict.number} on claim #{verdict.claim_id} (“{verdict.claim.text[:80]}”)"


def _recipients(event: AuditEvent) -> tuple[str, list, str, str]:
    """(kind, recipients, text, link) for an event that someone should hear of."""
    who = event.actor_username or "The system"
    if event.action in ("claim.accept", "claim.reassign"):
        claim = Claim.objects.filter(pk=event.object_id).first()
        assignee = claim.assignee if claim else None
        text = f"{who} assigned you claim #{event.object_id}: “{claim.text[:100]}”" if claim else ""
        return "assigned", [assignee] if assignee else [], text, f"/claims/{event.object_id}/"
    if not event.action.startswith("verdict."):
        return "", [], "", ""
    verdict = Verdict.objects.select_related("claim", "author", "claim__assignee").filter(pk=event.object_id).first()
    if verdict is None:
        return "", [], "", ""
    link = f"/verdicts/{verdict.pk}/edit/"
    if event.action == "verdict.submit":
        reviewers = [u for u in users_with_permission("verdicts.review_verdict") if u.pk != verdict.author_id]
        return "review_requested", reviewers, f"{who} asks for a review of {_verdict_text(verdict)}.", link
    if event.action == "verdict.request_changes":
        text = f"{who} asked for changes to your {_verdict_text(verdict)}: {event.comment[:200]}"
        return "changes_requested", [verdict.author], text, link
    if event.action == "verdict.publish":
        return "published", [verdict.author], f"{who} published your {_verdict_text(verdict)}.", link
    if event.action == "verdict.evidence_changed":
        # The author and assignee, and every editor: any of them may have to open a correction.
        people = [verdict.author, verdict.claim.assignee, *users_with_permission("verdicts.review_verdict")]
        fate = FATES.get(event.data.get("passage", ""), "it changed or vanished")
        text = (
            f"A source cited by the published {_verdict_text(verdict)} changed: {fate}. Check the verdict still stands."
        )
        return "source_changed", _people(people), text, f"{link}#evidence-change"
    if event.action == "verdict.evidence_checked":
        people = [verdict.author, verdict.claim.assignee]
        text = f"{who} checked the changed evidence of the published {_verdict_text(verdict)}: {event.comment[:200]}"
        return "evidence_checked", _people(people), text, link
    return "", [], "", ""


def _people(people: list) -> list:
    """Each person once, nobody missing."""
    return list({person.pk: person for person in people if person is not None}.values())


def notify_for_event(event: AuditEvent) -> int:
    """Make the notifications an audit event calls for (never for the person who acted)."""
    kind, recipients, text, link = _recipients(event)
    recipients = [person for person in recipients if person is not None and person.pk != event.actor_id]
    if not kind or not recipients:
        return 0
    Notification.objects.bulk_create(
        [Notification(recipient=p, kind=kind, text=text[:500], url=link, event=event) for p in recipients],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: send_task(SEND_TASK, args=[event.seq]))
    return len(recipients)


def notifications_send_emails(*, event_seq: int | None = None, older_than_seconds: float = 0, limit: int = 200) -> int:
    """E-mail the notifications not yet sent (those of one event, or all older than a moment)."""
    sent = 0
    with transaction.atomic():
        pending = Notification.objects.select_for_update(skip_locked=True).select_related("recipient")
        pending = pending.filter(emailed_at__isnull=True)
        if event_seq is not None:
            pending = pending.filter(event_id=event_seq)
        if older_than_seconds:
            pending = pending.filter(created_at__lte=timezone.now() - timedelta(seconds=older_than_seconds))
        for notification in pending.order_by("id")[:limit]:
            address = notification.recipient.email
            if address:
                try:
                    send_mail(
                        subject=f"[Fact-check] {notification.text[:120]}",
                        message=f"{notification.text}\n\n{settings.SITE_URL}{notification.url}\n",
                        from_email=None,
                        recipient_list=[address],
                    )
                except Exception:  # the mail server is down: the sweep tries again later
                    logger.warning("Could not e-mail notification %s", notification.pk, exc_info=True)
                    break
                sent += 1
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
    return sent


def notifications_unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_recent(*, user, limit: int = 50):
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")[:limit]


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
