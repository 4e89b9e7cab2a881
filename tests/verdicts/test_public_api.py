"""The public face: published verdicts over the API, as ClaimReview, and on their page."""

import io
from datetime import timedelta

import extruct
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from claims.services import citation_create, claim_transition, claim_update, claimant_create
from factcheck.errors import InvalidInput
from tests.conftest import capture, count_queries, publish_correction
from verdicts.models import Verdict
from verdicts.services import verdict_create, verdict_transition

pytestmark = pytest.mark.django_db

REQUIRED = {"@context", "@type", "url", "claimReviewed", "author", "datePublished", "reviewRating", "itemReviewed"}


def listed_ids(client, query=""):
    response = client.get(f"/api/v1/verdicts/{query}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.mark.parametrize("state", ["draft", "submitted", "changes_requested", "approved", "superseded"])
def test_only_published_verdicts_are_visible(client, verdict_in, state):
    hidden = verdict_in(state)
    shown = Verdict.objects.get(claim=hidden.claim, status="published") if state == "superseded" else None
    assert hidden.pk not in listed_ids(client)
    assert client.get(f"/api/v1/verdicts/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v1/verdicts/{hidden.pk}/claimreview/").status_code == 404
    feed = client.get("/api/v1/claimreview/").json()["dataFeedElement"]
    assert all(not e["url"].endswith(f"/verdicts/{hidden.pk}/") for e in feed)
    page = client.get(reverse("verdict-public", args=[hidden.pk]))
    if state == "superseded":  # old versions stay readable, pointing to the correction
        assert page.status_code == 200 and f"/verdicts/{shown.pk}/" in page.content.decode()
        assert listed_ids(client) == [shown.pk]
    else:
        assert page.status_code == 404


def test_a_published_verdict_has_what_clients_need(client, verdict_in):
    verdict = verdict_in("published")
    body = client.get(f"/api/v1/verdicts/{verdict.pk}/").json()
    assert body["url"] == f"http://127.0.0.1:8000/verdicts/{verdict.pk}/"
    assert body["claim"]["claimant"] == {"name": "Oleksiy Reznikov", "kind": "person"}
    assert body["rating"] == {"slug": "false", "label": "False", "value": 1, "best": 7, "worst": 1}
    [source] = body["sources"]
    assert source["url"] == "https://example.org/evidence" and source["stance"] == "supports"
    assert len(source["sha256"]) == 64 and source["capture"].startswith("http://127.0.0.1:8000/captures/")
    assert body["corrections"] == [] and body["published"] == body["modified"]


def test_a_correction_shows_in_the_log_with_both_dates(client, verdict_in, editor, journalist):
    correction = publish_correction(verdict_in("published"), editor, note="We corrected the count.")
    body = client.get(f"/api/v1/verdicts/{correction.pk}/").json()
    assert [(c["version"], c["note"]) for c in body["corrections"]] == [(2, "We corrected the count.")]
    assert body["published"] < body["modified"]
    review = client.get(f"/api/v1/verdicts/{correction.pk}/claimreview/").json()
    assert "dateModified" in review


def test_filters(client, verdict_in):
    verdict = verdict_in("published")
    assert listed_ids(client, "?rating=false") == [verdict.pk]
    assert listed_ids(client, "?rating=true") == []
    assert listed_ids(client, "?claimant=oleksiy reznikov") == [verdict.pk]
    assert listed_ids(client, "?language=en&q=soldiers") == [verdict.pk]
    assert listed_ids(client, "?q=unicorns") == []
    assert listed_ids(client, "?q=wrong figure") == [verdict.pk]  # the summary's words, stemmed
    assert listed_ids(client, '?q="figure is wrong" -soldiers') == []  # web search syntax
    after = (timezone.now() + timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert listed_ids(client, f"?published_after={after}") == []
    response = client.get("/api/v1/verdicts/?rating=pants-on-fire")
    assert response.status_code == 400 and "rating" in response.json()["error"]["message"]
    assert client.get("/api/v1/verdicts/?published_after=yesterday").status_code == 400


def test_pages_follow_a_cursor_and_cap_the_page_size(client, verdict_in):
    ids = sorted((verdict_in("published").pk for _ in range(3)), reverse=True)
    first = client.get("/api/v1/verdicts/?page_size=2").json()
    second = client.get(first["next"]).json()
    assert [v["id"] for v in first["results"] + second["results"]] == ids
    assert len(client.get("/api/v1/verdicts/?page_size=5000").json()["results"]) == 3


def test_conditional_get(client, verdict_in):
    verdict = verdict_in("published")
    for url in (f"/api/v1/verdicts/{verdict.pk}/", "/api/v1/verdicts/"):
        first = client.get(url)
        assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
        assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_clients_over_their_rate_get_429_with_retry_after(client, verdict_in, settings):
    verdict_in("published")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "3/min"}}
    statuses = [client.get("/api/v1/verdicts/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/verdicts/")
    assert int(response["Retry-After"]) > 0 and response.json()["error"]["code"] == "throttled"


def test_list_queries_do_not_grow_with_verdicts(client, verdict_in, translation_in):
    def queries():
        return count_queries(client, "/api/v1/verdicts/?page_size=100", "/api/v1/claimreview/?page_size=100")

    for _ in range(3):
        translation_in("published", verdict=verdict_in("published"))
    few = queries()
    for number in range(27):
        verdict = verdict_in("published")
        if number % 2:
            translation_in("published", verdict=verdict)
    assert queries() == few


def test_claimreview_has_every_required_property(client, verdict_in):
    verdict = verdict_in("published")
    review = client.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()
    assert set(review) >= REQUIRED
    assert review["reviewRating"]["alternateName"] == "False" and review["reviewRating"]["ratingValue"] == 1
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Oleksiy Reznikov"}
    assert review["itemReviewed"]["inLanguage"] == verdict.claim.language == "en"


def test_the_demo_page_carries_claimreview_a_parser_can_read(client, db):
    call_command("load_demo", stdout=io.StringIO())
    verdict = Verdict.objects.get(status="published", claim__language="en")
    html = client.get(reverse("verdict-public", args=[verdict.pk])).content.decode()
    [review] = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    assert set(review) >= REQUIRED and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == verdict.claim.text
    item = review["itemReviewed"]
    assert item["author"]["name"] == "NV (New Voice of Ukraine)" and item["datePublished"] == "2021-12-31"
    assert item["appearance"][0]["url"].startswith("https://english.nv.ua/")
    assert item["appearance"][0]["archivedAt"].startswith("http://127.0.0.1:8000/captures/")


def test_a_verdict_whose_claimreview_would_be_invalid_is_not_published(make_claim, editor, journalist, settings):
    claim = make_claim(claimant=None)
    claim = claim_transition(
        claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk
    )
    capture("https://example.org/e")
    citation_create(actor=journalist, claim_id=claim.pk, url="https://example.org/e")
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", summary="No.")
    # Caught at submission: the claim cannot change once it is under review.
    with pytest.raises(InvalidInput, match="who made the claim"):
        verdict_transition(verdict_id=verdict.pk, action="submit", actor=journalist, expected_version=0)
    verdict.refresh_from_db()
    assert verdict.status == "draft"
    claimant = claimant_create(actor=journalist, name="A Minister")
    claim_update(claim_id=claim.pk, actor=journalist, expected_version=claim.lock_version, claimant=claimant)
    for action, actor in (("submit", journalist), ("approve", editor)):
        verdict = verdict_transition(
            verdict_id=verdict.pk, action=action, actor=actor, expected_version=verdict.lock_version
        )
    settings.PUBLISHER_NAME = " "
    with pytest.raises(InvalidInput, match="the publishing organisation"):
        verdict_transition(verdict_id=verdict.pk, action="publish", actor=editor, expected_version=verdict.lock_version)
    verdict.refresh_from_db()
    assert verdict.status == "approved"
    settings.PUBLISHER_NAME = "The Fact Desk"
    verdict = verdict_transition(
        verdict_id=verdict.pk, action="publish", actor=editor, expected_version=verdict.lock_version
    )
    assert verdict.status == "published"


def test_captures_relied_on_by_a_published_verdict_are_public(client, verdict_in):
    verdict = verdict_in("published")
    snapshot_id = verdict.pinned_evidence[0]["snapshot"]
    assert client.get(reverse("capture-detail", args=[snapshot_id])).status_code == 200
    draft = verdict_in("draft")
    unpublished = draft.claim.citations.get().source.snapshots.latest("id")
    if not unpublished.public:
        assert client.get(reverse("capture-detail", args=[unpublished.pk])).status_code == 302


def test_the_schema_validates_and_the_docs_use_no_cdn(client, db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    docs = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in docs and "cdn" not in docs.lower()
    assert client.get("/api/schema/").status_code == 200
