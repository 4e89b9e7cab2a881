"""What readers see of translations: the Ukrainian page reads the published Ukrainian text (said
to be translated, linking the original), other pages the original, with `lang` on the text;
ClaimReview's languages and links; the API's fields; lists, feeds and search; kept pages retired."""

import json

import pytest

from tests.conftest import TRANSLATED, count_queries, publish_correction, translation_step
from tests.verdicts.test_public_site import listed, page

SITE = "http://testserver"


def claim_review(doc) -> dict:
    [script] = doc.xpath("//script[@type='application/ld+json']/text()")
    return json.loads(script)


def text_of(doc) -> tuple[str, str, str]:
    [block] = doc.xpath("//div[@class='verdict-text']")
    return block.get("lang"), block.xpath("string(h1)"), block.xpath("string(p/strong)")


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE


def test_the_ukrainian_page_reads_the_translation_and_links_the_original(client, translation_in, site):
    translation = translation_in("published")
    verdict = translation.verdict
    doc = page(client, f"/uk/verdicts/{verdict.pk}/")
    assert text_of(doc) == ("uk", TRANSLATED["headline"], TRANSLATED["summary"])
    assert doc.xpath("string(//div[@class='explanation']//strong)") == "переглянули"
    [line] = doc.xpath("//p[contains(@class, 'translated')]")
    assert line.text_content().split() == ["Переклад.", "Мова", "оригіналу:", "англійська.", "Читати", "оригінал"]
    assert line.xpath("a/@href") == [f"{SITE}/verdicts/{verdict.pk}/"]
    review = claim_review(doc)
    assert (review["inLanguage"], review["name"]) == ("uk", "Цифру вигадано")
    assert review["url"] == f"{SITE}/uk/verdicts/{verdict.pk}/"
    assert review["translationOfWork"] == {
        "@type": "ClaimReview", "url": f"{SITE}/verdicts/{verdict.pk}/", "inLanguage": "en",
    }  # fmt: skip
    assert review["reviewRating"]["ratingValue"] == 1  # the verdict's rating: "false"
    assert review["itemReviewed"]["inLanguage"] == "en"


def test_the_original_and_an_untranslated_language_show_the_original_and_list_the_translations(
    client, translation_in, site
):
    verdict = translation_in("published").verdict
    for prefix in ("", "/es"):
        doc = page(client, f"{prefix}/verdicts/{verdict.pk}/")
        assert text_of(doc) == ("en", "No", "The figure is wrong.")
        assert not doc.xpath("//p[contains(@class, 'translated')]")
        review = claim_review(doc)
        assert (review["inLanguage"], review["name"]) == ("en", "No")
        assert review["workTranslation"] == [
            {"@type": "ClaimReview", "url": f"{SITE}/uk/verdicts/{verdict.pk}/", "inLanguage": "uk"}
        ]
        assert "translationOfWork" not in review


@pytest.mark.parametrize("state", ["draft", "submitted", "changes_requested", "approved", "withdrawn"])
def test_an_unpublished_translation_is_nowhere_public(client, translation_in, state):
    verdict = translation_in(state).verdict
    assert text_of(page(client, f"/uk/verdicts/{verdict.pk}/")) == ("en", "No", "The figure is wrong.")
    assert "Цифру вигадано" not in page(client, "/uk/verdicts/").text_content()
    assert client.get(f"/api/v1/verdicts/{verdict.pk}/").json()["translations"] == []
    assert "workTranslation" not in claim_review(page(client, f"/verdicts/{verdict.pk}/"))
    assert listed(client, "/uk/verdicts/?q=хибна") == []


def test_the_api_gives_the_language_and_the_published_translations(client, translation_in, site):
    translation = translation_in("published")
    verdict = translation.verdict
    data = client.get(f"/api/v1/verdicts/{verdict.pk}/").json()
    assert (data["language"], data["headline"]) == ("en", "No")
    assert data["translations"] == [
        {
            "language": "uk", **TRANSLATED, "correction_note": "", "url": f"{SITE}/uk/verdicts/{verdict.pk}/",
            "published_at": translation.published_at.isoformat().replace("+00:00", "Z"),
        }
    ]  # fmt: skip
    [listed_one] = client.get("/api/v1/verdicts/").json()["results"]
    assert listed_one["translations"] == data["translations"]
    review = client.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()
    assert review["inLanguage"] == "en" and review["workTranslation"][0]["inLanguage"] == "uk"


