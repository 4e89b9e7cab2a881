"""An estimate told with "put … at": "The researchers put the cost at about £9 per person screened" is the
researchers' claim that the cost was about £9 per person screened."""

import re

from claims.extraction.attribution.parts import _coordinated
from claims.extraction.attribution.patterns import Attribution
from claims.extraction.names import subject
from claims.extraction.rules import rule

_PUT_AT = re.compile(
    r"^(?P<who>[^,“”\"]{2,120}?)\s+(?:(?:has|have|had)\s+)?(?:also\s+)?(?:put|puts)\s+"
    r"(?P<what>(?:the|its|their|his|her)\s+[^,;“”\"]{1,60}?)\s+at\s+"
    r"(?P<figure>(?:(?:about|around|roughly|nearly|almost|some|over|under|up to|at least|more than|less than)\s+)?"
    r"[$£€]?\d[^;]*?)(?P<rest>,?\s+(?:and|but)\s+\S.*|\s*[.!]?)$"
)

rule(
    "attribution",
    "an-estimate-put-at-a-figure",
    "The researchers put the cost at about £9 per person screened and estimated that the programme saved the "
    "health service £4.20 for every £1 spent.",
    text="The cost was about £9 per person screened.",
    claimant="researchers",
)


def put_at(text: str) -> list[Attribution] | None:
    """ "X put the cost at £9 …": X's estimate, and what X goes on to report ("… and estimated that …");
    None when the sentence gives no such estimate."""
    match = _PUT_AT.match(text) if " put" in text else None
    if not match or not (who := subject(match.group("who"))):
        return None
    what = match.group("what")
    what = ("the" + what[what.index(" ") :]) if not what.lower().startswith("the ") else what
    first = Attribution(f"{what} was {match.group('figure').strip()}.", who, "estimated", frame=match.group("who"))
    return [first, *_coordinated(match.group("rest"), first)]
