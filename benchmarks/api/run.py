"""The public verdict list under gunicorn, against a one-query baseline.

    .venv/bin/python benchmarks/api/run.py [--claims 100000] [--small 10000] [--seconds 10] [--database NAME]

Builds a database of its own with claims, verdicts (a third published),
citations and snapshots, first at --small claims then at --claims, serves the
project with gunicorn, and measures GET /api/v1/verdicts/?page_size=100 on the
first page, a deep cursor page and a filtered page: p50/p95 for one client,
and requests per second for several. "project" is the app as deployed (with
Redis, list pages are kept in the shared cache between changes); "uncached"
is the same app with that cache off, so every request reads the database. The
baseline is a minimal WSGI app in this file answering the same JSON from one
hand-written SQL query (the limit of this stack). The three servers are measured
side by side, in turns, so that their ratios hold on a busy machine. Requests
come from --readers client addresses, as the proxy in front forwards them. Then,
with a Celery worker, it times how soon the first pages are kept again after a
change the public can see. Prints the figures, a table with the ratios, and how
p95 grows with the data.
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import launch  # the same service bootstrap as make run / make test

from benchmarks import say_command
from benchmarks.dataset import generate  # the benchmarks' shared data set

WORKERS = 4
PAGE = "/api/v1/verdicts/?page_size=100"
BASELINE_SQL = """
SELECT v.id, v.number, v.rating, v.headline, v.summary, v.explanation, v.published_at, v.pinned_evidence, v.pinned_claim
FROM verdicts_verdict v
WHERE v.status = 'published' AND (%(before)s::timestamptz IS NULL OR v.published_at < %(before)s)
ORDER BY v.published_at DESC, v.id DESC LIMIT %(limit)s
"""


def baseline_app(database_url: str):
    """WSGI: the same list as JSON from one query, with a keyset cursor (?before=)."""
    import psycopg

    local = threading.local()

    def app(environ, start_response):
        if not hasattr(local, "conn"):
            local.conn = psycopg.connect(database_url, autocommit=True)
        query = dict(p.split("=", 1) for p in environ.get("QUERY_STRING", "").split("&") if "=" in p)
        before = urllib.request.unquote(query["before"]) if "before" in query else None
        rows = local.conn.execute(BASELINE_SQL, {"before": before, "limit": 100}).fetchall()
        results = [
            {
                "id": r[0], "version": r[1], "rating": r[2], "headline": r[3], "summary": r[4], "explanation": r[5],
                "modified": r[6].isoformat(), "sources": r[7],
                "claim": {"id": r[8]["id"], "text": r[8]["text"], "said_on": r[8]["said_on"], "medium": r[8]["medium"],
                          "language": r[8]["language"], "tags": r[8]["tags"],
                          "claimant": {"name": r[8]["claimant"]["name"], "kind": r[8]["claimant"]["kind"]}},
            }
            for r in rows
        ]  # fmt: skip
        nxt = f"/baseline?before={urllib.request.quote(rows[-1][6].isoformat())}" if rows else None
        body = json.dumps({"next": nxt, "results": results}).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return app


READERS = [1000]  # how many client addresses the requests come from (--readers)


def get(url: str) -> tuple[float, bytes]:
    """One request, from one of READERS addresses, as the proxy in front of the app forwards it."""
    reader = random.randrange(READERS[0])
    client = f"10.{reader >> 16 & 255}.{reader >> 8 & 255}.{reader & 255}"
    request = urllib.request.Request(url, headers={"X-Forwarded-For": client})  # noqa: S310 - a local server
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - a local server
        body = response.read()
    return time.perf_counter() - started, body


def latency(urls: dict[str, str], n: int = 60) -> dict[str, tuple[float, float]]:
    """p50 and p95 (ms) of one client, the servers asked in turn so that they share the same moments."""
    samples = {label: [] for label in urls}
    for url in urls.values():
        get(url)  # warm
    for _ in range(n):
        for label, url in urls.items():
            samples[label].append(get(url)[0])
    figures = {}
    for label, times in samples.items():
        times.sort()
        figures[label] = (statistics.median(times) * 1000, times[int(len(times) * 0.95) - 1] * 1000)
    return figures


def throughput(url: str, seconds: float, clients: int) -> int:
    done = [0] * clients
    deadline = time.monotonic() + seconds

    def client(i):
        while time.monotonic() < deadline:
            get(url)
            done[i] += 1

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return sum(done)


def interleaved_throughput(urls: dict[str, str], seconds: float, clients: int, rounds: int) -> dict[str, float]:
    """Requests per second of each server under `clients` clients over `seconds`, measured in
    `rounds` turns taken in rotation, so that a machine busy with something else slows them alike."""
    done = dict.fromkeys(urls, 0)
    labels = list(urls)
    for turn in range(rounds):
        for label in labels[turn % len(labels) :] + labels[: turn % len(labels)]:
            done[label] += throughput(urls[label], seconds / rounds, clients)
    return {label: count / seconds for label, count in done.items()}


def free_port() -> int:
    """A port nobody listens on now (other runs of a benchmark may be serving beside this one)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(app: str, port: int, env: dict, chdir: Path = ROOT) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
         "--log-level", "warning", "--chdir", str(chdir)],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            break
        except Exception:
            time.sleep(0.2)
    return proc


