"""How well proposed claims match hand-annotated ones (shared by the benchmark and its test).

A proposal matches a gold claim when it comes from the same sentence (one contains the other, as
the annotation guide says: a transcript's speaker label may be read as part of the sentence or
not) and says the same thing:
their significant words overlap by a Dice coefficient of at least 0.5. Each gold claim is
matched at most once, best overlap first. On matched pairs, a claimant is right when the names
agree once titles, articles and bracketed glosses are set aside ("Moscow (Russian government)"
is "Moscow"; "Biden" is "Joe Biden"); a date when it is the same ISO string (both null counts);
a medium or cited source when the two share most of their words (both null counts).
"""

import re

STOP_TEXT = (
    "a an the and or of to in on at by for with from as that this these those is are was were be been being has "
    "have had do does did will would shall should can could may might it its their his her our they he she we "
    "not no any some all such also about into than then there which who whom whose what when where while"
)
STOP = set(STOP_TEXT.split())


def words(text: str | None) -> set[str]:
    found = re.findall(r"[a-z0-9]+", (text or "").lower().replace("’", "'"))
    return {w[:6] for w in found if w not in STOP}  # a crude stem: "invades" and "invade" agree


def dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def same_sentence(a: str, b: str) -> bool:
    def norm(s):
        return re.sub(r"\W+", " ", s.lower()).strip()

    a, b = norm(a), norm(b)
    return bool(a and b) and (a in b or b in a)


def same_name(a: str | None, b: str | None) -> bool:
    def norm(s):
        s = re.sub(r"\([^)]*\)", "", (s or "").lower())
        return set(re.findall(r"[a-z0-9]+", s)) - {"the", "a", "an"}

    x, y = norm(a), norm(b)
    return bool(x and y) and (x <= y or y <= x)


def close(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    x, y = words(a), words(b)
    return x <= y or y <= x or dice(x, y) >= 0.5


def evaluate(proposals: list[dict], gold: list[dict]) -> dict:
    pairs = []
    for p_index, proposal in enumerate(proposals):
        for g_index, claim in enumerate(gold):
            if same_sentence(proposal["sentence"], claim["sentence"]):
                overlap = dice(words(proposal["text"]), words(claim["text"]))
                if overlap >= 0.5:
                    pairs.append((overlap, p_index, g_index))
    matched, used_p, used_g = [], set(), set()
    for _overlap, p_index, g_index in sorted(pairs, reverse=True):
        if p_index not in used_p and g_index not in used_g:
            used_p.add(p_index)
            used_g.add(g_index)
            matched.append((proposals[p_index], gold[g_index]))

    def share(test) -> float:
        return sum(1 for p, g in matched if test(p, g)) / len(matched) if matched else 0.0

    return {
        "proposed": len(proposals),
        "gold": len(gold),
        "matched": len(matched),
        "recall": len(matched) / len(gold) if gold else 0.0,
        "precision": len(matched) / len(proposals) if proposals else 0.0,
        "claimant": share(lambda p, g: same_name(p["claimant"], g["claimant"])),
        "said_on": share(lambda p, g: p["said_on"] == g["said_on"]),
        "medium": share(lambda p, g: close(p["medium"], g["medium"])),
        "cited_source": share(lambda p, g: close(p["cited_source"], g["cited_source"])),
        "pairs": matched,
        "missed": [g for index, g in enumerate(gold) if index not in used_g],
        "extra": [p for index, p in enumerate(proposals) if index not in used_p],
    }
