"""The parts of a report that the patterns leave to be read: the document a speaker speaks
through, the day and the listener before what was said, further reports by the same speaker in
the same sentence, and the two statements of a concession."""

import re

from claims.extraction.attribution.patterns import (
    _BODY_DATA,
    _CONCESSIVE,
    _DATA_FROM,
    _DOCUMENT_ASIDE,
    _ITS_DOCUMENT,
    _NAMED_DATA,
    _NEXT_REPORT,
    _OWNED_DOCUMENT,
    _TOLD_WHOM,
    _WHEN_LEAD,
    _WHICH_ASIDE,
    DENIES,
    Attribution,
)
from claims.extraction.claim_text import is_clause
from claims.extraction.dates import DATE_EXPR, strip_date
from claims.extraction.linear import compile_linear
from claims.extraction.mediums import medium as medium_of
from claims.extraction.names import speaker_before, subject
from claims.extraction.rules import rule
from claims.extraction.vocabulary import DOCUMENT

_DETERMINER = r"\b(?:the|its|their|his|her|our)\s"
_LAST_NOUN_PHRASE = re.compile(rf"{_DETERMINER}(?:(?!{_DETERMINER})[^,;])+$")
# "…, which the spokesman said allowed a third of trains to run", "…, a step engineers said could last for
# weeks": a report tucked into what the article states; the statement is the article's, the report its speaker's.
_TUCKED_REPORT = compile_linear(
    r"^(?P<main>[^“”\"]{20,}?),\s+(?:which|(?P<noun>an?\s+(?:[a-z]+\s+)?(?:move|step|decision|change|measure|rise|"
    r"fall|increase|drop|cut|jump))(?:\s+that)?)\s+(?P<who>(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,5}?)\s+"
    r"(?P<verb>said|says|say|estimated|estimates|estimate)\s+(?P<rest>[a-z][^“”\"]+)$"
)


def _document_source(phrase: str) -> tuple[str, str] | None:
    """Who speaks through a document, and the document: "data from the National Statistics Office"
    (the office, "data"), "the department's figures", "Its own figures" ("it": the organisation
    last named), "The state regulator's records, seen by News Tonight,"."""
    phrase = _DOCUMENT_ASIDE.sub("", phrase).strip(" ,")
    if data := _DATA_FROM.match(phrase):
        who = strip_date(_WHICH_ASIDE.sub("", data.group("who"))).strip(" ,")
        if owned := _OWNED_DOCUMENT.match(who):  # "data from the department's own monthly bulletin"
            return owned.group("owner"), data.group("medium").lower()
        return who, data.group("medium").lower()
    if owned := _OWNED_DOCUMENT.match(phrase):
        return owned.group("owner"), owned.group("document")
    if its := _ITS_DOCUMENT.match(phrase):
        return "it", its.group("document").lower()
    if named := _NAMED_DATA.match(strip_date(phrase).strip()) or _BODY_DATA.match(strip_date(phrase).strip()):
        return named.group("owner"), named.group("document")  # "INE data", "federation figures"
    return None


def _after_when(content: str) -> tuple[str, str]:
    """ "said on Monday it had …": the day of the report, and the content that follows it."""
    lead = _WHEN_LEAD.match(content)
    when = DATE_EXPR.match(content, lead.end() if lead else 0)
    if when and len(content[when.end() :].split()) >= 3:
        return content[when.end() :].lstrip(" ,"), " " + content[: when.end()]
    return content, ""


def _after_object(content: str, when: str) -> tuple[str, str]:
    """ "told workers the plant had lost money": whom it was told is not what was said."""
    told = _TOLD_WHOM.match(content)
    if told and content[told.end() : told.end() + 1].isupper() and told.group("whom").split()[-1][:1].isupper():
        told = None  # "told the Eastmere Evening Post …": a capital after a name goes on with the name
    if told and len(content[told.end() :].split()) >= 3:
        return content[told.end() :], f"{when} {told.group('whom')}"
    return content, when


def _quoted_or_clause(content: str) -> bool:
    return len(content.split()) >= 4


def _before_next_report(content: str) -> str:
    match = _NEXT_REPORT.search(content)
    return content[: match.start()] if match else content


