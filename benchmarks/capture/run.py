"""Capture throughput: the workbench end to end, against wget and a bare fetch.

    .venv/bin/python benchmarks/capture/run.py [--pages 500] [--concurrency 8]

Serves a generated corpus of article pages from local addresses (several
loopback hosts, so per-host politeness applies as on the real web) with a
realistic latency per response (median about 300 ms, a tail to 3 s), then
measures on the same URLs:

  (a) the workbench: queue -> capture workers (default settings) -> stored snapshots
  (b) wget --warc-file over the same list
  (c) a bare concurrent fetch with the same concurrency and no processing

and prints pages per minute, the ratios a/b and a/c, and the peak memory of a
capture worker, also while a 200 MB body is refused or truncated.
Uses DATABASE_URL / REDIS_URL like `make test` (else the embedded defaults),
in a database of its own that it drops afterwards.
"""

import argparse
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import launch

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


class Corpus:
    """Pages by path, each with its latency; a few fail."""

    def __init__(self, pages: int, seed: int = 7):
        rng = random.Random(seed)
        self.pages = {}
        for n in range(pages):
            size = int(rng.lognormvariate(math.log(60_000), 0.8))
            if n % 50 == 7:
                size = rng.randint(1_500_000, 3_000_000)  # a few large ones
            status = 404 if n % 60 == 11 else 500 if n % 97 == 13 else 200
            latency = min(rng.lognormvariate(math.log(0.3), 0.6), 3.0)
            self.pages[f"/story/{n}"] = (status, article(rng, n, min(size, 3_000_000)), latency)
        self.huge = 200 * 1024 * 1024

    def median_latency(self) -> float:
        latencies = sorted(p[2] for p in self.pages.values())
        return latencies[len(latencies) // 2]


def serve(corpus: Corpus, hosts: list[str]) -> tuple[list[ThreadingHTTPServer], int]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
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


class PeakMemory:
    """Samples the RSS of every process in the worker's tree."""

    def __init__(self, proc: subprocess.Popen):
        self.root, self.peak, self._stop = psutil.Process(proc.pid), 0, threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while not self._stop.is_set():
            try:
                for p in [self.root, *self.root.children(recursive=True)]:
                    self.peak = max(self.peak, p.memory_info().rss)
            except psutil.Error:
                pass
            time.sleep(0.05)

    def stop(self) -> int:
        self._stop.set()
        return self.peak


def bare_fetch(urls: list[str], concurrency: int) -> float:
    import urllib3

    http = urllib3.PoolManager(maxsize=concurrency, retries=False, timeout=30)

    def get(url):
        http.request("GET", url, preload_content=True)

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(get, urls))
    return time.monotonic() - started


def wget(urls: list[str], workdir: Path) -> float:
    listing = workdir / "urls.txt"
    listing.write_text("\n".join(urls))
    started = time.monotonic()
    subprocess.run(
        ["wget", "--quiet", "--tries=1", "--timeout=30", f"--warc-file={workdir / 'wget'}", "-P", str(workdir / "wget"),
         "-i", str(listing)],
        check=False,
    )  # fmt: skip
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=16)
    parser.add_argument("--concurrency", type=int, default=int(os.environ.get("CAPTURE_CONCURRENCY", "8")))
    args = parser.parse_args()

    corpus = Corpus(args.pages)
    hosts = [f"127.0.0.{10 + i}" for i in range(args.hosts)]
    servers, port = serve(corpus, hosts)
    urls = [f"http://{hosts[i % len(hosts)]}:{port}{path}" for i, path in enumerate(corpus.pages)]
    failing = sum(1 for status, _, _ in corpus.pages.values() if status != 200)
    workdir = Path(tempfile.mkdtemp(prefix="capture-bench-"))

    env = launch.service_environment(debug=False)
    bench_url = launch.scratch_database(env, "factcheck_bench")
    queue = f"bench-{uuid.uuid4().hex[:6]}"
    env.update(
        DATABASE_URL=bench_url,
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        SECRET_KEY=env.get("SECRET_KEY") or "benchmark-only-key",
        CAPTURE_QUEUE=queue,
        CAPTURE_ALLOWED_PRIVATE=",".join(f"{h}:{port}" for h in hosts),
        MEDIA_ROOT=str(workdir / "media"),
        CAPTURE_RETRY_BASE="1",
    )
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)

    import django

    django.setup()
    from django.db.models import Q

    from sources.capture import snapshot_request
    from sources.models import Snapshot
    from sources.services import source_get_or_create

    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "-Q", queue, "--concurrency",
         str(args.concurrency), "--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    memory = PeakMemory(worker)
    try:
        time.sleep(4)  # the worker boots
        print(f"corpus: {len(urls)} pages ({failing} failing) on {len(hosts)} hosts, "
              f"median latency {corpus.median_latency() * 1000:.0f} ms, concurrency {args.concurrency}")  # fmt: skip

        started = time.monotonic()
        ids = []
        for url in urls:
            source, _ = source_get_or_create(url=url)
            ids.append(snapshot_request(source=source, force=True).pk)
        # A page counts once it has been fetched and processed: stored, failed,
        # or (a 500 answer) waiting for its retry. wget and the bare fetch try once too.
        processed = Q(status__in=["succeeded", "failed"]) | Q(status="queued", attempt__gte=1)
        done = 0
        while done < len(ids):
            time.sleep(0.25)
            done = Snapshot.objects.filter(processed, pk__in=ids).count()
        workbench = time.monotonic() - started
        succeeded = Snapshot.objects.filter(pk__in=ids, status="succeeded").count()
        retrying = Snapshot.objects.filter(pk__in=ids, status="queued").count()
        peak_corpus = memory.peak

        source, _ = source_get_or_create(url=f"http://{hosts[0]}:{port}/huge")
        huge = snapshot_request(source=source, force=True)
        while Snapshot.objects.get(pk=huge.pk).status not in ("succeeded", "failed"):
            time.sleep(0.5)
        huge = Snapshot.objects.get(pk=huge.pk)
        peak_all = memory.stop()
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    bare = bare_fetch(urls, args.concurrency)
    wget_time = wget(urls, workdir) if shutil.which("wget") else float("nan")

    def per_minute(seconds):
        return len(urls) / seconds * 60

    a, b, c = per_minute(workbench), per_minute(wget_time), per_minute(bare)
    print(f"(a) workbench, queue -> workers -> snapshots: {a:8.0f} pages/min  ({workbench:.1f} s, "
          f"{succeeded} succeeded, {retrying} waiting to retry)")  # fmt: skip
    print(f"(b) wget --warc-file, same URLs:              {b:8.0f} pages/min  ({wget_time:.1f} s)")
    print(f"(c) bare concurrent fetch, no processing:    {c:8.0f} pages/min  ({bare:.1f} s)")
    print(f"a/b = {a / b:.2f}   a/c = {a / c:.2f}")
    print(f"capture worker peak memory (largest process): {peak_corpus / 2**20:.0f} MB during the corpus, "
          f"{peak_all / 2**20:.0f} MB with the 200 MB body")  # fmt: skip
    print(f"200 MB body: {huge.status}, kept {huge.size or 0:,} bytes, truncated={huge.truncated}")

    from django.db import connections

    connections.close_all()
    launch.drop_database(bench_url)
    for httpd in servers:
        httpd.shutdown()
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
