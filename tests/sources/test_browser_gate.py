"""The one gate for every request a browser capture makes, proved with listening traps.

A hostile page, served from the one allowed loopback port, points its subresources, frames,
scripts, fetch() and XHR calls, WebSocket, beacons, pings, prefetches and redirects at other ports
of loopback, at other loopback addresses, at [::1] and at private ranges. The browser must make
no connection to any of them, while the page's own resources load.
"""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings as django_settings

from sources.browser.engine import engine
from sources.browser.gate import CONTEXT_OPTIONS, LAUNCH_ARGS, Gate
from sources.capture.browser import browser_policy
from sources.fetching.errors import FetchError
from tests.sources.traps import open_traps
from tests.sources.webserver import drip

pytestmark = pytest.mark.django_db

PRIVATE = ["http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.0.1/", "http://169.254.169.254/latest/",
           "http://100.64.0.1/", "http://0.0.0.0/", "http://[fd00::1]/", "http://localhost/"]  # fmt: skip


def attacks(url: str) -> str:
    """Every way a page can ask for `url`."""
    ws = url.replace("http://", "ws://", 1)
    return f"""
<img src="{url}img.png"><iframe src="{url}frame"></iframe><script src="{url}s.js"></script>
<link rel="stylesheet" href="{url}s.css"><link rel="prefetch" href="{url}prefetch">
<link rel="preconnect" href="{url}"><link rel="dns-prefetch" href="{url}"><link rel="preload" href="{url}p" as="fetch">
<video src="{url}v.mp4" autoplay muted></video><object data="{url}o"></object><embed src="{url}e">
<a ping="{url}ping" href="/nowhere" id="a-{abs(hash(url))}">x</a>
<form action="{url}form" method="post" target="sink"><input name="q" value="1"></form>
<script>
fetch("{url}fetch").catch(() => {{}});
fetch("{url}post", {{method: "POST", body: "x"}}).catch(() => {{}});
try {{ const x = new XMLHttpRequest(); x.open("GET", "{url}xhr"); x.send(); }} catch (e) {{}}
try {{ new WebSocket("{ws}ws"); }} catch (e) {{}}
try {{ navigator.sendBeacon("{url}beacon", "x"); }} catch (e) {{}}
try {{ new EventSource("{url}events"); }} catch (e) {{}}
try {{ new Worker("{url}worker.js"); }} catch (e) {{}}
try {{ navigator.serviceWorker.register("/sw.js"); }} catch (e) {{}}
try {{ new RTCPeerConnection({{iceServers: [{{urls: "turn:{url.split("//")[1].rstrip("/")}?transport=tcp",
  username: "u", credential: "c"}}]}}).createDataChannel("x"); }} catch (e) {{}}
document.forms[document.forms.length - 1].submit();
</script>"""


@pytest.fixture
def allowed(server, settings):
    settings.BROWSER_CAPTURE_DEADLINE = 20
    server.page("/style.css", "body { color: #111; }", "text/css")
    server.page("/own.json", '{"ok": true}', "application/json")
    return server


def test_a_hostile_page_makes_no_connection_to_any_trap(allowed):
    traps = open_traps(allowed.port)
    try:
        body = "".join(attacks(trap.url()) + attacks(trap.url().replace("127.0.0.1", "127.1")) for trap in traps)
        body += "".join(attacks(url) for url in PRIVATE)
        for n, trap in enumerate(traps):  # a redirect from the allowed page to each trap, in a frame
            allowed.redirect(f"/go{n}", trap.url("/redirected"))
            body += f'<iframe src="/go{n}"></iframe>'
            body += f"<iframe srcdoc=\"<meta http-equiv=refresh content='0;url={trap.url('/refresh')}'>\"></iframe>"
        own = '<link rel="stylesheet" href="/style.css"><script>fetch("/own.json")</script>'
        allowed.page("/hostile", f"<!doctype html><title>Hostile</title>{own}<p>An ordinary article.</p>{body}")
        rendered = engine().render(allowed.url("/hostile"), browser_policy())
    finally:
        for trap in traps:
            trap.close()
    assert [trap.connections for trap in traps] == [[] for _ in traps]  # not one connection
    fetched = {exchange.url for exchange in rendered.exchanges}
    assert {allowed.url("/hostile"), allowed.url("/style.css"), allowed.url("/own.json")} <= fetched
    assert all(url.startswith(allowed.url("/")) for url in fetched), fetched - {allowed.url("/hostile")}
    refused = {item["url"] for item in rendered.refused}
    for trap in traps:
        assert trap.url("/img.png") in refused and trap.url("/fetch") in refused
    assert any(item["code"] == "websocket" for item in rendered.refused)
    assert any(item["code"] == "method" for item in rendered.refused)  # the POSTs
    assert "http://169.254.169.254/latest/img.png" in refused


def test_a_redirect_to_a_private_address_is_refused_at_the_hop(allowed):
    traps = open_traps(allowed.port)
    try:
        allowed.redirect("/start", traps[1].url("/inside"))
        with pytest.raises(FetchError) as refused:
            engine().render(allowed.url("/start"), browser_policy())
    finally:
        for trap in traps:
            trap.close()
    assert traps[1].connections == []
    assert refused.value.code in ("private_address", "blocked_address", "not_public") or "address" in refused.value.code


def test_the_byte_budget_covers_every_request_of_the_page(allowed, settings):
    settings.BROWSER_CAPTURE_MAX_BYTES = 60_000
    for n in range(6):
        allowed.page(f"/big{n}.png", b"\x89PNG" + b"0" * 20_000, "image/png")
    allowed.page("/heavy", "<title>Heavy</title><p>Text.</p>" + "".join(f'<img src="/big{n}.png">' for n in range(6)))
    rendered = engine().render(allowed.url("/heavy"), browser_policy())
    assert sum(len(exchange.raw_body) for exchange in rendered.exchanges) <= 60_000
    assert any(item["code"] == "too_large" for item in rendered.refused)


