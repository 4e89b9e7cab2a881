"""A newsroom editor who chose Ukrainian or Spanish works through the newsroom's pages without
meeting English: neither a string of the catalogs nor any words the same page shows in English,
once what the newsroom wrote (claims, verdicts, names, notes, captured pages) is taken out."""

import re

import pytest
from django.test import Client

from claims.notes import note_create
from newsroom.languages import language_choose
from tests.conftest import capture
from tests.verdicts.test_public_languages import english_fragments, text_nodes, visible_text

pytestmark = pytest.mark.django_db

# What the newsroom itself wrote in these tests, and names: not the site's to translate.
WRITTEN = [
    "About 100,000 soldiers were deployed near the border.", "Oleksiy Reznikov", "The figure is wrong.",
    "A captured page about the claim.", "Prices rose by 40% last year.", "Fact-check workbench", "border",
    "example.org", "https://example.org/evidence", "https://example.org/prices", "Check the source, @jo.",
    "Found the primary source", "Because.", "English", "Українська", "Español",
]  # fmt: skip


def site_words(node: str) -> bool:
    """Whether a text node still holds English of the site's own once the newsroom's writing is out
    (a search hit shows a piece of a claim between its highlighted words)."""
    if any(node.strip(" …") in written for written in WRITTEN):
        return False
    for written in sorted(WRITTEN, key=len, reverse=True):
        node = node.replace(written, " ")
    node = re.sub(r"\b(jo|ed|jim|eve|ada)\b", " ", node)  # the people's user names
    return bool(re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", node))


@pytest.fixture
def newsroom(verdict_in, make_claim, journalist, editor):
    """A newsroom with work in every state: a claim in intake, one being checked with a note,
    a verdict waiting for the editor's review, a published one; and notifications for the editor."""
    review = verdict_in("submitted", tags=["border"])
    published = verdict_in("published", url="https://example.org/prices", text="Prices rose by 40% last year.")
    make_claim(priority=1)
    note_create(actor=editor, claim_id=review.claim_id, text="Check the source, @jo.")
    snapshot = capture("https://example.org/evidence")
    return {"review": review, "published": published, "capture": snapshot}


def pages(newsroom) -> list[str]:
    review, published = newsroom["review"], newsroom["published"]
    return [
        "/", "/?view=intake", "/?view=review", "/?view=published", "/?view=all",
        "/?view=all&status=new&priority=1&due=overdue&sort=priority",
        "/?view=all&rating=nonsense&since=not-a-date", "/?view=all&q=soldiers",
        f"/claims/{review.claim_id}/", f"/claims/{published.claim_id}/",
        f"/verdicts/{review.pk}/edit/", f"/verdicts/{published.pk}/edit/",
        "/dashboard/", "/notifications/", "/claims/new/", "/intake/article/", "/casefiles/", "/password/",
        "/claims/999999/", f"/captures/{newsroom['capture'].pk}/",
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["uk", "es"])
def test_an_editor_meets_no_english_on_the_newsrooms_pages(client, newsroom, editor, language):
    english = english_fragments(language)
    assert len(english) > 300  # the newsroom's strings are in the catalogs
    client.force_login(editor)
    for path in pages(newsroom):
        language_choose(user=editor, language="en")
        in_english = client.get(path)
        language_choose(user=editor, language=language)
        response = client.get(path)
        assert response.status_code == in_english.status_code and response.status_code in (200, 404), path
        assert f'<html lang="{language}">' in response.content.decode(), path
        left = sorted(fragment for fragment in english if fragment in visible_text(response.content))
        assert not left, f"{path}: {left}"
        own_words = {node for node in text_nodes(in_english.content) if site_words(node)}
        unmarked = sorted(own_words & set(text_nodes(response.content)))
        assert not unmarked, f"{path}: {unmarked}"


@pytest.mark.parametrize("language", ["uk", "es"])
def test_sign_in_and_refusals_are_in_the_chosen_language(journalist, language):
    english = english_fragments(language)
    browser = Client(HTTP_ACCEPT_LANGUAGE=language)
    sign_in = browser.get("/login/")
    assert f'<html lang="{language}">' in sign_in.content.decode()
    assert not [f for f in english if f in visible_text(sign_in.content)]
    browser.force_login(journalist)
    language_choose(user=journalist, language=language)
    refused = browser.get("/casefiles/")  # a journalist may not export case files
    assert refused.status_code == 403 and f'<html lang="{language}">' in refused.content.decode()
    assert not [f for f in english if f in visible_text(refused.content)]
    assert {"Not allowed", "Back to the queue"}.isdisjoint(text_nodes(refused.content))