def _coordinated(content: str, first: Attribution) -> list[Attribution]:
    """ "… and alleged that …": further assertions by the same speaker in the same sentence, said
    when and where the first was ("told the court on Wednesday that A, and that B")."""
    claims = []
    while match := _NEXT_REPORT.search(content):
        content = content[match.end() :]
        verb = "denied" if DENIES.fullmatch(match.group("verb") or "") else "said"
        frame = f"{first.frame}{match.group(0)}"
        claims.append(
            Attribution(_before_next_report(content), first.speaker, verb, frame, first.medium, first.cited_source)
        )
    return claims


# "A, she told the meeting, and B": what the speaker goes on to say, after the words that name them.
_GOES_ON_AFTER = re.compile(r"^(?P<tail>[^,]{0,60}),\s+(?P<rest>and\s.+)$")
_AND_NEXT = re.compile(r"^and\s+(?!(?:he|she|it|they|we|said|says|added)\b)(?P<next>.{12,})$")
# "The Bay Courier reported on Monday, citing a source at the ministry, that …", "TASS, quoting an aide, said that
# …": the one cited is the speaker, the outlet that cites them the source.
_CITING_FIRST = re.compile(
    r"^(?P<source>[^,“”\"]{2,80}?)(?:\s+(?P<verb>reported|reports|said|says)(?P<when>[^,]{0,30}))?,\s+"
    r"(?P<quoting>(?:citing|quoting)\s+(?P<who>[^,“”\"]{2,100}?)),\s+(?(verb)|(?:reported|reports|said|says)[^,]{0,30}?\s+)"
    r"that\s+(?P<content>.+)$"
)


def citing_first(sentence: str) -> Attribution | None:
    """What an outlet reports citing someone, said before what it reports: the one it cites speaks."""
    if not (match := _CITING_FIRST.match(sentence)) or not (who := subject(match.group("who"))):
        return None
    frame, cited = sentence[: match.start("content")], f"{match['source']}, {match['quoting']}"
    return Attribution(match.group("content"), who, "said", frame, cited_source=cited)


def clauses(sentence: str) -> list[str]:
    """A sentence made of a concession and a main clause ("Although X, Y") holds two statements."""
    match = _CONCESSIVE.match(sentence)
    if match:
        first = match.group("first")
        return [first[0].upper() + first[1:] + ".", match.group("second")]
    if (tucked := _TUCKED_REPORT.match(sentence)) and tucked.group("who").split()[0] not in ("is", "was", "has", "had"):
        named = _LAST_NOUN_PHRASE.search(tucked.group("main"))  # "…, which": the thing last named, else the statement
        named = named if named and len(named[0].split()) <= 6 and " by " not in named[0] else None
        noun = "the " + tucked.group("noun").split()[-1] if tucked.group("noun") else named[0] if named else "this"
        who = tucked.group("who")
        report = f"{who[0].upper()}{who[1:]} {tucked.group('verb')} {noun} {tucked.group('rest')}"
        return [tucked.group("main") + ".", report]
    return [sentence]


rule(
    "attribution",
    "a-thing-announced-is-the-announcement",
    "The ministry also announced on Monday a 40 million euro fund for fishing crews, who face higher fuel costs, and "
    "said boat owners would be allowed to defer harbour fees for six months.",
    text="The ministry announced a 40 million euro fund for fishing crews.",
    claimant="ministry",
    said_on="2026-11-30",
)
rule(
    "attribution",
    "a-thing-announced-and-what-was-said-with-it",
    "The ministry also announced on Monday a 40 million euro fund for fishing crews, who face higher fuel costs, and "
    "said boat owners would be allowed to defer harbour fees for six months.",
    text="Boat owners would be allowed to defer harbour fees for six months.",
    claimant="ministry",
)
rule(
    "attribution",
    "what-the-speaker-goes-on-to-say-after-being-named",
    "Councillor Ruth Hale chaired the meeting. Births in the county fell by 9 per cent in 2025, she told the "
    "meeting, and Elm Road school now has 96 children in premises built for 180.",
    text="Elm Road school now has 96 children in premises built for 180.",
    claimant="Ruth Hale",
)
rule(
    "attribution",
    "reported-citing-someone-before-what-was-reported",
    "The Bay Courier reported on Monday, citing a source at the ministry, that the minister had resigned after 14 "
    "months in the post.",
    text="The minister had resigned after 14 months in the post.",
    claimant="source at the ministry",
    cited_source="The Bay Courier, citing a source at the ministry",
)
rule(
    "attribution",
    "a-report-tucked-into-a-statement",
    "Crews have since been clearing snow from the line by hand, which the rail operator said allowed about a "
    "third of trains to run. The union moved staff to its depots in Kelso and Hawick, which it said were short of "
    "drivers.",
    text="This allowed about a third of trains to run.",
    claimant="rail operator",
)
rule(
    "attribution",
    "a-statement-with-a-report-tucked-in-is-the-articles",
    "Brent Water cut supplies to 4,000 homes on Monday, a step engineers said could last for weeks.",
    text="Brent Water cut supplies to 4,000 homes on Monday, Nov. 30, 2026.",
    claimant="Example Post",
    said_on="2026-11-30",
    only=True,
)
rule(
    "attribution",
    "a-report-tucked-in-speaks-of-what-was-named-last",
    "Rail operator Nordline cut 12 services on Monday. Nordline said 40 drivers had moved to its depots in Kelso "
    "and Hawick, which it said were short of 30 drivers.",
    text="Its depots in Kelso and Hawick were short of 30 drivers.",
    claimant="Nordline",
)


