"""The API's list pages are written by the database (verdicts.public_json); a verdict's own page and
the schema by the serializer (VerdictOutput, verdict_json). Both must give the same bytes for every
kind of verdict, under every filter, so that they cannot drift apart."""

from datetime import date
from urllib.parse import quote

import orjson
import pytest
from django.http import QueryDict

from tests.conftest import publish_correction, translation_step
from verdicts.api import VerdictOutput
from verdicts.models import Verdict, VerdictTranslation
from verdicts.selectors import verdict_public, verdicts_published
from verdicts.services import verdict_create, verdict_transition

pytestmark = pytest.mark.django_db

ODD_TEXT = 'Quotes " and \\ backslashes, a tab\tand a new line\n, \x01\x1f control, \u2028 «ёлка» 💥 עברית'


@pytest.fixture
def published(checking_claim, journalist, editor):
    """A verdict with this claim and text, published through the services."""

    def make(rating="false", headline="No", summary="The figure is wrong.", explanation="", **claim_fields):
        claim = checking_claim(**claim_fields)
        verdict = verdict_create(
            actor=journalist, claim_id=claim.pk, rating=rating, headline=headline, summary=summary,
            explanation=explanation,
        )  # fmt: skip
        for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
            verdict = verdict_transition(
                verdict_id=verdict.pk, action=action, actor=actor, expected_version=verdict.lock_version
            )
        return verdict

    return make


@pytest.fixture
def varied(published, translation_in, editor):
    """Published verdicts of every kind the list shows."""
    plain = published()
    odd = published(
        rating="mostly_false", headline=f"Headline {ODD_TEXT}", summary=ODD_TEXT, explanation=f"**Why**\n\n{ODD_TEXT}",
        text=f"Claim {ODD_TEXT}", language="uk", tags=["війна", "economy", 'a "tag"'], medium="TV interview",
        said_on=date(2021, 12, 3), said_on_precision="month",
    )  # fmt: skip
    english = {"headline": "Made up", "summary": "No.", "explanation": f"Translated {ODD_TEXT}"}
    translation_in("published", verdict=odd, language="en", text=english)
    spanish = {"headline": "Inventado", "summary": "No.", "explanation": "Cifra *falsa*."}
    translation_in("published", verdict=odd, language="es", text=spanish)
    yearly = published(rating="true", said_on=date(2020, 1, 1), said_on_precision="year", tags=[])
    daily = published(rating="half_true", said_on=date(2021, 2, 28), said_on_precision="day", language="es")
    # A translation replaced by a newer one into the same language: the newer is shown.
    replaced = published(rating="misleading")
    translation_in("published", verdict=replaced, language="uk")
    newer = translation_in(
        "approved", verdict=replaced, language="uk", text={"headline": "Новіше", "summary": "Так.", "explanation": "."}
    )
    translation_step(newer, "publish", editor)
    # Corrected once, with a translation of the correction; and corrected twice.
    once = publish_correction(published(rating="unsupported"), editor, note=f"We fixed it: {ODD_TEXT}")
    fixed = {"headline": "Corregido", "summary": "No.", "explanation": ".", "correction_note": "Lo corregimos."}
    translation_in("published", verdict=once, language="es", text=fixed)
    twice = publish_correction(published(), editor, note="First fix.")
    twice = publish_correction(twice, editor, note="Second fix.")
    # Copies pinned before publishing asked for a claimant, or with fields left out.
    bare = published(rating="mostly_true")
    Verdict.objects.filter(pk=bare.pk).update(
        pinned_claim={"id": bare.claim_id, "text": "Said by someone.", "claimant": None, "tags": None},
        pinned_claimant_keys=[],
    )
    # A publication time of whole seconds (isoformat leaves out the microseconds).
    Verdict.objects.filter(pk=daily.pk).update(published_at=daily.published_at.replace(microsecond=0))
    translated = VerdictTranslation.objects.get(verdict=odd, language="es")
    VerdictTranslation.objects.filter(pk=translated.pk).update(
        published_at=translated.published_at.replace(microsecond=0)
    )
    return {"plain": plain, "odd": odd, "yearly": yearly, "daily": daily, "replaced": replaced, "once": once,
            "twice": twice, "bare": bare}  # fmt: skip


def serialized(ids) -> list[dict]:
    """What the serializer says of these verdicts, one at a time."""
    return [VerdictOutput(verdict_public(verdict_id=pk)).data for pk in ids]


