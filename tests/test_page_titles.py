"""Every page's <title> (the browser tab, bookmarks, history) is plain text: no markup, no template
syntax, no script, no empty part.

The routes are read from the URL configuration, as the permission matrix does, and each page is
opened by every role that can see it, with real objects made through the services; the admin's
main pages (its index, and each model's list, add and change pages) are opened by an admin."""

import re

import lxml.html
import pytest
from django.urls import reverse

from claims.models import ExtractionJob
from factcheck.models import Notification
from sources.models import Snapshot
from tests.conftest import UserFactory, capture
from tests.routes import admin_pages
from tests.test_permission_matrix import routes, urls_for

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "journalist", "editor", "admin"]
NOT_OURS = {"capture-raw"}  # the archived page itself: the captured site's document, sandboxed
SEPARATORS = re.compile(r"\s*[·|—]\s*")
LEFTOVERS = re.compile(r"<|>|\{%|%\}|\{\{|\}\}|\bscript\b|\.js\b|/static/|\bNone\b", re.IGNORECASE)


@pytest.fixture
def world(verdict_in, translation_in, journalist, editor, admin_user):
    published = verdict_in("published", tags=["ukraine"])
    return {
        "translation": translation_in("published", verdict=published),
        "published": published,
        "draft": verdict_in("draft"),
        "public": Snapshot.objects.get(pk=published.pinned_evidence[0]["snapshot"]),
        "private": capture("https://example.org/private-notes", "Notes"),
        "people": {"journalist": journalist, "editor": editor, "admin": admin_user},
        "job": ExtractionJob.objects.create(owner=journalist, status="done", proposals=[]),
        "note": Notification.objects.filter(recipient=journalist).order_by("pk").first(),
    }


def title_problems(html: str) -> list[str]:
    """What is wrong with a document's title, if anything."""
    doc = lxml.html.document_fromstring(html)
    titles = doc.xpath("/html/head/title")
    if len(titles) != 1:
        return [f"{len(titles)} <title> elements in the head"]
    title = titles[0]
    text = title.text_content()
    problems = []
    if len(title):
        problems.append(f"markup inside the title: {[child.tag for child in title]}")
    if not text.strip():
        problems.append("an empty title")
    problems += [f"{leftover!r} in the title" for leftover in LEFTOVERS.findall(text)]
    if any(not part.strip() for part in SEPARATORS.split(text.strip())):
        problems.append("an empty part between separators")
    return [f"{problem}: {text!r}" for problem in problems]


def is_document(response) -> bool:
    if not response.get("Content-Type", "").startswith("text/html") or getattr(response, "streaming", False):
        return False
    head = response.content[:500].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def open_as(client, role, world, url):
    client.logout()
    if role != "anonymous":
        client.force_login(world["people"][role])
    return client.get(url)


def test_every_page_has_a_plain_text_title(client, world):
    wrong, checked, pages = [], 0, set()
    for name, pattern, _ in routes():
        if name in NOT_OURS or name is None:
            continue
        for _, url in urls_for(name, pattern, world):
            for role in ROLES:
                response = open_as(client, role, world, url)
                if not is_document(response):
                    continue  # JSON, a redirect to sign in, an htmx fragment, a download
                checked += 1
                if response.status_code == 200:
                    pages.add(name)
                wrong += [f"{role} GET {url} ({response.status_code}): {p}" for p in title_problems(response.content)]
    # The site's own error pages: not found, and a signed-in person without a role.
    for role in ROLES:
        response = open_as(client, role, world, "/no-such-page/")
        assert response.status_code == 404 and is_document(response)
        wrong += [f"{role} 404 page: {p}" for p in title_problems(response.content)]
    client.force_login(UserFactory(username="nobody"))
    forbidden = client.get(reverse("queue"))
    assert forbidden.status_code == 403 and is_document(forbidden)
    wrong += [f"403 page: {p}" for p in title_problems(forbidden.content)]

    assert wrong == [], "\n".join(wrong)
    # Every page of the newsroom, the public site and the capture viewer was among them.
    assert {"queue", "claim-page", "verdict-page", "claim-new", "intake-article", "dashboard", "notifications",
            "login", "password_change", "password_change_done", "verdict-public", "capture-detail",
            "api-docs", "verdict-index", "public-claimant", "public-topic", "public-corrections",
            "methodology"} <= pages, pages  # fmt: skip
    assert checked > 40


def test_the_admins_main_pages_have_plain_text_titles(client, world):
    client.force_login(world["people"]["admin"])
    urls = admin_pages(world["people"]["admin"])
    wrong = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and is_document(response), url
        wrong += [f"GET {url}: {p}" for p in title_problems(response.content)]
    assert wrong == [], "\n".join(wrong)
    assert len(urls) > 20


@pytest.mark.parametrize(
    "title",
    [
        'Claim #5<script src="/static/newsroom/claim.js" defer></script>\n · Fact-check workbench',
        "{{ claim.pk }} · Fact-check workbench",
        "Capture #5 |  · Fact-check workbench",
        " · Fact-check workbench",
        "",
    ],
)
def test_the_check_itself_catches_broken_titles(title):
    assert title_problems(f"<!doctype html><html><head><title>{title}</title></head><body></body></html>")
