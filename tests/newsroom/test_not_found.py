"""Every newsroom address that names a claim or a verdict that does not exist is the site's 404
page: for GET and POST, whatever the form holds, htmx or not, for a journalist and an editor.
Never a 500, never a redirect to a page that is not there, and nothing is written.

The routes come from the newsroom's URL configuration, so a new one is walked without anyone
listing it here."""

import pytest
from django.urls import reverse

from claims.models import Citation, Claim
from factcheck.models import AuditEvent
from newsroom import urls as newsroom_urls
from tests.routes import arguments
from verdicts.models import Verdict

pytestmark = pytest.mark.django_db

MISSING_IDS = [999999, 2**31, 2**63 - 1, 2**63, 10**30]  # past int4, int8 and any column
ACTIONS = ["accept", "submit", "approve", "no-such-action"]


def routes_with_ids() -> list[tuple[str, dict]]:
    found = []
    for pattern in newsroom_urls.urlpatterns:
        args = arguments(str(pattern.pattern))
        if "int" in args.values():
            found.append((pattern.name, args))
    return found


def urls_for(name: str, args: dict) -> list[str]:
    urls = []
    for missing in MISSING_IDS:
        for action in ACTIONS if "str" in args.values() else [None]:
            kwargs = {arg: (missing if converter == "int" else action) for arg, converter in args.items()}
            urls.append(reverse(name, kwargs=kwargs))
    return urls


def bodies(people) -> list[dict]:
    """An empty form, and one that would pass every form's checks."""
    plausible = {
        "url": "https://example.org/evidence",
        "stance": "supports",
        "quote": "A quote.",
        "expected_version": "1",
        "comment": "Because.",
        "assignee": str(people["journalist"].pk),
        "duplicate_of": "1",
        "rating": "false",
        "headline": "No",
        "summary": "The figure is wrong.",
        "explanation": "",
    }
    return [{}, plausible]


def test_the_walk_covers_the_newsroom_routes_that_name_objects():
    names = {name for name, _ in routes_with_ids()}
    assert {"claim-page", "citation-add", "claim-action-form", "verdict-start", "verdict-save"} <= names


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_every_route_naming_a_missing_object_is_the_sites_404(client, journalist, editor, role):
    people = {"journalist": journalist, "editor": editor}
    client.force_login(people[role])
    client.raise_request_exception = False  # a 500 is an answer to report, not an exception
    before = (AuditEvent.objects.count(), Claim.objects.count(), Verdict.objects.count(), Citation.objects.count())
    wrong, checked = [], 0
    for name, args in routes_with_ids():
        for url in urls_for(name, args):
            answers = {}
            for method in ("get", "post"):
                for body in bodies(people) if method == "post" else [{}]:
                    for htmx in ({}, {"HTTP_HX_REQUEST": "true"}):
                        response = getattr(client, method)(url, body, **htmx)
                        checked += 1
                        answers.setdefault(method, set()).add(response.status_code)
                        if response.status_code == 404 and "There is nothing at this address" not in (
                            response.content.decode()
                        ):
                            wrong.append(f"{method.upper()} {url}: a 404 that is not the site's page")
            # Each method answers 404, or 405 when the route does not take it (checked first).
            if any(codes - {404, 405} or len(codes) > 1 for codes in answers.values()):
                wrong.append(f"{url}: {answers}")
            elif {404} not in answers.values():
                wrong.append(f"{url}: no method found it missing: {answers}")
    assert wrong == [], "\n".join(wrong)
    after = (AuditEvent.objects.count(), Claim.objects.count(), Verdict.objects.count(), Citation.objects.count())
    assert after == before
    assert checked > 200
