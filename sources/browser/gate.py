"""The one gate for every request a browser capture makes.

The browser never opens a connection of its own: every request it would send is
intercepted (Playwright's routing) and made by the capture's HTTP client instead,
through the same policy as a plain capture (resolved and checked once, pinned to
the checked address, byte caps, the capture's deadline). Whatever is not
intercepted (preconnects, DNS prefetch, WebSockets, WebRTC) meets the launch
flags below: a proxy that does not exist and a resolver that knows no name.
"""

import asyncio
import time
from concurrent.futures import Executor

from sources.fetching.client import Exchange, FetchPolicy, FetchResult, fetch
from sources.fetching.errors import FetchError

# Headless, quiet: no first-run, background, update or sync traffic of the browser's own.
HEADLESS_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Chromium keeps only the last --disable-features it is given, so this list is Playwright's own
# (kept in step with it by a test) and then the browser's omnibox popups: in Chromium's headless
# mode every page sits in a window whose address bar preloads them, a renderer of their own (about
# 60 MB, and its start) per capture that nothing ever shows. Pages are not touched by any of these.
PLAYWRIGHT_DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin", "OptimizationHints",
    "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch", "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
]  # fmt: skip
DISABLED_FEATURES = [
    *PLAYWRIGHT_DISABLED_FEATURES,
    "WebUIOmniboxPopup",
    "WebUIOmniboxAimPopup",
    "WebUIOmniboxFullPopup",
]
# A proxy nobody listens on (port 9, discard), used for loopback too, and no name resolves:
# a connection Chromium would make around the gate fails before it leaves the machine.
LAUNCH_ARGS = [
    *HEADLESS_ARGS,
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    # WebRTC would reach peers over UDP, which no proxy carries: only proxied traffic is allowed.
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--force-webrtc-ip-handling-policy",
    "--no-pings",
    "--disable-features=" + ",".join(DISABLED_FEATURES),
]
CONTEXT_OPTIONS = {"service_workers": "block", "accept_downloads": False}
# Run in every frame before the page's own scripts: no peer-to-peer or raw transports to open.
# Headers of one connection, or of an encoding the fetcher already undid: never handed to the page.
DROPPED_HEADERS = frozenset(
    ["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
     "transfer-encoding", "upgrade", "content-encoding", "content-length", "alt-svc"]
)  # fmt: skip
INIT_SCRIPT = """for (const name of ["RTCPeerConnection", "webkitRTCPeerConnection", "RTCDataChannel",
  "WebTransport"]) { try { delete window[name]; window[name] = undefined; } catch (e) {} }"""


