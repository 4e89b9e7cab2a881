"""A judgement someone passes, told in the article's voice: "Prof Samuel Achterberg, an epidemiologist who
was not involved in the research, called the study “large and carefully done”". The judgement is opinion,
not a claim; what the same person goes on to point out ("…, but pointed out that it was not a randomised
trial") is theirs to check."""

import re

from claims.extraction.attribution.parts import _coordinated
from claims.extraction.attribution.patterns import Attribution
from claims.extraction.names import subject
from claims.extraction.rules import rule

_JUDGED = re.compile(
    r"^(?P<who>[^“”\"]{2,200}?)\s+(?:(?:has|have|had)\s+)?(?:also\s+)?"
    r"(?P<verb>called|calls|described|describes|branded|brands|labell?ed|dubbed|hailed|hails)\s+"
    r"(?P<object>it|them|this|that|(?:the|its|their|his|her)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+(?P<as>as\s+)?"
    r"(?:[“\"‘](?P<quoted>[^“”\"]{1,80})[”\"’]|(?P<plain>[^,;“”\"]{1,80}?))"
    r"(?P<rest>,?\s+(?:and|but)\s+\S.*|\s*[.!]?)$"
)
_JUDGING = re.compile(r"\b(?:call|describ|brand|label|dubb|hail)")  # read first: most sentences pass none
# A judgement in plain words is a few words with no figure and no place or time after it ("called the delay
# indefensible", "described it as a careful and useful piece of work"; not "called the fire brigade at 9pm").
_NOT_A_JUDGEMENT = re.compile(r"\d|\b(?:at|in|on|to|from|after|before|by|with|over)\b|[A-Z]")

rule(
    "check-worthiness",
    "a-judgement-passed-is-opinion",
    "Dr Marguerite Osei, a research-integrity specialist at Halbrook University who was not involved in the case, "
    "called the delay indefensible.",
    nothing=True,
)
rule(
    "attribution",
    "a-judgement-then-a-point-made",
    "Prof Samuel Achterberg, an epidemiologist at the Karl Institute who was not involved in the research, called "
    "the study “large and carefully done”, but pointed out that it was not a randomised trial.",
    text="It was not a randomised trial.",
    claimant="Samuel Achterberg",
    only=True,
)


def judged(text: str) -> list[Attribution] | None:
    """None when the sentence passes no judgement; else the reports that follow it, by the one who passed it
    (none when nothing follows)."""
    match = _JUDGED.match(text) if _JUDGING.search(text) else None
    if not match or not (who := subject(match.group("who"))):
        return None
    plain = match.group("plain")
    if plain is not None and (_NOT_A_JUDGEMENT.search(plain) or len(plain.split()) > 8):
        return None
    if match.group("verb").startswith("call") and match.group("as"):
        return None  # "called it as he saw it"
    first = Attribution("", who, "said", frame=match.group("who"))
    return _coordinated(match.group("rest"), first)
