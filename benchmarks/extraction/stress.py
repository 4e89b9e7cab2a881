"""Claim extraction on hostile and on ordinary text: seconds for each size.

    .venv/bin/python benchmarks/extraction/stress.py [--sizes 100000,500000,1000000] [--limit 60]
                                                      [--only according,ordinary]

Each run is a process of its own, stopped after --limit seconds (the table then says "cut").
The hostile texts repeat what made the extractor slow or could: attribution phrases with
nothing to attribute, unclosed quotes, runs without a sentence end, a million commas, very
many short sentences and abbreviations; and the first three again as sentences just under the
length the extractor reads (1,000 characters). The ordinary text is the demo article repeated.
"""

import argparse
import datetime
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

DEMO = ROOT / "seeds" / "putin-biden-sanctions-2021-12-31.txt"
TEXTS = {
    # the security review's input: "according to" with a quotation mark at the end
    "according": lambda n: ("according to x " * (n // 15)) + '" y.',
    "said": lambda n: ('"x," said ' * (n // 10)) + "x.",
    "told": lambda n: ("told the X " * (n // 11)) + '" y.',
    "quoted": lambda n: ("’" * n) + ", x said.",
    "open-quotes": lambda n: ("“" * n) + " x.",
    "commas": lambda n: ("," * n) + " the office said.",
    "no-stops": lambda n: "word " * (n // 5),
    "short-sentences": lambda n: "A b c d. " * (n // 9),
    "abbreviations": lambda n: "Jr. " * (n // 4),
    # the same, as sentences of 960 characters: each is read whole by the attribution rules
    "according-960": lambda n: _lines(("according to x " * 63) + '" y.', n),
    "quoted-960": lambda n: _lines(("’" * 950) + ", x said.", n),
    "said-960": lambda n: _lines(('"x," said ' * 95) + "Bob said x.", n),
    # what the rules for who is who read in every sentence: names, initials, asides, first person
    "names-960": lambda n: _lines(("Ab Cd (XY), " * 80) + "which has 1.", n),
    "asides-960": lambda n: _lines("Ab, who had 1 " * 68 + ",", n),
    "first-person-960": lambda n: _lines("I " * 480 + "said.", n),
    "lead-ins-960": lambda n: _lines("In an interview with the BBC, " * 32 + "y.", n),
    # a transcript of many speakers, each labelled in full once and then by surname
    "speakers": lambda n: _speakers(n),
    "ordinary": lambda n: _repeat(DEMO.read_text(), n),
}


def _speakers(size: int) -> str:
    def surname(i: int) -> str:
        letters = "".join("abcdefghijklmnopqrstuvwxyz"[int(d)] for d in str(i))
        return "K" + letters

    turns = (f"Ann {surname(i)} (chair): We had {i} members.\n\n{surname(i)}: We had 4 more." for i in range(size))
    text, total = [], 0
    for turn in turns:
        if total > size:
            break
        text.append(turn)
        total += len(turn) + 2
    return "\n\n".join(text)


def _lines(line: str, size: int) -> str:
    return "\n".join([line] * (size // (len(line) + 1)))


def _repeat(text: str, size: int) -> str:
    return ("\n".join([text] * (size // len(text) + 1)))[:size]


def one(name: str, size: int) -> None:
    """Run one extraction in this process and print its seconds."""
    sys.path.insert(0, str(ROOT))
    from claims.extraction import extract_claims

    extract_claims("Warm up: the parser said on Monday that it was ready.", published=datetime.date(2024, 1, 1))
    text = TEXTS[name](size)
    began = time.perf_counter()
    proposals = extract_claims(text, published=datetime.date(2021, 12, 31), outlet="NV")
    print(f"{time.perf_counter() - began:.2f} {len(proposals)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,500000,1000000", help="characters, comma-separated")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a run is cut")
    parser.add_argument("--only", default="", help="these texts only, comma-separated")
    parser.add_argument("--one", nargs=2, metavar=("TEXT", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one[0], int(args.one[1]))
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]
    names = [name for name in args.only.split(",") if name] or list(TEXTS)
    print(f"{'text':<16}" + "".join(f"{f'{size:,} chars':>18}" for size in sizes))
    for name in names:
        cells = []
        for size in sizes:
            command = [sys.executable, __file__, "--one", name, str(size)]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=args.limit, check=False)
            except subprocess.TimeoutExpired:
                cells.append(f"cut at {args.limit:.0f} s")
                continue
            if done.returncode != 0:
                cells.append("error")
                print(done.stderr[-2000:], file=sys.stderr)
                continue
            seconds, proposals = done.stdout.split()[-2:]
            cells.append(f"{float(seconds):.2f} s ({proposals})")
        print(f"{name:<16}" + "".join(f"{cell:>18}" for cell in cells), flush=True)
    print("(in brackets: how many claims were proposed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
