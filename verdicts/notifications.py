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
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, ClaimNote
from factcheck.guards import users_with_permission
from factcheck.models import AuditEvent, Notification
from factcheck.queueing import send_task
from newsroom.languages import language_for
from sources.passages import FATES
from verdicts.languages import language_name
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


def _object(event: AuditEvent):
    """What an event that someone hears of is about: a claim, a note or a verdict (None if gone)."""
    if event.action in ("claim.accept", "claim.reassign"):
        return Claim.objects.filter(pk=event.object_id).first()
    if event.action == "note.create":
        return ClaimNote.objects.filter(pk=event.object_id).only("pk", "claim_id", "text", "mentioned").first()
    if event.action.startswith("verdict."):
        return Verdict.objects.select_related("claim", "author", "claim__assignee").filter(pk=event.object_id).first()
    if event.action.startswith("translation."):
        translations = VerdictTranslation.objects.select_related("verdict", "verdict__claim", "translator")
        return translations.filter(pk=event.object_id).first()
    return None


def _said(event: AuditEvent, about) -> str:
    """The notification's sentence, in the language active now ("" if the event is not one to hear of)."""
    if about is None:
        return ""
    who = event.actor_username or gettext("The system")
    if event.action in ("claim.accept", "claim.reassign"):
        return gettext("%(who)s assigned you claim #%(number)s: “%(text)s”") % {
            "who": who,
            "number": event.object_id,
            "text": shorten(about.text, 100),
        }
    if event.action == "note.create":
        return gettext("%(who)s mentioned you in a note on claim #%(number)s: “%(text)s”") % {
            "who": who,
            "number": about.claim_id,
            "text": email_subject(about.text, limit=200),
        }
    if event.action.startswith("translation."):
        return _said_of_translation(event, about, who)
    sentence = _VERDICT_SENTENCES.get(event.action)
    if sentence is None:
        return ""
    fate = FATES.get((event.data or {}).get("passage", ""), _("it changed or vanished"))
    return gettext(sentence) % {
        "who": who,
        "number": about.number,
        "claim": about.claim_id,
        "text": shorten(about.claim.text, 80),
        "comment": shorten(event.comment, 200),
        "fate": fate,
    }


_VERDICT_SENTENCES = {
    "verdict.submit": gettext_noop(
        "%(who)s asks for a review of verdict v%(number)s on claim #%(claim)s (“%(text)s”)."
    ),
    "verdict.request_changes": gettext_noop(
        "%(who)s asked for changes to your verdict v%(number)s on claim #%(claim)s (“%(text)s”): %(comment)s"
    ),
    "verdict.publish": gettext_noop("%(who)s published your verdict v%(number)s on claim #%(claim)s (“%(text)s”)."),
    "verdict.evidence_changed": gettext_noop(
        "A source cited by the published verdict v%(number)s on claim #%(claim)s (“%(text)s”) changed: %(fate)s. "
        "Check the verdict still stands."
    ),
    "verdict.evidence_checked": gettext_noop(
        "%(who)s checked the changed evidence of the published verdict v%(number)s on claim #%(claim)s "
        "(“%(text)s”): %(comment)s"
    ),
}


_TRANSLATION_SENTENCES = {
    "translation.submit": gettext_noop(
        "%(who)s asks for a review of the translation (%(language)s) of verdict v%(number)s on claim #%(claim)s "
        "(“%(text)s”)."
    ),
    "translation.approve": gettext_noop(
        "%(who)s approved your translation (%(language)s) of verdict v%(number)s on claim #%(claim)s (“%(text)s”)."
    ),
    "translation.request_changes": gettext_noop(
        "%(who)s asked for changes to your translation (%(language)s) of verdict v%(number)s on claim #%(claim)s "
        "(“%(text)s”): %(comment)s"
    ),
    "translation.publish": gettext_noop(
        "%(who)s published your translation (%(language)s) of verdict v%(number)s on claim #%(claim)s (“%(text)s”)."
    ),
}


def _said_of_translation(event: AuditEvent, translation_: VerdictTranslation, who: str) -> str:
    sentence = _TRANSLATION_SENTENCES.get(event.action)
    if sentence is None:
        return ""
    verdict = translation_.verdict
    return gettext(sentence) % {
        "who": who,
        "language": language_name(translation_.language),
        "number": verdict.number,
        "claim": verdict.claim_id,
        "text": shorten(verdict.claim.text, 80),
        "comment": shorten(event.comment, 200),
    }


