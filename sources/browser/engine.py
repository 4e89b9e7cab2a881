"""One Chromium per worker process, reused across captures, a fresh context per capture.

Playwright's async API runs on one event-loop thread owned by the engine; any thread (a Celery
thread-pool worker, the capture command's pool) hands it a capture and waits for the result, so
several captures share one browser process at once. The browser is launched on first use and
again if it died; nothing here opens a connection: every request goes through the gate.
"""

import asyncio
import atexit
import contextlib
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from factcheck.malloc import M_MMAP_THRESHOLD, mallopt
from sources.browser.gate import CONTEXT_OPTIONS, LAUNCH_ARGS, Gate
from sources.fetching.client import Exchange, FetchPolicy, FetchResult
from sources.fetching.errors import FetchError

VIEWPORT = {"width": 1280, "height": 900}
# Requests of one capture fetched at once. Each capture has threads of its own for them, so a page
# of slow resources holds up only itself, never the captures beside it.
FETCHES_PER_CAPTURE = 6
# The Playwright driver (a Node.js process, one per engine) reads its options from the environment
# it inherits. It only passes messages (bodies and screenshots, base64) between the worker and
# Chromium: its young generation is kept small, and its own code is interpreted, not compiled
# (about 12 MB less, for no more processor time on the benchmark's pages).
DRIVER_NODE_OPTIONS = ["--max-semi-space-size=1", "--jitless"]
# ... and it frees the messages it has passed on once its heap has grown by a few megabytes
# (driver_memory.js), instead of when V8's growing limit is reached.
DRIVER_PRELOAD = Path(__file__).with_name("driver_memory.js")
# glibc keeps a freed buffer of a megabyte or more for reuse, and the size it keeps rises with
# each one freed. Fixed at 1 MiB, such buffers (bodies, screenshot slices, messages to and from
# the driver) go back to the system once freed: the worker's and the driver's peaks were about
# 20 and 30 MB lower (benchmarks/capture). Set in this process and in what it starts.
MMAP_THRESHOLD = 1 << 20


@dataclass
class Rendered:
    """What the browser saw of one page."""

    url: str  # where the page ended up
    html: str  # the rendered DOM
    title: str
    screenshot: bytes  # PNG, full page up to the height cap
    exchanges: list[Exchange] = field(default_factory=list)  # every request the page made, in order
    refused: list[dict] = field(default_factory=list)  # every request the gate refused
    main: FetchResult | None = None  # what answered the page's own URL (after its redirects)
    # What answered the document on screen at the end: `main`, or the page it went on to by itself.
    # Its final URL is where the page came from (the address bar may say anything: history.pushState).
    document: FetchResult | None = None
    settled: bool = True  # whether the network went quiet before the deadline


