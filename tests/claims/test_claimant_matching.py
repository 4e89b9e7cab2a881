"""A typed name is the known claimant it names, by name or alias, whatever the case and spacing,
everywhere a claimant is typed; one only like a known name is offered, not silently taken."""

import pytest

from claims.intake import article_keep
from claims.models import Claim, Claimant
from claims.selectors import claimant_resolve, claimants_resolve, claimants_suggested
from claims.services import claim_create, claimant_create, claimant_get_or_create
from factcheck.errors import InvalidInput
from tests.newsroom.test_claim_page import form_of


@pytest.fixture
def reznikov(journalist):
    return claimant_create(
        actor=journalist, name="Oleksiy Reznikov", aliases=["Reznikov", "Oleksii Reznikov", "The Defence Minister"]
    )


def test_a_known_alias_is_the_claimant_not_a_new_one(journalist, reznikov):
    for typed in ("Reznikov", "reznikov", "  REZNIKOV ", "oleksii   reznikov", "Oleksiy Reznikov", "oleksiy reznikov"):
        assert claimant_get_or_create(actor=journalist, name=typed) == reznikov, typed
    assert Claimant.objects.count() == 1
    other = claimant_get_or_create(actor=journalist, name="  Anna   Malyar ")
    assert other.name == "Anna Malyar" and Claimant.objects.count() == 2


def test_an_alias_of_two_claimants_is_refused_rather_than_guessed(journalist, reznikov):
    claimant_create(actor=journalist, name="Oleksiy Reznikov Jr.", aliases=["Reznikov"])
    assert claimant_resolve("Reznikov") is None
    with pytest.raises(InvalidInput, match="alias of"):
        claimant_get_or_create(actor=journalist, name="reznikov")
    assert claimant_resolve("oleksiy REZNIKOV") == reznikov  # a name beats an alias


def test_names_resolve_in_one_query(journalist, reznikov, django_assert_num_queries):
    putin = claimant_create(actor=journalist, name="Vladimir Putin")
    with django_assert_num_queries(1):
        found = claimants_resolve(["reznikov", "VLADIMIR PUTIN", "Putin", "nobody", ""])
    assert found == {"reznikov": reznikov, "VLADIMIR PUTIN": putin}


def test_suggestions_put_exact_names_and_aliases_first(journalist, reznikov):
    claimant_create(actor=journalist, name="Reznikova Institute", kind="organisation")
    assert [c.name for c in claimants_suggested(text="reznikov")] == ["Oleksiy Reznikov", "Reznikova Institute"]
    assert claimants_suggested(text="r") == []


def test_claims_kept_from_an_article_use_the_known_claimant_of_an_alias(journalist, reznikov):
    kept = article_keep(
        actor=journalist,
        proposals=[
            {"text": "About 100,000 soldiers were deployed near the border.", "claimant": "reznikov"},
            {"text": "The minister said more aid is coming.", "claimant": "OLEKSII REZNIKOV"},
            {"text": "Ammunition deliveries doubled in May.", "claimant": "the defence  minister"},
        ],
    )
    assert [claim.claimant for claim in kept] == [reznikov] * 3 and Claimant.objects.count() == 1


def test_the_new_claim_form_uses_the_alias_and_offers_a_partial_match(client, journalist, reznikov):
    client.force_login(journalist)
    client.post("/claims/new/", {"text": "About 100,000 soldiers were deployed.", "claimant_name": "reznikov"})
    assert Claim.objects.get().claimant == reznikov and Claimant.objects.count() == 1
    # "Oleksiy" alone is only like a known name: offered, and nothing is added yet.
    offered = client.post("/claims/new/", {"text": "A second claim of his.", "claimant_name": "Oleksiy"})
    assert offered.status_code == 200 and "Did you mean “Oleksiy Reznikov”?" in offered.content.decode()
    assert Claim.objects.count() == 1 and Claimant.objects.count() == 1
    client.post("/claims/new/", {"text": "A second claim of his.", "claimant_name": "Oleksiy", "new_claimant": "on"})
    assert Claimant.objects.filter(name="Oleksiy").exists() and Claim.objects.count() == 2
    # Suggestions while typing: a fragment of options for the form's datalist.
    options = client.get("/claims/claimants/", {"claimant_name": "rezn"})
    assert options.status_code == 200 and b'<option value="Oleksiy Reznikov">' in options.content
    assert b'list="claimant-suggestions"' in client.get("/claims/new/").content


def test_the_claim_edit_form_uses_the_known_claimant_of_an_alias(client, journalist, reznikov):
    claim = claim_create(actor=journalist, text="Ammunition deliveries doubled in May.")
    client.force_login(journalist)
    client.post(f"/claims/{claim.pk}/edit/", form_of(claim, claimant_name="the DEFENCE minister"))
    assert Claim.objects.get(pk=claim.pk).claimant == reznikov and Claimant.objects.count() == 1
