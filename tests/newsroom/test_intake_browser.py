"""Claims from an article by URL, in real Chromium: the page waits for the capture (a real Celery
worker fetches it from a local web server), then shows the proposals as one page, not a page
drawn inside the waiting panel."""

import threading

import pytest

from tests.browser import chromium_page, require_chromium
from tests.conftest import PASSWORD
from tests.sources.webserver import ARTICLE
from tests.workers import Worker, unique_queue


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_an_article_by_url_shows_its_proposals_in_one_page(live_server, tmp_path, server, settings, journalist):
    require_chromium()
    queue = unique_queue()
    settings.CAPTURE_QUEUE = queue
    settings.CAPTURE_ALLOWED_PRIVATE = [f"127.0.0.1:{server.port}"]
    env = {"CAPTURE_QUEUE": queue, "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{server.port}"}
    release = threading.Event()  # the article answers once the page is seen waiting for it

    @server.route("/story")
    def story(handler):
        release.wait(60)
        handler.send_body(200, ARTICLE.encode())

    worker = Worker(queue, tmp_path / "worker.log", env)
    try:
        with chromium_page(live_server.url) as page:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(live_server.url + "/login/")
            page.get_by_label("Username").fill(journalist.username)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(live_server.url + "/")
            page.get_by_role("link", name="From an article").click()
            page.get_by_label("or give its address").fill(server.url("/story"))
            page.get_by_role("button", name="Propose claims").click()
            page.wait_for_selector("#capture-wait[hx-trigger]")  # waiting, polling for the capture
            release.set()
            page.get_by_role("heading", name="Proposed claims").wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(tmp_path / "proposals.png"), full_page=True)
            assert page.locator("header.top").count() == 1
            assert page.locator("nav[aria-label=Main]").count() == 1
            assert page.locator("h1").all_inner_texts() == ["Proposed claims"]
            assert page.locator("#capture-wait").count() == 0
            assert page.get_by_role("checkbox").count() >= 1
    finally:
        release.set()
        worker.stop()
