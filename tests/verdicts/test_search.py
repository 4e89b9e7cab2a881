"""Search across claims, verdicts and captured text: ranked, with safe highlighted snippets."""

import pytest
from django.contrib.auth.models import Permission

from claims.services import citation_create
from tests.conftest import UserFactory, capture, fresh
from verdicts.search import search_everything

pytestmark = pytest.mark.django_db

CLAIMS = [
    "About 100,000 Russian soldiers were deployed near the Russian-Ukrainian border.",
    "Russia has been massing troops at the border since late October.",
    "Unemployment in Germany fell to 5.1 percent in November.",
    "The new vaccine prevents 95 percent of severe cases, the trial found.",
    "Russia's central bank raised its key interest rate to 8.5 percent.",
    "Inflation in the euro area rose to 4.9 percent, a record.",
    "The Kremlin has failed to back up its allegations with evidence.",
    "Measles cases doubled in February compared with January.",
]


@pytest.fixture
def newsroom(make_claim):
    return [make_claim(text=text) for text in CLAIMS]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("soldiers deployed border", 0),
        ("troops massing", 1),
        ("unemployment in Germany", 2),
        ("vaccine severe cases", 3),
        ('"interest rate"', 4),
        ("euro inflation record", 5),
        ("measles", 7),
    ],
)
def test_search_ranks_the_right_claim_first(newsroom, q, expected):
    hits = search_everything(q=q, kinds=("claim",))
    assert hits and hits[0].id == newsroom[expected].pk, [(h.title, h.rank) for h in hits]


def test_words_are_marked_in_snippets(newsroom):
    hit = search_everything(q="measles February", kinds=("claim",))[0]
    assert "<mark>Measles</mark>" in hit.snippet_html and "<mark>February</mark>" in hit.snippet_html
    assert "<mark>" not in hit.snippet


def test_verdicts_in_every_state_and_captured_text_are_searched(verdict_in, journalist):
    draft = verdict_in("draft")
    draft.explanation = "Satellite imagery from Maxar shows field hospitals."
    draft.save(update_fields=["explanation"])
    snapshot = capture(
        "https://example.org/imagery", "Images show field hospitals <script>alert(1)</script> near Yelnya."
    )
    citation_create(actor=journalist, claim_id=draft.claim_id, url="https://example.org/imagery", stance="supports")
    hits = search_everything(q="field hospitals")
    kinds = {hit.kind: hit for hit in hits}
    assert kinds["verdict"].id == draft.pk and kinds["verdict"].claim_id == draft.claim_id
    assert kinds["capture"].id == snapshot.pk and kinds["capture"].url == "https://example.org/imagery"
    assert "<script>" not in kinds["capture"].snippet_html
    assert search_everything(q="field hospitals", may_see_captures=False)[0].kind == "verdict"


def test_a_page_carrying_our_own_marks_cannot_inject_tags(journalist):
    capture("https://example.org/odd", "A page about \ue000 the harbour \ue001\ue001 and ships.")
    hit = search_everything(q="harbour", kinds=("capture",))[0]
    assert hit.snippet_html.count("<mark>") == hit.snippet_html.count("</mark>")
    assert "<" not in hit.snippet_html.replace("<mark>", "").replace("</mark>", "")


def test_several_captures_of_one_page_are_one_hit(journalist):
    from sources.capture import snapshot_record_file
    from sources.models import Source

    first = capture("https://example.org/page", "The harbour flooded on Monday.")
    snapshot_record_file(
        source=Source.objects.get(pk=first.source_id),
        payload=b"<html><body><article><p>The harbour flooded again on Monday.</p></article></body></html>",
        content_type="text/html",
    )
    assert len(search_everything(q="harbour flooded", kinds=("capture",))) == 1


def test_empty_and_hostile_queries_are_only_text(newsroom):
    assert search_everything(q="   ") == []
    for q in ["'; DROP TABLE claims_claim; --", "a & b | !c <-> :*", "\\", '"unclosed', "-", "or", "x" * 600]:
        assert isinstance(search_everything(q=q), list)


def test_asking_only_for_captures_one_may_not_see_finds_nothing(journalist):
    capture("https://example.org/dues", "Harbour dues doubled.")
    assert [hit.kind for hit in search_everything(q="harbour", kinds=("capture",))] == ["capture"]
    assert search_everything(q="harbour", kinds=("capture",), may_see_captures=False) == []


