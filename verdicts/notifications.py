"""Who hears of what. Every action is already in the audit log, so notifications are made from
audit events: assigned to you, review requested, changes requested, published, a cited source
changed. They are shown in the newsroom's pages and sent by e-mail (by a task, after commit;
a periodic sweep sends any the broker missed)."""

import logging
import smtplib
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from claims.models import Claim, ClaimNote
from factcheck.guards import users_with_permission
from factcheck.models import AuditEvent, Notification
from factcheck.queueing import send_task
from sources.passages import FATES
from verdicts.models import Verdict, VerdictTranslation

SEND_TASK = "verdicts.send_notification_emails"
logger = logging.getLogger(__name__)


TEXT_LIMIT = 500  # characters of a notification's text (Notification.text)


def shorten(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else cut at a word with an ellipsis (within the
    limit; one very long word is cut where it must be)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space >= limit // 2:  # a word boundary not too far back
        cut = cut[:space]
    return cut.rstrip(" \n,;:.-–—") + "…"


def _verdict_text(verdict: Verdict) -> str:
    return f"verdict v{verdict.number} on claim #{verdict.claim_id} (“{shorten(verdict.claim.text, 80)}”)"


def _recipients(event: AuditEvent) -> tuple[str, list, str, str]:
    """(kind, recipients, text, link) for an event that someone should hear of."""
    who = event.actor_username or "The system"
    if event.action in ("claim.accept", "claim.reassign"):
        claim = Claim.objects.filter(pk=event.object_id).first()
        assignee = claim.assignee if claim else None
        text = f"{who} assigned you claim #{event.object_id}: “{shorten(claim.text, 100)}”" if claim else ""
        return "assigned", [assignee] if assignee else [], text, f"/claims/{event.object_id}/"
    if event.action == "note.create":
        return _mentioned(event, who)
    if event.action.startswith("translation."):
        return _translation_news(event, who)
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
        text = f"{who} asked for changes to your {_verdict_text(verdict)}: {shorten(event.comment, 200)}"
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
        comment = shorten(event.comment, 200)
        text = f"{who} checked the changed evidence of the published {_verdict_text(verdict)}: {comment}"
        return "evidence_checked", _people(people), text, link
    return "", [], "", ""


def _translation_news(event: AuditEvent, who: str) -> tuple[str, list, str, str]:
    """A translation submitted (to its reviewers), approved, sent back or published (to its translator)."""
    translation = (
        VerdictTranslation.objects.select_related("verdict", "verdict__claim", "translator")
        .filter(pk=event.object_id)
        .first()
    )
    if translation is None:
        return "", [], "", ""
    what = f"translation into {translation.language} of {_verdict_text(translation.verdict)}"
    link = f"/translations/{translation.pk}/"
    if event.action == "translation.submit":
        reviewers = users_with_permission("verdicts.review_verdicttranslation")
        reviewers = [u for u in reviewers if u.pk != translation.translator_id]
        return "review_requested", reviewers, f"{who} asks for a review of the {what}.", link
    if event.action == "translation.approve":
        return "approved", [translation.translator], f"{who} approved your {what}.", link
    if event.action == "translation.request_changes":
        text = f"{who} asked for changes to your {what}: {shorten(event.comment, 200)}"
        return "changes_requested", [translation.translator], text, link
    if event.action == "translation.publish":
        return "published", [translation.translator], f"{who} published your {what}.", link
    return "", [], "", ""


def _mentioned(event: AuditEvent, who: str) -> tuple[str, list, str, str]:
    """The people a note mentions (chosen, and checked, when it was written)."""
    note = ClaimNote.objects.filter(pk=event.object_id).only("pk", "claim_id", "text", "mentioned").first()
    if note is None or not note.mentioned:
        return "", [], "", ""
    people = list(get_user_model().objects.filter(pk__in=note.mentioned, is_active=True))
    text = f"{who} mentioned you in a note on claim #{note.claim_id}: “{email_subject(note.text, limit=200)}”"
    return "mentioned", people, text, f"/claims/{note.claim_id}/#claim-note-{note.pk}"


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
        [
            Notification(recipient=p, kind=kind, text=shorten(text, TEXT_LIMIT), url=link, event=event)
            for p in recipients
        ],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: send_task(SEND_TASK, args=[event.seq]))
    return len(recipients)