def test_lists_feeds_and_search_read_the_translation_in_its_language(client, translation_in, verdict_in):
    translated = translation_in("published").verdict
    other = verdict_in("published")
    doc = page(client, "/uk/verdicts/")
    links = {a.get("href"): (a.get("lang"), a.text_content()) for a in doc.xpath("//ul[@class='verdicts']//p/a")}
    assert links[f"/uk/verdicts/{translated.pk}/"] == ("uk", "Цифру вигадано")
    assert links[f"/uk/verdicts/{other.pk}/"] == ("en", "No")
    assert page(client, "/verdicts/").xpath("//ul[@class='verdicts']//p/a/@lang") == ["en", "en"]
    feed = client.get("/uk/feeds/verdicts.atom").content.decode()
    assert "Неправда: Цифру вигадано" in feed and "Цифра хибна." in feed
    assert "Цифру вигадано" not in client.get("/feeds/verdicts.atom").content.decode()
    assert listed(client, "/uk/verdicts/?q=хибна") == [translated.pk]  # the translation's words
    assert listed(client, "/uk/verdicts/?q=ПЕРЕГЛЯНУЛИ") == [translated.pk]
    assert client.get("/api/v1/verdicts/?q=хибна").json()["results"][0]["id"] == translated.pk


def test_a_verdict_written_in_ukrainian_reads_in_english_once_translated(client, verdict_in, translation_in, site):
    verdict = verdict_in("published", language="uk", text="Близько 100 000 військових стояли біля кордону.")
    english = {"headline": "Wrong", "summary": "The figure is off.", "explanation": "See the sources."}
    translation_in("published", verdict=verdict, language="en", text=english)
    assert text_of(page(client, f"/verdicts/{verdict.pk}/")) == ("en", "Wrong", "The figure is off.")
    doc = page(client, f"/uk/verdicts/{verdict.pk}/")
    assert text_of(doc) == ("uk", "No", "The figure is wrong.")  # as written (in the test's words)
    assert claim_review(doc)["workTranslation"][0]["url"] == f"{SITE}/verdicts/{verdict.pk}/"


def test_publishing_and_superseding_a_translation_retire_the_kept_pages(client, translation_in, editor, journalist):
    translation = translation_in("approved")
    verdict = translation.verdict
    kept = [f"/uk/verdicts/{verdict.pk}/", "/uk/verdicts/", "/uk/feeds/verdicts.atom"]
    kept.append("/api/v1/verdicts/")
    for url in kept:
        client.get(url)
    assert count_queries(client, *kept) == 0
    translation_step(translation, "publish", editor)
    assert text_of(page(client, kept[0]))[1] == "Цифру вигадано"
    assert "Цифру вигадано" in page(client, "/uk/verdicts/").text_content()
    assert client.get("/api/v1/verdicts/").json()["results"][0]["translations"][0]["language"] == "uk"
    for url in kept:
        client.get(url)
    correction = publish_correction(verdict, editor)
    translation.refresh_from_db()
    assert translation.status == "superseded"
    assert text_of(page(client, f"/uk/verdicts/{verdict.pk}/"))[1] == "Цифру вигадано"  # the old version stays readable
    assert text_of(page(client, f"/uk/verdicts/{correction.pk}/"))[0] == "en"  # not yet translated again


CORRECTED_UK = {
    "headline": "Цифру виправлено",
    "summary": "Цифра хибна.",
    "explanation": "Дані оновили.",
    "correction_note": "Ми виправили цифру за новим звітом.",
}


