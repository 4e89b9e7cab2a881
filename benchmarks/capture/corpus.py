"""The HTTP benchmark's corpus: news pages (newspage.py) or pages of nothing but article text, and the
local servers that answer with latency."""

import contextlib
import math
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from benchmarks.capture.newspage import news_page
from benchmarks.capture.words import WORDS, paragraph


def article(rng: random.Random, n: int, size: int) -> bytes:
    paragraphs, total = [], 0
    while total < size:
        text = paragraph(rng, rng.randint(40, 120))
        paragraphs.append(f"<p>{text}</p>")
        total += len(text) + 7
    head = f"<title>Story {n}: {rng.choice(WORDS)} {rng.choice(WORDS)}</title>"
    nav = "<nav>" + " | ".join(rng.sample(WORDS, 8)) + "</nav>"
    body = f"<article><h1>Story {n}</h1>{''.join(paragraphs)}</article>"
    return f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>{nav}{body}</body></html>".encode()


PAGE_KINDS = {"news": news_page, "text": article}


class Corpus:
    """Pages by path, each with its latency; a few fail. `kind` says what a page holds: `news`,
    an article amid a news site's markup and scripts, or `text`, a page of nothing but article text
    (the heaviest case for the text's fingerprint and its search index)."""

    def __init__(self, pages: int, seed: int = 7, typical_latency: float = 0.3, kind: str = "news"):
        rng = random.Random(seed)
        self.pages = {}
        for n in range(pages):
            size = int(rng.lognormvariate(math.log(60_000), 0.8))
            if n % 50 == 7:
                size = rng.randint(1_500_000, 3_000_000)  # a few large ones
            status = 404 if n % 60 == 11 else 500 if n % 97 == 13 else 200
            latency = min(rng.lognormvariate(math.log(typical_latency), 0.6), 10 * typical_latency)
            # Each page's words come from a generator of their own: both kinds of page share their
            # sizes, answers and latencies.
            content = PAGE_KINDS[kind](random.Random(f"{seed}-{n}"), n, min(size, 3_000_000))
            self.pages[f"/story/{n}"] = (status, content, latency)
        self.huge = 200 * 1024 * 1024

    def median_latency(self) -> float:
        latencies = sorted(p[2] for p in self.pages.values())
        return latencies[len(latencies) // 2]


class HostLoad:
    """How many requests each host is answering at once, and the most it answered at once since
    the last `reset`: the per-host limit, counted where it matters, at the servers."""

    def __init__(self):
        self._lock = threading.Lock()
        self._active: dict[str, int] = {}
        self.peak: dict[str, int] = {}

    @contextlib.contextmanager
    def request(self, host: str):
        with self._lock:
            self._active[host] = self._active.get(host, 0) + 1
            self.peak[host] = max(self.peak.get(host, 0), self._active[host])
        try:
            yield
        finally:
            with self._lock:
                self._active[host] -= 1

    def reset(self) -> None:
        with self._lock:
            self.peak = dict.fromkeys(self.peak, 0)

    def most(self) -> int:
        return max(self.peak.values(), default=0)


def serve(corpus: Corpus, hosts: list[str], load: HostLoad | None = None) -> tuple[list[ThreadingHTTPServer], int]:
    load = load or HostLoad()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            with load.request(self.server.server_address[0]):
                self._answer()

        def _answer(self):
            if self.path == "/huge":
                return self._huge()
            status, body, latency = corpus.pages.get(self.path, (404, b"not found", 0.05))
            time.sleep(latency)
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _huge(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(corpus.huge))
            self.end_headers()
            block = b"<p>" + b"x" * 65530 + b"</p>"
            try:
                for _ in range(corpus.huge // len(block)):
                    self.wfile.write(block)
            except (BrokenPipeError, ConnectionResetError):
                pass

    servers, port = [], 0
    for host in hosts:
        httpd = ThreadingHTTPServer((host, port), Handler)
        httpd.daemon_threads = True
        port = httpd.server_address[1]
        threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(httpd)
    return servers, port
