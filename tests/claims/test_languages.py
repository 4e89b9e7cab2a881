"""A claim's language: a registered BCP 47 tag in its usual case, read off the claim's text when
none is given, through every way in (services, the newsroom, the API, the admin)."""

import pytest
from django.core.exceptions import ValidationError

from claims.languages import detect_language, language_tag
from claims.models import Claim
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed,kept",
    [("en", "en"), ("pt-br", "pt-BR"), ("EN_us", "en-US"), ("sr-latn", "sr-Latn"), ("uk", "uk"), ("und", "und")],
)
def test_a_tag_is_kept_in_its_usual_case(typed, kept):
    assert language_tag(typed) == kept


@pytest.mark.parametrize("typed", ["", "xx", "zz-ZZ", "english", "English!", "en--us", "a" * 40, "en\x00"])
def test_what_is_no_language_is_refused_with_an_example(typed):
    with pytest.raises(ValidationError, match="BCP 47"):
        language_tag(typed)


@pytest.mark.parametrize(
    "text,language",
    [
        ("Unemployment fell to 4.2 percent in March, the statistics office said.", "en"),
        ("Безробіття в Україні впало до 4,2% у березні, повідомила статистична служба.", "uk"),
        ("Безработица упала до 4,2% в марте, сообщила статистическая служба.", "ru"),
        ("El desempleo bajó al 4,2 % en marzo, según la oficina de estadística.", "es"),
        ("Le chômage a baissé à 4,2 % en mars, selon l'office de la statistique.", "fr"),
    ],
)
def test_the_language_is_read_off_the_text(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["OK", "123 456 789", "4.2%", "!!!", ""])
def test_a_text_too_short_to_tell_gets_no_guess(text):
    assert detect_language(text) is None


def test_a_claim_created_without_a_language_gets_its_texts(make_claim):
    assert make_claim(text="Уряд виділив 2 мільярди гривень на ремонт шкіл у 2026 році.").language == "uk"
    assert make_claim(text="The government set aside 2 billion for school repairs in 2026.").language == "en"
    assert make_claim(text="2026: 2 000 000 000").language == "en"  # nothing to read: the default
    assert make_claim(text="Уряд виділив 2 мільярди гривень.", language="pt-br").language == "pt-BR"  # given wins


def test_the_api_detects_normalises_and_refuses(client, journalist):
    assert client.login(username=journalist.username, password=PASSWORD)

    def post(**body):
        return client.post("/api/v1/claims/", body, content_type="application/json")

    made = post(text="El gobierno destinó 2.000 millones a reparar escuelas en 2026.")
    assert made.status_code == 201 and made.json()["language"] == "es"
    assert post(text="The government set aside 2 billion.", language="EN_gb").json()["language"] == "en-GB"
    refused = post(text="The government set aside 2 billion.", language="klingon")
    assert refused.status_code == 400 and "BCP 47" in refused.content.decode()
    assert Claim.objects.count() == 2


def test_the_claim_page_takes_a_tag_in_any_case_and_refuses_a_non_language(client, journalist, make_claim):
    claim = make_claim()
    client.force_login(journalist)

    def edit(language):
        form = {
            "text": claim.text,
            "language": language,
            "expected_version": Claim.objects.get(pk=claim.pk).lock_version,
        }
        return client.post(f"/claims/{claim.pk}/edit/", form, follow=True)

    edit("UK")
    assert Claim.objects.get(pk=claim.pk).language == "uk"
    refused = edit("xx")
    assert "BCP 47" in refused.content.decode() and Claim.objects.get(pk=claim.pk).language == "uk"


def test_an_edit_keeps_the_tag_in_its_usual_case(editor, make_claim):
    from claims.services import claim_update

    claim = make_claim()
    claim_update(claim_id=claim.pk, actor=editor, expected_version=claim.lock_version, language="PT-br")
    assert Claim.objects.get(pk=claim.pk).language == "pt-BR"


def queue_texts(client, **params) -> list[str]:
    from claims.selectors import claims_for_staff

    return sorted(c.text for c in claims_for_staff(params=params))


def test_each_claim_is_searched_as_its_own_language_stems(make_claim, client):
    make_claim(text="El desempleo bajó al 4,2 % en marzo, según la oficina de estadística.")
    make_claim(text="Unemployment fell to 4.2 percent in March, the statistics office said.")
    make_claim(text="Безробіття впало до 4,2% у березні, повідомила статистична служба.")
    make_claim(text="Bezrobocie spadło do 4,2% w marcu, podał urząd statystyczny.")  # Polish: no stemmer
    # "bajaron" meets "bajó" only through Spanish stemming (English stems leave both as they are)
    assert queue_texts(client, q="bajaron") == ["El desempleo bajó al 4,2 % en marzo, según la oficina de estadística."]
    assert queue_texts(client, q="offices") == [
        "Unemployment fell to 4.2 percent in March, the statistics office said."
    ]
    assert queue_texts(client, q="березні") == ["Безробіття впало до 4,2% у березні, повідомила статистична служба."]
    # word for word, accents aside, where PostgreSQL has no stemmer for the language
    assert queue_texts(client, q="spadlo") == ["Bezrobocie spadło do 4,2% w marcu, podał urząd statystyczny."]
    assert queue_texts(client, q="urzad statystyczny") == [
        "Bezrobocie spadło do 4,2% w marcu, podał urząd statystyczny."
    ]