def test_a_corrections_translation_says_its_note_in_its_language(client, translation_in, editor, journalist):
    from factcheck.errors import InvalidInput
    from verdicts.translations.services import translation_start, translation_update

    verdict = translation_in("published").verdict
    correction = publish_correction(verdict, editor, note="We corrected the figure.")
    started = translation_start(actor=journalist, verdict_id=correction.pk, language="uk")
    assert started.based_on is not None and started.headline == TRANSLATED["headline"]
    assert started.correction_note == ""  # a note is written anew for each correction
    with pytest.raises(InvalidInput, match="needs a public correction note before it can go to review"):
        translation_step(started, "submit", journalist)
    translated = translation_update(
        translation_id=started.pk, actor=journalist, expected_version=started.lock_version, **CORRECTED_UK
    )
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        translated = translation_step(translated, action, actor, "" if action == "submit" else "Checked.")
    note = CORRECTED_UK["correction_note"]
    corrections = page(client, "/uk/corrections/").text_content()
    assert "Цифру виправлено" in corrections and note in corrections and "We corrected the figure." not in corrections
    english = page(client, "/corrections/").text_content()
    assert note not in english and "We corrected the figure." in english
    feed = client.get("/uk/feeds/corrections.atom").content.decode()
    assert "Цифру виправлено" in feed and note in feed and "We corrected the figure." not in feed
    translated_page = page(client, f"/uk/verdicts/{correction.pk}/").text_content()  # its log of corrections
    assert note in translated_page and "We corrected the figure." not in translated_page
    assert "We corrected the figure." in page(client, f"/verdicts/{correction.pk}/").text_content()


def test_a_corrections_note_changed_after_submission_is_not_approved(translation_in, editor, journalist):
    from factcheck.errors import Conflict
    from verdicts.models import VerdictTranslation
    from verdicts.translations.services import translation_start, translation_update

    verdict = translation_in("published").verdict
    correction = publish_correction(verdict, editor)
    started = translation_start(actor=journalist, verdict_id=correction.pk, language="uk")
    submitted = translation_step(
        translation_update(
            translation_id=started.pk, actor=journalist, expected_version=started.lock_version, **CORRECTED_UK
        ),
        "submit",
        journalist,
    )
    # After the check at submission, before approval: the note is changed behind the workflow's back.
    VerdictTranslation.objects.filter(pk=submitted.pk).update(correction_note="Something else.")
    with pytest.raises(Conflict, match="its text has changed since it was submitted"):
        translation_step(submitted, "approve", editor, "Checked.")


def test_a_translation_with_control_characters_still_reads_in_its_feeds(client, translation_in, editor, journalist):
    """Text pasted from elsewhere may carry characters XML 1.0 has no place for (a vertical tab, an
    escape): the feeds leave them out instead of failing for every reader of that language."""
    import lxml.etree

    from verdicts.translations.services import translation_start, translation_update

    pasted = {"headline": "Цифру\x0bвигадано", "summary": "Цифра\x1b хибна.", "explanation": "Див.\x0c джерела."}
    verdict = translation_in("published", text=pasted).verdict
    correction = publish_correction(verdict, editor, note="We corrected\x08 the figure.")
    started = translation_start(actor=journalist, verdict_id=correction.pk, language="uk")
    note = {**pasted, "correction_note": "Ми\x01 виправили цифру."}
    translated = translation_update(
        translation_id=started.pk, actor=journalist, expected_version=started.lock_version, **note
    )
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        translated = translation_step(translated, action, actor, "Checked.")
    for url in ("/uk/feeds/verdicts.atom", "/uk/feeds/corrections.atom", "/feeds/corrections.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        text = "".join(lxml.etree.fromstring(response.content).itertext())
        assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text), url
    verdicts_feed = client.get("/uk/feeds/verdicts.atom").content.decode()
    assert "Цифру вигадано" in verdicts_feed and "Цифра хибна." in verdicts_feed
    assert "Ми виправили цифру." in client.get("/uk/feeds/corrections.atom").content.decode()
    assert "We corrected the figure." in client.get("/feeds/corrections.atom").content.decode()


def test_a_translation_of_a_verdict_that_corrects_nothing_takes_no_correction_note(translation_in, journalist):
    from factcheck.errors import InvalidInput
    from verdicts.translations.services import translation_update

    draft = translation_in("draft")
    with pytest.raises(InvalidInput, match="Only the translation of a correction has a correction note"):
        translation_update(
            translation_id=draft.pk, actor=journalist, expected_version=draft.lock_version, correction_note="Fixed."
        )
    draft.refresh_from_db()
    assert draft.correction_note == "" and draft.lock_version == 1
