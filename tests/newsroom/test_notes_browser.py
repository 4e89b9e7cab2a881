"""In real Chromium, at desktop and phone width: a journalist ticks the claim's checklist and
writes a note mentioning an editor, picked from the suggestions; markup in a note stays text."""

import re

import pytest

from claims.checklist import checklist_step_create
from factcheck.models import Notification
from tests.browser import chromium_page, require_chromium
from tests.conftest import PASSWORD


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_a_note_with_a_mention_and_a_ticked_step_in_a_browser(
    live_server, tmp_path, width, journalist, editor, checking_claim
):
    require_chromium()
    claim = checking_claim()
    checklist_step_create(actor=editor, label="Contacted the claimant", order=1, required_for_submit=True)
    with chromium_page(live_server.url) as page:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/login/")
        page.get_by_label("Username").fill(journalist.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(live_server.url + "/")
        page.goto(f"{live_server.url}/claims/{claim.pk}/")

        page.get_by_role("button", name="Tick “Contacted the claimant”").click()
        page.wait_for_load_state("networkidle")
        assert "Checklist ticked." in page.locator("body").inner_text()
        assert re.search(r"done by jo", page.locator("#checklist").inner_text())

        page.get_by_label("Note", exact=True).fill("Called the ministry, no answer. <b>bold?</b> " + "x" * 300)
        page.get_by_label("Find a name to mention").fill("@ed")
        page.get_by_label("Find a name to mention").dispatch_event("change")
        assert page.get_by_label("Note", exact=True).input_value().endswith("@ed ")
        page.get_by_role("button", name="Add note").click()
        page.wait_for_load_state("networkidle")
        assert "Told: @ed." in page.locator("body").inner_text()
        note = page.locator("article.note").first
        assert "<b>bold?</b>" in note.inner_text() and note.locator("b").count() == 0
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wide, "the claim page scrolls sideways"
        page.screenshot(path=str(tmp_path / f"claim-notes-{width}.png"), full_page=True)
    assert Notification.objects.filter(recipient=editor, kind="mentioned").count() == 1