def test_the_newsroom_search_finds_a_claim_in_its_language(make_claim):
    from verdicts.search import search_everything

    claim = make_claim(text="El gobierno destinó 2.000 millones a reparar las escuelas públicas.")
    assert [hit.claim_id for hit in search_everything(q="reparaciones", kinds=("claim",))] == [claim.pk]


def test_similar_claims_are_found_in_the_language_they_are_written_in(make_claim):
    from claims.selectors import claims_similar

    claim = make_claim(text="Уряд виділив два мільярди гривень на ремонт шкіл у Києві.")
    make_claim(text="The government set aside two billion for school repairs in Kyiv.")
    found = claims_similar(text="Уряд виділив два мільярди гривень на ремонт шкіл")
    assert [c.pk for c in found] == [claim.pk]


def test_a_published_verdict_is_searched_in_its_claims_language(client, verdict_in):
    spanish = verdict_in("published", text="El desempleo bajó al 4,2 % en marzo.", language="es")
    english = verdict_in("published", text="Unemployment is falling: 4.2 percent in March.")
    polish = verdict_in("published", text="Bezrobocie spadło do 4,2% w marcu.", language="pl")
    draft = verdict_in("draft", text="Unemployment falls again in April.")  # not pinned yet: English

    def found(q: str) -> list[int]:
        api = [item["id"] for item in client.get("/api/v1/verdicts/", {"q": q}).json()["results"]]
        page = client.get("/verdicts/", {"q": q})
        assert page.status_code == 200
        listed = [v for v in (spanish, english, polish) if f"/verdicts/{v.pk}/" in page.content.decode()]
        assert sorted(api) == sorted(v.pk for v in listed), q  # the API and the readers' index agree
        return sorted(api)

    assert found("bajaron") == [spanish.pk]  # Spanish stems: "bajaron" meets "bajó"
    assert found("falls") == [english.pk]  # English stems, for English verdicts
    assert found("spadlo") == [polish.pk]  # word for word, accents aside
    from verdicts.search import search_everything

    assert sorted(hit.id for hit in search_everything(q="fall", kinds=("verdict",))) == [english.pk, draft.pk]


def test_the_upgrade_leaves_a_claim_under_review_as_it_was_approved(verdict_in, editor, make_claim):
    """Languages stored before tags were checked are rewritten once in their usual case, but not on
    a claim under review: its language is part of what was approved, and the verdict could no
    longer be published."""
    import importlib

    from django.apps import apps

    from tests.conftest import step

    upgrade = importlib.import_module("claims.migrations.0010_language_tag").tags_in_their_usual_case
    draft = verdict_in("draft")
    Claim.objects.filter(pk=draft.claim_id).update(language="EN")  # as the API once took it
    idle = make_claim(text="Another claim.")
    Claim.objects.filter(pk=idle.pk).update(language="EN")
    approved = step(step(draft, "submit", draft.author), "approve", editor)
    upgrade(apps, None)
    assert Claim.objects.get(pk=approved.claim_id).language == "EN"
    assert Claim.objects.get(pk=idle.pk).language == "en"
    assert step(approved, "publish", editor).status == "published"


def test_a_verdict_pinned_with_a_tag_in_another_case_is_still_searched_and_filtered(client, verdict_in):
    """Copies pinned before tags were checked may say "EN" or "pt_br": they are never rewritten
    (they are what was published), and were searched word for word and missed by the filter."""
    from verdicts.models import Verdict

    english = verdict_in("published", text="Soldiers were deployed near the border.")
    brazilian = verdict_in("published", text="Os soldados foram enviados para a fronteira.", language="pt")
    Verdict.objects.filter(pk=english.pk).update(pinned_claim={**english.pinned_claim, "language": "EN"})
    Verdict.objects.filter(pk=brazilian.pk).update(pinned_claim={**brazilian.pinned_claim, "language": "pt_br"})

    def api(**params):
        return [item["id"] for item in client.get("/api/v1/verdicts/", params).json()["results"]]

    assert api(q="soldier") == [english.pk]  # English stems: "soldier" meets "Soldiers"
    assert api(q="enviado") == [brazilian.pk]  # Portuguese stems: "enviado" meets "enviados"
    assert api(language="en") == [english.pk]
    assert f"/verdicts/{english.pk}/" in client.get("/verdicts/", {"language": "en"}).content.decode()
