"""Every cursor-paged list of the API, public and staff, refuses a cursor it cannot use with 400 in
the API's error shape: never a 500, never a silently different page.

The lists are found by asking every API route of the URL configuration for a page: a route whose
answer has `next` and `previous` is cursor-paged. A new one is walked without anyone listing it."""

import base64
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from claims.services import claimant_get_or_create
from sources.models import Snapshot
from tests.routes import arguments, routes

pytestmark = pytest.mark.django_db


def b64(text: str | bytes) -> str:
    return base64.b64encode(text.encode() if isinstance(text, str) else text).decode()


TAMPERED = {
    "position of no type": "cD1hYmM=",  # p=abc, from the security review
    "date out of range": b64("p=2020-13-45 00:00:00+00:00"),
    "year past 9999 in UTC": b64("p=9999-12-31 23:59:59-23:00"),
    "NUL position": b64("p=\x00"),
    "empty position": b64("p="),
    "huge number": b64("p=" + "9" * 40),
    "float": b64("p=-1e400"),
    "negative offset": b64("o=-5"),
    "absurd offset": b64("o=99999999999"),
    "offset past the cutoff": b64("o=1001"),
    "offset of letters": b64("o=abc"),
    "offset in Arabic digits": b64("o=%D9%A5"),
    "reverse flag 2": b64("r=2"),
    "reverse flag x": b64("r=x"),
    "unknown key": b64("x=1"),
    "key twice": b64("o=1&o=2"),
    "key without a value": b64("p"),
    "too many keys": b64("o=1&r=0&p=1&q=2"),
    "not base64": "!!!",
    "no padding": "cD1hYmM",
    "url-safe alphabet": "cD1h-_mM=",
    "not ASCII": "cD1hYmM=é",
    "bytes that are not text": b64(b"p=\xff\xfe"),
    "far too long": "A" * 4000,
}


@pytest.fixture
def world(verdict_in, translation_in, journalist, admin_user):
    """Two of everything a list shows, so that every list has a next page at page_size=1."""
    first = verdict_in("published")
    verdict_in("published")
    claimant_get_or_create(actor=journalist, name="Another Speaker")
    source_id = Snapshot.objects.get(pk=first.pinned_evidence[0]["snapshot"]).source_id
    return {
        "claim_id": first.claim_id,
        "verdict_id": first.pk,
        "source_id": source_id,
        "claimant_id": first.claim.claimant_id,
        "citation_id": first.claim.citations.first().pk,
        "translation_id": translation_in("published", verdict=first).pk,
    }


def cursor_paged(client, world) -> dict[str, str]:
    """{url: schema path} of every API route whose answer is a cursor page."""
    found = {}
    for name, pattern, is_api in routes():
        args = arguments(pattern)
        if not is_api or name is None or any(converter != "int" for converter in args.values()):
            continue  # the catch-all, and actions (POST only)
        url = reverse(name, kwargs={arg: world[arg] for arg in args})
        response = client.get(url, {"page_size": 1})
        body = response.json() if response.get("Content-Type", "").startswith("application/json") else None
        if response.status_code == 200 and isinstance(body, dict) and {"next", "previous"} <= set(body):
            schema_path = "/" + pattern
            for arg in args:
                schema_path = schema_path.replace(f"<int:{arg}>", f"{{{arg}}}")
            found[url] = schema_path
    return found


@pytest.fixture
def paged(client, world, admin_user):
    client.force_login(admin_user)  # sees every list
    client.raise_request_exception = False  # a 500 is an answer to report, not an exception
    found = cursor_paged(client, world)
    # Today: public verdicts, the ClaimReview feed, staff verdicts, claims and claimants.
    assert len(found) >= 5, found
    return found


def test_every_tampered_cursor_is_a_400_in_the_error_shape(client, paged):
    wrong = []
    for url in paged:
        for label, cursor in TAMPERED.items():
            response = client.get(url, {"cursor": cursor})
            error = response.json().get("error", {}) if response.status_code == 400 else {}
            if response.status_code != 400 or not (error.get("code") and "cursor" in error.get("message", "")):
                wrong.append(f"{url} {label} ({cursor[:30]}): {response.status_code} {response.content[:120]!r}")
    assert wrong == [], "\n".join(wrong)


def test_a_position_of_the_other_type_is_a_400(client, paged):
    """Each list learns its own position's type from its `next` link; the other type is refused."""
    for url in paged:
        cursor = _cursor(client.get(url, {"page_size": 1}).json()["next"])
        position = dict(pair.split("=", 1) for pair in base64.b64decode(cursor).decode().split("&"))["p"]
        other = "2021-12-03T10:00:00Z" if position.isdigit() else "42"
        response = client.get(url, {"cursor": b64(f"p={other}")})
        assert response.status_code == 400, (url, other, response.content[:200])


def test_the_cursors_the_lists_give_still_work_both_ways(client, paged):
    for url in paged:
        first = client.get(url, {"page_size": 1}).json()
        second = client.get(url, {"page_size": 1, "cursor": _cursor(first["next"])})
        assert second.status_code == 200, (url, second.content[:200])
        assert _items(second.json()) and _items(second.json()) != _items(first)
        back = client.get(url, {"page_size": 1, "cursor": _cursor(second.json()["previous"])})
        assert back.status_code == 200 and _items(back.json()) == _items(first), url


def test_every_cursor_paged_list_documents_its_cursor(client, paged):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for url, path in paged.items():
        parameters = {p["name"] for p in schema["paths"][path]["get"].get("parameters", [])}
        assert {"cursor", "page_size"} <= parameters, (url, parameters)


def _cursor(link: str) -> str:
    return parse_qs(urlsplit(link).query)["cursor"][0]


def _items(page: dict) -> list:
    return page.get("results", page.get("dataFeedElement"))
