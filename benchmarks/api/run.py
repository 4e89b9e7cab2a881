"""The public verdict list under gunicorn, against a one-query baseline.

    .venv/bin/python benchmarks/api/run.py [--claims 100000] [--small 10000] [--seconds 10]

Builds a database of its own with claims, verdicts (a third published),
citations and snapshots, first at --small claims then at --claims, serves the
project with gunicorn, and measures GET /api/v1/verdicts/?page_size=100 on the
first page, a deep cursor page and a filtered page: p50/p95 for one client,
and requests per second for several. "project" is the app as deployed (with
Redis, list pages are kept in the shared cache between changes); "uncached"
is the same app with that cache off, so every request reads the database. The baseline is a minimal WSGI app in this
file answering the same JSON from one hand-written SQL query (the limit of this
stack). Prints the figures and the ratios.
"""

import argparse
import json
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


def get(url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - a local server
        body = response.read()
    return time.perf_counter() - started, body


def latency(url: str, n: int = 60) -> tuple[float, float]:
    get(url)  # warm
    samples = sorted(get(url)[0] for _ in range(n))
    return statistics.median(samples) * 1000, samples[int(len(samples) * 0.95) - 1] * 1000


def throughput(url: str, seconds: float, clients: int) -> float:
    done = [0] * clients
    deadline = time.monotonic() + seconds

    def client(i):
        while time.monotonic() < deadline:
            get(url)
            done[i] += 1

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return sum(done) / seconds


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


def measure(label: str, base: str, deep_pages: int, seconds: float, clients: int) -> dict:
    first = base + PAGE if "baseline" not in label else base + "/baseline"
    # follow the cursor to a deep page
    url = first
    for _ in range(deep_pages):
        nxt = json.loads(get(url)[1])["next"]
        if not nxt:
            break
        url = nxt if nxt.startswith("http") else base + nxt
    deep = url
    filtered = base + PAGE + "&rating=false&language=en" if "baseline" not in label else None
    figures = {}
    for name, target in (("first", first), ("deep", deep), ("filtered", filtered)):
        if target is None:
            continue
        p50, p95 = latency(target)
        rps = throughput(target, seconds, clients)
        figures[name] = (p50, p95, rps)
        print(f"  {label:<9} {name:<8} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   {rps:7.1f} req/s ({clients} clients)")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()

    env, url = launch.benchmark_environment(
        "factcheck_apibench", DEBUG="false", ALLOWED_HOSTS="127.0.0.1,localhost", SECURE_COOKIES="false",
        API_THROTTLE_ANON="100000000/min", CONN_MAX_AGE="600", STATIC_ROOT=tempfile.mkdtemp(prefix="apibench-static-"),
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
            app = serve("factcheck.wsgi:application", 8191, env)
            uncached = serve("factcheck.wsgi:application", 8193, {**env, "PUBLIC_PAGE_CACHE_SECONDS": "0"})
            base = serve("baseline_wsgi:application", 8192, env, chdir=baseline_module.parent)
            try:
                results[size] = {
                    "project": measure("project", "http://127.0.0.1:8191", deep, args.seconds, args.clients),
                    "uncached": measure("uncached", "http://127.0.0.1:8193", deep, args.seconds, args.clients),
                    "baseline": measure("baseline", "http://127.0.0.1:8192", deep, args.seconds, args.clients),
                }
            finally:
                for proc in (app, uncached, base):
                    proc.terminate()
                    proc.wait(timeout=30)
    finally:
        baseline_module.unlink(missing_ok=True)
        from django.db import connections

        connections.close_all()
        launch.drop_database(url)

    big, small = results[args.claims], results[args.small]
    for label in ("project", "uncached"):
        for page in ("first", "deep"):
            ratio = big[label][page][2] / big["baseline"][page][2]
            print(f"{page} page at {args.claims:,}: throughput {label}/baseline = {ratio:.2f}")
        for page in ("first", "deep", "filtered"):
            growth = big[label][page][1] / small[label][page][1]
            print(f"{page} page p95 ({label}) at {args.claims:,} / at {args.small:,} = {growth:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