SUBJECT_LIMIT = 100  # characters of the notification's text in a subject line
# Errors after which the mail server will take nothing more in this sweep (the others wait for the next).
_SERVER_GONE = (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError)


def email_subject(text: str, *, limit: int = SUBJECT_LIMIT) -> str:
    """One line of at most `limit` characters for a mail header: line breaks, control and format
    characters become spaces, runs of space one, and a longer text is cut at a word with an ellipsis."""
    line = " ".join("".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text).split())
    if len(line) <= limit:
        return line
    return shorten(line, limit)


def _email(notification: Notification, address: str, connection) -> EmailMessage:
    return EmailMessage(
        subject=f"[Fact-check] {email_subject(notification.text)}",
        body=f"{notification.text}\n\n{settings.SITE_URL}{notification.url}\n",
        to=[address],
        connection=connection,
    )


def notifications_send_emails(*, event_seq: int | None = None, older_than_seconds: float = 0, limit: int = 200) -> int:
    """E-mail the notifications not yet sent (those of one event, or all older than a moment).

    One message that cannot be sent does not hold up the others: its attempt and error are
    recorded on it, the next sweep tries it again, and after NOTIFICATION_EMAIL_MAX_ATTEMPTS it
    is given up (it stays in the newsroom's pages). Only a mail server that cannot be reached at
    all stops the sweep; nothing is counted against the messages then."""
    sent = 0
    with transaction.atomic():
        pending = Notification.objects.select_for_update(skip_locked=True).select_related("recipient")
        pending = pending.filter(emailed_at__isnull=True, email_failed_at__isnull=True)
        if event_seq is not None:
            pending = pending.filter(event_id=event_seq)
        if older_than_seconds:
            pending = pending.filter(created_at__lte=timezone.now() - timedelta(seconds=older_than_seconds))
        batch = list(pending.order_by("id")[:limit])
        if not batch:
            return 0
        connection = get_connection()
        try:
            connection.open()
        except Exception:
            logger.warning(
                "The mail server cannot be reached; %d e-mail(s) wait for the next sweep", len(batch), exc_info=True
            )
            return 0
        try:
            for notification in batch:
                address = notification.recipient.email
                error = None
                if address:
                    try:
                        if connection.send_messages([_email(notification, address, connection)]) != 1:
                            error = RuntimeError("the mail backend did not send it")
                    except Exception as exc:  # this message, not the others: recorded, tried again later
                        error = exc
                if error is None:
                    sent += bool(address)
                    notification.emailed_at = timezone.now()
                    notification.save(update_fields=["emailed_at"])
                    continue
                _record_failure(notification, error)
                if isinstance(error, _SERVER_GONE):
                    break  # the connection is lost: the rest wait for the next sweep
        finally:
            try:
                connection.close()
            except Exception:
                logger.warning("Closing the mail connection failed", exc_info=True)
    return sent


def _record_failure(notification: Notification, error: Exception) -> None:
    notification.email_attempts += 1
    notification.email_error = f"{type(error).__name__}: {error}"[:2000]
    most = settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS
    if notification.email_attempts >= most:
        notification.email_failed_at = timezone.now()
        logger.error(
            "Gave up e-mailing notification %s to user %s after %d attempts: %s",
            notification.pk,
            notification.recipient_id,
            notification.email_attempts,
            notification.email_error,
        )
    else:
        logger.warning(
            "Could not e-mail notification %s to user %s (attempt %d of %d, tried again later): %s",
            notification.pk,
            notification.recipient_id,
            notification.email_attempts,
            most,
            notification.email_error,
        )
    notification.save(update_fields=["email_attempts", "email_error", "email_failed_at"])


def notifications_unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_recent(*, user, limit: int = 50):
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")[:limit]


def notification_open(*, user, notification_id: int) -> str | None:
    """Mark one of this person's notifications read; return where it leads: a path on this site,
    or "" when its link is not one. None if this person has no such notification."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        return None
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    return local_path(notification.url)


def local_path(url: str) -> str:
    """`url` if it is a path on this site ("/claims/3/"), else "" (no scheme, host, "//" or "\\")."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith(("//", "/\\")) or any(c in url for c in "\r\n\t"):
        return ""
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return ""
    return url


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
