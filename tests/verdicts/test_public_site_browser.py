"""A reader walks the public site in real Chromium, at desktop and at phone width: the index, its
filters left as they are and then set, a verdict, its claimant, the corrections and the methodology.
At phone width nothing runs off the side of the screen."""

import pytest

from claims.services import claimant_get_or_create
from tests.browser import chromium_page
from tests.conftest import publish_correction
from tests.newsroom.phone import DESKTOP, PHONE, assert_fits
from verdicts.models import Verdict
from verdicts.ratings import Rating

pytestmark = pytest.mark.django_db(transaction=True)

LONG_WORD = "https://example.org/" + "a-rather-long-path-segment/" * 8


@pytest.fixture
def site(verdict_in, journalist, editor):
    putin = claimant_get_or_create(actor=journalist, name="Vladimir Putin")
    border = verdict_in("published", tags=["ukraine", "troops"])
    kremlin = verdict_in("published", claimant=putin, text=f"Sanctions never hurt Russia, as {LONG_WORD} says.",
                         tags=["sanctions", "a-rather-long-topic-name-that-must-wrap"])  # fmt: skip
    Verdict.objects.filter(pk=kremlin.pk).update(rating=Rating.MISLEADING)
    corrected = publish_correction(border, editor, note="The figure was revised by the ministry.")
    return {"putin": putin, "kremlin": kremlin, "corrected": corrected}


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_reader_walks_the_public_site(live_server, site, size, tmp_path):
    shots = tmp_path / "screenshots"
    shots.mkdir()

    def seen(page, name):
        page.screenshot(path=str(shots / f"{len(list(shots.iterdir())):02d}-{name}.png"), full_page=True)
        if size is PHONE:
            assert_fits(page, name)

    with chromium_page(live_server.url) as page:
        page.set_viewport_size(size)
        page.goto(live_server.url + "/verdicts/")
        seen(page, "index")
        assert page.locator(".verdicts > li").count() == 2
        # The form as it comes: every select on "Any", every field empty.
        assert page.get_by_label("Rating").input_value() == ""
        assert page.get_by_label("Language").input_value() == ""
        page.get_by_role("button", name="Filter").click()
        page.wait_for_load_state()
        seen(page, "index-any")
        assert page.locator(".verdicts > li").count() == 2
        assert page.locator(".notice").count() == 0
        # Then a filter.
        page.get_by_label("Rating").select_option("misleading")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url("**rating=misleading**")
        seen(page, "index-misleading")
        assert page.locator(".verdicts > li").count() == 1
        # A verdict, its claimant, the corrections and the methodology.
        page.locator(".verdicts").get_by_role("link", name="No", exact=True).click()
        page.wait_for_url(f"**/verdicts/{site['kremlin'].pk}/")
        seen(page, "verdict")
        page.locator("main").get_by_role("link", name="Vladimir Putin").first.click()  # the claim by
        page.wait_for_url(f"**/claimants/{site['putin'].pk}/")
        seen(page, "claimant")
        assert page.get_by_role("heading", name="Vladimir Putin").is_visible()
        assert "Misleading" in page.locator("table.record").inner_text()
        page.locator(".site-nav").get_by_role("link", name="Corrections").click()
        page.wait_for_url("**/corrections/")
        seen(page, "corrections")
        assert "The figure was revised by the ministry." in page.locator("main").inner_text()
        page.locator(".site-nav").get_by_role("link", name="Methodology").click()
        page.wait_for_url("**/methodology/")
        seen(page, "methodology")
        assert page.get_by_role("heading", name="The rating scale").is_visible()
