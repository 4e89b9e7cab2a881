"""What a fact led to, told in a participle after it: "…, leaving more than 9,000 households waiting"."""

import re

from claims.extraction.claim_text import SUBJECT, is_clause
from claims.extraction.rules import rule

# "…, ending a four-month suspension that began after …", "…, leaving more than 9,000 households waiting":
# what the fact led to, told in a participle after it; a fact of its own, done by the fact's subject.
_LED_TO = {
    "ending": "ended", "leaving": "left", "extending": "extended", "making": "made", "adding": "added",
    "bringing": "brought", "taking": "took", "raising": "raised", "pushing": "pushed", "putting": "put",
    "sending": "sent", "forcing": "forced", "marking": "marked", "prompting": "prompted", "sparking": "sparked",
    "triggering": "triggered", "deepening": "deepened", "reversing": "reversed", "wiping": "wiped",
    "lifting": "lifted", "dragging": "dragged", "cutting": "cut",
}  # fmt: skip
_CONSEQUENCE = re.compile(rf",\s+(?P<verb>{'|'.join(_LED_TO)})\s+(?P<rest>[^;]{{8,}})$")
# "…, bringing the total to 310", "…, adding about 160 million crowns to the bill": a sum, not a fact apart.
_SUMMED = {"bringing", "taking", "adding", "raising"}


rule(
    "claims",
    "what-a-fact-led-to-is-a-fact-of-its-own",
    "The Department for Energy has quietly stopped approving new applications for its home insulation grants, "
    "leaving more than 9,000 households waiting for work to begin.",
    text="The Department for Energy left more than 9,000 households waiting for work to begin.",
)
rule(
    "claims",
    "a-fact-without-what-it-led-to",
    "The Department for Energy has quietly stopped approving new applications for its home insulation grants, "
    "leaving more than 9,000 households waiting for work to begin.",
    text="The Department for Energy has quietly stopped approving new applications for its home insulation grants.",
)


def consequence(content: str) -> tuple[str, str | None]:
    """The fact without what it led to, and what it led to as done by the fact's subject: "Valdoria and
    Kessia agreed to resume talks, ending a four-month suspension" gives "Valdoria and Kessia agreed to resume
    talks." and "Valdoria and Kessia ended a four-month suspension"."""
    match = _CONSEQUENCE.search(content)
    if not match or match.group("verb") in _SUMMED:
        return content, None
    if len(content[: match.start()].split()) < 6 or not is_clause(content[: match.start()]):
        return content, None
    subject = SUBJECT.match(content)
    led = f"{subject.group('subject')}{_LED_TO[match.group('verb')]} {match.group('rest')}" if subject else None
    return content[: match.start()] + ".", led
