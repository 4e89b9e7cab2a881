"""Each person's language in the newsroom: chosen from the header's menu, saved for them and
followed on every newsroom page and in later sessions; the browser's language before they choose;
the readers' pages keep their address's language and the API stays English."""

import pytest
from django.test import Client

from claims.services import claim_transition
from factcheck.models import Notification
from newsroom.languages import language_choose
from newsroom.models import Preferences
from tests.conftest import PASSWORD, step, translation_step
from verdicts.notifications import notifications_send_emails

pytestmark = pytest.mark.django_db


def choose(client, language: str, next_page: str = "/") -> object:
    return client.post("/language/", {"language": language, "next": next_page})


def test_the_choice_is_saved_and_followed_on_every_page_and_in_later_sessions(client, journalist):
    client.force_login(journalist)
    assert '<html lang="en">' in client.get("/").content.decode()
    answer = choose(client, "uk", "/dashboard/?x=1")
    assert answer.status_code == 302 and answer["Location"] == "/dashboard/?x=1"
    assert Preferences.objects.get(user=journalist).language == "uk"
    assert "Редакція тепер працює українською." in client.get("/dashboard/?x=1").content.decode()
    for path in ["/", "/dashboard/", "/notifications/", "/claims/new/", "/password/"]:
        page = client.get(path).content.decode()
        assert '<html lang="uk">' in page and "Черга" in page, path
    # Another browser, another day: the same person, the same language (whatever that browser asks).
    later = Client(HTTP_ACCEPT_LANGUAGE="es")
    later.post("/login/", {"username": journalist.username, "password": PASSWORD})
    assert '<html lang="uk">' in later.get("/").content.decode()
    choose(later, "es")
    assert '<html lang="es">' in later.get("/").content.decode()
    assert '<html lang="es">' in client.get("/").content.decode()  # the first browser follows


def test_before_choosing_the_browsers_language_is_used_if_the_site_has_it(client, journalist):
    client.force_login(journalist)
    assert '<html lang="es">' in client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9").content.decode()
    assert '<html lang="uk">' in client.get("/", HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="de,fr;q=0.8").content.decode()
    assert '<html lang="en">' in client.get("/").content.decode()
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="uk")
    assert '<html lang="uk">' in anonymous.get("/login/").content.decode()


def test_the_api_stays_english_and_the_readers_pages_keep_their_address(client, journalist, verdict_in, make_claim):
    verdict = verdict_in("published")
    client.force_login(journalist)
    choose(client, "uk")
    claim = make_claim()
    url = f"/api/v1/claims/{claim.pk}/actions/accept/"
    refused = client.post(url, {"expected_version": 0, "assignee": journalist.pk}, content_type="application/json")
    assert refused.json()["error"]["message"] == "You do not have permission to accept and assign."
    page = client.post(f"/claims/{claim.pk}/actions/accept/", {"expected_version": 0, "assignee": journalist.pk})
    assert "У вас немає дозволу прийняти й призначити." in client.get(page["Location"]).content.decode()
    assert client.get("/api/v1/verdicts/").headers.get("Content-Language", "en") == "en"
    missing = client.get("/api/v1/verdicts/999999/")
    assert missing.status_code == 404 and "Не знайдено" not in missing.content.decode()
    english = client.get(f"/verdicts/{verdict.pk}/").content.decode()
    assert '<html lang="en">' in english and "Fact-checks" in english
    assert '<html lang="es">' in client.get(f"/es/verdicts/{verdict.pk}/").content.decode()
    assert '<html lang="uk">' in client.get("/claims/999999/").content.decode()  # the newsroom's 404


def test_a_forged_language_or_a_foreign_return_address_is_refused_safely(client, journalist):
    client.force_login(journalist)
    for language in ["xx", "", "en-us<script>", "uk" * 50]:
        answer = choose(client, language, "/dashboard/")
        assert answer.status_code == 302 and answer["Location"] == "/dashboard/", language
        assert "There is no such language here." in client.get("/dashboard/").content.decode()
    assert not Preferences.objects.filter(user=journalist).exists()
    for target in ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""]:
        answer = choose(client, "es", target)
        assert answer.status_code == 302 and answer["Location"] == "/", target
    assert client.get("/language/").status_code == 405


