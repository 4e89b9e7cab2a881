"""Browser captures in Debian's Chromium, against local pages that render their text with script.

Each test requests an HTTP capture, takes it, then takes the browser capture that follows it, in
this process, through the same services a browser worker runs.
"""

import io
import json
import time
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image
from warcio.archiveiterator import ArchiveIterator

from factcheck.models import AuditEvent
from sources.capture import snapshot_capture, snapshot_request
from sources.capture.browser import browser_snapshot_capture
from sources.models import Snapshot
from sources.packaging import wacz_valid
from sources.services import source_get_or_create

pytestmark = pytest.mark.django_db

STORY = (
    "The regional council approved a budget of 412 million euros on Tuesday, its largest ever. "
    "The finance director said spending on schools would rise by 8 percent next year. "
    "Opposition councillors voted against the plan, saying it relied on optimistic tax forecasts."
)
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/style.css"></head><body>{body}</body></html>"""

INLINE_JSON = PAGE.format(
    title="Council budget",
    body=f"""<div id="app">Loading…</div>
<script type="application/json" id="data">{json.dumps({"paragraphs": STORY.split(". ")})}</script>
<script>
const data = JSON.parse(document.getElementById("data").textContent);
const article = document.createElement("article");
for (const text of data.paragraphs) {{
  const p = document.createElement("p"); p.textContent = text + "."; article.append(p);
}}
document.getElementById("app").replaceWith(article);
</script>""",
)
FETCHED = PAGE.format(
    title="Council budget",
    body="""<main id="app">Loading…</main>
<script>fetch("/api/story.json").then(r => r.json()).then(d => {
  const article = document.createElement("article");
  for (const text of d.paragraphs) { const p = document.createElement("p"); p.textContent = text; article.append(p); }
  document.getElementById("app").replaceChildren(article);
});</script>""",
)
LAZY = PAGE.format(
    title="Lazy images",
    body=f"""<article><p>{STORY}</p><div style="height: 3000px"></div>
<img loading="lazy" src="/lazy.png" width="10" height="10" alt="chart"></article>""",
)
CONSENT = PAGE.format(
    title="Consent",
    body=f"""<div style="position: fixed; inset: 0; background: #f00; z-index: 9">We value your privacy.
<button>Accept all</button></div><article><p>{STORY}</p></article>""",
)
INFINITE = PAGE.format(
    title="Endless feed",
    body=f"""<article><p>{STORY}</p></article><div id="feed"></div>
<script>let n = 0;
function more() {{ for (let i = 0; i < 5; i++) {{ const d = document.createElement("div");
  d.style.height = "400px"; d.textContent = "Item " + (n++); document.getElementById("feed").append(d); }} }}
more(); window.addEventListener("scroll", () => {{
  if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 500) more(); }});</script>""",
)
RESTLESS = PAGE.format(
    title="Live ticker",
    body=f"""<article><p>{STORY}</p></article>
<script>setInterval(() => fetch("/tick?" + Math.random()), 200);</script>""",
)


def tiny_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def site(server):
    server.page("/style.css", "article { font-family: serif; }", "text/css")
    server.page("/api/story.json", json.dumps({"paragraphs": STORY.split(". ")}), "application/json")
    server.page("/lazy.png", tiny_png(), "image/png")
    server.page("/tick", "{}", "application/json")
    return server


def captured(settings, url: str) -> tuple[Snapshot, Snapshot]:
    """The HTTP capture of `url` and the browser capture that follows and judges it."""
    settings.CAPTURE_BROWSER = True
    source, _ = source_get_or_create(url=url)
    plain = snapshot_request(source=source, force=True, enqueue=False)
    snapshot_capture(snapshot_id=plain.pk)
    browser = Snapshot.objects.get(follows=plain, method="browser")
    outcome = browser_snapshot_capture(snapshot_id=browser.pk)
    assert outcome.retry_in is None, outcome.snapshot.error_message
    plain.refresh_from_db()
    browser.refresh_from_db()
    return plain, browser


def warc_urls(snapshot: Snapshot) -> list[str]:
    with default_storage.open(snapshot.warc.name) as handle:
        return [
            record.rec_headers.get_header("WARC-Target-URI")
            for record in ArchiveIterator(handle)
            if record.rec_type == "response"
        ]


