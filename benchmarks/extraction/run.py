"""Claim extraction: how many of the hand-annotated claims are found, and how well.

    .venv/bin/python benchmarks/extraction/run.py [--verbose]

Runs the extraction behind `manage.py extract_claims` on the demo article
(seeds/putin-biden-claims.json) and on the articles of other subjects in
benchmarks/extraction/other-subjects.json, and prints recall, precision and the
accuracy of claimant, said_on, medium and cited_source on matched claims (see
scoring.py for what counts as a match), with the time each article took.
Targets on the demo: recall >= 0.85, precision >= 0.75, claimant >= 0.85, date >= 0.9.
"""

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.extraction.scoring import close, evaluate, same_name
from claims.extraction import extract_claims

TARGETS = {"recall": 0.85, "precision": 0.75, "claimant": 0.85, "said_on": 0.9}
FIGURES = ("recall", "precision", "claimant", "said_on", "medium", "cited_source")


def articles() -> list[dict]:
    demo = json.loads((ROOT / "seeds" / "putin-biden-claims.json").read_text())
    found = [
        {
            "name": "demo: " + demo["article"],
            "text": (ROOT / "seeds" / demo["article"]).read_text(),
            "published": demo["published"],
            "outlet": "NV",
            "claims": demo["claims"],
        }
    ]
    others = json.loads((HERE / "other-subjects.json").read_text())
    for article in others["articles"]:
        found.append({**article, "name": article["file"], "text": (HERE / article["file"]).read_text()})
    return found


def run(article: dict) -> tuple[dict, float]:
    began = time.perf_counter()
    published = datetime.date.fromisoformat(article["published"])
    proposals = [p.as_dict() for p in extract_claims(article["text"], published=published, outlet=article["outlet"])]
    elapsed = time.perf_counter() - began
    return evaluate(proposals, article["claims"]), elapsed


def explain(result: dict) -> None:
    for proposal, gold in result["pairs"]:
        for key, agree in (("claimant", same_name), ("said_on", lambda a, b: a == b), ("medium", close)):
            if not agree(proposal[key], gold[key]):
                print(f"    {key}: {proposal[key]!r}, annotated {gold[key]!r} — {gold['text'][:60]}")
    for gold in result["missed"]:
        print(f"    missed: {gold['text'][:90]}")
    for proposal in result["extra"]:
        print(f"    not annotated: {proposal['text'][:90]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="show each disagreement")
    args = parser.parse_args()
    extract_claims("Warm up: the parser said on Monday that it was ready.", published=datetime.date(2024, 1, 1))
    demo_met = True
    for number, article in enumerate(articles()):
        result, elapsed = run(article)
        figures = "  ".join(f"{key} {result[key]:.2f}" for key in FIGURES)
        print(f"{article['name']}: {result['matched']}/{result['gold']} found, {result['proposed']} proposed, "
              f"{elapsed * 1000:.0f} ms\n    {figures}")  # fmt: skip
        if args.verbose:
            explain(result)
        if number == 0:
            demo_met = all(result[key] >= target for key, target in TARGETS.items())
    print("demo targets met" if demo_met else "demo targets NOT met")
    return 0 if demo_met else 1


if __name__ == "__main__":
    sys.exit(main())
