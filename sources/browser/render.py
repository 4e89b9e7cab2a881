"""Loading one page in a fresh browser context and keeping what the reader saw.

The page is scrolled a screen at a time (lazy images and infinite scroll, both bounded) from the
moment its document is parsed, while its images still load; once it has loaded, the network is
given a short while to go quiet, then the DOM, the title and a full-page
screenshot (cut at a height) are kept. Every wait is bounded by the capture's deadline, with a
reserve kept for the screenshot: a page that never settles is kept as it stands at the deadline.
"""

import asyncio
import math
import time

from django.conf import settings

from sources.browser.engine import VIEWPORT, Rendered
from sources.browser.screenshot import PngError, join, slices
from sources.fetching.errors import FetchError

QUIET_WAIT = 3.0  # seconds at most for the network to go quiet after load
QUIET_WINDOW = 0.3  # the network is quiet when the gate has answered everything and nothing began since
MOVES_FOLLOWED = 2  # pages a page's own script sends it on to while it is scrolled, followed
SCROLL_PAUSE = 0.05  # seconds after each screen, for lazy content to be asked for
# One full-page screenshot at a time in a browser: each slice of it (screenshot.SLICE_HEIGHT) costs
# Chromium tens of megabytes. Four full-page screenshots at once took the browser worker's memory
# from 680 to 840 MB on the benchmark's pages, for no more pages a minute. A page waits at
# most SCREENSHOT_WAIT seconds for another's, then is taken beside it: a page whose screenshot
# takes long (a hostile one) holds the others back no longer than that.
SCREENSHOT_WAIT = 5.0

# Consent walls and subscription prompts: fixed or sticky layers over much of the screen, or named
# for what they are, are taken away before the screenshot (their text stays in the DOM kept), and a
# scroll they locked is unlocked, so the screenshot shows the page under them. Gives the page's height.
CLEAR_OVERLAYS = """() => {
  const screen = window.innerWidth * window.innerHeight;
  for (const element of Array.from(document.querySelectorAll("body *"))) {
    const position = getComputedStyle(element).position;
    if (position !== "fixed" && position !== "sticky") continue;
    const box = element.getBoundingClientRect();
    const named = /consent|cookie|gdpr|paywall|modal|overlay/i.test(element.id + " " + element.className);
    if (box.width * box.height >= 0.3 * screen || named) element.remove();
  }
  for (const root of [document.documentElement, document.body]) {
    if (root) root.style.setProperty("overflow", "visible", "important");
  }
  return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);
}"""
HEIGHT = "Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)"
# A screen at a time from `start` down to the end of the page (bounded), then back to the top;
# how far down it went.
SCROLL = f"""async ({{start, step, steps, pause}}) => {{
  let y = start;
  for (let i = 0; i < steps && y + window.innerHeight < {HEIGHT}; i++) {{
    y += step;
    window.scrollTo(0, y);
    await new Promise(resolve => setTimeout(resolve, pause));
  }}
  window.scrollTo(0, 0);
  return y;
}}"""
DOCUMENT_SIZE = "document.documentElement ? document.documentElement.outerHTML.length : 0"


def _screens() -> int:
    """Screens scrolled at most: as far down as the screenshot goes (an infinite scroll stops
    there), so that no lazy picture it shows is left blank."""
    return max(1, math.ceil(settings.BROWSER_SCREENSHOT_MAX_HEIGHT / VIEWPORT["height"]))


def _left(deadline: float, reserve: float = 0.0) -> float:
    return max(deadline - reserve - time.monotonic(), 0.0)


def _wait_ms(deadline: float, reserve: float) -> float:
    """Playwright's timeout for a wait on the page: what is left before the reserve, half a second at least."""
    return max(_left(deadline, reserve), 0.5) * 1000


async def _quiet(gate, seconds: float) -> bool:
    """Wait up to `seconds` for the page's network to go quiet; whether it did. Every request
    goes through the gate, which knows how many are being answered and when the last one ended."""
    until = time.monotonic() + seconds
    while gate.quiet_for() < QUIET_WINDOW:
        if time.monotonic() >= until:
            return False
        await asyncio.sleep(0.05)
    return True


async def _scroll(page, deadline: float, reserve: float, start: int = 0, steps: int | None = None) -> int | None:
    """Scroll a screen at a time from `start` to the end, `steps` screens at most; how far down it
    went (0: nothing to scroll), None when the page held the steps up past their time. The steps
    run inside the page, in one round trip; a page that holds them up is left as it stands."""
    steps = _screens() if steps is None else steps
    budget = min(steps * (SCROLL_PAUSE + 0.2), _left(deadline, reserve))
    if budget < SCROLL_PAUSE:
        return 0
    arguments = {"start": start, "step": VIEWPORT["height"], "steps": steps, "pause": int(SCROLL_PAUSE * 1000)}
    try:
        reached = await asyncio.wait_for(page.evaluate(SCROLL, arguments), timeout=budget)
    except TimeoutError:
        return None  # it scrolled, or tried to: what it asked for is waited for as usual
    return int(reached) if isinstance(reached, int | float) and 0 <= reached < 1e9 else None


