"""A claim's page in real Chromium, with a real worker capturing pages from a local web server:
a failed capture is retried from its row, the claim and a citation are edited through their forms
as they are drawn, a source is removed, and at phone width nothing runs off the screen."""

import pytest

from claims.models import Citation, Claim
from claims.services import citation_create, claim_transition
from tests.browser import chromium_page, require_chromium
from tests.conftest import PASSWORD
from tests.sources.webserver import ARTICLE
from tests.workers import Worker, unique_queue


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_day_on_a_claims_page_in_a_browser(live_server, tmp_path, server, settings, journalist, editor, make_claim):
    require_chromium()
    queue = unique_queue()
    settings.CAPTURE_QUEUE = queue
    settings.CAPTURE_ALLOWED_PRIVATE = [f"127.0.0.1:{server.port}"]
    env = {"CAPTURE_QUEUE": queue, "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{server.port}"}
    claim = make_claim(text="About 100,000 Russian soldiers were deployed near the border.")
    claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk)
    shots = tmp_path / "screenshots"
    shots.mkdir()
    worker = Worker(queue, tmp_path / "worker.log", env)
    try:
        citation = citation_create(actor=journalist, claim_id=claim.pk, url=server.url("/report"), stance="supports")
        with chromium_page(live_server.url) as page:
            page.set_viewport_size({"width": 1280, "height": 900})
            console = []
            page.on("console", lambda message: console.append(message.text))
            step = iter(range(1, 100))

            def shot(name):
                page.screenshot(path=str(shots / f"{next(step):02d}-{name}.png"), full_page=True)

            page.goto(live_server.url + "/login/")
            page.get_by_label("Username").fill(journalist.username)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(live_server.url + "/")
            page.goto(live_server.url + f"/claims/{claim.pk}/")
            row = page.locator(f"#citation-{citation.pk}")
            row.locator('[data-capture-status="failed"]').wait_for(timeout=60_000)  # the page was not there
            shot("capture-failed")

            # Citing the address again leads to the row's retry, not to a dead end.
            cite = page.locator("form").filter(has=page.get_by_role("button", name="Cite and capture"))
            cite.get_by_label("Source URL").fill(server.url("/report"))
            cite.get_by_role("button", name="Cite and capture").click()
            page.wait_for_load_state("networkidle")
            assert page.url.endswith(f"#citation-{citation.pk}")
            assert "use “Retry capture” on its row" in page.locator(".messages").inner_text()

            # The page is up now: retry, and the row turns to succeeded without a reload. A note
            # being typed into the row meanwhile is not lost when the list updates.
            server.page("/report", ARTICLE)
            row.get_by_role("button", name="Retry capture").click()
            page.wait_for_load_state("networkidle")
            page.evaluate("window.notReloaded = true")
            row.get_by_text("Edit", exact=True).click()
            row.get_by_label("Note (internal)").fill("Ask the ministry for the primary figures.")
            page.locator(f'#citation-{citation.pk} [data-capture-status="succeeded"]').wait_for(timeout=60_000)
            assert page.evaluate("window.notReloaded === true")
            assert page.get_by_role("button", name="Retry capture").count() == 0
            assert row.locator("details.row-edit").get_attribute("open") is not None
            assert row.get_by_label("Note (internal)").input_value() == "Ask the ministry for the primary figures."
            shot("capture-retried")
            row.get_by_role("button", name="Save the citation").click()
            page.wait_for_load_state("networkidle")
            assert "Citation saved" in page.locator(".messages").inner_text()
            assert "Ask the ministry" in row.inner_text()

            # The claim is edited through its form as drawn: a partial date, tags, priority, due date.
            page.get_by_text("Edit the claim").click()
            edit = page.locator("#edit form")
            edit.get_by_label("When").fill("2021-12")
            edit.get_by_label("Tags").fill("Ukraine, troop numbers")
            edit.get_by_label("Priority").select_option("1")
            edit.get_by_label("Due").fill("2030-01-15")
            shot("editing-the-claim")
            edit.get_by_role("button", name="Save the claim").click()
            page.wait_for_load_state("networkidle")
            assert "Claim saved" in page.locator(".messages").inner_text()
            facts = page.locator(".claim-facts").inner_text()
            assert "urgent" in facts and "15 January 2030" in facts and "troop-numbers" in facts
            assert "December 2021" in page.locator("main").inner_text()

            # At phone width, with the forms open, nothing runs off the side of the screen.
            page.set_viewport_size({"width": 390, "height": 800})
            page.get_by_text("Edit the claim").click()
            row.get_by_text("Edit", exact=True).click()
            row.get_by_text("Remove…").click()
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            shot("phone-claim-with-forms-open")

            # The source is removed after a confirmation.
            row.get_by_role("button", name="Yes, remove it").click()
            page.wait_for_load_state("networkidle")
            assert "Source removed" in page.locator(".messages").inner_text()
            assert page.locator(f"#citation-{citation.pk}").count() == 0
            shot("source-removed")
            assert [line for line in console if "Content Security Policy" in line] == []
    finally:
        worker.stop()
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.said_on_precision, claim.tags, claim.priority) == ("month", ["ukraine", "troop-numbers"], 1)
    assert not Citation.objects.filter(pk=citation.pk).exists()
    assert len(list(shots.glob("*.png"))) == 5
