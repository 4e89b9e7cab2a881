"""Webhooks: signed notifications to subscribed clients, delivered by Celery.

Each delivery is a POST of JSON with these headers:

    X-Factcheck-Event: verdict.published
    X-Factcheck-Delivery: <delivery id>
    X-Factcheck-Timestamp: <unix seconds>
    X-Factcheck-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the subscription's secret>

A receiver recomputes the HMAC over the timestamp, a dot and the raw body, compares
it in constant time, and rejects timestamps more than five minutes old (replays).
Webhook URLs pass through the same gate as captures (no private addresses, no credentials, only
http and https), when a subscription is saved and again at every delivery.

What a subscriber is told is what the public may see, unless the subscription includes unpublished
research (`include_unpublished`, which only admins may set): then it also hears of failed captures
and of changes to sources that no published verdict relies on.
"""

import hashlib
import hmac
import json
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from factcheck.audit import audit_record
from factcheck.errors import InvalidInput
from factcheck.guards import require_permission, validate_instance
from factcheck.queueing import send_task
from sources.capture import capture_policy
from sources.fetching.client import FetchPolicy, post
from sources.fetching.errors import FetchError
from sources.fetching.policy import check_target
from verdicts.models import WebhookDelivery, WebhookEvent, WebhookSubscription

DELIVER_TASK = "verdicts.deliver_webhook"
D = WebhookDelivery.Status
# Events about work that is not public: sent only to subscriptions that include unpublished research.
UNPUBLISHED_ONLY = {WebhookEvent.SNAPSHOT_FAILED.value}


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, timestamp: str, body: bytes, signature: str, *, tolerance: float = 300) -> bool:
    """What a receiver does (and what the tests check)."""
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def webhook_url_check(*, url: str) -> str:
    """The URL, if the gate that captures pass through would let a delivery go to it; else a clear
    refusal. Checked when a subscription is saved, and again at every delivery (DNS can change)."""
    url = (url or "").strip()
    try:
        check_target(url, exemptions=capture_policy().exemptions, dns_timeout=settings.WEBHOOK_TIMEOUT)
    except FetchError as exc:
        if exc.transient:
            raise InvalidInput(
                gettext("The webhook's address could not be checked now: %(why)s Try again.") % {"why": exc.message}
            ) from None
        raise InvalidInput(gettext("This webhook URL cannot be used. %(why)s") % {"why": exc.message}) from None
    return url


def webhook_subscribe(
    *, actor, name: str, url: str, events: list[str], include_unpublished: bool = False
) -> tuple[WebhookSubscription, str]:
    """Create a subscription; returns it and its secret (shown once).

    Only a person allowed to (`verdicts.subscribe_unpublished`: admins) may let a subscription
    receive unpublished research; the others get only what the public site shows."""
    require_permission(actor, "verdicts.add_webhooksubscription", gettext_noop("add webhooks"))
    if include_unpublished:
        require_permission(
            actor, "verdicts.subscribe_unpublished", gettext_noop("send unpublished research to a webhook")
        )
    events = list(events or [])
    unknown = set(events) - set(WebhookEvent.values)
    if not events or unknown:
        raise InvalidInput(gettext("Choose events among: %(events)s.") % {"events": ", ".join(WebhookEvent.values)})
    private = sorted(set(events) & UNPUBLISHED_ONLY)
    if private and not include_unpublished:
        raise InvalidInput(
            gettext(
                "%(events)s is unpublished research: it is sent only to a subscription that includes unpublished "
                "research."
            )
            % {"events": ", ".join(private)}
        )
    url = webhook_url_check(url=url)
    secret = secrets.token_hex(32)
    subscription = WebhookSubscription(
        name=(name or "").strip() or url, url=url, events=sorted(set(events)), secret=secret, created_by=actor,
        include_unpublished=bool(include_unpublished),
    )  # fmt: skip
    validate_instance(subscription, exclude=["url"])  # the gate above decides on URLs
    with transaction.atomic():
        subscription.save(force_insert=True)
        audit_record(
            actor=actor, action="webhook.create", target=subscription,
            data={"events": subscription.events, "include_unpublished": subscription.include_unpublished},
        )  # fmt: skip
    return subscription, secret


