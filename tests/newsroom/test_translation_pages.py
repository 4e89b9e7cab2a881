"""Translating in the newsroom: "Translate into …" on a published verdict, the translation page
(the original beside the draft, autosave, actions, history), the admin's read-only panel, and the
same refusals everywhere."""

import re

import pytest
from django.urls import reverse

from factcheck.models import AuditEvent
from tests.conftest import TRANSLATED, publish_correction
from verdicts.models import VerdictTranslation

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def offered(client, verdict) -> list[str]:
    page = client.get(reverse("verdict-page", args=[verdict.pk])).content.decode()
    return [code for code in ("en", "uk", "es") if f'data-translate="{code}"' in page]


def test_a_journalist_translates_a_published_verdict_and_an_editor_publishes_it(client, verdict_in, journalist, editor):
    verdict = verdict_in("published")
    client.force_login(journalist)
    assert offered(client, verdict) == ["uk", "es"]
    started = client.post(reverse("translation-start", args=[verdict.pk]), {"language": "uk"})
    translation = VerdictTranslation.objects.get(verdict=verdict)
    assert started.url == f"/translations/{translation.pk}/"
    page = client.get(started.url).content.decode()
    assert 'id="verdict-form"' in page and 'lang="en"' in page and "The figure is wrong." in page
    assert f'href="/uk/verdicts/{verdict.pk}/"' not in page and f'href="/verdicts/{verdict.pk}/"' not in page
    assert offered(client, verdict) == ["es"]
    saved = client.post(
        reverse("translation-save", args=[translation.pk]),
        {**TRANSLATED, "expected_version": 0},
        HTTP_HX_REQUEST="true",
    )
    assert "(revision 1)" in saved.content.decode() and "<strong>переглянули</strong>" in saved.content.decode()
    stale = client.post(
        reverse("translation-save", args=[translation.pk]),
        {**TRANSLATED, "expected_version": 0},
        HTTP_HX_REQUEST="true",
    )
    assert f'href="/translations/{translation.pk}/"' in stale.content.decode()  # reload, someone saved after you
    client.post(reverse("translation-action", args=[translation.pk, "submit"]), {"expected_version": 1})
    refused = client.post(
        reverse("translation-action", args=[translation.pk, "approve"]), {"expected_version": 2}, follow=True
    )
    assert messages_of(refused)[-1] == "You do not have permission to approve."
    client.force_login(editor)
    page = client.get(f"/translations/{translation.pk}/").content.decode()
    assert (
        'data-action="approve"' in page and 'data-action="request_changes"' in page and 'id="verdict-form"' not in page
    )
    client.post(reverse("translation-action", args=[translation.pk, "approve"]), {"expected_version": 2})
    done = client.post(
        reverse("translation-action", args=[translation.pk, "publish"]), {"expected_version": 3}, follow=True
    )
    assert messages_of(done) == ["Approve: done.", "Publish: done."]
    page = done.content.decode()
    assert f'href="/uk/verdicts/{verdict.pk}/"' in page and "ed published the translation." in page
    assert "Цифру вигадано" in client.get(f"/uk/verdicts/{verdict.pk}/").content.decode()


def test_the_translator_approving_their_own_is_refused_on_the_page_the_admin_and_the_database(
    client, translation_in, editor, other_editor
):
    translation = translation_in("submitted", translator=editor, reviewer=other_editor)
    reason = "You cannot review your own translation: another editor must."
    client.force_login(editor)
    page = client.post(
        reverse("translation-action", args=[translation.pk, "approve"]), {"expected_version": 2}, follow=True
    )
    assert messages_of(page) == [reason]
    admin_url = reverse("admin:verdicts_verdicttranslation_change", args=[translation.pk])
    admin = client.get(admin_url)
    assert admin.status_code == 200 and [a["action"] for a in admin.context["workflow_actions"]] == ["withdraw"]
    transition_url = reverse("admin:verdicts_verdicttranslation_transition", args=[translation.pk, "approve"])
    posted = client.post(transition_url, {"expected_version": 2}, follow=True)
    assert messages_of(posted) == [reason]
    assert VerdictTranslation.objects.get(pk=translation.pk).status == "submitted"
    assert not AuditEvent.objects.filter(action="translation.approve").exists()
    client.force_login(other_editor)
    admin = client.get(admin_url)
    assert {a["action"] for a in admin.context["workflow_actions"]} == {"approve", "request_changes", "withdraw"}
    client.post(transition_url, {"expected_version": 2})
    assert VerdictTranslation.objects.get(pk=translation.pk).status == "approved"


def test_after_a_correction_the_newsroom_offers_to_start_from_the_old_translation(
    client, translation_in, editor, journalist
):
    translation = translation_in("published")
    correction = publish_correction(translation.verdict, editor)
    client.force_login(journalist)
    page = client.get(reverse("verdict-page", args=[correction.pk])).content.decode()
    assert f"Starts from the text of translation #{translation.pk}." in page
    client.post(reverse("translation-start", args=[correction.pk]), {"language": "uk"})
    again = VerdictTranslation.objects.get(verdict=correction)
    assert (again.based_on_id, again.headline) == (translation.pk, TRANSLATED["headline"])
    old = client.get(f"/translations/{translation.pk}/").content.decode()
    assert "Superseded by a correction" in old


