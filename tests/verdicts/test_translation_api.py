"""The staff API for translations: the same rules and refusals as the pages, as JSON."""

import pytest

from tests.conftest import TRANSLATED, publish_correction

pytestmark = pytest.mark.django_db
API = "/api/v1/staff/translations/"


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def message(response) -> str:
    return response.json()["error"]["message"]


def test_a_translation_through_the_api_with_four_eyes(client, verdict_in, journalist, editor, other_editor):
    verdict = verdict_in("published")
    client.force_login(editor)
    started = post(client, API, {"verdict": verdict.pk, "language": "uk"})
    assert started.status_code == 201, started.content
    body = started.json()
    assert (body["status"], body["translator"], body["actions"]) == ("draft", "ed", ["submit", "withdraw"])
    url = f"{API}{body['id']}/"
    edited = client.patch(url, {**TRANSLATED, "expected_version": 0}, content_type="application/json")
    assert edited.json()["revision"] == 1
    stale = client.patch(url, {"summary": "Інше.", "expected_version": 0}, content_type="application/json")
    assert stale.status_code == 409
    assert post(client, f"{url}actions/submit/", {"expected_version": 1}).json()["status"] == "submitted"
    own = post(client, f"{url}actions/approve/", {"expected_version": 2})
    assert own.status_code == 403 and message(own) == "You cannot review your own translation: another editor must."
    client.force_login(journalist)
    unpermitted = post(client, f"{url}actions/approve/", {"expected_version": 2})
    assert unpermitted.status_code == 403 and message(unpermitted) == "You do not have permission to approve."
    client.force_login(other_editor)
    assert post(client, f"{url}actions/approve/", {"expected_version": 2}).json()["approver"] == "eve"
    publish_correction(verdict, other_editor)
    late = post(client, f"{url}actions/publish/", {"expected_version": 3})
    assert late.status_code == 409 and "superseded by a correction" in message(late)
    listed = client.get(f"{API}?verdict={verdict.pk}").json()
    assert [(t["language"], t["status"]) for t in listed] == [("uk", "approved")]


@pytest.mark.parametrize(
    "data, code",
    [
        ({"language": "en"}, 400),
        ({"language": "fr"}, 400),
        ({"language": "uk\u0000"}, 400),
        ({"language": ""}, 400),
        ({"language": 7}, 400),
        ({}, 400),
    ],
)
def test_bad_starts_are_refused_with_a_reason(client, verdict_in, journalist, data, code):
    verdict = verdict_in("published")
    client.force_login(journalist)
    response = post(client, API, {"verdict": verdict.pk, **data})
    assert response.status_code == code and message(response)


def test_missing_and_unpublished(client, verdict_in, journalist):
    client.force_login(journalist)
    assert client.get(f"{API}999999/").status_code == 404
    assert post(client, f"{API}999999/actions/submit/", {"expected_version": 0}).status_code == 404
    assert post(client, API, {"verdict": 999999, "language": "uk"}).status_code == 400
    draft = verdict_in("draft")
    refused = post(client, API, {"verdict": draft.pk, "language": "uk"})
    assert refused.status_code == 409 and message(refused).startswith("Only the published version")
    assert client.get(API).status_code == 400  # which verdict?
