"""The playback origin: only replays are served there, only with a valid link or for public
captures, archives with byte ranges; the app's public archived-copy page is the public site's."""

import gzip

import pytest
from django.core import signing
from django.core.checks import run_checks
from django.urls import reverse

from playback.selectors import playback_url
from playback.tokens import SALT, token_for
from sources.models import Snapshot
from tests.sources.test_views import capture_of

pytestmark = pytest.mark.django_db
PLAYBACK = "localhost:8001"


@pytest.fixture(autouse=True)
def playback_origin(settings):
    settings.PLAYBACK_ORIGIN = f"http://{PLAYBACK}"
    settings.SITE_URL = "http://127.0.0.1:8000"


def on_playback(client, path, **headers):
    return client.get(path, HTTP_HOST=PLAYBACK, **headers)


def replay_path(snapshot, token=None):
    path = f"/captures/{snapshot.pk}/"
    return f"{path}?token={token}" if token is not None else path


def test_a_signed_link_opens_the_replay_of_a_private_capture(server, client):
    snapshot = capture_of(server, "/a", "<html><body><p>Archived words here.</p></body></html>")
    response = on_playback(client, replay_path(snapshot, token_for(snapshot_id=snapshot.pk)))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<script src="/replay/ui.js"></script>' in html
    assert f'source="/captures/{snapshot.pk}/archive.warc.gz?token=' in html
    assert f'url="{snapshot.final_url}"' in html
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    "token, message",
    [
        ("", "This capture is not public"),
        ("forged", "This replay link is not valid"),
        (signing.dumps({"snapshot": 1}, salt=SALT, key="another-key-" + "x" * 40), "This replay link is not valid"),
        ("expired", "This replay link has expired"),
        ("other", "This replay link is for another capture"),
    ],
)
def test_a_missing_forged_expired_or_borrowed_link_is_refused_clearly(server, client, settings, token, message):
    snapshot = capture_of(server, "/a", "<html><body><p>Archived words here.</p></body></html>")
    if token == "expired":
        token = token_for(snapshot_id=snapshot.pk)
        settings.PLAYBACK_URL_MAX_AGE = -1
    elif token == "other":
        token = token_for(snapshot_id=snapshot.pk + 1)
    for path in (replay_path(snapshot, token), f"/captures/{snapshot.pk}/archive.warc.gz?token={token}"):
        response = on_playback(client, path)
        assert response.status_code == 403, path
        assert message in response.content.decode()
        assert b"WARC" not in response.content


def test_public_captures_replay_without_a_link_and_missing_ones_are_404(server, client):
    snapshot = capture_of(server, "/a", "<html><body><p>Archived words here.</p></body></html>")
    Snapshot.objects.filter(pk=snapshot.pk).update(public=True)
    assert on_playback(client, replay_path(snapshot)).status_code == 200
    assert on_playback(client, f"/captures/{snapshot.pk}/archive.warc.gz").status_code == 200
    assert on_playback(client, f"/captures/{snapshot.pk}/archive.wacz").status_code == 404  # it has none
    assert on_playback(client, "/captures/999999/").status_code == 404


def test_the_archive_is_served_whole_or_by_byte_ranges(server, client):
    snapshot = capture_of(server, "/a", "<html><body><p>Archived words here.</p></body></html>")
    path = f"/captures/{snapshot.pk}/archive.warc.gz?token={token_for(snapshot_id=snapshot.pk)}"
    whole = on_playback(client, path)
    assert whole.status_code == 200 and whole["Content-Type"] == "application/warc"
    assert whole["Accept-Ranges"] == "bytes" and whole["X-Content-Type-Options"] == "nosniff"
    body = b"".join(whole.streaming_content)
    with snapshot.warc.open("rb") as handle:
        assert body == handle.read()
    assert b"Archived words here." in gzip.decompress(body)
    part = on_playback(client, path, HTTP_RANGE="bytes=2-11")
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 2-11/{len(body)}"
    assert b"".join(part.streaming_content) == body[2:12]
    tail = on_playback(client, path, HTTP_RANGE="bytes=-5")
    assert b"".join(tail.streaming_content) == body[-5:]
    beyond = on_playback(client, path, HTTP_RANGE=f"bytes={len(body)}-")
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(body)}"


def test_the_newsroom_is_not_served_on_the_playback_host_nor_the_replay_on_the_apps(server, client, journalist):
    snapshot = capture_of(server, "/a", "<html><body><p>Archived words here.</p></body></html>")
    client.force_login(journalist)
    for path in ("/admin/", "/api/v1/claims/", "/queue/", f"/captures/{snapshot.pk}/page", "/accounts/login/"):
        response = on_playback(client, path)
        assert response.status_code == 404, path
    assert on_playback(client, "/").status_code == 200
    # On the app's host, the replay's URLs are not there.
    assert client.get("/replay/ui.js").status_code == 404
    assert client.get(f"/captures/{snapshot.pk}/archive.warc.gz").status_code == 404


def test_the_app_links_to_the_replay_in_a_new_tab_and_keeps_the_sandboxed_view(server, client, journalist):
    snapshot = capture_of(server, "/a", "<html><body><p>Archived words here.</p></body></html>")
    client.force_login(journalist)
    html = client.get(reverse("capture-detail", args=[snapshot.pk])).content.decode()
    link = playback_url(snapshot=snapshot)
    assert link.startswith(f"http://{PLAYBACK}/captures/{snapshot.pk}/?token=")
    assert 'class="button replay-link" href="http://localhost:8001/captures/' in html
    assert 'target="_blank" rel="noopener noreferrer"' in html
    assert 'iframe class="capture-frame" sandbox' in html  # the fallback stays


def test_the_public_archived_copy_page_is_the_public_sites(server, client):
    snapshot = capture_of(
        server, "/a", "<html><head><title>Troops</title></head><body><p>Archived words.</p></body></html>"
    )
    Snapshot.objects.filter(pk=snapshot.pk).update(public=True)
    response = client.get(reverse("capture-detail", args=[snapshot.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Archived copy</h1>" in html and "Archived words." in html
    assert snapshot.payload_sha256 in html
    assert f'href="http://{PLAYBACK}/captures/{snapshot.pk}/"' in html  # public: no token needed
    assert reverse("capture-raw", args=[snapshot.pk]) in html
    for chrome in ("permission", "Django administration", "Sign out", "Queue", "admin/", "site.css"):
        assert chrome not in html, chrome


def test_checks_warn_about_a_missing_or_same_site_playback_origin(settings):
    settings.PLAYBACK_ORIGIN = "http://127.0.0.1:8001"
    assert "playback.W002" in [m.id for m in run_checks()]
    settings.PLAYBACK_ORIGIN = "https://replay.factcheck.example.org"
    settings.SITE_URL = "https://factcheck.example.org"
    assert "playback.W002" in [m.id for m in run_checks()]
    settings.PLAYBACK_ORIGIN = "https://archive-factcheck.net"
    ids = [m.id for m in run_checks(include_deployment_checks=True)]
    assert "playback.W002" not in ids and "playback.W001" not in ids
    settings.PLAYBACK_ORIGIN = ""
    assert "playback.W001" in [m.id for m in run_checks(include_deployment_checks=True)]


def test_check_deploy_warns_without_a_playback_origin():
    import os
    import subprocess
    import sys

    from tests.factcheck.test_security import PRODUCTION

    env = {**os.environ, **PRODUCTION, "PLAYBACK_ORIGIN": "", "DJANGO_SETTINGS_MODULE": "factcheck.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))), env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode != 0 and "playback.W001" in result.stdout + result.stderr
