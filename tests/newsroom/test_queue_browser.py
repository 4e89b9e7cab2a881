"""The queue in real Chromium, used as a person would: the search box with every other filter at
its default, and bulk triage from the keyboard."""

import re

import pytest

from claims.models import Claim
from tests.browser import chromium_page, require_chromium
from tests.conftest import PASSWORD


def _sign_in(page, base, user):
    page.goto(base + "/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_searching_the_queue_by_pressing_enter_with_every_filter_at_its_default(live_server, journalist, make_claim):
    require_chromium()
    make_claim(text="Troops were massed near the border.")
    make_claim(text="Unemployment fell to 5.1 percent.")
    with chromium_page(live_server.url) as page:
        _sign_in(page, live_server.url, journalist)
        page.goto(live_server.url + "/?view=all")
        search = page.get_by_label("Search claims, verdicts and cited pages")
        search.fill("troops")
        search.press("Enter")
        page.wait_for_url(re.compile(r"q=troops"))
        assert "Select a valid choice" not in page.content()
        rows = page.locator("table.responsive tbody tr")
        assert rows.count() == 1 and "Troops were massed near the border." in rows.first.inner_text()
        assert page.get_by_text("1 claim", exact=True).is_visible()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_bulk_triage_from_the_keyboard(live_server, tmp_path, editor, make_claim):
    require_chromium()
    claims = [make_claim(text=f"Claim {n} about the border.") for n in range(3)]
    with chromium_page(live_server.url) as page:
        _sign_in(page, live_server.url, editor)
        page.goto(live_server.url + "/?view=all")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(tmp_path / "queue-desktop.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(tmp_path / "queue-phone.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the screen
        page.set_viewport_size({"width": 1280, "height": 900})
        select_all = page.get_by_label("Select all claims on this page")
        select_all.focus()
        page.keyboard.press("Space")
        assert all(page.get_by_label(f"Select claim #{c.pk}").is_checked() for c in claims)
        page.get_by_label(f"Select claim #{claims[0].pk}").focus()
        page.keyboard.press("Space")  # leave this one out
        page.get_by_label("Action").select_option("tag")
        tag = page.get_by_label("Tag (to add)")
        tag.fill("Ukraine")
        tag.press("Enter")
        page.wait_for_load_state("networkidle")
        assert "Add a tag: 2 claims done." in page.content()
    assert {c.pk: c.tags for c in Claim.objects.order_by("pk")} == {
        claims[0].pk: [],
        claims[1].pk: ["Ukraine"],
        claims[2].pk: ["Ukraine"],
    }
