"""An editor switches the newsroom to Ukrainian or Spanish from the menu in its header, in real
Chromium at desktop and at phone width, and goes through the queue, the review tab, a claim, the
verdict waiting for review, the dashboard and the notifications in that language, with nothing
scrolling sideways (Ukrainian's words are long), and finds it so again after signing in anew."""

import pytest

from tests.browser import chromium_page, require_chromium
from tests.conftest import PASSWORD
from tests.newsroom.phone import DESKTOP, PHONE, assert_fits
from tests.verdicts.test_public_languages import english_fragments

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

WORDS = {
    "uk": {"name": "Українська", "queue": "Черга", "review": "Чекають на мою рецензію", "dashboard": "Панель",
           "notifications": "Сповіщення", "approve": "Схвалити", "sign_in": "Увійти", "user": "Ім’я користувача",
           "password": "Пароль", "sign_out": "Вийти (ed)"},
    "es": {"name": "Español", "queue": "Cola", "review": "Pendientes de mi revisión", "dashboard": "Panel",
           "notifications": "Notificaciones", "approve": "Aprobar", "sign_in": "Iniciar sesión",
           "user": "Nombre de usuario", "password": "Contraseña", "sign_out": "Cerrar sesión (ed)"},
}  # fmt: skip


@pytest.mark.parametrize(
    ("language", "size"), [("uk", DESKTOP), ("uk", PHONE), ("es", PHONE)], ids=["uk-desktop", "uk-phone", "es-phone"]
)
def test_an_editor_switches_the_newsroom_to_their_language_and_works_in_it(
    live_server, verdict_in, editor, language, size
):
    require_chromium()
    review = verdict_in("submitted", tags=["border"])
    words, english = WORDS[language], english_fragments(language)
    base = live_server.url

    def seen(page, name):
        assert page.locator("html").get_attribute("lang") == language, name
        text = page.locator("body").inner_text()
        left = sorted(fragment for fragment in english if fragment in text)
        assert not left, f"{name}: {left}"
        assert_fits(page, name, size["width"])

    with chromium_page(base) as page:
        page.set_viewport_size(size)
        page.goto(base + "/login/")
        page.get_by_label("Username").fill(editor.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(base + "/")
        assert page.locator("html").get_attribute("lang") == "en"

        page.goto(base + "/dashboard/")
        page.locator("form.languages").get_by_role("button", name=words["name"]).click()
        page.wait_for_url(base + "/dashboard/")  # back on the same page
        seen(page, "dashboard")
        assert page.locator("form.languages [aria-pressed=true]").inner_text() == words["name"]

        page.locator("header nav").get_by_role("link", name=words["queue"]).click()
        page.wait_for_url(base + "/")
        seen(page, "queue")
        page.get_by_role("link", name=words["review"]).click()
        page.wait_for_url("**view=review**")
        seen(page, "review tab")
        page.locator("table.responsive").get_by_role("link").first.click()
        page.wait_for_url(f"**/verdicts/{review.pk}/edit/")
        seen(page, "verdict in review")
        assert page.get_by_role("button", name=words["approve"]).is_visible()
        page.goto(f"{base}/claims/{review.claim_id}/")
        seen(page, "claim")
        page.locator("header nav").get_by_role("link", name=words["notifications"]).click()
        page.wait_for_url(base + "/notifications/")
        seen(page, "notifications")

        # Signed out and in again: the sign-in page and the newsroom stay in the chosen language.
        page.get_by_role("button", name=words["sign_out"]).click()
        page.wait_for_url("**/login/**")
        seen(page, "sign-in")
        page.get_by_label(words["user"]).fill(editor.username)
        page.get_by_label(words["password"]).fill(PASSWORD)
        page.get_by_role("button", name=words["sign_in"]).click()
        page.wait_for_url(base + "/")
        seen(page, "queue again")
