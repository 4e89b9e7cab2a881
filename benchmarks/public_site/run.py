"""The readers' site at scale: how long each public page takes, built and kept, and its queries.

    .venv/bin/python benchmarks/public_site/run.py [--verdicts 100000] [--small 10000] [--repeat 9]

Builds a database of its own (the benchmarks' data set, benchmarks/dataset: claims, a third of
them resolved by a published verdict, one published verdict in thirty corrected, citations and
captures), first at --small claims and then at --verdicts, and asks for each public page through
Django's test client (no network, no server), anonymously. "built" is the page made from the database
(PUBLIC_PAGE_CACHE_SECONDS=0); "kept" is the page served from the shared cache (the cache named
by CACHE_URL or REDIS_URL, else this process's memory). Prints the median time and the queries
of each page at both sizes.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import launch  # the same service bootstrap as make run / make test

from benchmarks import say_command


def pages(verdict_id: int, claimant_id: int, deep_cursor: str) -> list[tuple[str, str]]:
    return [
        ("index", "/verdicts/"),
        ("index, 40 pages deep", f"/verdicts/?cursor={deep_cursor}"),
        ("index, rating and language", "/verdicts/?rating=false&language=en"),
        ("index, search", "/verdicts/?q=figure+reported"),
        ("index, date range", "/verdicts/?published_from=2020-01-10&published_to=2020-01-20"),
        ("claimant", f"/claimants/{claimant_id}/"),
        ("topic", "/topics/health/"),
        ("corrections", "/corrections/"),
        ("methodology", "/methodology/"),
        ("verdict", f"/verdicts/{verdict_id}/"),
        ("feed: verdicts", "/feeds/verdicts.atom"),
        ("feed: corrections", "/feeds/corrections.atom"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap: verdicts, first 5,000", "/sitemap-verdicts.xml"),
        ("sitemap: claimants", "/sitemap-claimants.xml"),
    ]


def measure(client, url: str, repeat: int, *, kept: bool) -> tuple[float, int]:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE_SECONDS = 60 if kept else 0
    response = client.get(url)  # warm (and, when kept, keep it)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries.captured_queries)


def deep_cursor(client, pages_deep: int) -> str:
    import re
    from html import unescape

    url = "/verdicts/"
    for _ in range(pages_deep):
        found = re.search(r'href="([^"]+)" rel="next"', client.get(url).content.decode())
        if not found:
            break
        url = unescape(found.group(1))
    return url.split("cursor=", 1)[1].split("&", 1)[0] if "cursor=" in url else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verdicts", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    say_command()

    env, url = launch.benchmark_environment(
        "factcheck_publicsitebench", debug=True, ALLOWED_HOSTS="testserver", PUBLIC_PAGE_CACHE_SECONDS="60"
    )
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from benchmarks.dataset import generate
    from verdicts.models import Verdict

    shared = env.get("CACHE_URL") or env.get("REDIS_URL")
    print(f"kept pages in: {'the shared cache (' + shared + ')' if shared else 'this process (set REDIS_URL)'}")
    results: dict[str, dict] = {}
    results_sizes: list[int] = []
    try:
        for size in (args.small, args.verdicts):
            began = time.monotonic()
            generate(size)
            published = Verdict.objects.filter(status="published").count()
            print(f"{Verdict.objects.count():,} verdicts ({published:,} published, "
                  f"{Verdict.objects.filter(number=2).count():,} of them corrections) "
                  f"ready in {time.monotonic() - began:.0f} s")  # fmt: skip
            client = Client()
            settings.PUBLIC_PAGE_CACHE_SECONDS = 0
            newest = Verdict.objects.filter(status="published").order_by("-published_at", "-id").first()
            claimant_id = newest.pinned_claim["claimant"]["id"]
            for name, page in pages(newest.pk, claimant_id, deep_cursor(client, 40)):
                results.setdefault(name, {})[size] = (
                    measure(client, page, args.repeat, kept=False),
                    measure(client, page, args.repeat, kept=True),
                )
                built, kept = results[name][size]
                print(f"  {name:32s} built {built[0]:8.1f} ms {built[1]:3d} q   kept {kept[0]:6.2f} ms {kept[1]:2d} q")
            results_sizes.append(size)
        print(f"\n{'page':32s}" + "".join(f"{'built at ' + format(n, ','):>22s}{'kept':>16s}" for n in results_sizes))
        for name, by_size in results.items():
            cells = "".join(
                f"{by_size[n][0][0]:11.1f} ms {by_size[n][0][1]:3d} q{by_size[n][1][0]:8.2f} ms {by_size[n][1][1]:2d} q"
                for n in results_sizes
            )
            print(f"{name:32s}{cells}")
    finally:
        from django.db import connections

        connections.close_all()
        launch.drop_database(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
