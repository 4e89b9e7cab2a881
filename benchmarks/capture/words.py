"""The words the benchmark's generated pages are written in."""

import random

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


def paragraph(rng: random.Random, length: int) -> str:
    """A paragraph of `length` words."""
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


def paragraphs(rng: random.Random, words: int) -> list[str]:
    """An article's paragraphs of 40 to 120 words, `words` in all."""
    written = []
    while words > 0:
        length = min(rng.randint(40, 120), words)
        written.append(paragraph(rng, length))
        words -= length
    return written
