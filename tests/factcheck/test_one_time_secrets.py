"""One-time secrets (a new API key, a webhook's signing secret) are shown once, from the server's
side: never in a cookie, where anyone holding it could read them."""

import re

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.checks import run_checks
from django.http import HttpRequest
from django.urls import reverse

from factcheck.apikeys import api_key_check
from factcheck.models import ApiKey
from tests.conftest import PASSWORD
from verdicts.models import WebhookSubscription

pytestmark = pytest.mark.django_db

KEY = re.compile(r"fck_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")
SECRET = re.compile(r"\b[0-9a-f]{64}\b")
NO_DELIVERIES = {f"deliveries-{k}": "0" for k in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")}


def cookie_texts(response) -> list[str]:
    """What every Set-Cookie of a response carries, the messages cookie decoded."""
    texts = []
    for name, morsel in response.cookies.items():
        texts.append(morsel.OutputString())
        if name == CookieStorage.cookie_name and morsel.value:
            decoded = CookieStorage(HttpRequest())._decode(morsel.value)
            texts.extend(str(message) for message in decoded or [])
    return texts


def create_and_look(client, add_url: str, data: dict, changelist_url: str):
    """POST the admin's add form, follow where it leads, then open the list again.
    Returns every response and the pages' HTML."""
    responses = [client.post(add_url, data)]
    assert responses[0].status_code == 302, re.findall(r"(?s)errorlist.{0,300}", responses[0].content.decode())
    responses.append(client.get(responses[0]["Location"]))
    responses.append(client.get(changelist_url))
    return responses, [r.content.decode() for r in responses[1:]]


def test_a_new_api_key_is_shown_once_and_never_set_in_a_cookie(client, admin_user, journalist):
    assert client.login(username=admin_user.username, password=PASSWORD)
    responses, (first, again) = create_and_look(
        client,
        reverse("admin:factcheck_apikey_add"),
        {"name": "Partner CMS", "owner": journalist.pk, "scope": "read_all", "rate": ""},
        reverse("admin:factcheck_apikey_changelist"),
    )
    shown = KEY.findall(first)
    assert len(shown) == 1, "the page after saving shows the key"
    plaintext = shown[0]
    assert api_key_check(plaintext) == ApiKey.objects.get(name="Partner CMS")  # it is the real key
    assert plaintext not in again  # and only once
    for response in responses:
        assert not any(plaintext in text for text in cookie_texts(response)), response.cookies.output()
    assert plaintext not in client.cookies.output()


def test_a_webhook_secret_is_shown_once_and_never_set_in_a_cookie(client, admin_user, server):
    assert client.login(username=admin_user.username, password=PASSWORD)
    responses, (first, again) = create_and_look(
        client,
        reverse("admin:verdicts_webhooksubscription_add"),
        {"name": "Partner", "url": server.url("/hook"), "events": ["verdict.published"], **NO_DELIVERIES},
        reverse("admin:verdicts_webhooksubscription_changelist"),
    )
    secret = WebhookSubscription.objects.get(name="Partner").secret
    assert SECRET.findall(first) == [secret]
    assert secret not in again
    for response in responses:
        assert not any(secret in text for text in cookie_texts(response)), response.cookies.output()
    assert secret not in client.cookies.output()


def test_settings_that_would_put_messages_in_a_cookie_are_refused(settings):
    assert [e.id for e in run_checks() if e.id.startswith("factcheck.")] == []
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    assert sorted(e.id for e in run_checks() if e.id.startswith("factcheck.")) == ["factcheck.E001", "factcheck.E002"]