def webhooks_emit(*, event: str, payload: dict | None, unpublished: dict | None = None) -> int:
    """Queue a delivery of `event` to every active subscription that wants it (call inside the
    transaction that caused it: the deliveries are sent once it commits).

    `payload` is what any subscriber may see: nothing beyond what the public site and API show,
    or None when the event concerns unpublished work only. `unpublished` (when given) replaces it
    for the subscriptions that include unpublished research."""
    subscriptions = WebhookSubscription.objects.filter(active=True, events__contains=[event])
    if payload is None:
        subscriptions = subscriptions.filter(include_unpublished=True)
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            subscription=s,
            event=event,
            payload=unpublished if s.include_unpublished and unpublished is not None else payload,
            next_attempt_at=now,
        )
        for s in subscriptions
    )
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: _enqueue(pk))
    return len(deliveries)


def _enqueue(delivery_id: int) -> None:
    send_task(DELIVER_TASK, args=[delivery_id])  # a pending row the sweep resends if the broker is down


def webhooks_sweep() -> int:
    """Send again what the broker lost: deliveries overdue by ten minutes, or stuck sending."""
    overdue = timezone.now() - timedelta(minutes=10)
    WebhookDelivery.objects.filter(status=D.SENDING, next_attempt_at__lt=overdue).update(status=D.PENDING)
    due = list(
        WebhookDelivery.objects.filter(status=D.PENDING, next_attempt_at__lt=overdue).values_list("pk", flat=True)
    )
    for delivery_id in due:
        _enqueue(delivery_id)
    return len(due)


def _policy() -> FetchPolicy:
    base = capture_policy()
    return FetchPolicy(
        user_agent=base.user_agent, exemptions=base.exemptions, deadline=settings.WEBHOOK_TIMEOUT, max_bytes=64 * 1024
    )


def webhook_deliver(*, delivery_id: int) -> float | None:
    """Send one delivery. Returns seconds until a retry, or None when it is settled."""
    claimed = WebhookDelivery.objects.filter(pk=delivery_id, status=D.PENDING, subscription__active=True).update(
        status=D.SENDING, attempts=F("attempts") + 1, next_attempt_at=timezone.now()
    )
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    subscription = delivery.subscription
    body = json.dumps(
        {"event": delivery.event, "delivery": delivery.pk, "data": delivery.payload}, separators=(",", ":")
    ).encode()
    timestamp = str(int(time.time()))
    headers = [
        ("Content-Type", "application/json"),
        ("X-Factcheck-Event", delivery.event),
        ("X-Factcheck-Delivery", str(delivery.pk)),
        ("X-Factcheck-Timestamp", timestamp),
        ("X-Factcheck-Signature", sign(subscription.secret, timestamp, body)),
    ]
    try:
        exchange = post(subscription.url, body, headers, _policy())
        status, error = exchange.status, ("" if 200 <= exchange.status < 300 else f"answered {exchange.status}")
        permanent = False
    except FetchError as exc:
        status, error, permanent = None, f"{exc.code}: {exc.message}", not exc.transient
    return _settle(delivery, status, error, permanent)


def _settle(delivery: WebhookDelivery, status: int | None, error: str, permanent: bool) -> float | None:
    now = timezone.now()
    with transaction.atomic():
        subscription = WebhookSubscription.objects.select_for_update().get(pk=delivery.subscription_id)
        delivery.last_status_code, delivery.last_error = status, error[:2000]
        if not error:
            delivery.status, delivery.delivered_at = D.DELIVERED, now
            subscription.consecutive_failures = 0
            subscription.save(update_fields=["consecutive_failures"])
            delivery.save()
            return None
        if not permanent and delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS:
            delay = min(settings.WEBHOOK_RETRY_BASE * 2 ** (delivery.attempts - 1), 3600)
            delivery.status, delivery.next_attempt_at = D.PENDING, now + timedelta(seconds=delay)
            delivery.save()
            return delay
        delivery.status = D.FAILED
        delivery.save()
        subscription.consecutive_failures += 1
        fields = ["consecutive_failures"]
        if subscription.consecutive_failures >= settings.WEBHOOK_DISABLE_AFTER and subscription.active:
            subscription.active, subscription.disabled_at = False, now
            fields += ["active", "disabled_at"]
            audit_record(
                actor=None, action="webhook.disable", target=subscription,
                comment=f"{subscription.consecutive_failures} deliveries in a row failed; last: {error}",
            )  # fmt: skip
        subscription.save(update_fields=fields)
    return None
