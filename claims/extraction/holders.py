"""Who the article describes where they speak and names elsewhere: the researchers behind a study ("the
authors", "the paper" are "researchers at the University of Halden"), the holder of a role in a body ("The
chief executive of SkyVale Airways" is "Graham Tull (chief executive, SkyVale Airways)"); the rules for
"the statement" (whoever issued it) and "the club" (the name that acts) are declared here too."""

import re
from itertools import pairwise

from claims.extraction.names import organisation, person_name
from claims.extraction.rules import rule
from claims.extraction.vocabulary import ROLE_WORDS

_TITLED = re.compile(
    rf"\b(?P<role>(?i:{'|'.join(sorted(w for w in ROLE_WORDS if w.isalpha()))}))\s+"
    r"(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})\b"
)

# Who did the study the article reports: "researchers at the University of Halden found …"; "the
# authors", "the researchers" and "the paper" are theirs.
_RESEARCHERS = re.compile(
    r"\b(?P<who>[Rr]esearchers\s+(?:at|from)\s+(?:the\s+)?[A-Z][\w’'&-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w’'&-]*){0,5})"
    r"(?=\s+(?:found|said|say|says|reported|estimated|calculated|concluded|showed|have|had)\b)"
)
STUDY_AUTHORS = re.compile(r"(?i:the|its|their)\s+(?:study['’]s\s+|paper['’]s\s+)?(?:authors|researchers)")
# "The chief executive of SkyVale Airways insisted …": someone described by a role in a body, named
# elsewhere as "Graham Tull (chief executive, SkyVale Airways)", or by the sentence that follows ("Dana
# Holloway was testifying before the committee …"), as a lede names someone only in the next paragraph.
_ROLE_IN_BODY = re.compile(
    r"^(?:[Tt]he\s+)?(?P<role>(?:[a-z-]+\s+){0,2}[a-z-]+)\s+(?:of|at)\s+(?P<body>[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,4})"
)
_OPENS_WITH_NAME = re.compile(r"^(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})\s+(?:was|is|has|had|[a-z]+ed)\b")
_NAME_AND_ROLE = re.compile(r"(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})\s+\((?P<role>[^()]{3,80})\)")


def researchers_in(sentence: str) -> list[str]:
    """The researchers a sentence says did a study: "Researchers at the University of Halden found …"."""
    return ["r" + match.group("who")[1:] for match in _RESEARCHERS.finditer(sentence)]


def role_holders(sentences: list[str]) -> dict[tuple[str, str], str]:
    """Who holds which role in which body, as the article's sentences (in order) and a transcript's
    labels say: "Graham Tull (chief executive, SkyVale Airways):", or a sentence that describes
    someone by role followed by one that opens with their name."""
    holders: dict[tuple[str, str], str] = {}
    for sentence, after in pairwise([*sentences, ""]):
        for match in _NAME_AND_ROLE.finditer(sentence):
            role, _, body = match.group("role").partition(",")
            if body.strip() and role.split() and role.split()[-1].lower() in ROLE_WORDS:
                holders.setdefault(_holding(role, body), match.group("name"))
        held = _ROLE_IN_BODY.match(sentence)
        if held and held.group("role").split()[-1] in ROLE_WORDS and (named := _OPENS_WITH_NAME.match(after)):
            holders.setdefault(_holding(held.group("role"), held.group("body")), named.group("name"))
    return holders


def holder_of(phrase: str, holders: dict[tuple[str, str], str]) -> str | None:
    """The person a phrase such as "the chief executive of Tri-County Power" describes, if the article names them."""
    held = _ROLE_IN_BODY.fullmatch(phrase.strip())
    return holders.get(_holding(held.group("role"), held.group("body"))) if held else None


def _holding(role: str, body: str) -> tuple[str, str]:
    """A role in a body, as a key: ("chief executive", "skyvale")."""
    return " ".join(role.lower().split()), (body.split() or [""])[0].lower().strip("’'")


rule(
    "names",
    "a-role-in-a-body-named-in-the-next-sentence",
    "The chief executive of Tri-County Power admitted to state senators on Wednesday that the utility’s restoration "
    "plan for ice storms had not been updated since 2014.\n\nDana Holloway was testifying before the Senate Energy "
    "Committee.",
    claimant="Dana Holloway",
    said_on="2026-11-25",
)
rule(
    "names",
    "a-role-in-a-body-named-by-a-transcripts-label",
    "The chief executive of SkyVale Airways insisted at a hearing on Wednesday that the airline had followed the "
    "manufacturer's rules on the aircraft.\n\nHelen Marsh (committee chair): Why was the heater not replaced?\n\n"
    "Graham Tull (chief executive, SkyVale Airways): The defect was recorded and assessed under the manufacturer's "
    "guidance.",
    text="The airline had followed the manufacturer's rules on the aircraft.",
    claimant="Graham Tull",
)
rule(
    "names",
    "the-statement-is-whoever-issued-it",
    "In a statement, Clayport said the sale would secure the club's finances for a decade. The statement added "
    "that Osei had asked to leave in July.",
    text="Osei had asked to leave in July 2026.",
    claimant="Clayport",
)
rule(
    "names",
    "the-club-that-sold",
    "Clayport Athletic have sold striker Kofi Osei to Hartsfield United for £48m. Clayport will also receive 15% "
    "of any future sale, the club said.",
    claimant="Clayport Athletic",
)
rule(
    "names",
    "the-club-that-opens-the-sentence",
    "Harcourt City lost £38.6m last season, according to accounts published by the club yesterday.",
    claimant="Harcourt City",
)


def titled_people(sentence: str):
    """(name, role) of each person a sentence names with a title: "Transport Minister Ruth Amos"
    gives ("Ruth Amos", "minister"); the role is None when no word of it stands before the name."""
    for match in _TITLED.finditer(sentence):
        name = person_name(match.group(0))
        if " " in name and not organisation(name):
            words = match.group(0).split()
            yield name, (words[-len(name.split()) - 1].lower() if len(words) > len(name.split()) else None)