def test_the_traps_do_see_what_the_gate_lets_through(allowed, settings):
    """The control: a trap exempted like the allowed server is reached, so silence above is the gate's."""
    traps = open_traps(allowed.port)
    try:
        settings.CAPTURE_ALLOWED_PRIVATE = [f"127.0.0.1:{allowed.port}", traps[0].authority()]
        allowed.page("/open", f'<title>Open</title><img src="{traps[0].url("/img.png")}">')
        rendered = engine().render(allowed.url("/open"), browser_policy())
    finally:
        for trap in traps:
            trap.close()
    assert traps[0].connections and not any(trap.connections for trap in traps[1:])
    assert any(item["url"] == traps[0].url("/img.png") for item in rendered.refused)  # it answered nothing


def test_redirects_are_followed_by_the_gate_and_each_resource_is_fetched_once(allowed):
    allowed.redirect("/hop", allowed.url("/news/landing"))
    allowed.page("/news/pic.png", b"\x89PNG" + b"1" * 500, "image/png")
    allowed.page("/news/data.json", '{"n": 1}', "application/json")
    images = '<img src="/news/pic.png">' * 3
    script = '<script>Promise.all([fetch("/news/data.json"), fetch("/news/data.json")]).then(() => {})</script>'
    allowed.page("/news/landing", f"<title>Landing</title><p>Article.</p>{images}{script}")
    rendered = engine().render(allowed.url("/hop"), browser_policy())
    assert allowed.hits.count("/hop") == 1 and allowed.hits.count("/news/landing") == 1
    assert allowed.hits.count("/news/pic.png") == 1 and allowed.hits.count("/news/data.json") == 1
    fetched = [exchange.url for exchange in rendered.exchanges]
    assert fetched.count(allowed.url("/news/pic.png")) == 1 and allowed.url("/news/data.json") in fetched
    assert [exchange.url for exchange in rendered.main.exchanges] == [allowed.url("/hop"), allowed.url("/news/landing")]


def test_the_gate_hands_the_page_no_header_of_the_connection(allowed):
    allowed.page(
        "/plain.json", '{"a": 1}', "application/json", headers=[("Keep-Alive", "timeout=5"), ("Upgrade", "h2c")]
    )
    allowed.page(
        "/headers",
        "<title>Headers</title><p>Text.</p><script>fetch('/plain.json').then(r => { document.title ="
        " [r.headers.get('keep-alive'), r.headers.get('upgrade'), r.headers.get('content-type')].join('|') })</script>",
    )
    rendered = engine().render(allowed.url("/headers"), browser_policy())
    assert rendered.title == "||application/json"


def test_a_resource_that_outlasts_the_deadline_is_cut_off_with_it(allowed, settings):
    settings.BROWSER_CAPTURE_DEADLINE = 6
    allowed.route("/slow.png")(lambda handler: drip(handler, interval=0.5, chunks=60))  # 30 s of bytes
    allowed.page("/waiting", '<title>Waiting</title><p>Article text.</p><img src="/slow.png">')
    started = time.monotonic()
    try:
        rendered = engine().render(allowed.url("/waiting"), browser_policy())
    except FetchError as exc:
        assert exc.code == "deadline"
    else:
        assert rendered.title == "Waiting"  # kept as it stood at the deadline, without the slow image
        assert allowed.url("/slow.png") not in {exchange.url for exchange in rendered.exchanges}
    assert time.monotonic() - started < 6 + 6


async def _through_gate(url: str, policy) -> Gate:
    """Chromium driven directly: the gate installed on a fresh context, one page loaded."""
    from playwright.async_api import async_playwright

    with ThreadPoolExecutor(max_workers=4) as executor:
        gate = Gate(policy, deadline=time.monotonic() + 15, max_total_bytes=1_000_000, executor=executor)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=django_settings.CHROMIUM_PATH, args=LAUNCH_ARGS)
            try:
                context = await browser.new_context(**CONTEXT_OPTIONS)
                await gate.install(context)
                page = await context.new_page()
                await page.goto(url, wait_until="networkidle", timeout=15_000)
            finally:
                await browser.close()
    return gate


def test_the_gate_follows_redirects_itself_and_lets_the_pages_own_resources_through(allowed):
    traps = open_traps(allowed.port)
    try:
        allowed.redirect("/moved", allowed.url("/article"))
        allowed.page("/pic.png", b"\x89PNG" + b"2" * 100, "image/png")
        allowed.page(
            "/article",
            '<title>Article</title><link rel="stylesheet" href="/style.css"><img src="/pic.png">'
            f'<img src="{traps[1].url("/x.png")}"><script>fetch("/own.json")</script><p>Text.</p>',
        )
        gate = asyncio.run(_through_gate(allowed.url("/moved"), browser_policy()))
    finally:
        for trap in traps:
            trap.close()
    assert gate.redirects == [[allowed.url("/moved"), allowed.url("/article")]]
    fetched = [exchange.url for exchange in gate.exchanges]
    for path in ("/moved", "/article", "/style.css", "/pic.png", "/own.json"):
        assert fetched.count(allowed.url(path)) == 1, path
    assert gate.total_bytes == sum(len(exchange.raw_body) for exchange in gate.exchanges)
    assert [item["url"] for item in gate.refused] == [traps[1].url("/x.png")]
    assert traps[1].connections == []
