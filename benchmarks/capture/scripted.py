"""The browser benchmark's corpus: article pages whose text only a browser sees.

Every page carries a stylesheet, two images and a lazy image far below the fold. Half the
pages keep their article in inline JSON that a script writes into the DOM; the other half
fetch() it from their own host. Each response (page, stylesheet, image, JSON) waits its own
latency, so a page costs several round trips as on the real web.
"""

import contextlib
import io
import json
import math
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from benchmarks.capture.words import WORDS

STYLESHEET = b"""body{font:16px/1.5 Georgia,serif;max-width:46em;margin:2em auto;color:#222}
nav{font:14px sans-serif;border-bottom:1px solid #ccc;padding:.5em 0}
article p{margin:0 0 1em} figure{margin:1em 0} img{max-width:100%;height:auto}
.spacer{height:3000px}"""

RENDER = """<script>
function render(data){const body=document.getElementById('body');
 for(const text of data.paragraphs){const p=document.createElement('p');p.textContent=text;body.appendChild(p);}}
%s
</script>"""
INLINE = "render(JSON.parse(document.getElementById('story-data').textContent));"
FETCHED = "fetch('/api/story/%d.json').then(r=>r.json()).then(render);"


def png(colour: tuple[int, int, int], size=(640, 360)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


class ScriptedCorpus:
    """Pages by path; `articles[path]` is the text a reader sees in the article."""

    def __init__(self, pages: int, seed: int = 11):
        rng = random.Random(seed)
        self.responses: dict[str, tuple[str, bytes, float]] = {}
        self.articles: dict[str, str] = {}
        self.responses["/static/site.css"] = ("text/css", STYLESHEET, 0.1)
        images = [png((rng.randrange(256), rng.randrange(256), rng.randrange(256))) for _ in range(8)]
        for n in range(pages):
            size = min(int(rng.lognormvariate(math.log(6_000), 0.6)), 40_000)
            paragraphs, total = [], 0
            while total < size:
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))).capitalize() + "."
                paragraphs.append(text)
                total += len(text)
            path = f"/story/{n}"
            self.articles[path] = "\n".join(paragraphs)
            data = json.dumps({"paragraphs": paragraphs}).replace("</", "<\\/")
            fetched = n % 2 == 1
            script = RENDER % (FETCHED % n if fetched else INLINE)
            inline = "" if fetched else f"<script type='application/json' id='story-data'>{data}</script>"
            image = "<img src='/img/{}-{}.png' width='640' height='360' alt=''{}>"
            figures = "".join(f"<figure>{image.format(n, k, '')}</figure>" for k in (1, 2))
            lazy = f"<div class='spacer'></div>{image.format(n, 'lazy', ' loading=lazy')}"
            nav = "<nav>" + " | ".join(rng.sample(WORDS, 8)) + "</nav>"
            html = (
                "<!doctype html><html><head><meta charset='utf-8'>"
                f"<title>Story {n}</title><link rel='stylesheet' href='/static/site.css'></head>"
                f"<body>{nav}<article><h1>Story {n}</h1>{figures}<div id='body'></div></article>{lazy}{inline}{script}"
                "</body></html>"
            )
            self.responses[path] = ("text/html; charset=utf-8", html.encode(), self._latency(rng, 0.3))
            if fetched:
                self.responses[f"/api/story/{n}.json"] = ("application/json", data.encode(), self._latency(rng, 0.15))
            for k in ("1", "2", "lazy"):
                self.responses[f"/img/{n}-{k}.png"] = ("image/png", rng.choice(images), self._latency(rng, 0.1))

    @staticmethod
    def _latency(rng: random.Random, median: float) -> float:
        return min(rng.lognormvariate(math.log(median), 0.6), 3.0)

    @property
    def paths(self) -> list[str]:
        return list(self.articles)

    def median_latency(self) -> float:
        latencies = sorted(latency for _, _, latency in self.responses.values())
        return latencies[len(latencies) // 2]


def serve(corpus: ScriptedCorpus, hosts: list[str]) -> tuple[list[ThreadingHTTPServer], int]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            content_type, body, latency = corpus.responses.get(path, ("text/plain", b"not found", 0.05))
            time.sleep(latency)
            self.send_response(200 if path in corpus.responses else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    servers, port = [], 0
    for host in hosts:
        httpd = ThreadingHTTPServer((host, port), Handler)
        httpd.daemon_threads = True
        port = httpd.server_address[1]
        threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(httpd)
    return servers, port
