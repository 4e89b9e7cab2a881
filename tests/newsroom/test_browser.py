"""End to end in real Chromium: a journalist cites a source and drafts a verdict, an editor sends
it back, then approves and publishes it, and the public page shows it. A real Celery worker
captures the cited page, served by a local web server. Screenshots of each step are saved in the
test's output folder."""

import re

import pytest

from claims.services import claim_transition
from tests.browser import chromium_page, require_chromium
from tests.conftest import PASSWORD
from tests.sources.webserver import ARTICLE
from tests.workers import Worker, unique_queue


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_from_citation_to_public_verdict_in_a_browser(
    live_server, tmp_path, server, settings, journalist, editor, make_claim
):
    require_chromium()
    queue = unique_queue()
    settings.CAPTURE_QUEUE = queue
    settings.CAPTURE_ALLOWED_PRIVATE = [f"127.0.0.1:{server.port}"]
    env = {"CAPTURE_QUEUE": queue, "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{server.port}"}
    server.page("/evidence", ARTICLE)
    claim = make_claim(text="About 100,000 Russian soldiers were deployed near the Russian-Ukrainian border.")
    claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk)
    shots = tmp_path / "screenshots"
    shots.mkdir()
    worker = Worker(queue, tmp_path / "worker.log", env)
    try:
        with chromium_page(live_server.url) as page:
            page.set_viewport_size({"width": 1280, "height": 900})
            console = []
            page.on("console", lambda message: console.append(message.text))
            step = iter(range(1, 100))

            def shot(name):
                page.screenshot(path=str(shots / f"{next(step):02d}-{name}.png"), full_page=True)

            def sign_in(user):
                page.goto(live_server.url + "/login/")
                page.get_by_label("Username").fill(user.username)
                page.get_by_label("Password").fill(PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_url(live_server.url + "/")

            def sign_out():
                page.get_by_role("button", name=re.compile("^Sign out")).click()
                page.wait_for_url(re.compile(r"/login/"))

            def act(label, comment=""):
                form = page.locator("form[data-action]").filter(has=page.get_by_role("button", name=label))
                if comment:
                    form.get_by_label(re.compile("^Comment")).fill(comment)
                with page.expect_navigation():  # a draft with unsaved words is saved first, then the form is sent
                    form.get_by_role("button", name=label).click()
                page.wait_for_load_state("networkidle")

            # The journalist opens the claim from the queue and cites a page.
            sign_in(journalist)
            shot("journalist-queue")
            page.get_by_role("link", name=re.compile("About 100,000 Russian soldiers")).click()
            page.get_by_label("Source URL").fill(server.url("/evidence"))
            page.get_by_label("Stance").select_option("supports")
            page.get_by_label("Passage relied upon").fill("about 100,000 soldiers were deployed near the border")
            page.get_by_role("button", name="Cite and capture").click()
            page.wait_for_load_state("networkidle")
            assert page.locator("[data-capture-status]").first.get_attribute("data-capture-status") in (
                "queued",
                "fetching",
                "succeeded",
            )
            shot("cited-capture-pending")
            page.evaluate("window.notReloaded = true")
            page.wait_for_selector('[data-capture-status="succeeded"]', timeout=60_000)
            assert page.evaluate("window.notReloaded === true")  # the status changed in place
            shot("capture-succeeded")

            # She drafts the verdict; it saves itself, then she submits it.
            page.get_by_role("button", name="Draft a verdict").click()
            page.get_by_label("Rating").select_option("mostly_true")
            page.get_by_label("Headline").fill("Yes, about 100,000 troops were near the border")
            page.get_by_label("Summary").fill("Satellite images and the defence minister's figures agree.")
            page.get_by_label("Explanation").fill("The **minister** said so in parliament on Dec. 3.")
            page.wait_for_selector("#autosave:has-text('Saved at')", timeout=15_000)
            shot("verdict-autosaved")
            # A last change and straight to Submit, well inside the autosave's delay: the draft is
            # saved first and the submission carries the last words (not refused as stale).
            page.get_by_label("Headline").fill("Yes: about 100,000 troops were near the border")
            act("Submit for review")
            assert page.locator("#verdict-status").inner_text() == "Submitted for review", page.locator(
                "main"
            ).inner_text()
            assert page.get_by_role("heading", name="Yes: about 100,000 troops were near the border").is_visible()
            shot("verdict-submitted")
            sign_out()

            # The editor finds it waiting for review and asks for a change.
            sign_in(editor)
            page.get_by_role("link", name=re.compile("About 100,000 Russian soldiers")).click()
            shot("editor-review")
            act("Request changes", "Name the satellite imagery provider.")
            assert page.locator("#verdict-status").inner_text() == "Changes requested"
            shot("changes-requested")
            sign_out()

            # The journalist revises and submits again.
            sign_in(journalist)
            page.goto(page.url.split("/login")[0] + f"/claims/{claim.pk}/")
            page.get_by_role("link", name=re.compile("Open verdict")).click()
            act("Revise")
            page.get_by_label("Summary").fill("Maxar satellite images and the defence minister's figures agree.")
            page.wait_for_selector("#autosave:has-text('Saved at')", timeout=15_000)
            act("Submit for review")
            assert page.locator("#verdict-status").inner_text() == "Submitted for review", page.locator(
                "main"
            ).inner_text()
            sign_out()

            # The editor approves and publishes.
            sign_in(editor)
            page.get_by_role("link", name=re.compile("About 100,000 Russian soldiers")).click()
            act("Approve")
            act("Publish")
            assert page.locator("#verdict-status").inner_text() == "Published"
            shot("published")
            public_url = page.get_by_role("link", name="Public page").get_attribute("href")

            # At phone width, nothing runs off the side of the screen.
            page.set_viewport_size({"width": 390, "height": 800})
            for path, name in (("/?view=all", "phone-queue"), (f"/claims/{claim.pk}/", "phone-claim")):
                page.goto(live_server.url + path)
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
                shot(name)
            sign_out()

            # Anyone can read it.
            page.goto(live_server.url + public_url)
            assert "Yes: about 100,000 troops were near the border" in page.content()
            assert "Maxar satellite images" in page.content()
            assert page.locator('script[type="application/ld+json"]').count() == 1
            shot("public-page")
            blocked = [line for line in console if "Content Security Policy" in line]
            assert blocked == []  # every page works under its CSP
    finally:
        worker.stop()
    assert len(list(shots.glob("*.png"))) == 11
