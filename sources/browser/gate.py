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
]
CONTEXT_OPTIONS = {"service_workers": "block", "accept_downloads": False}
# Run in every frame before the page's own scripts: no peer-to-peer or raw transports to open.
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
        self._cache: dict[str, FetchResult] = {}  # a resource asked for twice is fetched once

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

    async def _handle(self, route) -> None:
        request = route.request
        if request.method not in ("GET", "HEAD"):
            self.refused.append({"url": request.url, "code": "method", "message": f"{request.method} is not sent."})
            await route.abort("blockedbyclient")
            return
        result = self._cache.get(request.url)
        if result is None:
            try:
                result = await asyncio.get_running_loop().run_in_executor(self.executor, self._fetch, request.url)
            except FetchError as exc:
                refusal = {"url": request.url, "code": exc.code, "message": exc.message, "transient": exc.transient}
                self.refused.append(refusal)
                await route.abort("blockedbyclient")
                return
            size = sum(len(e.raw_body) for e in result.exchanges)
            if self.total_bytes + size > self.max_total_bytes:  # requests made at once share one budget
                message = "The capture's byte budget was used up."
                self.refused.append({"url": request.url, "code": "too_large", "message": message, "transient": False})
                await route.abort("blockedbyclient")
                return
            self._cache[request.url] = result
            self.exchanges.extend(result.exchanges)
            self.total_bytes += size
        if request.is_navigation_request():
            self.documents.setdefault(request.url, result)
            if request.frame.parent_frame is None:
                self.last_document = result
        final = result.final
        headers = {k: v for k, v in final.headers if k.lower() not in ("content-encoding", "content-length")}
        await route.fulfill(status=final.status, headers=headers, body=final.body)
