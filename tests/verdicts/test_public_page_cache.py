"""The public list pages are kept in the shared cache, and retired by any change they could show."""

import pytest

from claims.services import claimant_rename
from tests.conftest import count_queries, publish_correction
from verdicts.services import verdict_create, verdict_update

pytestmark = pytest.mark.django_db

LIST, FEED = "/api/v1/verdicts/?page_size=100", "/api/v1/claimreview/?page_size=100"


def listed(client, url=LIST):
    return client.get(url).json()


def test_a_page_asked_again_is_answered_without_the_database(client, verdict_in):
    verdict_in("published")
    first = client.get(LIST)
    assert count_queries(client, LIST, FEED) > 0  # the feed is kept apart from the list
    assert count_queries(client, LIST, FEED) == 0
    again = client.get(LIST)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
    assert client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_without_a_shared_cache_every_request_reads_the_database(client, verdict_in, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    verdict_in("published")
    assert count_queries(client, LIST) == count_queries(client, LIST) > 0


def test_a_new_publication_shows_at_once(client, verdict_in):
    before = verdict_in("published")
    assert [v["id"] for v in listed(client)["results"]] == [before.pk]
    assert len(listed(client, FEED)["dataFeedElement"]) == 1
    after = verdict_in("published")
    assert [v["id"] for v in listed(client)["results"]] == [after.pk, before.pk]
    assert len(listed(client, FEED)["dataFeedElement"]) == 2


def test_a_correction_replaces_the_old_version_at_once(client, verdict_in, editor):
    old = verdict_in("published")
    listed(client)
    new = publish_correction(old, editor, note="We fixed a figure.")
    [item] = listed(client)["results"]
    assert item["id"] == new.pk and item["corrections"][0]["note"] == "We fixed a figure."


def test_a_renamed_claimant_changes_no_published_page(client, verdict_in, editor, settings):
    verdict = verdict_in("published")
    assert listed(client)["results"][0]["claim"]["claimant"]["name"] == "Oleksiy Reznikov"
    claimant_rename(claimant_id=verdict.claim.claimant_id, actor=editor, name="Oleksii Reznikov")
    assert count_queries(client, LIST) == 0  # nothing public changed: the kept page stands
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    assert listed(client)["results"][0]["claim"]["claimant"]["name"] == "Oleksiy Reznikov"


def test_work_on_drafts_keeps_the_pages(client, verdict_in, journalist, checking_claim):
    verdict_in("published")
    listed(client)
    draft = verdict_create(actor=journalist, claim_id=checking_claim(assignee=journalist).pk, rating="false")
    verdict_update(verdict_id=draft.pk, actor=journalist, expected_version=draft.lock_version, headline="Still wrong")
    # Claims are shown only through the copies pinned on published verdicts: a new one changes nothing.
    assert count_queries(client, LIST) == 0
    verdict_update(verdict_id=draft.pk, actor=journalist, expected_version=draft.lock_version + 1, summary="Drafting")
    assert count_queries(client, LIST) == 0


def test_a_page_read_before_the_commit_is_not_kept_after_it(client, verdict_in, django_capture_on_commit_callbacks):
    verdict_in("published")
    with django_capture_on_commit_callbacks(execute=True):
        later = verdict_in("published")
        # Another reader, before the commit, could only see the old rows; whatever it kept then
        # must not be served once the change is committed.
        assert count_queries(client, LIST) > 0
    assert count_queries(client, LIST) > 0
    assert listed(client)["results"][0]["id"] == later.pk


def test_each_host_keeps_its_own_links(client, verdict_in, settings):
    settings.ALLOWED_HOSTS = ["testserver", "api.example.org"]
    for _ in range(3):
        verdict_in("published")
    local = client.get("/api/v1/verdicts/?page_size=1").json()["next"]
    other = client.get("/api/v1/verdicts/?page_size=1", HTTP_HOST="api.example.org").json()["next"]
    assert local.startswith("http://testserver/") and other.startswith("http://api.example.org/")