def deep_page(base: str, first: str, pages: int) -> str:
    """The page `pages` cursors after `first`."""
    url = first
    for _ in range(pages):
        nxt = json.loads(get(url)[1])["next"]
        if not nxt:
            break
        url = nxt if nxt.startswith("http") else base + nxt
    return url


def measure(bases: dict[str, str], deep_pages: int, seconds: float, clients: int, rounds: int) -> dict:
    """figures[label][page] = (p50, p95, req/s) for each server, the servers measured side by side."""
    targets = {"first": {}, "deep": {}, "filtered": {}}
    for label, base in bases.items():
        first = base + ("/baseline" if label == "baseline" else PAGE)
        targets["first"][label] = first
        targets["deep"][label] = deep_page(base, first, deep_pages)
        if label != "baseline":
            targets["filtered"][label] = base + PAGE + "&rating=false&language=en"
    figures = {label: {} for label in bases}
    for page, urls in targets.items():
        latencies = latency(urls)
        rates = interleaved_throughput(urls, seconds, clients, rounds)
        for label in urls:
            figures[label][page] = (*latencies[label], rates[label])
            p50, p95 = latencies[label]
            print(f"  {label:<9} {page:<8} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   "
                  f"{rates[label]:7.1f} req/s ({clients} clients)")  # fmt: skip
    return figures


