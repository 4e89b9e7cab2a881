"""Already checked? Claims that say the same thing, found through full text and trigrams."""

import pytest

from claims.selectors import claims_similar
from claims.services import claim_transition

pytestmark = pytest.mark.django_db

EXISTING = [
    "About 100,000 Russian soldiers were deployed near the Russian-Ukrainian border.",
    "The Kremlin has failed to back up its allegations with evidence.",
    "Unemployment in Germany fell to 5.1 percent in November.",
    "The new vaccine prevents 95 percent of severe cases, the trial found.",
    "Russia's central bank raised its key interest rate to 8.5 percent.",
]


@pytest.fixture
def existing(make_claim):
    return [make_claim(text=text) for text in EXISTING]


@pytest.mark.parametrize(
    ("reworded", "expected"),
    [
        ("Russia has deployed roughly 100,000 troops close to the border with Ukraine", 0),
        ("russian soldiers deployed near the ukrainian border: about 100000", 0),
        ("The Kremlin failed to back its allegations up with any evidence", 1),
        ("Unemployment in Germany has fallen to 5.1 percent in Novembre", 2),  # a typo too
        ("Trial finds new vaccine prevents 95% of severe cases", 3),
    ],
)
def test_a_reworded_claim_finds_the_original_first(existing, reworded, expected):
    found = claims_similar(text=reworded)
    assert found and found[0].pk == existing[expected].pk, [(c.text, c.similarity) for c in found]
    assert 0 < found[0].similarity <= 1


@pytest.mark.parametrize(
    "unrelated",
    [
        "The city council approved a new budget for public libraries.",
        "Heavy rain is expected across Scotland on Friday.",
        "Shares in the carmaker rose 4 percent after the earnings report.",
        "",
        "the of and",  # stop words only
    ],
)
def test_unrelated_text_finds_nothing(existing, unrelated):
    assert claims_similar(text=unrelated) == []


def test_a_claim_is_not_its_own_duplicate(existing):
    assert [c.pk for c in claims_similar(text=EXISTING[0], exclude_id=existing[0].pk)] == []


def test_hostile_text_is_only_text(existing):
    for text in ["'; DROP TABLE claims_claim; --", "a & b | !c <-> 'd' :* \\", "x" * 5000, "\u202e\u0000border"]:
        claims_similar(text=text.replace("\x00", ""))
    assert claims_similar(text="soldiers' border & deployed | 100,000")[0].pk == existing[0].pk


def test_the_api_suggests_claims_with_the_verdict_that_answers_them(client, journalist, editor, verdict_in, make_claim):
    published = verdict_in("published")
    checked = published.claim
    twin = make_claim(text=checked.text + " Really.")
    claim_transition(
        claim_id=twin.pk, action="mark_duplicate", actor=editor, expected_version=twin.lock_version,
        duplicate_of_id=checked.pk,
    )  # fmt: skip
    client.force_login(journalist)
    response = client.get("/api/v1/claims/similar/", {"text": checked.text})
    assert response.status_code == 200, response.content
    by_id = {item["id"]: item for item in response.json()}
    assert set(by_id) == {checked.pk, twin.pk}
    for item in by_id.values():  # the duplicate reuses the original's verdict
        assert item["verdict"]["id"] == published.pk and item["verdict"]["rating_label"] == "False"
        assert item["verdict"]["url"].endswith(f"/verdicts/{published.pk}/")
    assert by_id[twin.pk]["duplicate_of"] == checked.pk
    from_claim = client.get(f"/api/v1/claims/{twin.pk}/similar/").json()
    assert [item["id"] for item in from_claim] == [checked.pk]


def test_the_api_refuses_what_it_cannot_answer(client, journalist):
    assert client.get("/api/v1/claims/similar/", {"text": "x"}).status_code == 401  # anonymous
    client.force_login(journalist)
    assert client.get("/api/v1/claims/similar/").status_code == 400
    assert client.get("/api/v1/claims/similar/", {"text": "x", "limit": 1000}).status_code == 400
    assert client.get("/api/v1/claims/999999/similar/").status_code == 404


def test_words_in_many_claims_do_not_narrow_the_search(existing, make_claim):
    from django.db import connection

    from claims import selectors

    for number in range(60):
        make_claim(text=f"The Kremlin said talks number {number} with officials went well.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    selectors._statistics.clear()
    try:
        groups = selectors._word_groups({"kremlin", "fail", "back", "alleg", "evid"})
        assert groups and all("kremlin" not in group for group in groups)
        assert claims_similar(text="The Kremlin failed to back its allegations up with any evidence")[0].pk == (
            existing[1].pk
        )
    finally:
        selectors._statistics.clear()