def test_every_kind_of_verdict_reads_the_same_both_ways(client, varied, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    response = client.get("/api/v1/verdicts/?page_size=100")
    assert response.status_code == 200
    page = orjson.loads(response.content)
    ids = [item["id"] for item in page["results"]]
    assert sorted(ids) == sorted(v.pk for v in varied.values())
    expected = {"next": None, "previous": None, "results": serialized(ids)}
    assert response.content == orjson.dumps(expected)
    by_id = {item["id"]: item for item in page["results"]}
    # The data does hold what the comparison is about.
    odd = by_id[varied["odd"].pk]
    assert [t["language"] for t in odd["translations"]] == ["en", "es"]
    assert odd["translations"][0]["url"].endswith(f"/verdicts/{varied['odd'].pk}/")
    assert odd["translations"][1]["url"].endswith(f"/es/verdicts/{varied['odd'].pk}/")
    assert odd["claim"]["said_on"] == "2021-12" and odd["summary"] == ODD_TEXT
    assert by_id[varied["yearly"].pk]["claim"]["said_on"] == "2020"
    assert "." not in by_id[varied["daily"].pk]["modified"] and "." not in odd["translations"][1]["published_at"]
    assert [t["headline"] for t in by_id[varied["replaced"].pk]["translations"]] == ["Новіше"]
    assert [c["note"] for c in by_id[varied["twice"].pk]["corrections"]] == ["First fix.", "Second fix."]
    # A correction's translation carries its own note, an uncorrected one an empty note.
    assert [t["correction_note"] for t in by_id[varied["once"].pk]["translations"]] == ["Lo corregimos."]
    assert [t["correction_note"] for t in odd["translations"]] == ["", ""]
    assert by_id[varied["twice"].pk]["published"] < by_id[varied["twice"].pk]["modified"]
    assert by_id[varied["bare"].pk]["claim"]["claimant"] is None and by_id[varied["bare"].pk]["claim"]["tags"] == []


FILTERS = [
    "rating=false",
    "rating=false&rating=mostly_false",
    "claimant=OLEKSIY REZNIKOV",
    "tag=війна",
    "tag=economy",
    "language=uk",
    "language=EN",
    "q=soldiers",
    "q=Inventado",
    '"figure is wrong" -soldiers',
    "modified_since={now}",
    "published_after={earlier}",
    "published_before={later}",
    "rating=half_true&language=es",
]


def test_each_filter_lists_what_the_filterset_selects_and_reads_the_same(client, varied, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    stamps = sorted(v.published_at for v in Verdict.objects.filter(status="published"))
    moments = {"now": stamps[len(stamps) // 2], "earlier": stamps[2], "later": stamps[-3]}
    for query in FILTERS:
        query = query.format(**{name: quote(moment.isoformat()) for name, moment in moments.items()})
        if query.startswith('"'):
            query = "q=" + quote(query)
        wanted = list(
            verdicts_published(params=QueryDict(query)).order_by("-published_at", "-id").values_list("id", flat=True)
        )
        assert 0 < len(wanted) < len(varied), query  # each filter keeps some verdicts and drops others
        response = client.get(f"/api/v1/verdicts/?page_size=100&{query}")
        assert response.status_code == 200, response.content
        page = orjson.loads(response.content)
        assert [item["id"] for item in page["results"]] == wanted, query
        expected = {"next": None, "previous": None, "results": serialized(wanted)}
        assert response.content == orjson.dumps(expected), query


def test_pages_by_cursor_read_the_same_both_ways(client, varied, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    url, seen = "/api/v1/verdicts/?page_size=3", []
    while url:
        response = client.get(url)
        page = orjson.loads(response.content)
        ids = [item["id"] for item in page["results"]]
        expected = {"next": page["next"], "previous": page["previous"], "results": serialized(ids)}
        assert response.content == orjson.dumps(expected)
        seen += ids
        url = page["next"]
    assert len(seen) == len(set(seen)) == len(varied)
    back = orjson.loads(client.get(page["previous"]).content)
    assert [item["id"] for item in back["results"]] == seen[-len(back["results"]) - len(ids) : -len(ids)]


def test_refusals_are_the_filtersets_and_the_paginators(client, varied):
    rating = client.get("/api/v1/verdicts/?rating=pants-on-fire")
    assert rating.status_code == 400
    assert rating.json()["error"] == {
        "code": "InvalidInput",
        "message": "rating: Select a valid choice. pants-on-fire is not one of the available choices.",
    }
    date_refused = client.get("/api/v1/verdicts/?published_after=yesterday")
    assert date_refused.status_code == 400 and date_refused.json()["error"]["message"].startswith("published_after:")
    cursor = client.get("/api/v1/verdicts/?cursor=bm9wZQ")
    assert cursor.status_code == 400
    assert cursor.json()["error"]["message"] == "The cursor is not valid; start again from the first page."


def test_the_list_answers_with_the_same_headers(client, varied):
    first = client.get("/api/v1/verdicts/")
    kept = client.get("/api/v1/verdicts/")
    for response in (first, kept):
        assert response["Content-Type"] == "application/json"
        assert response["Cache-Control"] == "public, max-age=60"
        assert response["ETag"] == first["ETag"] and response["Last-Modified"] == first["Last-Modified"]
        assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert kept.content == first.content