def report(big: dict, small: dict, claims: int, small_claims: int) -> None:
    """The table of the README: each page as deployed, uncached and by the baseline, with the ratios."""
    print(f"\nAt {claims:,} claims (req/s with the clients above; ratios of req/s measured side by side):")
    print("| page | project p50 / p95 | project req/s | uncached p50 / p95 | uncached req/s | baseline req/s "
          "| uncached / baseline | project / baseline |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for page in ("first", "deep", "filtered"):
        cells = [page]
        for label in ("project", "uncached"):
            p50, p95, rps = big[label][page]
            cells += [f"{p50:.1f} / {p95:.1f} ms", f"{rps:.0f}"]
        baseline = big["baseline"].get(page)
        cells.append(f"{baseline[2]:.0f}" if baseline else "—")
        for label in ("uncached", "project"):
            cells.append(f"{big[label][page][2] / baseline[2]:.2f}" if baseline else "—")
        print("| " + " | ".join(cells) + " |")
    for label in ("project", "uncached"):
        growth = ", ".join(f"{page} {big[label][page][1] / small[label][page][1]:.2f}"
                           for page in ("first", "deep", "filtered"))  # fmt: skip
        print(f"p95 ({label}) at {claims:,} / at {small_claims:,}: {growth}")


def after_changes(env: dict, base: str, changes: int, reader_after: float) -> None:
    """How soon the first pages are kept again after a change the public can see, a Celery worker
    building them (verdicts.warm_public_pages): what a reader arriving `reader_after` seconds after a
    publication meets. The change is what publishing does to the pages (public_pages_changed)."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import transaction

    from verdicts.public_site.caching import first_pages
    from verdicts.selectors import public_page_key, public_pages_changed

    queue = f"apibench-warm-{os.getpid()}"
    settings.SITE_URL, settings.PUBLIC_PAGES_QUEUE = base, queue  # as the worker's
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--pool", "solo", "-Q", queue,
         "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--hostname", f"{queue}@%h"],
        cwd=ROOT, env={**env, "SITE_URL": base, "PUBLIC_PAGES_QUEUE": queue}, stdout=subprocess.DEVNULL,
    )  # fmt: skip

    def kept_after_change() -> float | None:
        with transaction.atomic():
            public_pages_changed()
        started = time.monotonic()
        keys = [public_page_key(base + path if path.startswith("/api/") else "page:" + base + path)
                for path in first_pages()]  # fmt: skip
        while time.monotonic() - started < 60:
            if len(cache.get_many(keys)) == len(keys):
                return time.monotonic() - started
            time.sleep(0.005)
        return None

    try:
        kept_after_change()  # the worker's first task: it has just started
        times = [kept_after_change() for _ in range(changes)]
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    done = sorted(t for t in times if t is not None)
    hits = sum(t <= reader_after for t in done)
    print(f"\nAfter {changes} changes, the {len(first_pages())} first pages were all kept again in "
          f"{statistics.median(done) * 1000:.0f} ms (median), {done[-1] * 1000:.0f} ms at most; "
          f"a reader {reader_after:g} s after a change finds them kept {hits} times in {changes}.")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5, help="turns each server's throughput is measured in")
    parser.add_argument(
        "--readers", type=int, default=1000,
        help="client addresses the requests come from; each has its own throttle history, as readers do",
    )  # fmt: skip
    parser.add_argument("--changes", type=int, default=20, help="changes after which the pages' rebuilding is timed")
    parser.add_argument(
        "--database", default="factcheck_apibench", help="the scratch database's name (dropped first and at the end)"
    )
    args = parser.parse_args()
    say_command()
    READERS[0] = args.readers

    env, url = launch.benchmark_environment(
        args.database, DEBUG="false", ALLOWED_HOSTS="127.0.0.1,localhost", SECURE_COOKIES="false",
        API_THROTTLE_ANON="100000000/min", CONN_MAX_AGE="600", STATIC_ROOT=tempfile.mkdtemp(prefix="apibench-static-"),
        TRUSTED_PROXIES="1",  # as behind the proxy of the production shape: X-Forwarded-For names the reader
    )  # fmt: skip
    import django

    django.setup()
    baseline_module = ROOT / "benchmarks" / "api" / "baseline_wsgi.py"
    baseline_module.write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\nfrom run import baseline_app\n"
        f"application = baseline_app({url!r})\n"
    )
    shared = env.get("CACHE_URL") or env.get("REDIS_URL")
    print(f"page cache for 'project': {'on (' + shared + ')' if shared else 'off: set REDIS_URL to measure it'}")
    results = {}
    try:
        for size in (args.small, args.claims):
            started = time.monotonic()
            generate(size)
            print(f"{size:,} claims ({size // 3 + (size % 3 > 0):,} published verdicts), "
                  f"built in {time.monotonic() - started:.0f} s")  # fmt: skip
            deep = min(40, size // 3 // 100 - 1)  # as deep as the data allows, up to 40 pages
            ports = {"project": free_port(), "uncached": free_port(), "baseline": free_port()}
            app = serve("factcheck.wsgi:application", ports["project"], env)
            uncached = serve("factcheck.wsgi:application", ports["uncached"], {**env, "PUBLIC_PAGE_CACHE_SECONDS": "0"})
            base = serve("baseline_wsgi:application", ports["baseline"], env, chdir=baseline_module.parent)
            try:
                bases = {label: f"http://127.0.0.1:{port}" for label, port in ports.items()}
                results[size] = measure(bases, deep, args.seconds, args.clients, args.rounds)
                if size == args.claims and shared and args.changes:
                    after_changes(env, bases["project"], args.changes, reader_after=1.0)
            finally:
                for proc in (app, uncached, base):
                    proc.terminate()
                    proc.wait(timeout=30)
    finally:
        baseline_module.unlink(missing_ok=True)
        from django.db import connections

        connections.close_all()
        launch.drop_database(url)

    report(results[args.claims], results[args.small], args.claims, args.small)
    return 0


if __name__ == "__main__":
    sys.exit(main())
