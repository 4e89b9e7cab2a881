"""In a real browser: a captured page replays with ReplayWeb.page on the playback origin, and its
scripts there can neither read the app's cookies nor call the app's API."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings

from playback.selectors import playback_url
from playback.tokens import token_for
from sources.capture import snapshot_capture, snapshot_request
from sources.services import source_get_or_create
from tests.browser import ARGS, CHROMIUM, require_chromium
from tests.sources.webserver import WebServer

ATTACK = """<html><head><title>Archived report</title></head><body>
<p id="claim">About 100,000 troops were deployed.</p>
<p id="cookies">not run</p><p id="api">not run</p>
<script>
  document.getElementById("cookies").textContent = "cookies:[" + document.cookie + "]";
  fetch("{app}/api/v1/claims/", {credentials: "include"})
    .then(r => r.text()).then(t => document.getElementById("api").textContent = "api:" + t.slice(0, 200))
    .catch(e => document.getElementById("api").textContent = "api failed");
</script></body></html>"""


def require_replay_files():
    if not (Path(django_settings.PLAYBACK_ASSETS_DIR) / "ui.js").is_file():
        if os.environ.get("CI"):
            pytest.fail("The replay files are missing: `make test` runs `make replay` first")
        pytest.skip("The replay files are not built: run `make replay`")


def archived_frame(page, marker: str, console: list, seconds: float = 30):
    """The frame, at any depth, that shows the archived page."""
    for _ in range(int(seconds * 4)):
        for frame in page.frames:
            try:
                if frame.locator("#claim").count() and marker in frame.locator("#claim").inner_text():
                    return frame
            except Exception:  # a frame navigating away meanwhile
                continue
        page.wait_for_timeout(250)
    raise AssertionError(
        f"the archived page never appeared; frames: {[f.url for f in page.frames]}; console: {console}"
    )


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_capture_replays_on_the_playback_origin_and_cannot_touch_the_app(live_server, client, journalist, settings):
    require_chromium()
    require_replay_files()
    port = urlsplit(live_server.url).port
    app, playback = f"http://127.0.0.1:{port}", f"http://localhost:{port}"  # two sites, one server
    settings.PLAYBACK_ORIGIN = playback
    web = WebServer()
    try:
        settings.CAPTURE_ALLOWED_PRIVATE = [f"127.0.0.1:{web.port}"]
        web.page("/report", ATTACK.replace("{app}", app))
        source, _ = source_get_or_create(url=web.url("/report"))
        snapshot = snapshot_capture(snapshot_id=snapshot_request(source=source, force=True).pk).snapshot
        assert snapshot.status == "succeeded" and snapshot.warc and not snapshot.public
        client.force_login(journalist)
        session = client.cookies["sessionid"].value
        link = playback_url(snapshot=snapshot)
        assert link.startswith(f"{playback}/captures/{snapshot.pk}/?token=")

        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=[*ARGS, "--host-resolver-rules=MAP localhost 127.0.0.1"]
            )
            try:
                context = browser.new_context()
                context.add_cookies(
                    [
                        {"name": "sessionid", "value": session, "url": app},
                        {"name": "newsroom_probe", "value": "secret-of-the-app", "url": app},
                    ]
                )
                page = context.new_page()
                console = []
                page.on("console", lambda message: console.append(message.text))
                page.on("pageerror", lambda error: console.append(str(error)))
                # The signed-in app really answers the API with these cookies.
                page.goto(f"{app}/api/v1/claims/")
                assert page.evaluate("document.cookie").find("newsroom_probe=secret-of-the-app") >= 0
                assert page.evaluate("fetch('/api/v1/claims/', {credentials: 'include'}).then(r => r.status)") == 200

                page.goto(link)
                frame = archived_frame(page, "100,000 troops", console)
                assert frame.url.startswith(playback)  # replayed on the playback origin, not the app's
                for _ in range(40):
                    if frame.locator("#api").inner_text() != "not run":
                        break
                    page.wait_for_timeout(250)
                cookies = frame.locator("#cookies").inner_text()
                assert (
                    cookies.startswith("cookies:[")
                    and "secret-of-the-app" not in cookies
                    and "sessionid" not in cookies
                )
                api = frame.locator("#api").inner_text()
                assert api != "not run"  # the archived script ran, and got nothing of the app's
                assert '"results"' not in api and "count" not in api, api
                # Nor can anything on the playback origin read the app's API with the reader's cookies.
                outcome = page.evaluate(
                    """url => fetch(url, {credentials: "include"}).then(r => r.text()).then(
                        t => "read:" + t.slice(0, 100), e => "refused")""",
                    f"{app}/api/v1/claims/",
                )
                assert outcome == "refused"

                # A forged link is refused with a clear message; an expired one too.
                page.goto(f"{playback}/captures/{snapshot.pk}/?token=forged")
                assert "This replay link is not valid" in page.locator(".refusal").inner_text()
                expired = token_for(snapshot_id=snapshot.pk)
                settings.PLAYBACK_URL_MAX_AGE = -1
                page.goto(f"{playback}/captures/{snapshot.pk}/?token={expired}")
                assert "This replay link has expired" in page.locator(".refusal").inner_text()
                # The newsroom is not there.
                response = page.goto(f"{playback}/admin/")
                assert response.status == 404 and "Django" not in page.content()
            finally:
                browser.close()
        assert [hit for hit in web.hits if hit != "/report"] == []  # the replay fetched nothing live
    finally:
        web.stop()
