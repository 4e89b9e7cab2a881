"""Deployment security: headers, cookies, the sign-in limit, secrets kept out of logs, and
`check --deploy` clean under production settings."""

import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings

from tests.conftest import PASSWORD, capture

pytestmark = pytest.mark.django_db


def test_every_page_carries_the_security_headers(client, journalist):
    pages = [client.get("/login/")]
    client.force_login(journalist)
    pages += [client.get(url) for url in ["/", "/dashboard/", "/api/v1/verdicts/", "/api/docs/"]]
    for response in pages:
        url = response.request["PATH_INFO"]
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_a_captured_page_keeps_its_own_sandbox_policy(client, journalist):
    snapshot = capture("https://example.org/page")
    client.force_login(journalist)
    response = client.get(f"/captures/{snapshot.pk}/page")
    assert (
        response["Content-Security-Policy"].startswith("sandbox;")
        and "script-src" not in response["Content-Security-Policy"]
    )


def test_forms_need_the_csrf_token(journalist):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(journalist)
    assert strict.post("/claims/new/", {"text": "A claim."}).status_code == 403
    assert strict.post("/login/", {"username": "jo", "password": PASSWORD}).status_code == 403


@override_settings(AXES_ENABLED=True)
def test_sign_in_is_refused_after_repeated_failures(client, journalist, editor):
    refused = [
        client.post("/login/", {"username": journalist.username, "password": "wrong"}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert refused == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = client.post("/login/", {"username": journalist.username, "password": PASSWORD})  # even the right one
    assert locked.status_code == 429 and b"Too many sign-in attempts" in locked.content
    other = client.post("/login/", {"username": editor.username, "password": PASSWORD})
    assert other.status_code == 302  # only that user name from that address is held back


def test_passwords_and_keys_stay_out_of_the_logs(client, journalist, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "Never-Log-Me-" + secrets.token_hex(4)
    client.post("/login/", {"username": journalist.username, "password": secret})
    client.get("/api/v1/claims/", HTTP_AUTHORIZATION=f"Api-Key fck_{secret}")
    client.post("/password/", {"old_password": secret, "new_password1": secret, "new_password2": secret})
    assert secret not in caplog.text


def _settings_under(env: dict, code: str) -> subprocess.CompletedProcess:
    full = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "factcheck.settings"}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code], cwd=settings.BASE_DIR, env=full,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "DEBUG": "false",
    "ALLOWED_HOSTS": "factcheck.example.org",
    "SITE_URL": "https://factcheck.example.org",
    "PLAYBACK_ORIGIN": "https://archive-factcheck.example.net",  # replays on a site of their own
    "SECURE_COOKIES": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "READ_DOT_ENV": "false",
}


def test_check_deploy_is_clean_under_production_settings():
    full = {**os.environ, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "factcheck.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=full, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_cookies_are_host_only_secure_and_http_only():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)"
    )
    result = _settings_under(PRODUCTION, code)
    assert result.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "True", "True", "True", "True", "Lax"], (
        result.stderr
    )
