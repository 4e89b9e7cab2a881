"""End to end in real Chromium, at desktop and phone width: a journalist translates a published
verdict into Ukrainian from its newsroom page, an editor approves and publishes the translation,
and a reader at /uk/verdicts/<id>/ reads the Ukrainian text, told it is a translation."""

import re

import pytest

from tests.browser import chromium_page
from tests.conftest import PASSWORD
from tests.newsroom.phone import DESKTOP, PHONE, assert_fits

pytestmark = pytest.mark.django_db(transaction=True)

UKRAINIAN = {
    "Headline": "Цифру вигадано",
    "Summary": "Близько 100 000 військових біля кордону — цифра, якої джерела не підтверджують.",
    "Explanation": "Жодне з цитованих джерел **не називає** цієї цифри.",
}


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_verdict_is_translated_reviewed_and_read_in_ukrainian(
    live_server, settings, verdict_in, journalist, editor, size
):
    settings.SITE_URL = live_server.url  # the link to the original is absolute, on the site's address
    verdict = verdict_in("published")
    with chromium_page(live_server.url) as page:
        page.set_viewport_size(size)

        def sign_in(user):
            page.goto(live_server.url + "/login/")
            page.get_by_label("Username").fill(user.username)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(live_server.url + "/")

        def sign_out():
            page.get_by_role("button", name=re.compile("^Sign out")).click()
            page.wait_for_url(re.compile(r"/login/"))

        def act(label):
            form = page.locator("form[data-action]").filter(has=page.get_by_role("button", name=label))
            with page.expect_navigation():  # unsaved words are saved first, then the form is sent
                form.get_by_role("button", name=label).click()
            page.wait_for_load_state("networkidle")

        # The journalist starts the Ukrainian translation from the published verdict's page.
        sign_in(journalist)
        page.goto(f"{live_server.url}/verdicts/{verdict.pk}/edit/")
        page.get_by_role("button", name="Translate into Ukrainian").click()
        page.wait_for_url(re.compile(r"/translations/\d+/$"))
        translation_url = page.url
        assert "The figure is wrong." in page.locator("section.original").inner_text()  # the original beside it
        for label, text in UKRAINIAN.items():
            page.get_by_label(label).fill(text)
        page.locator("#autosave").get_by_text(re.compile("Saved at")).wait_for()
        if size is PHONE:
            assert_fits(page, "translation page")
        act("Submit for review")
        assert page.locator("#translation-status").inner_text() == "Submitted for review"
        sign_out()

        # The editor approves and publishes it.
        sign_in(editor)
        page.goto(translation_url)
        assert "Цифру вигадано" in page.locator("section.translated").inner_text()
        act("Approve")
        act("Publish")
        assert page.locator("#translation-status").inner_text() == "Published"
        sign_out()

        # A reader of the Ukrainian site.
        page.goto(f"{live_server.url}/uk/verdicts/{verdict.pk}/")
        text = page.locator(".verdict-text")
        assert text.get_attribute("lang") == "uk"
        assert page.get_by_role("heading", level=1).inner_text() == "Цифру вигадано"
        assert "не називає" in text.inner_text() and "The figure is wrong." not in page.locator("main").inner_text()
        assert "Переклад. Мова оригіналу: англійська." in page.locator(".translated").inner_text()
        page.get_by_role("link", name="Читати оригінал").click()
        page.wait_for_url(f"**/verdicts/{verdict.pk}/")
        assert page.get_by_role("heading", level=1).inner_text() == "No"
        if size is PHONE:
            page.go_back()
            assert_fits(page, "the Ukrainian verdict")
