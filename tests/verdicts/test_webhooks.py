"""Signed webhooks: delivered, verified, retried, and disabled when a receiver keeps failing."""

import json

import pytest

from factcheck.errors import ActionForbidden, InvalidInput
from sources.capture import snapshot_capture, snapshot_request
from sources.services import source_get_or_create
from tests.conftest import publish_correction
from verdicts.models import WebhookDelivery
from verdicts.webhooks import verify, webhook_deliver, webhook_subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribe(admin_user, server):
    def make(path="/hook", events=("verdict.published", "verdict.corrected", "snapshot.failed")):
        return webhook_subscribe(actor=admin_user, name="Partner", url=server.url(path), events=list(events))

    return make


def deliver_all():
    for delivery in WebhookDelivery.objects.filter(status="pending").order_by("id"):
        webhook_deliver(delivery_id=delivery.pk)


def test_publishing_sends_a_signed_notification(server, subscribe, verdict_in, django_capture_on_commit_callbacks):
    server.page("/hook", "ok")
    _, secret = subscribe()
    with django_capture_on_commit_callbacks() as queued:
        verdict = verdict_in("published")
    assert len(queued) >= 1  # the delivery goes to the broker after commit
    deliver_all()
    [(path, headers, body)] = server.posts
    assert path == "/hook" and headers["X-Factcheck-Event"] == "verdict.published"
    assert verify(secret, headers["X-Factcheck-Timestamp"], body, headers["X-Factcheck-Signature"])
    assert not verify("wrong-secret", headers["X-Factcheck-Timestamp"], body, headers["X-Factcheck-Signature"])
    assert not verify(secret, headers["X-Factcheck-Timestamp"], body + b" ", headers["X-Factcheck-Signature"])
    payload = json.loads(body)
    assert payload["data"]["verdict"] == verdict.pk and payload["data"]["url"].endswith(f"/verdicts/{verdict.pk}/")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code, delivery.attempts) == ("delivered", 200, 1)


def test_a_failing_receiver_is_retried_then_disabled(server, subscribe, verdict_in, settings):
    settings.WEBHOOK_MAX_ATTEMPTS, settings.WEBHOOK_DISABLE_AFTER = 3, 2
    server.page("/hook", "broken", status=500)
    subscription, _ = subscribe()
    verdict_in("published")
    delivery = WebhookDelivery.objects.get()
    delays = [webhook_deliver(delivery_id=delivery.pk) for _ in range(3)]
    delivery.refresh_from_db()
    assert delays[0] < delays[1] and delays[2] is None  # backing off, then giving up
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("failed", 3, 500)
    subscription.refresh_from_db()
    assert subscription.active and subscription.consecutive_failures == 1

    verdict_in("published")
    second = WebhookDelivery.objects.exclude(pk=delivery.pk).get()
    for _ in range(3):
        webhook_deliver(delivery_id=second.pk)
    subscription.refresh_from_db()
    assert (subscription.active, subscription.consecutive_failures) == (False, 2)
    assert subscription.disabled_at is not None
    verdict_in("published")
    assert WebhookDelivery.objects.count() == 2  # a disabled subscription gets nothing more
    assert len(server.posts) == 6


def test_webhook_urls_pass_the_same_gate_as_captures(admin_user, verdict_in, settings):
    settings.CAPTURE_ALLOWED_PRIVATE = []
    webhook_subscribe(
        actor=admin_user, name="Sneaky", url="http://169.254.169.254/latest/", events=["verdict.published"]
    )
    verdict_in("published")
    delivery = WebhookDelivery.objects.get()
    assert webhook_deliver(delivery_id=delivery.pk) is None  # refused for good, not retried
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.last_error.startswith("private_address")


def test_a_correction_and_a_failed_capture_are_announced(
    server, subscribe, verdict_in, editor, journalist, django_capture_on_commit_callbacks
):
    server.page("/hook", "ok")
    subscribe()
    publish_correction(verdict_in("published"), editor, note="Fixed.")
    source, _ = source_get_or_create(url=server.url("/missing"))
    with django_capture_on_commit_callbacks(execute=True):
        snapshot_capture(snapshot_id=snapshot_request(source=source, force=True, enqueue=False).pk)
    events = list(WebhookDelivery.objects.order_by("id").values_list("event", flat=True))
    assert events == ["verdict.published", "verdict.corrected", "snapshot.failed"]


def test_only_admins_subscribe_and_only_known_events(editor, admin_user):
    with pytest.raises(ActionForbidden):
        webhook_subscribe(actor=editor, name="x", url="https://example.org/hook", events=["verdict.published"])
    with pytest.raises(InvalidInput, match="Choose events"):
        webhook_subscribe(actor=admin_user, name="x", url="https://example.org/hook", events=["verdict.deleted"])
    with pytest.raises(InvalidInput, match="Only http"):
        webhook_subscribe(actor=admin_user, name="x", url="ftp://example.org/hook", events=["verdict.published"])
