"""POST /api/v1/sources/ and GET /api/v1/sources/{id}/."""

import pytest

from sources.models import Snapshot, Source
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
