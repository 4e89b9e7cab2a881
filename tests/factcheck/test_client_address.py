"""Behind the proxy: throttles and the sign-in limit key on the real client, spoofed headers are
ignored, the health probe is answered whatever it asks, and oversized requests are refused."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings

from factcheck.middleware import forwarded_client
from tests.conftest import PASSWORD
from tests.factcheck.test_security import _settings_under

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.5"  # the reverse proxy's address, as gunicorn sees it


def anonymous_reads(client, count, **headers) -> list[int]:
    return [client.get("/api/v1/verdicts/", **headers).status_code for _ in range(count)]


def test_a_client_cannot_dodge_the_throttle_by_inventing_forwarded_addresses(client):
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")[0])
    statuses = [
        client.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n % 250}, 10.1.{n}.1").status_code
        for n in range(limit + 10)
    ]
    assert statuses[:limit] == [200] * limit
    assert set(statuses[limit:]) == {429}


@override_settings(TRUSTED_PROXIES=1, TRUSTED_PROXY_ADDRESSES=[PROXY])
def test_behind_one_proxy_each_real_client_has_its_own_budget():
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")[0])
    via_proxy = Client(REMOTE_ADDR=PROXY)
    # The client writes any X-Forwarded-For it likes; the proxy appends the address it saw.
    spoofing = [
        via_proxy.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR=f"10.9.{n}.1, 203.0.113.7").status_code
        for n in range(limit + 5)
    ]
    assert spoofing[:limit] == [200] * limit and set(spoofing[limit:]) == {429}
    # Another reader behind the same proxy is not held back by the first one.
    assert anonymous_reads(via_proxy, 3, HTTP_X_FORWARDED_FOR="198.51.100.23") == [200] * 3


def lock_out(client, username, **headers):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": username, "password": "wrong"}, **headers)


@override_settings(AXES_ENABLED=True, TRUSTED_PROXIES=1, TRUSTED_PROXY_ADDRESSES=["172.18.0.0/24"])
def test_behind_the_proxy_a_stranger_cannot_lock_an_editor_out(editor):
    via_proxy = Client(REMOTE_ADDR=PROXY)
    lock_out(via_proxy, editor.username, HTTP_X_FORWARDED_FOR="203.0.113.66")
    attacker = via_proxy.post(
        "/login/", {"username": editor.username, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.66"
    )
    assert attacker.status_code == 429
    # The editor, from her own address through the same proxy, signs in.
    own = Client(REMOTE_ADDR=PROXY).post(
        "/login/", {"username": editor.username, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.4"
    )
    assert own.status_code == 302


@override_settings(AXES_ENABLED=True)
def test_without_a_trusted_proxy_forwarded_addresses_do_not_reset_the_count(editor):
    direct = Client(REMOTE_ADDR="203.0.113.66")
    for n in range(settings.AXES_FAILURE_LIMIT):
        direct.post("/login/", {"username": editor.username, "password": "x"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    right = direct.post(
        "/login/", {"username": editor.username, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="10.0.0.99"
    )
    assert right.status_code == 429


@override_settings(AXES_ENABLED=True)
def test_password_change_guesses_count_and_lock_like_sign_in(journalist, editor):
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.force_login(journalist)
    new = "another-long-secret-9"
    wrong = [
        client.post(
            "/password/", {"old_password": f"guess-{n}", "new_password1": new, "new_password2": new}
        ).status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert wrong == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    right = client.post("/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert right.status_code == 429 and b"Too many" in right.content
    journalist.refresh_from_db()
    assert journalist.check_password(PASSWORD)  # unchanged
    # The same person signing in again from that address is held back too; others are not.
    same_place = Client(REMOTE_ADDR="203.0.113.9")
    assert same_place.post("/login/", {"username": journalist.username, "password": PASSWORD}).status_code == 429
    assert same_place.post("/login/", {"username": editor.username, "password": PASSWORD}).status_code == 302


@override_settings(AXES_ENABLED=True)
def test_a_few_wrong_guesses_then_the_right_password_still_changes_it(journalist):
    client = Client(REMOTE_ADDR="203.0.113.10")
    client.force_login(journalist)
    new = "another-long-secret-9"
    for n in range(settings.AXES_FAILURE_LIMIT - 2):
        client.post("/password/", {"old_password": f"guess-{n}", "new_password1": new, "new_password2": new})
    done = client.post("/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert done.status_code == 302
    journalist.refresh_from_db()
    assert journalist.check_password(new)


@pytest.mark.parametrize(
    ("remote", "header", "proxies", "client_is"),
    [
        ("10.0.0.2", "203.0.113.7", 1, "203.0.113.7"),
        ("10.0.0.2", "6.6.6.6, 203.0.113.7", 1, "203.0.113.7"),  # the left part is the client's own writing
        ("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.3", 2, "203.0.113.7"),
        ("10.0.0.2", "203.0.113.7", 2, "10.0.0.2"),  # shorter than the chain: not through our proxies
        ("10.0.0.2", "not-an-address", 1, "10.0.0.2"),
        ("10.0.0.2", "", 1, "10.0.0.2"),
        ("203.0.113.7", "6.6.6.6", 0, "203.0.113.7"),  # no proxy trusted: the header is ignored
        ("10.0.0.2", " 2001:db8::1 ", 1, "2001:db8::1"),
    ],
)
def test_the_client_is_read_from_the_right_of_the_header(remote, header, proxies, client_is):
    assert forwarded_client(remote, header, proxies) == client_is


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["factcheck.example.org"])
def test_the_health_probe_is_answered_over_http_whatever_its_host(client):
    # The compose file's probe talks to gunicorn directly: plain HTTP, Host of its own choosing.
    for host in ("127.0.0.1:8000", "localhost", "web"):
        response = client.get("/healthz", HTTP_HOST=host)
        assert response.status_code == 200, (host, response.status_code)
        assert response.json()["database"] == {"ok": True}
    assert client.get("/login/", HTTP_HOST="web").status_code == 400  # the rest still checks the host


@override_settings(MAX_REQUEST_BYTES=1024 * 1024)
def test_a_request_over_the_size_limit_is_refused_before_it_is_read(client, journalist):
    client.force_login(journalist)
    body = b"x" * (1024 * 1024 + 1)
    api = client.post("/api/v1/claims/", body, content_type="application/json")
    assert api.status_code == 413
    assert api.json()["error"]["code"] == "too_large" and "1 MiB" in api.json()["error"]["message"]
    page = client.post("/claims/new/", body, content_type="application/x-www-form-urlencoded")
    assert page.status_code == 413 and b"too large" in page.content
    assert client.post("/claims/new/", {"text": "A claim of a normal size."}).status_code == 302


def test_forwarded_proto_is_believed_only_behind_a_trusted_proxy():
    code = "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER)"
    direct = _settings_under({"READ_DOT_ENV": "false", "TRUSTED_PROXIES": "0"}, code)
    assert direct.stdout.strip() == "None", direct.stderr
    proxied = _settings_under({"READ_DOT_ENV": "false", "TRUSTED_PROXIES": "1"}, code)
    assert proxied.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')", proxied.stderr


@override_settings(TRUSTED_PROXIES=1, TRUSTED_PROXY_ADDRESSES=[PROXY])
def test_a_peer_that_is_not_our_proxy_is_the_client_whatever_it_forwards(client):
    # Another container, or a local user, reaching gunicorn directly.
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")[0])
    elsewhere = Client(REMOTE_ADDR="172.18.0.9")
    statuses = [
        elsewhere.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n % 250}").status_code
        for n in range(limit + 5)
    ]
    assert set(statuses[limit:]) == {429}
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), SECURE_SSL_REDIRECT=True):
        # (new clients: the security middleware reads its settings when it is loaded)
        other_peer = Client(REMOTE_ADDR="172.18.0.9")
        assert other_peer.get("/login/", HTTP_X_FORWARDED_PROTO="https").status_code == 301  # not believed
        assert Client(REMOTE_ADDR=PROXY).get("/login/", HTTP_X_FORWARDED_PROTO="https").status_code == 200


@override_settings(TRUSTED_PROXIES=1, TRUSTED_PROXY_ADDRESSES=[PROXY])
def test_addresses_of_one_ipv6_subscriber_share_one_budget():
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")[0])
    via_proxy = Client(REMOTE_ADDR=PROXY)
    statuses = [
        via_proxy.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR=f"2001:db8:1:2::{n:x}").status_code
        for n in range(limit + 5)
    ]
    assert set(statuses[limit:]) == {429}
    # The IPv4-mapped spelling of an address is that address.
    cache.clear()
    for _ in range(limit):
        via_proxy.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert via_proxy.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR="::ffff:203.0.113.9").status_code == 429


@override_settings(AXES_ENABLED=True, TRUSTED_PROXIES=1, TRUSTED_PROXY_ADDRESSES=[PROXY])
def test_rotating_through_an_ipv6_prefix_does_not_reset_the_sign_in_limit(editor):
    via_proxy = Client(REMOTE_ADDR=PROXY)
    for n in range(settings.AXES_FAILURE_LIMIT):
        via_proxy.post("/login/", {"username": editor.username, "password": "x"}, HTTP_X_FORWARDED_FOR=f"2001:db8::{n}")
    right = via_proxy.post(
        "/login/", {"username": editor.username, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="2001:db8::ff"
    )
    assert right.status_code == 429


@override_settings(AXES_ENABLED=True)
def test_the_admins_password_change_is_limited_too(journalist):
    client = Client(REMOTE_ADDR="203.0.113.11")
    client.force_login(journalist)
    new = "another-long-secret-9"
    form = {"new_password1": new, "new_password2": new}
    wrong = [
        client.post("/admin/password_change/", {"old_password": f"guess-{n}", **form}).status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert wrong == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert client.post("/admin/password_change/", {"old_password": PASSWORD, **form}).status_code == 429
    assert client.post("/password/", {"old_password": PASSWORD, **form}).status_code == 429  # one limit
    journalist.refresh_from_db()
    assert journalist.check_password(PASSWORD)
