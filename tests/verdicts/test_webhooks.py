"""Signed webhooks: delivered, verified, retried, and disabled when a receiver keeps failing."""

import json
from datetime import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from claims.services import citation_create, claim_transition
from factcheck.errors import ActionForbidden, InvalidInput
from sources.capture import snapshot_capture, snapshot_request
from sources.models import Snapshot, Source
from sources.services import source_get_or_create
from tests.conftest import PASSWORD, fresh, publish_correction, step
from tests.sources.test_fetching import HOSTILE
from tests.sources.webserver import ARTICLE
from verdicts.models import WebhookDelivery, WebhookSubscription
from verdicts.services import verdict_create
from verdicts.webhooks import verify, webhook_deliver, webhook_subscribe

pytestmark = pytest.mark.django_db
NO_DELIVERIES = {f"deliveries-{k}": "0" for k in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")}


@pytest.fixture
def subscribe(admin_user, server):
    def make(path="/hook", events=("verdict.published", "verdict.corrected"), include_unpublished=False):
        return webhook_subscribe(
            actor=admin_user, name="Partner", url=server.url(path), events=list(events),
            include_unpublished=include_unpublished,
        )  # fmt: skip

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


def test_webhook_urls_are_checked_again_at_delivery(admin_user, verdict_in, settings):
    # Saved while the address was allowed; by delivery time it is not (as when DNS changes).
    settings.CAPTURE_ALLOWED_PRIVATE = ["169.254.169.254:80"]
    webhook_subscribe(
        actor=admin_user, name="Sneaky", url="http://169.254.169.254/latest/", events=["verdict.published"]
    )
    settings.CAPTURE_ALLOWED_PRIVATE = []
    verdict_in("published")
    delivery = WebhookDelivery.objects.get()
    assert webhook_deliver(delivery_id=delivery.pk) is None  # refused for good, not retried
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.last_error.startswith("private_address")


@pytest.mark.parametrize("form", HOSTILE)
def test_hostile_webhook_urls_are_refused_when_saved(admin_user, server, form, settings):
    settings.CAPTURE_ALLOWED_PRIVATE = []  # what production runs with
    url = form.format(port=server.port)
    with pytest.raises(InvalidInput) as refused:
        webhook_subscribe(actor=admin_user, name="Sneaky", url=url, events=["verdict.published"])
    assert refused.value.message.startswith("This webhook URL cannot be used.")
    assert not WebhookSubscription.objects.exists() and server.posts == []


def test_the_admin_refuses_hostile_webhook_urls_with_a_message(client, admin_user, server, settings):
    allowed, settings.CAPTURE_ALLOWED_PRIVATE = settings.CAPTURE_ALLOWED_PRIVATE, []
    assert client.login(username=admin_user.username, password=PASSWORD)
    add = reverse("admin:verdicts_webhooksubscription_add")
    for form in HOSTILE:
        data = {"name": "Sneaky", "url": form.format(port=server.port), "events": ["verdict.published"]}
        page = client.post(add, {**data, **NO_DELIVERIES})
        assert page.status_code == 200, form  # the form again, with what was typed
        text = page.content.decode()
        assert ("This webhook URL cannot be used." if form else "This field is required.") in text, form
    assert not WebhookSubscription.objects.exists()
    settings.CAPTURE_ALLOWED_PRIVATE = allowed  # the test server's own host:port pair
    accepted = client.post(add, {"name": "Partner", "url": server.url("/hook"), "events": ["verdict.published"],
                                 **NO_DELIVERIES})  # fmt: skip
    assert accepted.status_code == 302
    assert WebhookSubscription.objects.get().url == server.url("/hook")


def test_only_the_exempted_pair_of_the_test_server_is_accepted(admin_user, server):
    assert server.port != 8  # another port on the same host stays refused
    subscription, _ = webhook_subscribe(
        actor=admin_user, name="Partner", url=server.url("/hook"), events=["verdict.published"]
    )
    assert subscription.url == server.url("/hook")
    with pytest.raises(InvalidInput, match=r"127\.0\.0\.1:8\b|127\.0\.0\.1 is a loopback"):
        webhook_subscribe(actor=admin_user, name="Other", url="http://127.0.0.1:8/hook", events=["verdict.published"])
    with pytest.raises(InvalidInput, match="at most 100"):
        webhook_subscribe(actor=admin_user, name="x" * 101, url=server.url("/hook"), events=["verdict.published"])


def test_a_correction_and_a_failed_capture_are_announced(
    server, subscribe, verdict_in, editor, journalist, django_capture_on_commit_callbacks
):
    server.page("/hook", "ok")
    subscribe(events=["verdict.published", "verdict.corrected", "snapshot.failed"], include_unpublished=True)
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


# --- what subscribers are told: public facts, unless a subscription includes unpublished research ---

SECRET = "UNPUBLISHED-RESEARCH-5e1c"


def cite_and_capture(claim, journalist, url):
    citation_create(actor=journalist, claim_id=claim.pk, url=url, stance="supports")
    snapshot_capture(snapshot_id=Snapshot.objects.get(source__url=url).pk)


def recapture(url, callbacks):
    """Capture a source again, running what its commit sets off (the webhooks among it)."""
    with callbacks(execute=True):
        snapshot_capture(snapshot_id=snapshot_request(source=Source.objects.get(url=url), force=True).pk)


def test_unpublished_research_reaches_only_subscriptions_that_include_it(
    server, admin_user, make_claim, editor, journalist, client, django_capture_on_commit_callbacks
):
    for path in ("/evidence", f"/research/{SECRET}"):
        server.page(path, ARTICLE)
    for path in ("/public", "/newsroom"):
        server.page(path, "ok")
    events = ["verdict.published", "verdict.corrected", "source.changed"]
    webhook_subscribe(actor=admin_user, name="Public", url=server.url("/public"), events=events)
    webhook_subscribe(actor=admin_user, name="Newsroom", url=server.url("/newsroom"),
                      events=[*events, "snapshot.failed"], include_unpublished=True)  # fmt: skip

    # Research in progress: a claim being checked, citing a page that then changes and vanishes.
    research = make_claim(text=f"A claim still being checked {SECRET}.")
    research = claim_transition(claim_id=research.pk, action="accept", actor=editor, expected_version=0,
                                assignee_id=journalist.pk, comment=f"Internal note {SECRET}")  # fmt: skip
    cite_and_capture(research, journalist, server.url(f"/research/{SECRET}"))
    server.page(f"/research/{SECRET}", ARTICLE.replace("100,000", "175,000"))
    recapture(server.url(f"/research/{SECRET}"), django_capture_on_commit_callbacks)
    server.page(f"/research/{SECRET}", "Gone", status=410)
    recapture(server.url(f"/research/{SECRET}"), django_capture_on_commit_callbacks)

    # A published verdict, then a change to the source it relies on.
    claim = make_claim()
    claim = claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0,
                             assignee_id=journalist.pk)  # fmt: skip
    cite_and_capture(claim, journalist, server.url("/evidence"))
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", headline="No", summary="Wrong.")
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        verdict = step(verdict, action, actor)
    server.page("/evidence", ARTICLE.replace("100,000", "150,000"))
    recapture(server.url("/evidence"), django_capture_on_commit_callbacks)

    deliver_all()
    told = {"/public": [], "/newsroom": []}
    for path, headers, body in server.posts:
        told[path].append((headers["X-Factcheck-Event"], json.loads(body)["data"], body.decode()))
    assert [event for event, _, _ in told["/newsroom"]] == [
        "source.changed", "snapshot.failed", "source.changed", "verdict.published", "source.changed",
    ]  # fmt: skip
    assert [event for event, _, _ in told["/public"]] == ["verdict.published", "source.changed"]
    assert not any(SECRET in body for _, _, body in told["/public"])
    assert any(SECRET in body for _, _, body in told["/newsroom"])  # the research, for those who asked

    # What the public subscriber is told is what the public API shows.
    api = client.get(f"/api/v1/verdicts/{verdict.pk}/").json()
    (_, published, _), (_, changed, _) = told["/public"]
    assert published == {
        "verdict": api["id"], "url": api["url"], "claim": api["claim"]["text"], "rating": api["rating"]["slug"],
        "version": api["version"], "published_at": published["published_at"], "supersedes": None,
    }  # fmt: skip
    assert datetime.fromisoformat(published["published_at"]) == datetime.fromisoformat(api["modified"])
    assert changed == {"url": api["sources"][0]["url"], "kind": "changed",
                       "verdicts": [{"verdict": api["id"], "url": api["url"]}]}  # fmt: skip
    internal = told["/newsroom"][-1][1]
    assert internal["snapshot"] == Snapshot.objects.filter(source__url=server.url("/evidence")).latest("id").pk
    assert internal["verdicts"] == changed["verdicts"]


