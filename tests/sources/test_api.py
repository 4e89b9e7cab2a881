"""POST /api/v1/sources/ and GET /api/v1/sources/{id}/."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from sources.models import Snapshot, Source
from tests.claims.test_evidence_upload import image, upload, warc
from tests.conftest import PASSWORD, UserFactory, capture, count_queries


@pytest.fixture
def api(client, journalist):
    assert client.login(username=journalist.username, password=PASSWORD)
    return client


def post(client, body):
    return client.post("/api/v1/sources/", body, content_type="application/json")


def test_a_journalist_sends_a_url_and_gets_the_source_with_its_queued_capture(api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        response = post(api, {"url": "https://Example.org/report?utm_source=x"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["source"]["normalized_url"] == "https://example.org/report"
    assert body["snapshot"]["status"] == "queued" and body["snapshot"]["links"]["capture"].endswith(
        f"/captures/{body['snapshot']['id']}/"
    )
    assert len(queued) == 1  # sent to the workers after commit

    again = post(api, {"url": "https://example.org/report"})
    assert again.status_code == 200
    assert (again.json()["source"]["id"], again.json()["snapshot"]["id"]) == (
        body["source"]["id"],
        body["snapshot"]["id"],
    )
    assert Snapshot.objects.count() == 1 and Source.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "status", "text"),
    [
        ({"url": "javascript:alert(1)"}, 400, "Only http"),
        ({"url": ""}, 400, "Some fields are not valid"),
        ({}, 400, "Some fields are not valid"),
        ({"url": "https://" + "a" * 3000 + ".org"}, 400, "Some fields are not valid"),
        ({"url": ["https://example.org"]}, 400, "Some fields are not valid"),
    ],
)
def test_bad_input_gets_a_clear_error_and_writes_nothing(api, body, status, text):
    response = post(api, body)
    assert response.status_code == status
    assert text in response.json()["error"]["message"]
    assert not Source.objects.exists() and not Snapshot.objects.exists()


def test_anonymous_and_unpermitted_people_are_refused(client, db):
    assert post(client, {"url": "https://example.org/"}).status_code in (401, 403)
    UserFactory(username="reader")
    client.login(username="reader", password=PASSWORD)
    response = post(client, {"url": "https://example.org/"})
    assert response.status_code == 403 and "permission" in response.json()["error"]["message"]
    assert not Source.objects.exists()


def test_a_source_lists_its_captures_with_their_status(api):
    snapshot = capture("https://example.org/evidence")
    response = api.get(f"/api/v1/sources/{snapshot.source_id}/")
    assert response.status_code == 200
    [listed] = response.json()["snapshots"]
    assert (listed["id"], listed["status"], listed["sha256"]) == (snapshot.pk, "succeeded", snapshot.payload_sha256)
    assert (listed["method"], listed["complete"], listed["follows"]) == ("http", True, None)
    assert (listed["rendered_text_length"], listed["screenshot"], listed["wacz"]) == (None, "", "")
    assert api.get("/api/v1/sources/999999/").status_code == 404


def test_source_detail_queries_do_not_grow_with_captures(api):
    first = capture("https://example.org/many")
    url = f"/api/v1/sources/{first.source_id}/"

    def queries():
        return count_queries(api, url)

    for _ in range(2):
        capture("https://example.org/many")
    few = queries()
    for _ in range(27):
        capture("https://example.org/many")
    assert queries() == few


def browser_capture(http: Snapshot) -> Snapshot:
    """A browser capture that follows `http`, with its screenshot and its WACZ package stored."""
    browser = capture(http.requested_url)
    browser.method, browser.follows = Snapshot.Method.BROWSER, http
    browser.screenshot = default_storage.save(f"screenshots/{browser.pk}.png", ContentFile(image("PNG")))
    browser.wacz = default_storage.save(f"wacz/{browser.pk}.wacz", ContentFile(b"PK\x03\x04 a WACZ package"))
    browser.save(update_fields=["method", "follows", "screenshot", "wacz"])
    return browser


@pytest.fixture
def every_kind_of_capture(settings, tmp_path, checking_claim, journalist):
    """A cited source's captures: plain (with its WARC), plain (no files), by a browser, and two
    uploads (an image, and a gzip-compressed WARC), with the links each must give."""
    settings.MEDIA_ROOT = str(tmp_path / "media")

    def make():
        citation = checking_claim().citations.get()
        http = citation.source.snapshots.get()
        http.warc = default_storage.save(f"warc/capture-{http.pk}.warc.gz", ContentFile(warc([(http.final_url, "A")])))
        http.save(update_fields=["warc"])
        bare = capture(http.requested_url)
        browser = browser_capture(http)
        shot = upload(citation, journalist, "wall.png", image("PNG"))
        archive = upload(citation, journalist, "page.warc.gz", warc([(http.final_url, "Behind a login.")], gzip=True))
        return citation.source, {
            http.pk: {"capture", "warc"},
            bare.pk: {"capture"},
            browser.pk: {"capture", "screenshot", "wacz"},
            shot.pk: {"capture", "screenshot", "evidence"},
            archive.pk: {"capture", "evidence"},
        }

    return make


def test_each_capture_links_the_files_it_has_and_each_link_answers(api, every_kind_of_capture):
    source, expected = every_kind_of_capture()
    response = api.get(f"/api/v1/sources/{source.pk}/")
    assert response.status_code == 200
    listed = {snapshot["id"]: snapshot["links"] for snapshot in response.json()["snapshots"]}
    assert {pk: set(links) for pk, links in listed.items()} == expected
    for pk, links in listed.items():
        for name, url in links.items():
            assert url.startswith("http://testserver/") and f"/{pk}/" in url, (name, url)
            followed = api.get(url)
            assert followed.status_code == 200, (pk, name, url)
            if name != "capture":  # a file: read it to its end
                assert b"".join(followed.streaming_content), (pk, name)


def test_the_schema_names_every_link_a_capture_may_have(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    links = schema["components"]["schemas"]["SnapshotOutput"]["properties"]["links"]
    assert set(links["properties"]) == {"capture", "warc", "screenshot", "wacz", "evidence"}
    assert links["required"] == ["capture"] and links["additionalProperties"] is False
    assert all(link["format"] == "uri" for link in links["properties"].values())


def test_source_detail_queries_do_not_grow_with_captures_of_every_kind(api, every_kind_of_capture, journalist):
    source, _ = every_kind_of_capture()
    url = f"/api/v1/sources/{source.pk}/"
    few = count_queries(api, url)
    citation = source.citations.get()
    http = source.snapshots.filter(method="http").first()
    for _ in range(5):
        browser_capture(http)
        upload(citation, journalist, "wall.png", image("PNG"))
    assert count_queries(api, url) == few