class Gate:
    """Routes a browser context's requests through the capture's fetcher and keeps every
    exchange it made (`exchanges`, in order) and every request it refused (`refused`)."""

    def __init__(self, policy: FetchPolicy, *, deadline: float, max_total_bytes: int, executor: Executor):
        self.policy = policy
        self.deadline = deadline  # time.monotonic() by which everything must be done
        self.max_total_bytes = max_total_bytes
        self.executor = executor
        self.exchanges: list[Exchange] = []
        self.refused: list[dict] = []
        self.total_bytes = 0
        self.documents: dict[str, FetchResult] = {}  # navigations: the URL asked for -> what answered it
        self.last_document: FetchResult | None = None  # what answered the top page's latest navigation
        self.left_for: str | None = None  # where the top page tried to go and was refused
        self._cache: dict[str, FetchResult] = {}  # a resource asked for twice is fetched once
        self._pending: dict[str, asyncio.Future] = {}  # ... even when asked for twice at once
        self.redirects: list[list[str]] = []  # every chain of redirects the gate followed itself, hop by hop
        self.in_flight = 0  # requests being answered now
        self.last_activity = time.monotonic()  # when a request last started or ended
        self._cut = asyncio.Event()  # set once the page is to be kept as it stands: nothing more is waited for
        self.closed = False  # set once the capture is over: a fetch ending later changes nothing here

    async def install(self, context) -> None:
        await context.add_init_script(INIT_SCRIPT)
        await context.route("**/*", self._handle)
        await context.route_web_socket("**/*", self._refuse_socket)

    async def _refuse_socket(self, socket) -> None:
        self.refused.append({"url": socket.url, "code": "websocket", "message": "WebSockets are not opened."})
        await socket.close(code=1008, reason="Not archived")

    def _fetch(self, url: str):
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError("deadline", "The capture's time was up.", transient=True)
        room = self.max_total_bytes - self.total_bytes
        if room <= 0:
            raise FetchError("too_large", "The capture's byte budget was used up.")
        policy = FetchPolicy(
            user_agent=self.policy.user_agent,
            exemptions=self.policy.exemptions,
            deadline=min(self.policy.deadline, remaining),
            connect_timeout=self.policy.connect_timeout,
            read_timeout=self.policy.read_timeout,
            max_bytes=min(self.policy.max_bytes, room),
            max_redirects=self.policy.max_redirects,
        )
        return fetch(url, policy)

    def cut_off(self) -> None:
        """Keep the page as it stands: every request still being answered, and every later one, is
        aborted (a stylesheet that never ends would otherwise keep the page from ever painting)."""
        self._cut.set()

    def close(self) -> None:
        self.closed = True
        self._cut.set()

    def quiet_for(self) -> float:
        """Seconds since the page's network was last busy (0 while a request is being answered)."""
        return 0.0 if self.in_flight else time.monotonic() - self.last_activity

    async def _handle(self, route) -> None:
        self.in_flight += 1
        self.last_activity = time.monotonic()
        try:
            await self._answer(route)
        finally:
            self.in_flight -= 1
            self.last_activity = time.monotonic()

    async def _answer(self, route) -> None:
        request = route.request
        if request.method not in ("GET", "HEAD"):
            self.refused.append({"url": request.url, "code": "method", "message": f"{request.method} is not sent."})
            await route.abort("blockedbyclient")
            return
        result = self._cache.get(request.url)
        if result is None:
            result = await self._unless_cut(request.url)
            if result is None:
                if request.is_navigation_request() and request.frame.parent_frame is None:
                    self.left_for = request.url
                await route.abort("blockedbyclient")
                return
        if request.is_navigation_request():
            self.documents.setdefault(request.url, result)
            if request.frame.parent_frame is None:
                self.last_document = result
        final = result.final
        # After redirects the page sees the final answer at the address it asked for: a forwarding
        # response would send Chromium to the next hop on its own, around the gate (and meet the dead proxy).
        headers = {k: v for k, v in final.headers if k.lower() not in DROPPED_HEADERS}
        await route.fulfill(status=final.status, headers=headers, body=final.body)

    async def _unless_cut(self, url: str) -> FetchResult | None:
        """What answered `url` (fetched once however often it is asked for), or None: refused, or
        still unanswered when the page was cut off."""
        if self._cut.is_set():
            self.refused.append({"url": url, "code": "cut_off", "message": "Asked for after the page was kept."})
            return None
        pending = self._pending.get(url)
        if pending is None:
            pending = self._pending[url] = asyncio.ensure_future(self._admit(url))
            pending.add_done_callback(lambda _: self._pending.pop(url, None))
        cut = asyncio.ensure_future(self._cut.wait())
        try:
            await asyncio.wait({pending, cut}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            cut.cancel()
        if pending.done():
            return pending.result()
        self.refused.append({"url": url, "code": "cut_off", "message": "Still unanswered when the page was kept."})
        return None

    async def _admit(self, url: str) -> FetchResult | None:
        """Fetch `url` within the budget and keep it, or record why not and return None."""
        try:
            result = await asyncio.get_running_loop().run_in_executor(self.executor, self._fetch, url)
        except FetchError as exc:
            if self.closed:
                return None
            self.refused.append({"url": url, "code": exc.code, "message": exc.message, "transient": exc.transient})
            return None
        except Exception as exc:  # a hostile answer the fetcher did not foresee is refused, never left hanging
            if self.closed:
                return None
            message = f"The request failed ({type(exc).__name__})."
            self.refused.append({"url": url, "code": "fetch_failed", "message": message, "transient": False})
            return None
        if self.closed:  # the capture is over: what it keeps is already taken
            return None
        size = sum(len(e.raw_body) for e in result.exchanges)
        if self.total_bytes + size > self.max_total_bytes:  # requests made at once share one budget
            message = "The capture's byte budget was used up."
            self.refused.append({"url": url, "code": "too_large", "message": message, "transient": False})
            return None
        self._cache[url] = result
        if len(result.exchanges) > 1:  # redirects followed here, each hop checked; the end is cached too
            self.redirects.append([exchange.url for exchange in result.exchanges])
            self._cache.setdefault(result.final.url, FetchResult([result.final]))
        self.exchanges.extend(result.exchanges)
        self.total_bytes += size
        return result
