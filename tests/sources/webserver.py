"""A local web server for capture tests: the internet, as far as the tests know.

Routes are functions of the request handler; each writes its response by hand,
so tests can serve exactly the hostile or odd bytes they need.
"""

import contextlib
import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Troops massed near the border</title>
<meta property="article:published_time" content="2021-12-03T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Troops massed near the border</h1>
<p>As of early December, about 100,000 soldiers were deployed near the border, the defence minister told parliament.</p>
<p>The minister said the figure came from the country's intelligence services
and had been rising since late October.</p>
<p>Independent analysts said satellite images showed new field camps and equipment arriving by rail.</p>
</article>
<aside>Subscribe to our newsletter! Follow us on Twitter.</aside></body></html>"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TestServer/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.hits.append(self.path)
        self.server.request_headers.append(dict(self.headers))
        route = self.server.routes.get(self.path.split("?")[0])
        if route is None:
            return self.send_body(404, b"<h1>Not found</h1>", "text/html")
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.server.posts.append((self.path, dict(self.headers), self.rfile.read(length)))
        self.do_GET()

    def send_body(self, status, body: bytes, content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class WebServer:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.routes = {}
        self.httpd.hits = []
        self.httpd.request_headers = []
        self.httpd.posts = []
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def hits(self) -> list[str]:
        return self.httpd.hits

    @property
    def posts(self) -> list[tuple[str, dict, bytes]]:
        return self.httpd.posts

    def route(self, path: str):
        def register(fn):
            self.httpd.routes[path] = fn
            return fn

        return register

    def page(self, path: str, body: bytes | str, content_type="text/html; charset=utf-8", status=200, headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.httpd.routes[path] = lambda h: h.send_body(status, data, content_type, headers)

    def redirect(self, path: str, location: str, status=302):
        self.httpd.routes[path] = lambda h: h.send_body(status, b"", "text/html", [("Location", location)])

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def drip(handler, *, interval: float, chunks: int):
    """A slow server: one byte every `interval` seconds."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(chunks))
    handler.end_headers()
    for _ in range(chunks):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(interval)


def endless(handler, *, with_length: bool, size: int):
    """A body far bigger than any cap, sent in 64 KiB pieces."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    if with_length:
        handler.send_header("Content-Length", str(size))
    else:
        handler.send_header("Connection", "close")
    handler.end_headers()
    block = b"a" * 65536
    sent = 0
    while sent < size:
        handler.wfile.write(block)
        sent += len(block)
    handler.close_connection = True


def gzip_bomb(size: int) -> bytes:
    """`size` bytes of zeros, gzipped: a few KiB on the wire."""
    return gzip.compress(b"\0" * size, compresslevel=9)
