"""A reader who reads Ukrainian or Spanish walks the readers' site in real Chromium, at desktop and
at phone width: from the English index through the language switch, the filters as drawn and then
set, a verdict, its claimant, the corrections and the methodology, meeting no English on the way."""

import pytest

from tests.browser import chromium_page
from tests.newsroom.phone import DESKTOP, PHONE, assert_fits
from tests.verdicts.test_public_languages import english_fragments
from tests.verdicts.test_public_site_browser import site  # noqa: F401 - the published verdicts walked through

pytestmark = pytest.mark.django_db(transaction=True)

# What the reader clicks, in their language.
WORDS = {
    "es": {"name": "Español", "rating": "Calificación", "filter": "Filtrar", "misleading": "Engañoso",
           "corrections": "Correcciones", "methodology": "Metodología", "scale": "La escala de calificaciones"},
    "uk": {"name": "Українська", "rating": "Оцінка", "filter": "Фільтрувати", "misleading": "Маніпуляція",
           "corrections": "Виправлення", "methodology": "Методологія", "scale": "Шкала оцінок"},
}  # fmt: skip


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["es", "uk"])
def test_a_reader_walks_the_site_in_their_language(live_server, site, language, size):  # noqa: F811
    words, english = WORDS[language], english_fragments(language)

    def seen(page, name):
        assert page.locator("html").get_attribute("lang") == language, name
        text = page.locator("body").inner_text()
        left = sorted(fragment for fragment in english if fragment in text)
        assert not left, f"{name}: {left}"
        if size is PHONE:
            assert_fits(page, name)

    with chromium_page(live_server.url) as page:
        page.set_viewport_size(size)
        page.goto(live_server.url + "/verdicts/")
        page.locator(".languages").get_by_role("link", name=words["name"]).click()
        page.wait_for_url(f"**/{language}/verdicts/")
        seen(page, "index")
        # The form as it comes, then a filter chosen by its label in the reader's language.
        page.get_by_role("button", name=words["filter"]).click()
        page.wait_for_load_state()
        seen(page, "index-any")
        assert page.locator(".verdicts > li").count() == 2 and page.locator(".notice").count() == 0
        page.get_by_label(words["rating"]).select_option(label=words["misleading"])
        page.get_by_role("button", name=words["filter"]).click()
        page.wait_for_url("**rating=misleading**")
        seen(page, "index-misleading")
        assert page.locator(".verdicts > li").count() == 1
        page.locator(".verdicts").get_by_role("link", name="No", exact=True).click()
        page.wait_for_url(f"**/{language}/verdicts/{site['kremlin'].pk}/")
        seen(page, "verdict")
        page.locator("main").get_by_role("link", name="Vladimir Putin").first.click()
        page.wait_for_url(f"**/{language}/claimants/{site['putin'].pk}/")
        seen(page, "claimant")
        assert words["misleading"] in page.locator("table.record").inner_text()
        page.locator(".site-nav").get_by_role("link", name=words["corrections"]).click()
        page.wait_for_url(f"**/{language}/corrections/")
        seen(page, "corrections")
        page.locator(".site-nav").get_by_role("link", name=words["methodology"]).click()
        page.wait_for_url(f"**/{language}/methodology/")
        seen(page, "methodology")
        assert page.get_by_role("heading", name=words["scale"]).is_visible()
