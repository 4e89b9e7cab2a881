"""Captures are shown as text, in a sandbox, or as downloads: never live in our origin."""

import pytest
from django.urls import reverse

from sources.capture import snapshot_capture, snapshot_request
from sources.models import Snapshot
from sources.services import source_get_or_create
from tests.conftest import PASSWORD, UserFactory
from tests.sources.test_extract import LATIN1, SHIFT_JIS, minimal_pdf
from tests.sources.webserver import ARTICLE

HOSTILE_PAGE = """<html><head><title>Gotcha</title></head><body>
<p>Visible claim text about 100,000 troops.</p>
<script>document.body.innerHTML = document.cookie; fetch('/api/v1/claims/');</script>
<p>&lt;script&gt;alert('escaped in the source too')&lt;/script&gt;</p>
</body></html>"""

pytestmark = pytest.mark.django_db


def capture_of(server, path, body, content_type="text/html; charset=utf-8"):
    server.page(path, body, content_type)
    source, _ = source_get_or_create(url=server.url(path))
    return snapshot_capture(snapshot_id=snapshot_request(source=source, force=True).pk).snapshot


@pytest.fixture
def reader(client, journalist):
    assert client.login(username=journalist.username, password=PASSWORD)
    return client


def test_the_page_is_served_only_in_a_sandbox(server, reader):
    snapshot = capture_of(server, "/hostile", HOSTILE_PAGE)
    response = reader.get(reverse("capture-raw", args=[snapshot.pk]))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert csp.startswith("sandbox;") and "allow-scripts" not in csp and "allow-same-origin" not in csp
    assert "default-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_capture_page_escapes_the_text_and_frames_the_page_in_a_sandbox(server, reader):
    snapshot = capture_of(server, "/hostile", HOSTILE_PAGE)
    html = reader.get(reverse("capture-detail", args=[snapshot.pk])).content.decode()
    assert "Visible claim text about 100,000 troops." in html
    assert "<script>alert(" not in html and "&lt;script&gt;alert(" in html
    assert "document.cookie" not in html  # scripts are not part of the extracted text
    raw = reverse("capture-raw", args=[snapshot.pk])
    assert f'<iframe class="capture-frame" sandbox title="Captured page" src="{raw}"' in html
    assert snapshot.payload_sha256 in html


def test_other_types_are_downloads(server, reader):
    snapshot = capture_of(server, "/report.pdf", minimal_pdf("Figures."), "application/pdf")
    response = reader.get(reverse("capture-raw", args=[snapshot.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Security-Policy"].startswith("sandbox;")


def test_the_warc_downloads(server, reader):
    snapshot = capture_of(server, "/w", "<html><body><p>Archived words here.</p></body></html>")
    response = reader.get(reverse("capture-warc", args=[snapshot.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/warc"
    assert response["Content-Disposition"] == f'attachment; filename="capture-{snapshot.pk}.warc.gz"'
    assert b"".join(response.streaming_content)[:2] == b"\x1f\x8b"


def test_captures_are_not_for_anonymous_people_or_those_without_permission(server, client):
    snapshot = capture_of(server, "/p", "<html><body><p>Private research.</p></body></html>")
    for name in ("capture-detail", "capture-raw", "capture-warc"):
        response = client.get(reverse(name, args=[snapshot.pk]))
        assert response.status_code in (302, 403)
        assert b"Private research" not in response.content
    UserFactory(username="nobody")
    assert client.login(username="nobody", password=PASSWORD)
    for name in ("capture-detail", "capture-raw", "capture-warc"):
        assert client.get(reverse(name, args=[snapshot.pk])).status_code == 403
    assert client.get(reverse("capture-detail", args=[999999])).status_code == 403


@pytest.mark.parametrize(
    ("body", "charset"),
    [
        (LATIN1.encode("latin-1"), "windows-1252"),  # the detector says cp1252
        (SHIFT_JIS.encode("shift_jis"), "shift_jis"),  # the detector says cp932
        (ARTICLE.encode(), "utf-8"),  # declared in a <meta>
    ],
)
def test_playback_names_the_charset_as_browsers_know_it(server, reader, body, charset):
    """Pages sent without a charset in their header: the charset found is named as browsers name
    it (WHATWG encoding labels), never as a Python codec."""
    snapshot = capture_of(server, "/page", body, "text/html")
    assert snapshot.charset == charset
    response = reader.get(reverse("capture-raw", args=[snapshot.pk]))
    assert response["Content-Type"] == f"text/html; charset={charset}"
    assert b"".join(response.streaming_content) == body  # served as captured, byte for byte


@pytest.mark.parametrize(
    ("stored", "served"),
    [("utf_8", "utf-8"), ("cp1252", "windows-1252"), ("shift_jis_2004", "shift_jis"), ("cp1125", "windows-1252")],
)
def test_captures_stored_with_python_codec_names_are_served_by_their_web_names(server, reader, stored, served):
    snapshot = capture_of(server, "/old", ARTICLE)
    Snapshot.objects.filter(pk=snapshot.pk).update(charset=stored)  # as captures kept it before
    response = reader.get(reverse("capture-raw", args=[snapshot.pk]))
    assert response["Content-Type"] == f"text/html; charset={served}"


def test_a_stored_file_gone_from_storage_is_a_404_not_a_500(server, reader):
    from django.core.files.storage import default_storage

    snapshot = capture_of(server, "/gone", ARTICLE)
    default_storage.delete(snapshot.payload.name)
    assert reader.get(f"/captures/{snapshot.pk}/payload").status_code == 404
