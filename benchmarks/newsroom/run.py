"""The newsroom's pages at scale: how long each takes and how many queries it runs.

    .venv/bin/python benchmarks/newsroom/run.py [--claims 100000] [--small 10000] [--repeat 9]

Builds a database of its own (the benchmarks' data set, benchmarks/dataset: claims, a third of
them resolved by a published verdict, citations and captures), first at --small claims and then
at --claims, and asks
for each page as a signed-in editor through Django's test client (no network, no server).
Prints the median time and the query count of each page at both sizes.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import launch  # the same service bootstrap as make run / make test

from benchmarks import say_command


def pages(claim_id: int, verdict_id: int) -> list[str]:
    return [
        "/?view=all",
        "/?view=intake",
        "/?view=review",
        "/?view=published",
        f"/?view=all&before={claim_id // 2}",
        "/?view=all&status=checking&tag=health",
        "/?view=all&rating=false",
        "/?view=all&q=figure+reported",
        f"/claims/{claim_id}/",
        f"/verdicts/{verdict_id}/edit/",
        "/dashboard/",
    ]


def measure(client, url: str, repeat: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    say_command()

    env, url = launch.benchmark_environment(
        "factcheck_newsroombench", debug=True, ALLOWED_HOSTS="testserver", PUBLIC_PAGE_CACHE_SECONDS="0"
    )
    subprocess.run([sys.executable, "manage.py", "create_roles"], cwd=ROOT, env=env, check=True, capture_output=True)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from benchmarks.dataset import generate
    from claims.models import Claim
    from factcheck.roles import EDITOR
    from verdicts.models import Verdict

    results = {}
    try:
        for size in (args.small, args.claims):
            began = time.monotonic()
            generate(size)
            editor = get_user_model().objects.get(username="bench-editor")
            editor.groups.add(Group.objects.get(name=EDITOR))
            client = Client()
            client.force_login(editor)
            claim_id = Claim.objects.order_by("-id").values_list("id", flat=True).first()
            verdict_id = Verdict.objects.filter(status="published").order_by("-id").values_list("id", flat=True).first()
            print(f"{Claim.objects.count():,} claims ready in {time.monotonic() - began:.0f} s")
            for page in pages(claim_id, verdict_id):
                key = (
                    page.replace(str(claim_id // 2), "<half>")
                    .replace(str(claim_id), "<id>")
                    .replace(str(verdict_id), "<id>")
                )
                results.setdefault(key, {})[size] = measure(client, page, args.repeat)
        print(f"\n{'page':44s} {args.small:>8,} claims {args.claims:>10,} claims")
        for page, by_size in results.items():
            (small_ms, small_q), (big_ms, big_q) = by_size[args.small], by_size[args.claims]
            print(f"{page:44s} {small_ms:7.1f} ms {small_q:3d} q {big_ms:9.1f} ms {big_q:3d} q")
    finally:
        from django.db import connections

        connections.close_all()
        launch.drop_database(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