def _recipients(event: AuditEvent) -> tuple[str, list, str, str]:
    """(kind, recipients, text, link) for an event that someone should hear of. The text is the
    English one the notification stores; each person reads it in their own language (`said`)."""
    about = _object(event)
    with translation.override(settings.LANGUAGE_CODE):
        text = _said(event, about)
    if event.action in ("claim.accept", "claim.reassign"):
        assignee = about.assignee if about else None
        return "assigned", [assignee] if assignee else [], text, f"/claims/{event.object_id}/"
    if event.action == "note.create":
        return _mentioned(about, text)
    if event.action.startswith("translation.") and about is not None:
        return _translation_news(event, about, text)
    if not event.action.startswith("verdict.") or about is None:
        return "", [], "", ""
    verdict = about
    link = f"/verdicts/{verdict.pk}/edit/"
    if event.action == "verdict.submit":
        reviewers = [u for u in users_with_permission("verdicts.review_verdict") if u.pk != verdict.author_id]
        return "review_requested", reviewers, text, link
    if event.action == "verdict.request_changes":
        return "changes_requested", [verdict.author], text, link
    if event.action == "verdict.publish":
        return "published", [verdict.author], text, link
    if event.action == "verdict.evidence_changed":
        # The author and assignee, and every editor: any of them may have to open a correction.
        people = [verdict.author, verdict.claim.assignee, *users_with_permission("verdicts.review_verdict")]
        return "source_changed", _people(people), text, f"{link}#evidence-change"
    if event.action == "verdict.evidence_checked":
        return "evidence_checked", _people([verdict.author, verdict.claim.assignee]), text, link
    return "", [], "", ""


def _translation_news(event: AuditEvent, translation_: VerdictTranslation, text: str) -> tuple[str, list, str, str]:
    """A translation submitted (to its reviewers), approved, sent back or published (to its translator)."""
    link = f"/translations/{translation_.pk}/"
    if event.action == "translation.submit":
        reviewers = users_with_permission("verdicts.review_verdicttranslation")
        return "review_requested", [u for u in reviewers if u.pk != translation_.translator_id], text, link
    kinds = {"translation.approve": "approved", "translation.request_changes": "changes_requested",
             "translation.publish": "published"}  # fmt: skip
    if event.action in kinds:
        return kinds[event.action], [translation_.translator], text, link
    return "", [], "", ""


def _mentioned(note, text: str) -> tuple[str, list, str, str]:
    """The people a note mentions (chosen, and checked, when it was written)."""
    if note is None or not note.mentioned:
        return "", [], "", ""
    people = list(get_user_model().objects.filter(pk__in=note.mentioned, is_active=True))
    return "mentioned", people, text, f"/claims/{note.claim_id}/#claim-note-{note.pk}"


def notification_said(notification: Notification, about=None) -> str:
    """A notification's sentence in the language active now, said again from its event; the
    stored (English) text when the event or what it is about is gone."""
    event = notification.event
    if event is None:
        return notification.text
    if about is None:
        about = _object(event)
    return shorten(_said(event, about), TEXT_LIMIT) or notification.text


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
    """The e-mail of one notification, in its recipient's language."""
    with translation.override(language_for(notification.recipient)):
        said = notification_said(notification)
    return EmailMessage(
        subject=f"[Fact-check] {email_subject(said)}",
        body=f"{said}\n\n{settings.SITE_URL}{notification.url}\n",
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


def notifications_recent(*, user, limit: int = 50) -> list[Notification]:
    """This person's latest notifications, each with `said`: its sentence in the language active
    now (what each is about read in one query per kind)."""
    notifications = list(
        Notification.objects.filter(recipient=user).select_related("event").order_by("-created_at", "-id")[:limit]
    )
    events = [n.event for n in notifications if n.event is not None]
    kinds = ("claim", "note", "verdict", "translation")
    ids = {kind: {_id(e) for e in events if _kind(e) == kind} for kind in kinds}
    found = {
        "claim": Claim.objects.in_bulk(ids["claim"]),
        "note": ClaimNote.objects.only("pk", "claim_id", "text", "mentioned").in_bulk(ids["note"]),
        "verdict": Verdict.objects.select_related("claim").in_bulk(ids["verdict"]),
        "translation": VerdictTranslation.objects.select_related("verdict__claim").in_bulk(ids["translation"]),
    }
    for notification in notifications:
        event = notification.event
        about = found.get(_kind(event), {}).get(_id(event)) if event is not None else None
        notification.said = notification_said(notification, about) if about is not None else notification.text
    return notifications


def _id(event: AuditEvent) -> int | None:
    return int(event.object_id) if event.object_id.isdigit() else None


def _kind(event: AuditEvent) -> str:
    if event.action in ("claim.accept", "claim.reassign"):
        return "claim"
    if event.action == "note.create":
        return "note"
    return event.action.split(".")[0] if event.action.startswith(("verdict.", "translation.")) else ""


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