def found_before(match) -> Attribution | None:
    """What a document named after its content shows ("…, data from the National Statistics Office
    show.", "…, a report by the Hospital Association found."), and who speaks through it."""
    phrase = match.group("who")
    source = _document_source(phrase)
    if document := DOCUMENT.match(phrase):
        by = re.search(r"\b(?:by|from|of)\s+(.+)$", phrase)
        if by or not source:  # "its annual report shows": the body "it" is, as `_document_source` read it
            source = (speaker_before(by.group(1).split()) if by else None, document.group(1))
    if not source:
        return None
    frame = phrase + " " + match.group("verb") + match.group("tail")
    return Attribution(match.group("content"), source[0], "found", frame=frame, medium=source[1], cited_source=phrase)


def said_before(match, who: str) -> list[Attribution]:
    """What a sentence reports before naming its speaker ("…, a spokesperson for the force said
    on Tuesday."): the match's content, its speaker's words, the verb and what follows it; and what
    the speaker goes on to say after it ("A, she told the meeting, and B": B is hers too)."""
    tail, rest = match.group("verb") + match.group("tail"), ""
    if goes_on := _GOES_ON_AFTER.match(match.group("tail")):
        tail, rest = match.group("verb") + goes_on.group("tail"), goes_on.group("rest")
    frame = match.group("who") + " " + tail
    first = Attribution(match.group("content"), who, match.group("verb"), frame=frame, medium=medium_of(tail))
    return [first, *and_then(first, rest)]


def and_then(first: Attribution, rest: str) -> list[Attribution]:
    """ "…, and Elm Road school now has 96 pupils" after a report: what its speaker goes on to say."""
    if (more := _AND_NEXT.match(rest.strip())) and is_clause(more.group("next")):
        return [Attribution(more.group("next"), first.speaker, first.verb, first.frame, first.medium)]
    return []


# "announced on Monday a 40 million euro fund for fishing crews, who face …": a thing announced, not a clause.
_AND_SAID = re.compile(r",?\s+and\s+said\s+(?:that\s+)?(?P<said>\S.{12,})$")
_A_THING = re.compile(r"^(?:a|an|the|its|their|new|plans?\s+for)\s+(?P<thing>[^,]{8,160}?)(?=,|\s+and\s+said\b|\.?$)")


def announced(match, who: str) -> list[Attribution]:
    """What a speaker announced when it is a thing, not a clause ("The ministry announced on Monday a
    40 million euro fund for fishing crews"): the announcement is the fact, made that day; a report
    joined to it ("…, and said boat owners would …") is the speaker's too."""
    content, when = _after_when(match.group("content"))
    if is_clause(content) or not (thing := _A_THING.match(content)):
        return []
    frame = match.group("who") + " " + match.group("verb") + when
    first = Attribution(f"{match.group('who')} announced {thing.group(0)}.", who, "announced", frame=frame)
    said = _AND_SAID.search(content)
    return [first] + ([Attribution(said.group("said"), who, "said", frame=frame)] if said else [])