def test_an_article_written_by_script_from_inline_json_is_captured_whole(settings, site, tmp_path):
    site.page("/story", INLINE_JSON)
    plain, browser = captured(settings, site.url("/story"))
    assert plain.status == "succeeded" and plain.complete is False  # the plain capture holds "Loading…"
    assert browser.status == "succeeded" and browser.complete is True
    assert "412 million euros" in browser.text and "optimistic tax forecasts" in browser.text
    assert browser.rendered_text_length == len(browser.text) and browser.page_title == "Council budget"
    # Every request the page made is in the WARC; the screenshot is a PNG; the WACZ is valid.
    assert set(warc_urls(browser)) >= {site.url("/story"), site.url("/style.css")}
    with default_storage.open(browser.screenshot.name) as handle:
        image = Image.open(handle)
        assert image.format == "PNG" and image.size[0] == 1280
    path = tmp_path / "capture.wacz"
    with default_storage.open(browser.wacz.name) as handle:
        path.write_bytes(handle.read())
    assert wacz_valid(path)
    with zipfile.ZipFile(path) as package:
        assert {"datapackage.json", "pages/pages.jsonl"} <= set(package.namelist())
    # The receipt in the audit chain carries the hashes of the screenshot and the package.
    receipt = AuditEvent.objects.get(action="snapshot.captured", object_id=str(browser.pk))
    assert receipt.data["screenshot_sha256"] == browser.screenshot_sha256
    assert receipt.data["wacz_sha256"] == browser.wacz_sha256 and receipt.data["method"] == "browser"
    judged = AuditEvent.objects.get(action="snapshot.judged", object_id=str(plain.pk))
    assert judged.data["by"] == browser.pk and judged.data["complete"] is False


def test_an_article_fetched_by_script_from_its_own_host_is_captured(settings, site):
    site.page("/story", FETCHED)
    plain, browser = captured(settings, site.url("/story"))
    assert "412 million euros" in browser.text and browser.complete is True and plain.complete is False
    assert site.url("/api/story.json") in warc_urls(browser)


def test_lazy_images_are_loaded_by_scrolling(settings, site):
    site.page("/lazy", LAZY)
    plain, browser = captured(settings, site.url("/lazy"))
    assert site.url("/lazy.png") in warc_urls(browser)
    assert plain.complete is True  # the plain capture held the text already


def test_the_page_is_scrolled_while_its_images_still_load(settings, site):
    # A slow picture at the top holds the page's load event; the lazy one at its end is asked for
    # by the scroll meanwhile, not once the slow one has come.
    times = {}

    @site.route("/slow.png")
    def slow(handler):
        time.sleep(1.5)
        times["slow_done"] = time.monotonic()
        handler.send_body(200, tiny_png(), "image/png")

    @site.route("/lazy.png")
    def lazy(handler):
        times.setdefault("lazy_asked", time.monotonic())
        handler.send_body(200, tiny_png(), "image/png")

    site.page(
        "/pictures",
        PAGE.format(
            title="Pictures",
            body=f"""<article><img src="/slow.png" width="10" height="10" alt="map"><p>{STORY}</p>
<div style="height: 7000px"></div><img loading="lazy" src="/lazy.png" width="10" height="10" alt="chart"></article>""",
        ),
    )
    _, browser = captured(settings, site.url("/pictures"))
    assert {site.url("/slow.png"), site.url("/lazy.png")} <= set(warc_urls(browser))
    assert times["lazy_asked"] < times["slow_done"]


def test_a_lazy_picture_as_far_down_as_the_screenshot_goes_is_loaded(settings, site):
    # Fifteen screens down, within the screenshot's height: shown blank unless the scroll reaches it.
    settings.BROWSER_SCREENSHOT_MAX_HEIGHT = 16_000
    site.page(
        "/long",
        PAGE.format(
            title="Long read",
            body=f"""<article><p>{STORY}</p><div style="height: 14000px"></div>
<img loading="lazy" src="/lazy.png" width="10" height="10" alt="chart"><p>The end.</p></article>""",
        ),
    )
    _, browser = captured(settings, site.url("/long"))
    assert site.url("/lazy.png") in warc_urls(browser)
    with default_storage.open(browser.screenshot.name) as handle:
        assert Image.open(handle).height > 14_000


def test_an_article_that_arrives_after_the_scroll_is_scrolled_for_what_it_loads_on_the_way(settings, site):
    # The page is one screen high while it is first scrolled; its article, fetched slowly, makes
    # it four screens high, and what the page adds once a reader reaches its end is only added by
    # a second scroll.
    @site.route("/api/late.json")
    def late(handler):
        time.sleep(1.0)
        article = f"<p>{STORY}</p><div style='height: 3000px'></div>"
        handler.send_body(200, json.dumps({"html": article}).encode(), "application/json")

    more = "<p>Seven councillors abstained.</p>"
    site.page(
        "/late",
        PAGE.format(
            title="Late",
            body=f"""<main id="app">Loading…</main>
<script>fetch("/api/late.json").then(r => r.json()).then(d => {{ document.getElementById("app").innerHTML = d.html; }});
addEventListener("scroll", () => {{
  if (scrollY + innerHeight >= document.documentElement.scrollHeight - 100 && !document.getElementById("more")) {{
    document.getElementById("app").insertAdjacentHTML("beforeend", '<div id="more">{more}</div>');
  }}
}});
</script>""",
        ),
    )
    _, browser = captured(settings, site.url("/late"))
    assert "412 million euros" in browser.text and "Seven councillors abstained" in browser.text