def test_the_api_searches_for_staff_only(client, journalist, newsroom):
    assert client.get("/api/v1/search/", {"q": "measles"}).status_code == 401
    client.force_login(journalist)
    response = client.get("/api/v1/search/", {"q": "measles"})
    assert response.status_code == 200
    first = response.json()[0]
    assert (first["type"], first["id"], first["claim"]) == ("claim", newsroom[7].pk, newsroom[7].pk)
    assert client.get("/api/v1/search/").status_code == 400
    assert client.get("/api/v1/search/", {"q": "x", "limit": 51}).status_code == 400
    assert client.get("/api/v1/search/", {"q": "x", "type": "nonsense"}).status_code == 400
    only_verdicts = client.get("/api/v1/search/", {"q": "measles", "type": "verdict"}).json()
    assert only_verdicts == []


def test_the_claim_list_q_finds_claims_by_their_verdicts_and_cited_captures(client, verdict_in, journalist, newsroom):
    verdict = verdict_in("draft")
    verdict.explanation = "Satellite imagery shows field hospitals."
    verdict.save(update_fields=["explanation"])
    capture("https://example.org/rail", "Trains carried tanks towards Belgorod.")
    citation_create(actor=journalist, claim_id=newsroom[1].pk, url="https://example.org/rail", stance="supports")
    client.force_login(journalist)

    def found(q):
        return {item["id"] for item in client.get("/api/v1/claims/", {"q": q}).json()["results"]}

    assert found("hospitals") == {verdict.claim_id}
    assert found("Belgorod tanks") == {newsroom[1].pk}
    assert found("measles") == {newsroom[7].pk}
    assert found("nothing-like-this") == set()


def test_the_planner_keeps_count_of_ten_times_more_words_of_each_search_vector():
    """So that it tells a rare name from a common word, and asks the text index for the rare one."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, a.attstattarget FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            " WHERE a.attname = 'search' AND c.relname = ANY(%s)",
            [["claims_claim", "verdicts_verdict", "verdicts_verdicttranslation", "sources_snapshot"]],
        )
        targets = dict(cursor.fetchall())
    assert targets == dict.fromkeys(
        ["claims_claim", "verdicts_verdict", "verdicts_verdicttranslation", "sources_snapshot"], 1000
    )


def test_words_of_captured_pages_find_claims_only_for_those_who_may_see_captures(client, journalist, newsroom):
    capture("https://example.org/ledger", "A ledger shows zanzibarsecret payments.")
    citation_create(actor=journalist, claim_id=newsroom[2].pk, url="https://example.org/ledger", stance="supports")
    reader = UserFactory(username="reader")
    reader.user_permissions.add(*Permission.objects.filter(codename__in=["view_claim", "view_verdict"]))
    reader = fresh(reader)
    assert not reader.has_perm("sources.view_snapshot")
    for user, expected in ((journalist, {newsroom[2].pk}), (reader, set())):
        client.force_login(user)
        listed = {item["id"] for item in client.get("/api/v1/claims/", {"q": "zanzibarsecret"}).json()["results"]}
        assert listed == expected


def test_a_page_cited_by_many_claims_lists_a_bounded_number_of_them(client, journalist, make_claim, monkeypatch):
    monkeypatch.setattr("verdicts.search.MATCHES_OF_EACH_KIND", 2)
    capture("https://example.org/statistics", "The statistics office counts harbour arrivals.")
    citing = [make_claim(text=f"Claim {n} cites the office.") for n in range(5)]
    for claim in citing:
        citation_create(actor=journalist, claim_id=claim.pk, url="https://example.org/statistics", stance="supports")
    client.force_login(journalist)
    page = client.get("/", {"view": "all", "q": "arrivals"})
    assert [claim.pk for claim in page.context["rows"]] == [citing[4].pk, citing[3].pk]  # the newest citations
    assert page.context["total"].more and "More than 2 claims" in page.content.decode()


@pytest.mark.parametrize("q", ["-(" * 40 + "harbour", "-!" * 40 + "x", "- & " * 40 + "y", "-<" * 50])
def test_a_long_run_of_negations_between_other_marks_is_one(client, journalist, newsroom, q):
    assert isinstance(search_everything(q=q), list)
    client.force_login(journalist)
    assert client.get("/", {"view": "all", "q": q}).status_code == 200
    assert client.get("/api/v1/claims/", {"q": q}).status_code == 200
    assert client.get("/claims/similar/", {"pick": "1", "text": q}).status_code == 200


def test_a_nul_typed_into_the_original_picker_is_no_error(client, journalist, newsroom):
    client.force_login(journalist)
    assert client.get("/claims/similar/", {"pick": "1", "text": "harbour\x00fees"}).status_code == 200
    assert client.get("/claims/similar/", {"text": "three words \x00 here"}).status_code == 200
