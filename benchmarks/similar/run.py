"""Already checked? How fast similar claims are found among many.

    .venv/bin/python benchmarks/similar/run.py [--claims 100000] [--queries 300]

Builds a database of its own with --claims claims: the demo's hand-annotated claims
among sentences drawn at random from the demo article's vocabulary (so that words
recur across claims as they do in a newsroom's intake). Then asks `already_checked`
(the selector behind GET /api/v1/claims/similar/) for: each demo claim's source
sentence (it should find the demo claim first), and reworded copies of random
claims (words shuffled, one dropped). Prints p50/p95 latency and how often the
original came first.
"""

import argparse
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import launch  # the same service bootstrap as make run / make test

from benchmarks import say_command

SEEDS = ROOT / "seeds"


def generate(total: int, gold: list[str]) -> None:
    from django.db import connection, transaction

    from claims.models import Claim

    words = re.findall(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*", (SEEDS / "putin-biden-sanctions-2021-12-31.txt").read_text())
    rng = random.Random(7)
    Claim.objects.bulk_create(Claim(text=text) for text in gold)
    batch = 2000  # under 65,535 bound parameters per statement
    for offset in range(len(gold), total, batch):
        with transaction.atomic():
            Claim.objects.bulk_create(
                Claim(text=" ".join(rng.choice(words) for _ in range(rng.randint(8, 25))) + ".")
                for _ in range(min(batch, total - offset))
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE claims_claim")  # as autovacuum would: folds the GIN pending lists in


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    say_command()

    _, url = launch.benchmark_environment("factcheck_similarbench")
    import django

    django.setup()
    from claims.models import Claim
    from verdicts.selectors import already_checked

    gold = json.loads((SEEDS / "putin-biden-claims.json").read_text())["claims"]
    try:
        started = time.monotonic()
        generate(args.claims, [c["text"] for c in gold])
        print(f"{Claim.objects.count():,} claims built in {time.monotonic() - started:.0f} s")
        by_text = dict(Claim.objects.filter(text__in=[c["text"] for c in gold]).values_list("text", "id"))
        rng = random.Random(11)
        asks = [(c["sentence"], by_text[c["text"]]) for c in gold]
        for claim_id, text in Claim.objects.order_by("?").values_list("id", "text")[: args.queries - len(asks)]:
            words = text.rstrip(".").split()
            rng.shuffle(words)
            asks.append((" ".join(words[:-1]), claim_id))
        already_checked(text=asks[0][0])  # warm
        timings, first, gold_first = [], 0, 0
        for number, (text, expected) in enumerate(asks):
            began = time.perf_counter()
            found = already_checked(text=text)
            timings.append((time.perf_counter() - began) * 1000)
            hit = bool(found) and found[0]["claim"].pk == expected
            first += hit
            gold_first += hit and number < len(gold)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        p50 = statistics.median(timings)
        print(f"{len(asks)} queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms")
        print(f"the original came first for {first}/{len(asks)} "
              f"(demo claims from their article sentence: {gold_first}/{len(gold)})")  # fmt: skip
    finally:
        from django.db import connections

        connections.close_all()
        launch.drop_database(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