def test_a_page_that_sends_itself_on_once_loaded_is_captured_where_it_ends(settings, site):
    # Its script moves to the article as soon as it has loaded, while the capture scrolls it.
    site.page("/story", INLINE_JSON)
    for pause in (0, 30, 200):
        site.page(
            f"/hop-{pause}",
            PAGE.format(
                title="Moving",
                body=f"""<p>One moment…</p><div style="height: 3000px"></div>
<script>addEventListener("load", () => setTimeout(() => location.replace("/story"), {pause}));</script>""",
            ),
        )
        _, browser = captured(settings, site.url(f"/hop-{pause}"))
        assert browser.status == "succeeded", (pause, browser.error_code, browser.error_message)
        assert "412 million euros" in browser.text


def test_a_consent_overlay_does_not_hide_the_text(settings, site):
    site.page("/consent", CONSENT)
    _, browser = captured(settings, site.url("/consent"))
    assert "412 million euros" in browser.text and browser.complete is True
    # The overlay was solid red over the whole screen: it is gone from the screenshot, kept in the DOM.
    with default_storage.open(browser.screenshot.name) as handle:
        image = Image.open(io.BytesIO(handle.read())).convert("RGB")
    assert image.getpixel((image.width // 2, 50)) != (255, 0, 0)
    with default_storage.open(browser.payload.name) as handle:
        assert b"We value your privacy." in handle.read()


def test_an_infinite_scroll_ends_and_the_screenshot_is_capped(settings, site):
    settings.BROWSER_SCREENSHOT_MAX_HEIGHT = 3000
    site.page("/feed", INFINITE)
    _, browser = captured(settings, site.url("/feed"))
    assert browser.status == "succeeded"
    with default_storage.open(browser.screenshot.name) as handle:
        assert Image.open(handle).size[1] <= 3000


def test_a_page_that_claims_to_be_taller_than_it_is_gets_a_screenshot_of_its_own_height(settings, site):
    lying = '<script>Object.defineProperty(Element.prototype, "scrollHeight", {get() { return 15000; }});</script>'
    site.page("/tall", INLINE_JSON.replace("</body>", lying + "</body>"))
    _, browser = captured(settings, site.url("/tall"))
    assert browser.status == "succeeded"
    with default_storage.open(browser.screenshot.name) as handle:
        assert Image.open(handle).size[1] < 2000


def test_a_page_that_never_settles_is_kept_by_the_deadline(settings, site):
    settings.BROWSER_CAPTURE_DEADLINE = 8
    site.page("/live", RESTLESS)
    _, browser = captured(settings, site.url("/live"))
    assert browser.status == "succeeded" and "412 million euros" in browser.text
    assert (browser.finished_at - browser.started_at).total_seconds() < 8 + 5


def test_a_page_whose_script_never_yields_fails_by_the_deadline_and_the_browser_goes_on(settings, site):
    settings.BROWSER_CAPTURE_DEADLINE = 6
    site.page("/spin", PAGE.format(title="Spin", body=f"<p>{STORY}</p><script>while (true) {{}}</script>"))
    site.page("/story", INLINE_JSON)
    _, spun = captured(settings, site.url("/spin"))
    assert (spun.status, spun.error_code) == ("failed", "deadline")
    assert (spun.finished_at - spun.started_at).total_seconds() < 6 + 15
    _, browser = captured(settings, site.url("/story"))  # the same browser takes the next page
    assert browser.status == "succeeded" and "412 million euros" in browser.text


def test_a_redirect_to_a_private_address_is_refused_inside_the_browser(settings, site):
    site.redirect("/away", "http://10.0.0.1/admin")
    site.page("/story", PAGE.format(title="Frames", body=f'<p>{STORY}</p><iframe src="/away"></iframe>'))
    _, browser = captured(settings, site.url("/story"))
    assert browser.status == "succeeded"
    assert "http://10.0.0.1/admin" not in warc_urls(browser)


def test_a_page_whose_address_is_refused_fails_with_the_reason(settings, site):
    site.redirect("/away", "http://169.254.169.254/latest/meta-data/")
    settings.CAPTURE_BROWSER = True
    source, _ = source_get_or_create(url=site.url("/away"))
    browser = Snapshot.objects.create(
        source=source, method="browser", requested_url=site.url("/away"), next_attempt_at=None
    )
    browser_snapshot_capture(snapshot_id=browser.pk)
    browser.refresh_from_db()
    assert browser.status == "failed" and browser.error_code and "169.254" not in (browser.text or "")


def test_the_screenshot_comes_first_on_the_capture_page_and_is_served_as_an_image_only(
    settings, site, client, journalist
):
    site.page("/story", INLINE_JSON)
    _, browser = captured(settings, site.url("/story"))
    shot = reverse("capture-screenshot", args=[browser.pk])
    assert client.get(shot).status_code == 403  # not public: nobody signed in sees it
    client.force_login(journalist)
    response = client.get(shot)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    page = client.get(reverse("capture-detail", args=[browser.pk])).content.decode()
    assert page.index(shot) < page.index("Extracted text") < page.index("The page as captured")
    assert 'data-capture-complete="true"' in page and reverse("capture-wacz", args=[browser.pk]) in page
    wacz = client.get(reverse("capture-wacz", args=[browser.pk]))
    assert wacz["Content-Disposition"].startswith("attachment") and wacz["Content-Type"] == "application/wacz"


def test_a_citation_shows_the_browser_capture_as_its_evidence_with_its_screenshot(
    settings, site, client, journalist, make_claim
):
    from claims.services import citation_create

    site.page("/story", INLINE_JSON)
    claim = make_claim()
    citation_create(actor=journalist, claim_id=claim.pk, url=site.url("/story"))
    plain = Snapshot.objects.get(source__normalized_url=site.url("/story"), method="http")
    settings.CAPTURE_BROWSER = True
    snapshot_capture(snapshot_id=plain.pk)
    browser = Snapshot.objects.get(follows=plain)
    browser_snapshot_capture(snapshot_id=browser.pk)
    client.force_login(journalist)
    page = client.get(reverse("claim-page", args=[claim.pk])).content.decode()
    assert reverse("capture-screenshot", args=[browser.pk]) in page  # the evidence: the browser's capture
    assert "Browser capture" in page and "412 million euros" in page


def test_a_placeholder_title_gives_way_and_the_row_says_the_plain_capture_was_a_shell(
    settings, site, client, journalist, make_claim
):
    from claims.services import citation_create

    page = INLINE_JSON.replace("<title>Council budget</title>", "<title>Loading…</title>")
    page = page.replace(".replaceWith(article);", '.replaceWith(article); document.title = "Council budget approved";')
    site.page("/story", page)
    claim = make_claim()
    citation = citation_create(actor=journalist, claim_id=claim.pk, url=site.url("/story"))
    plain = Snapshot.objects.get(source=citation.source, method="http")
    settings.CAPTURE_BROWSER = True
    snapshot_capture(snapshot_id=plain.pk)
    citation.source.refresh_from_db()
    assert citation.source.title == "Loading…"
    browser_snapshot_capture(snapshot_id=Snapshot.objects.get(follows=plain).pk)
    citation.source.refresh_from_db()
    assert citation.source.title == "Council budget approved"  # the rendered page's title
    client.force_login(journalist)
    page = client.get(reverse("claim-page", args=[claim.pk])).content.decode()
    assert f'data-plain-incomplete="{plain.pk}"' in page and "Loading…" not in page
    detail = client.get(reverse("capture-detail", args=[plain.pk])).content.decode()
    assert "followed by the browser capture" in detail


def test_a_browser_takes_one_screenshot_at_a_time_and_a_page_waits_for_another_a_while_at_most(monkeypatch):
    """Each slice of a screenshot costs Chromium tens of megabytes: pages sharing a browser take
    theirs one after another, and a page whose screenshot takes long holds another back
    SCREENSHOT_WAIT seconds at most."""
    import asyncio
    import time

    from sources.browser import render

    monkeypatch.setattr(render, "SCREENSHOT_WAIT", 0.3)

    class Shots:
        at_once = most = 0

    def taking(seconds: float):
        async def slices(page, **options):
            Shots.at_once += 1
            Shots.most = max(Shots.most, Shots.at_once)
            await asyncio.sleep(seconds)
            Shots.at_once -= 1
            return [b"png"], 900

        return slices

    async def take():
        shots, deadline = asyncio.Semaphore(1), time.monotonic() + 30
        monkeypatch.setattr(render, "join", lambda taken, **size: b"".join(taken))
        monkeypatch.setattr(render, "slices", taking(0.05))
        await asyncio.gather(*(render._screenshot(None, 900, deadline, shots) for _ in range(4)))
        one_at_a_time = Shots.most
        monkeypatch.setattr(render, "slices", taking(3.0))
        slow = asyncio.create_task(render._screenshot(None, 900, deadline, shots))
        await asyncio.sleep(0.05)
        monkeypatch.setattr(render, "slices", taking(0.01))
        began = time.monotonic()
        await render._screenshot(None, 900, deadline, shots)
        waited = time.monotonic() - began
        await slow
        return one_at_a_time, waited

    one_at_a_time, waited = asyncio.run(take())
    assert one_at_a_time == 1
    assert 0.25 <= waited < 2.0