class Engine:
    def __init__(self):
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._browser = None
        self._playwright = None
        # Bound to the engine's event loop when first waited on (asyncio's primitives since Python 3.10).
        self._launching = asyncio.Lock()
        self._screenshots = asyncio.Semaphore(1)  # one page's at a time (render.SCREENSHOT_WAIT)

    def _start_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name="browser-engine", daemon=True).start()
                self._loop = loop
        return self._loop

    def render(self, url: str, policy: FetchPolicy) -> Rendered:
        """Render `url` within settings.BROWSER_CAPTURE_DEADLINE; raises FetchError."""
        loop = self._start_loop()
        budget = settings.BROWSER_CAPTURE_DEADLINE
        future = asyncio.run_coroutine_threadsafe(self._render(url, policy, time.monotonic() + budget), loop)
        return future.result(timeout=budget + 30)

    async def _browser_ready(self):
        async with self._launching:
            if self._browser is None or not self._browser.is_connected():
                from playwright.async_api import async_playwright

                if self._playwright is None:
                    _driver_environment()
                    self._playwright = await async_playwright().start()
                self._browser = await self._playwright.chromium.launch(
                    executable_path=settings.CHROMIUM_PATH, args=LAUNCH_ARGS, handle_sigint=False
                )
        return self._browser

    async def _render(self, url: str, policy: FetchPolicy, deadline: float) -> Rendered:
        from playwright.async_api import Error as PlaywrightError

        from sources.browser.render import load_and_keep

        try:
            browser = await self._browser_ready()
        except Exception as exc:
            raise FetchError("browser_unavailable", f"The browser could not start: {exc}", transient=True) from exc
        # The gate's fetches block: they run on this capture's own threads, off the event loop.
        fetchers = ThreadPoolExecutor(max_workers=FETCHES_PER_CAPTURE, thread_name_prefix="browser-fetch")
        gate = Gate(policy, deadline=deadline, max_total_bytes=settings.BROWSER_CAPTURE_MAX_BYTES, executor=fetchers)
        try:
            context = await browser.new_context(
                **CONTEXT_OPTIONS, viewport=VIEWPORT, user_agent=policy.user_agent, java_script_enabled=True
            )
        except BaseException:
            fetchers.shutdown(wait=False, cancel_futures=True)
            raise
        try:
            await gate.install(context)
            page = await context.new_page()
            # A page whose script never yields would hold every wait: it is cut off at the deadline.
            kept = load_and_keep(page, gate, url, deadline, self._screenshots)
            rendered = await asyncio.wait_for(kept, timeout=_left(deadline) + 5)
            if urlsplit(rendered.url).scheme not in ("http", "https"):
                # The page sent itself somewhere the gate did not serve (the browser's own error page,
                # a blob: or about: page): what is on screen is not the page's.
                raise _navigated_away(rendered.url)
        except TimeoutError as exc:
            raise FetchError("deadline", "The page kept the browser busy past the capture's deadline.") from exc
        except PlaywrightError as exc:
            raise _load_error(url, gate, exc) from exc
        finally:
            gate.close()  # a request ending from now on adds nothing to what is kept
            with contextlib.suppress(Exception):  # a crashed context is already gone
                await context.close()
            # Requests still waiting are dropped; one in flight ends by the capture's deadline.
            fetchers.shutdown(wait=False, cancel_futures=True)
        rendered.exchanges, rendered.refused = gate.exchanges, gate.refused
        rendered.main = gate.documents.get(url)
        rendered.document = gate.last_document or rendered.main
        return rendered

    async def _close(self):
        if self._browser is not None:
            await self._browser.close()
        if self._playwright is not None:
            await self._playwright.stop()

    def close(self) -> None:
        if self._loop is not None and self._browser is not None:
            with contextlib.suppress(Exception):  # closing at exit: the process ends anyway
                asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(timeout=10)


def _driver_environment() -> None:
    """Set what the driver inherits, and when this process gives large buffers back (once per
    process; a value the deployment set is kept)."""
    given = os.environ.get("NODE_OPTIONS", "")  # kept as it is written: it may quote paths
    names = {word.split("=")[0] for word in given.split()}
    added = [option for option in DRIVER_NODE_OPTIONS if option.split("=")[0] not in names]
    # Quoted for Node's reading of NODE_OPTIONS, which takes a backslash as an escape.
    path = str(DRIVER_PRELOAD).replace("\\", "\\\\").replace('"', '\\"')
    if (preload := f'--require="{path}"') not in given:
        added.append(preload)
    os.environ["NODE_OPTIONS"] = " ".join([given, *added]).strip()
    mallopt(M_MMAP_THRESHOLD, os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(MMAP_THRESHOLD)))


def _left(deadline: float) -> float:
    return max(deadline - time.monotonic(), 0.0)


def _navigated_away(address: str) -> FetchError:
    return FetchError("navigated_away", f"The page left for an address that was not captured ({address[:200]}).")


def _load_error(url: str, gate: Gate, exc: Exception) -> FetchError:
    """Why the page itself could not be loaded: the gate's refusal of it; else, when the page sent
    itself to an address the gate refused (the browser then errs mid-navigation: "Execution context
    was destroyed"), that it navigated away; else the browser's words."""
    for refusal in gate.refused:
        if refusal["url"] == url:
            return FetchError(refusal["code"], refusal["message"], transient=refusal.get("transient", False))
    if gate.left_for is not None:
        return _navigated_away(gate.left_for)
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return FetchError("browser_error", f"The browser could not load the page: {first_line[:300]}")


_engine: Engine | None = None
_engine_lock = threading.Lock()


def engine() -> Engine:
    """This process's engine (one browser per process)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = Engine()
            atexit.register(_engine.close)
    return _engine
