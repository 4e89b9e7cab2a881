"""The HTTP benchmark's corpus: plain article pages, and the local servers that answer with latency."""

import contextlib
import math
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = [
    "minister",
    "government",
    "report",
    "border",
    "troops",
    "sanctions",
    "economy",
    "inflation",
    "election",
    "vote",
    "percent",
    "million",
    "said",
    "according",
    "officials",
    "analysts",
    "data",
    "figure",
    "rose",
    "fell",
    "week",
    "month",
    "year",
    "city",
    "region",
    "president",
    "parliament",
    "statement",
    "spokesperson",
    "evidence",
    "claim",
    "agency",
    "survey",
    "health",
    "hospital",
    "weather",
    "storm",
    "rain",
]


def article(rng: random.Random, n: int, size: int) -> bytes:
    paragraphs, total = [], 0
    while total < size:
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))).capitalize() + "."
        paragraphs.append(f"<p>{text}</p>")
        total += len(text) + 7
    head = f"<title>Story {n}: {rng.choice(WORDS)} {rng.choice(WORDS)}</title>"
    nav = "<nav>" + " | ".join(rng.sample(WORDS, 8)) + "</nav>"
    body = f"<article><h1>Story {n}</h1>{''.join(paragraphs)}</article>"
    return f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>{nav}{body}</body></html>".encode()


def _sentences(rng: random.Random, words: int) -> list[str]:
    paragraphs = []
    while words > 0:
        length = min(rng.randint(40, 120), words)
        paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + ".")
        words -= length
    return paragraphs


def _links(rng: random.Random, count: int, words: int) -> str:
    return "".join(
        f"<li><a href='/section/{rng.randint(1, 10**6)}'>{' '.join(rng.sample(WORDS, words)).capitalize()}</a></li>"
        for _ in range(count)
    )


def news_page(rng: random.Random, n: int, size: int) -> bytes:
    """A page as news sites serve them: the article (about 800 words, a few long reads of
    thousands) amid what surrounds it on the real web: meta tags and JSON-LD, a menu, related
    stories, a footer, and inline scripts and styles that make up the rest of the page's bytes."""
    # About 800 words, never more than a third of the page's bytes (a word takes about 7).
    words = int(min(rng.lognormvariate(math.log(800), 0.5), 3_000, size / 21))
    if size > 1_000_000:
        words = rng.randint(6_000, 10_000)  # a long read, on a page heavy with scripts
    headline = f"Story {n}: {' '.join(rng.sample(WORDS, 4))}"
    published = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z"
    dated = rng.random() < 0.8  # most news pages say when they were published in their metadata
    head = (
        f"<title>{headline}</title><meta name='description' content='{' '.join(rng.sample(WORDS, 12))}'>"
        f"<meta property='og:title' content='{headline}'><link rel='canonical' href='/story/{n}'>"
        + (f"<meta property='article:published_time' content='{published}'>" if dated else "")
        + "<script type='application/ld+json'>"
        + f'{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{headline}"'
        + (f',"datePublished":"{published}"' if dated else "")
        + "}</script>"
        + "".join(f"<link rel='stylesheet' href='/assets/{rng.randint(1, 10**6)}.css'>" for _ in range(3))
        + "<style>"
        + "".join(f".c{i}{{margin:{i % 7}px;color:#{rng.randint(0, 0xFFFFFF):06x}}}" for i in range(80))
        + "</style>"
    )
    nav = f"<header><nav><ul>{_links(rng, 40, 1)}</ul></nav></header>"
    paragraphs = "".join(f"<p>{text}</p>" for text in _sentences(rng, words))
    body = f"<main><article><h1>{headline}</h1><p class='byline'>By a staff reporter</p>{paragraphs}</article>"
    aside = f"<aside><h2>Related</h2><ul>{_links(rng, 15, 8)}</ul></aside></main>"
    footer = f"<footer><ul>{_links(rng, 30, 2)}</ul><p>All rights reserved.</p></footer>"
    page = f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>{nav}{body}{aside}{footer}"
    scripts = []
    room = size - len(page)
    while room > 0:  # the app's state and its configuration, inline, as script-built sites ship them
        items = ",".join(
            f'{{"id":{rng.randint(10**5, 10**6)},"headline":"{" ".join(rng.sample(WORDS, 7))}",'
            f'"url":"/{rng.choice(WORDS)}/{rng.randint(10**5, 10**6)}","section":"{rng.choice(WORDS)}",'
            f'"image":{{"src":"/img/{rng.randint(10**5, 10**6)}.jpg","width":{rng.choice((320, 640, 1280))}}}}}'
            for _ in range(10)
        )
        script = f"<script>window.__STATE__=(window.__STATE__||[]).concat([{items}]);</script>"
        scripts.append(script)
        room -= len(script)
    return (page + "".join(scripts) + "</body></html>").encode()


PAGE_KINDS = {"news": news_page, "text": article}


class Corpus:
    """Pages by path, each with its latency; a few fail. `kind` says what a page holds: `news`,
    an article amid a news site's markup and scripts, or `text`, a page of nothing but article text
    (the heaviest case for text extraction and indexing)."""

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
