"""Where a claim was said ("told CBS News", "in a statement", "during talks by phone with …")
and whether another outlet is cited for it ("told the Harbour Evening News")."""

import re

from claims.extraction.dates import DATE_EXPR, strip_date
from claims.extraction.linear import compile_linear
from claims.extraction.rules import rule
from claims.extraction.vocabulary import DOCUMENT, DOUBLE_QUOTES, EVENT_NOUNS

_DQ = DOUBLE_QUOTES
_WORD = r"\pL\pN_"

# RE2 has no lookahead: the medium's end ("on Monday", a comma, the end) is matched, not looked at.
# Nothing that ends one can start the next, so finditer finds the same mediums.
_MEDIUM_TOLD = compile_linear(
    rf"\b(?:told|tells|telling)\s+(?P<medium>(?:the\s+)?(?:[A-Z][^,{_DQ}]*?|reporters|journalists|lawmakers|court|jury|"
    rf"committee|inquiry|tribunal|hearing|parliament|MPs|senators|councillors|council))(?:\s+(?:on|in|last|this|that|at)(?:[^{_WORD}]|$)|[,.]|$)"
)
_VENUES = (
    rf"{EVENT_NOUNS}|parliament|congress|senate|assembly|court|committee|television|radio|podcast|newspaper|"
    rf"op-ed|post|tweet|video|interview|press conference"
)
_MEDIUM_IN = compile_linear(
    rf"\b(?:in|on|during|at)\s+(?P<medium>(?:an?|the)?\s*(?:[\w’'.-]+\s+){{0,6}}?(?:{_VENUES}|"
    rf"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)*(?:\s+(?:{_VENUES}))?)"
    rf"(?:\s+(?:by|over|via)\s+(?:phone|telephone|video|videolink|email))?"
    rf"(?:\s+(?:with|by|to)\s+(?:[A-Z][\w.’'-]*\s*){{1,5}})?)(?:[\s,.]|$)"
)
_OUTLET = re.compile(
    r"\b(?:News|Times|Post|Radio|TV|Television|Reuters|AP|AFP|BBC|CNN|Journal|Herald|Gazette|Tribune|Press|"
    r"Agency|Telegraph|Guardian|Observer|Chronicle|Echo|Standard|Record|Mail|Express|Bloomberg|magazine|newspaper)\b"
)


def cited_outlet(verb: str, medium: str | None) -> str | None:
    """ "told the Harbour Evening News": another outlet is cited as the source."""
    return medium if medium and verb.split()[-1] in ("told", "tells") and _OUTLET.search(medium) else None


def medium(frame: str) -> str | None:
    """The first place or channel the words around a report name: "told reporters", "in an
    interview with CBS", "during talks by phone with U.S. President Joe Biden"."""
    for pattern in (_MEDIUM_TOLD, _MEDIUM_IN):
        for match in pattern.finditer(frame):
            found = strip_date(re.sub(r"^(?:an?|the)\s+", "", match.group("medium").strip(), flags=re.I))
            found = re.sub(r"\s+(?:on|in|at)$", "", found).strip()
            if found and not DATE_EXPR.fullmatch(found) and found.lower() not in ("turn", "addition", "fact"):
                return found
    return None


def venue(phrase: str) -> str | None:
    """The medium named by a lead-in ("a statement", "an interview with CBS"), if it names one."""
    document = DOCUMENT.match(phrase) or re.match(
        rf"^(?:an?|the|its|his|her|their)\s+(?:[\w-]+\s+){{0,2}}({_VENUES})\b", phrase
    )
    return phrase.split(None, 1)[1] if document and " " in phrase else None


rule(
    "attribution",
    "medium-in-a-venue",
    "The president said during a press conference on Monday that 40 drones had been shot down.",
    medium="press conference",
    said_on="2026-11-30",
)