def test_only_admins_may_send_unpublished_research_to_a_webhook(client, editor, admin_user, server):
    editor.user_permissions.add(
        Permission.objects.get(codename="add_webhooksubscription"),
        Permission.objects.get(codename="view_webhooksubscription"),
    )
    editor = fresh(editor)
    with pytest.raises(ActionForbidden, match="unpublished research"):
        webhook_subscribe(actor=editor, name="x", url=server.url("/hook"), events=["verdict.published"],
                          include_unpublished=True)  # fmt: skip
    with pytest.raises(InvalidInput, match=r"snapshot\.failed is unpublished research"):
        webhook_subscribe(actor=admin_user, name="x", url=server.url("/hook"), events=["snapshot.failed"])
    assert not WebhookSubscription.objects.exists()

    # The admin offers the choice to admins only, and ignores it from anyone else.
    add = reverse("admin:verdicts_webhooksubscription_add")
    data = {"name": "Partner", "url": server.url("/hook"), "events": ["verdict.published"],
            "include_unpublished": "on", **NO_DELIVERIES}  # fmt: skip
    client.force_login(editor)
    assert "include_unpublished" not in client.get(add).content.decode()
    assert client.post(add, data).status_code == 302
    assert WebhookSubscription.objects.get(name="Partner").include_unpublished is False
    client.force_login(admin_user)
    assert 'name="include_unpublished"' in client.get(add).content.decode()
    assert client.post(add, {**data, "name": "Newsroom"}).status_code == 302
    assert WebhookSubscription.objects.get(name="Newsroom").include_unpublished is True
    assert WebhookSubscription._meta.get_field("include_unpublished").default is False