async def _load_lazy(page, gate, deadline: float, reserve: float) -> bool:
    """Scroll the page for what it loads on the way (lazy images, more items) while what it asked
    for once loaded (an article its script fetches) is still arriving, then wait for the network
    to go quiet; whether it did. What arrived meanwhile may have made the page longer than the
    scroll went: the rest is scrolled too, within the same bound on screens. A page whose script
    sends it on to another as it loads (its own redirect) is followed, twice at most: the page it
    ends on is loaded, scrolled and waited for instead."""
    from playwright.async_api import Error as PlaywrightError

    moves = 0
    while True:
        try:
            return await _scroll_and_wait(page, gate, deadline, reserve)
        except PlaywrightError as exc:
            if moves == MOVES_FOLLOWED or "context was destroyed" not in str(exc):
                raise
        moves += 1
        await _quiet(gate, min(QUIET_WAIT, _left(deadline, reserve)))  # the next page's requests
        await page.wait_for_load_state("domcontentloaded", timeout=_wait_ms(deadline, reserve))


async def _loaded(page, gate, deadline: float, reserve: float) -> bool:
    """Wait for the page's load event, by the deadline's reserve; whether it came. A page held by a
    resource that never ends (a stylesheet in its head keeps it from painting) is kept as it stands:
    what is still being fetched is given up."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    try:
        await page.wait_for_load_state("load", timeout=_wait_ms(deadline, reserve))
    except PlaywrightTimeout:
        gate.cut_off()
        return False
    return True


async def _scroll_and_wait(page, gate, deadline: float, reserve: float) -> bool:
    # Scrolled from the moment its document is parsed, while its images and stylesheets still load:
    # what the scroll asks for is fetched beside them, not after them.
    reached = await _scroll(page, deadline, reserve)
    if not await _loaded(page, gate, deadline, reserve):
        return False
    settled = await _quiet(gate, min(QUIET_WAIT, _left(deadline, reserve)))
    if not settled or reached is None:
        return settled
    left = _screens() - reached // VIEWPORT["height"]
    height = await page.evaluate(HEIGHT)
    longer = isinstance(height, int | float) and reached + VIEWPORT["height"] < height
    if left > 0 and longer and await _scroll(page, deadline, reserve, reached, left) != reached:
        await _quiet(gate, min(1.0, _left(deadline, reserve)))
    return settled


async def _screenshot(page, height: int, deadline: float, screenshots: asyncio.Semaphore) -> bytes:
    try:
        await asyncio.wait_for(screenshots.acquire(), timeout=min(SCREENSHOT_WAIT, _left(deadline)))
        alone = True
    except TimeoutError:
        alone = False
    try:
        taken, height = await slices(page, width=VIEWPORT["width"], height=height, timeout=max(_left(deadline), 1.0))
    finally:
        if alone:
            screenshots.release()
    # Joined while the next page's screenshot is being drawn.
    try:
        return await asyncio.to_thread(join, taken, width=VIEWPORT["width"], height=height)
    except PngError as exc:  # Chromium's slices are not what was asked for: nothing the page can mend
        raise FetchError("screenshot_failed", f"The page's screenshot could not be put together: {exc}") from exc


async def load_and_keep(page, gate, url: str, deadline: float, screenshots: asyncio.Semaphore) -> Rendered:
    """Load `url` in `page` and keep its DOM, title and screenshot (taken one at a time among the
    pages sharing `screenshots`). Raises Playwright's errors when the page itself could not be
    loaded (the gate refused it, or it did not answer)."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    budget = _left(deadline)
    reserve = min(10.0, budget * 0.25)  # for the screenshot and the DOM
    settled = True
    try:
        await page.goto(url, wait_until="domcontentloaded", timeout=_wait_ms(deadline, reserve))
    except PlaywrightTimeout:
        settled = False  # a document that never ends: kept as it stands, the rest given up
        gate.cut_off()
    if settled:
        settled = await _load_lazy(page, gate, deadline, reserve)
    # What the page's script wrote is measured where it stands, before it is carried out of the browser.
    size = await page.evaluate(DOCUMENT_SIZE)
    if size > settings.BROWSER_CAPTURE_MAX_BYTES:
        limit = settings.BROWSER_CAPTURE_MAX_BYTES
        raise FetchError("too_large", f"The page's script wrote a document of {size} characters (at most {limit}).")
    html = await page.content()  # the DOM as the page left it, overlays included
    height = await page.evaluate(CLEAR_OVERLAYS)  # the page's script may say anything here
    if not isinstance(height, int | float) or not height >= 1:  # NaN too
        height = VIEWPORT["height"]
    height = int(min(height, settings.BROWSER_SCREENSHOT_MAX_HEIGHT))
    screenshot = await _screenshot(page, height, deadline, screenshots)
    return Rendered(url=page.url, html=html, title=await page.title(), screenshot=screenshot, settled=settled)