def test_bad_requests_get_messages_not_errors(client, verdict_in, translation_in, journalist, other_journalist):
    draft = verdict_in("draft")
    client.force_login(journalist)
    for verdict, language, message in (
        (draft, "uk", "Only the published version of a verdict is translated; verdict v1 is draft."),
        (verdict_in("published"), "de", "The readers' site is not published in “de”: translate into one of uk, es."),
        (verdict_in("published"), "", "Say which language to translate into."),
    ):
        response = client.post(reverse("translation-start", args=[verdict.pk]), {"language": language}, follow=True)
        assert response.status_code == 200 and messages_of(response) == [message]
    assert not VerdictTranslation.objects.exists()
    assert client.get("/translations/999999/").status_code == 404
    assert client.post("/translations/999999/actions/submit/").status_code == 404
    translation = translation_in("draft")
    client.force_login(other_journalist)
    page = client.get(f"/translations/{translation.pk}/").content.decode()
    assert 'id="verdict-form"' not in page
    response = client.post(
        reverse("translation-save", args=[translation.pk]),
        {**TRANSLATED, "summary": "x", "expected_version": 1},
        follow=True,
    )
    assert messages_of(response) == ["Only the translator can edit this translation."]


def test_translations_waiting_for_review_are_in_the_reviewers_queue(client, translation_in, editor, journalist):
    translation = translation_in("submitted")
    client.force_login(editor)
    page = client.get("/?view=review")
    table = r'<table class="responsive" id="translations-waiting">(.*?)</table>'
    waiting = re.search(table, page.content.decode(), re.S)
    assert waiting and f'href="/translations/{translation.pk}/"' in waiting.group(1)
    assert journalist.get_username() in waiting.group(1)
    tab = next(tab for tab in page.context["tabs"] if tab["key"] == "review")
    assert tab["count"].n == 1  # the translation; no verdict waits
    client.force_login(journalist)  # its translator, who does not review
    assert "translations-waiting" not in client.get("/").content.decode()


@pytest.mark.parametrize("state", ["draft", "published"])
def test_the_queue_finds_a_claim_by_the_words_of_its_verdicts_translation(client, translation_in, editor, state):
    translation = translation_in(state, text={"headline": "Вигадана цифра", "summary": "Цифри переглянули.",
                                              "explanation": "Міністерство оприлюднило звіт."})  # fmt: skip
    verdict = translation.verdict
    client.force_login(editor)
    # A word only the translation has (Ukrainian is searched word for word: PostgreSQL has no stemmer).
    page = client.get(reverse("queue"), {"view": "all", "q": "звіт"})
    assert [claim.pk for claim in page.context["rows"]] == [verdict.claim_id]
    hits = [(hit.kind, hit.id) for hit in page.context["hits"]]
    assert hits == [("verdict", verdict.pk)]
    assert "<mark>звіт</mark>" in page.content.decode() and "Вигадана цифра" in page.content.decode()


def test_a_corrections_translation_page_asks_for_the_note_beside_the_originals(client, translation_in, editor):
    draft = translation_in("draft", translator=editor)  # of a verdict that corrects nothing
    client.force_login(editor)
    plain = client.get(f"/translations/{draft.pk}/").content.decode()
    assert 'id="id_headline"' in plain and 'id="id_correction_note"' not in plain
    correction = publish_correction(translation_in("published").verdict, editor, note="We corrected the figure.")
    client.post(reverse("translation-start", args=[correction.pk]), {"language": "uk"})
    translation = VerdictTranslation.objects.get(verdict=correction, language="uk")
    page = client.get(f"/translations/{translation.pk}/").content.decode()
    assert 'id="id_correction_note"' in page and "We corrected the figure." in page
    client.post(
        reverse("translation-save", args=[translation.pk]),
        {**TRANSLATED, "correction_note": "Цифру виправлено.", "expected_version": translation.lock_version},
    )
    translation.refresh_from_db()
    assert translation.correction_note == "Цифру виправлено."


def test_the_admin_shows_the_correction_note_a_reviewer_approves(client, translation_in, editor, journalist):
    """The note is part of what is frozen and approved: the admin's reviewer reads it beside the text."""
    correction = publish_correction(translation_in("published").verdict, editor)
    client.force_login(journalist)
    client.post(reverse("translation-start", args=[correction.pk]), {"language": "uk"})
    translation = VerdictTranslation.objects.get(verdict=correction, language="uk")
    client.post(
        reverse("translation-save", args=[translation.pk]),
        {**TRANSLATED, "correction_note": "Цифру виправлено за новим звітом.", "expected_version": 0},
    )
    client.post(reverse("translation-action", args=[translation.pk, "submit"]), {"expected_version": 1})
    client.force_login(editor)
    admin = client.get(reverse("admin:verdicts_verdicttranslation_change", args=[translation.pk]))
    assert admin.status_code == 200 and "approve" in {a["action"] for a in admin.context["workflow_actions"]}
    assert "Цифру виправлено за новим звітом." in admin.content.decode()


@pytest.mark.parametrize(
    "language, refusals",
    [
        ("uk", [
            "Перекладають лише опубліковану версію вердикту; вердикт v1 має статус «чернетка».",
            "Укажіть код мови, наприклад «en», «uk» чи «pt-BR» (BCP 47).",
        ]),
        ("es", [
            "Solo se traduce la versión publicada de un veredicto; el veredicto v1 está en estado «borrador».",
            "Indique un código de idioma como «en», «uk» o «pt-BR» (BCP 47).",
        ]),
    ],
)  # fmt: skip
def test_refusals_to_start_a_translation_are_in_the_persons_language(
    client, verdict_in, journalist, language, refusals
):
    from newsroom.languages import language_choose

    language_choose(user=journalist, language=language)
    client.force_login(journalist)
    said = []
    for verdict, into in ((verdict_in("draft"), "uk"), (verdict_in("published"), "klingon-x")):
        response = client.post(reverse("translation-start", args=[verdict.pk]), {"language": into}, follow=True)
        said += messages_of(response)
    assert said == refusals
    assert not VerdictTranslation.objects.exists()