def test_the_menu_needs_the_csrf_token(journalist):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(journalist)
    assert strict.post("/language/", {"language": "uk", "next": "/"}).status_code == 403
    page = strict.get("/").content.decode()
    assert 'action="/language/"' in page and 'value="uk" lang="uk"' in page and "Українська" in page


def test_a_person_signed_out_keeps_the_language_they_chose_on_the_sign_in_page(client, journalist):
    client.force_login(journalist)
    choose(client, "es")
    client.post("/logout/")
    assert '<html lang="es">' in client.get("/login/").content.decode()


def test_the_admin_shows_and_saves_a_persons_language(client, admin_user, journalist):
    client.force_login(admin_user)
    Preferences.objects.create(user=admin_user, language="es")
    page = client.get(f"/admin/auth/user/{journalist.pk}/change/")
    assert page.status_code == 200 and 'name="preferences-0-language"' in page.content.decode()
    assert '<html lang="es"' in page.content.decode()


def test_notifications_and_e_mails_are_written_in_each_persons_language(
    client, make_claim, editor, journalist, other_journalist, verdict_in, mailoutbox
):
    language_choose(user=journalist, language="uk")
    for person in (journalist, other_journalist):
        claim = make_claim()
        claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=person.pk)
    step(verdict_in("submitted"), "request_changes", editor, "Name the source.")
    assert notifications_send_emails() == Notification.objects.count()
    to = {
        message.to[0]: message
        for message in mailoutbox
        if "призначено" in message.subject or "assigned" in message.subject
    }
    ukrainian = to[journalist.email]
    assert ukrainian.subject.startswith("[Fact-check] Вам призначено твердження №") and "(ed)" in ukrainian.subject
    assert "About 100,000 soldiers" in ukrainian.body  # the claim as written
    english = to[other_journalist.email]
    assert "ed assigned you claim #" in english.subject
    changes = next(m for m in mailoutbox if "Name the source." in m.body)
    assert "Вас просять змінити ваш вердикт" in changes.body
    # Stored as recorded, in English; said in the reader's language on the page.
    assert Notification.objects.filter(recipient=journalist, text__startswith="ed assigned you claim #").exists()
    client.force_login(journalist)
    page = client.get("/notifications/").content.decode()
    assert "Вам призначено твердження №" in page and "Вас просять змінити ваш вердикт" in page
    assert "assigned you claim" not in page and "asked for changes" not in page
    language_choose(user=journalist, language="es")
    assert "le asignó la afirmación n.º" in client.get("/notifications/").content.decode()


def test_a_refused_filter_is_named_in_the_pages_language(client, journalist):
    client.force_login(journalist)
    language_choose(user=journalist, language="uk")
    page = client.get("/?view=all&rating=nonsense").content.decode()
    assert "<li>Оцінка: " in page and "Rating:" not in page


def test_a_translations_page_notifications_and_actions_are_in_the_persons_language(
    client, translation_in, journalist, editor
):
    translation = translation_in("submitted")
    language_choose(user=editor, language="uk")
    client.force_login(editor)
    notifications = client.get("/notifications/").content.decode()
    assert "просить відрецензувати переклад" in notifications and "asks for a review" not in notifications
    page = client.get(f"/translations/{translation.pk}/").content.decode()
    assert "Схвалити" in page and "Попросити змін" in page
    for english in (">Approve<", ">Request changes<", ">Queue<", "Claim #", "Verdict v"):
        assert english not in page, english
    language_choose(user=journalist, language="es")
    translation_step(translation, "approve", editor)
    client.force_login(journalist)
    notifications = client.get("/notifications/").content.decode()
    assert "aprobó su traducción" in notifications and "approved your translation" not in notifications
    refused = client.post(f"/translations/{translation.pk}/actions/approve/", {"expected_version": 99}, follow=True)
    said = " ".join(str(m.message) for m in refused.context["messages"])
    assert said and "approve" not in said.lower() and "Approve" not in said, said