def test_what_a_subscriber_is_told_is_in_english_whoever_clicked(
    client, subscribe, verdict_in, editor, settings, django_capture_on_commit_callbacks
):
    """The editor who publishes may work in Ukrainian: the subscriber still gets the verdict's
    address as the API gives it, not the Ukrainian page."""
    from django.utils import translation

    from newsroom.languages import language_choose
    from tests.conftest import capture

    settings.SITE_URL = "http://testserver"
    subscribe(events=["verdict.published", "source.changed"])
    verdict = verdict_in("approved")
    language_choose(user=editor, language="uk")
    client.force_login(editor)
    published = client.post(f"/verdicts/{verdict.pk}/actions/publish/", {"expected_version": verdict.lock_version})
    assert published.status_code == 302
    api_url = client.get(f"/api/v1/verdicts/{verdict.pk}/").json()["url"]
    assert api_url == f"http://testserver/verdicts/{verdict.pk}/"
    [told] = WebhookDelivery.objects.filter(event="verdict.published")
    assert told.payload["url"] == api_url
    # Its evidence changes while someone works in Ukrainian (an upload from the newsroom, say).
    with translation.override("uk"), django_capture_on_commit_callbacks(execute=True):
        capture("https://example.org/evidence", "The page now says something else entirely.")
    [changed] = WebhookDelivery.objects.filter(event="source.changed")
    assert changed.payload["verdicts"] == [{"verdict": verdict.pk, "url": api_url}]
