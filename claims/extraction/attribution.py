"""Who a sentence says asserted what: reporting verbs before or after the content, "that"
clauses, "according to", "accused … of …", coordinated reports, and where it was said.

The patterns that read a whole sentence's structure are compiled by RE2 (`compile_linear`):
they run in time linear in the sentence. The others are Python patterns whose work at each
position is bounded, and the extractor gives them sentences of at most MAX_SENTENCE_CHARS.
"""

import re
from dataclasses import dataclass

from claims.extraction.dates import strip_date
from claims.extraction.linear import compile_linear, without_surrogates
from claims.extraction.mediums import cited_outlet, venue
from claims.extraction.mediums import medium as medium_of
from claims.extraction.names import speaker_after, speaker_before, subject
from claims.extraction.rules import rule
from claims.extraction.vocabulary import ASSERT, DOCUMENT, DOUBLE_QUOTES, QUOTES, VERB

_Q, _DQ = QUOTES, DOUBLE_QUOTES
# RE2's \b is ASCII. A boundary next to a letter of the pattern is written as the character on its
# other side: not a letter, digit or underscore of any script (`re`'s \b), or the text's end.
_WORD = r"\pL\pN_"


@dataclass
class Attribution:
    content: str
    speaker: str | None = None
    verb: str = ""
    frame: str = ""  # the words around the content: where its date, medium and anaphora are read
    medium: str | None = None
    cited_source: str | None = None


_CONTENT_FIRST = compile_linear(
    rf"^(?P<content>.+?)(?:[,;][{_Q}]*|[{_Q}]+,?)\s+(?P<who>(?:[^,]{{1,120}}?))\s+(?P<verb>{VERB})"
    rf"(?P<tail>(?:[^{_WORD}{_DQ}][^{_DQ}]*)?)$"
)
_CONTENT_FIRST_INVERTED = compile_linear(
    rf"^(?P<content>.+?)(?:[,;][{_Q}]*|[{_Q}]+,?)\s*(?P<verb>said|says|added|wrote|told reporters|noted)"
    rf"\s+(?P<tail>[^{_DQ}]+)$"
)
_ACCORDING = compile_linear(
    rf"^(?P<pre>(?:.*?[^{_WORD}\n])??)according to (?P<who>[^,{_DQ}]+?)(?:,\s*|\s*$)(?P<rest>.*)$", ignore_case=True
)
# Python's `re`: its negative lookahead (no second reporting verb before "that") has no RE2
# spelling; the work at each verb is bounded by the 80 characters before "that".
# Between a reporting verb and its "that" ("said on Monday that", "told reporters that") there is no
# verb of its own: in "said the virus had reached countries that …" the "that" is a relative pronoun.
_FINITE = "had|has|have|was|were|is|are|will|would|did|does"
_SPEAKER_FIRST = re.compile(
    rf"(?P<verb>\b{VERB})\b(?P<between>(?:(?!\b(?:{ASSERT}|{_FINITE})\b)[^,{_DQ}]){{0,80}}?)\s+that\s+(?P<content>.+)$"
)
_SPEAKER_FIRST_BARE = re.compile(rf"^(?P<who>.{{1,120}}?)\s+(?P<verb>{VERB})\s+(?P<content>(?!that\b).+)$")
_ACCUSED = compile_linear(
    r"^(?P<who>.+?)\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:accused|accuses|accuse)\s+"
    r"(?P<target>(?:the\s+)?\w[\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s+of\s+(?P<act>\w+ing)"
    rf"(?P<rest>(?:[^{_WORD}\n].*)?)$"
)
_QUOTED_AS_SAYING = compile_linear(
    rf"^(?P<cited>.+?)\s+quoted\s+(?P<who>.+?)\s+as\s+saying(?P<tail>(?:[^{_WORD}\n].*)?)$"
)
_REPORTED_QUOTING = compile_linear(
    rf",\s+(?P<source>[^,{_DQ}]{{2,120}}?)\s+(?:reported|reports|said|says)(?:,\s*(?P<quoting>(?:quoting|citing)\s+[^,{_DQ}]+?))?\s*[.!]?$"
)
_QUOTE_THEN = re.compile(rf"^[{_Q}](?P<c>.+?)[,.]?[{_Q}],?\s+")
# "…, saying the contract had been awarded lawfully": what the participle reports is the claim.
_PARTICIPLE = compile_linear(
    rf",\s+(?P<verb>saying|adding|insisting|arguing|claiming|noting|explaining|telling\s+"
    rf"(?P<to>(?:the\s+|a\s+)?[\w’'.-]+(?:\s+[A-Z][\w’'.-]+)*))\s+(?:that\s+)?(?P<content>[^{_DQ}].+)$"
)
# The subject before the main verb: "The minister defended …", "Interior Minister Anna Berg has rejected …".
_SUBJECT_VERB = compile_linear(
    r"^(?P<who>[^,]{1,100}?(?:,[^,]{1,80},)?)\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?[a-z]+(?:ed|s)\s"
)
# "In a statement, the ministry said …": where it was said, before who said it.
_LEAD_IN = compile_linear(
    rf"^(?:In|On|During|At)\s+(?P<medium>(?:an?|the|its|his|her|their)\s+[^,{_DQ}]{{1,60}}?|[A-Z][^,{_DQ}]{{0,60}}?),\s+"
    rf"(?P<rest>.+)$"
)
# "Data from the Office for National Statistics showed …": the office is the claimant, its data the medium.
_DATA_FROM = re.compile(
    r"^(?P<medium>data|figures|statistics|numbers|records|estimates)\s+(?:published\s+|released\s+|compiled\s+)?"
    r"(?:from|by)\s+(?P<who>.{2,100})$",
    re.I,
)
# "the department's monthly report": a document, and whose it is.
_OWNED_DOCUMENT = re.compile(
    r"^(?P<owner>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,4}?)[’']s\s+(?P<document>(?:[a-z]+\s+){0,2}"
    r"(?:report|study|survey|statement|analysis|data|figures|review|audit|assessment|filing|accounts))$"
)
_QUANTITY = re.compile(r"^(?:[\d$£€]|(?:more than|about|nearly|some|over|almost|another|around|roughly)\b)", re.I)
_NEXT_REPORT = re.compile(rf",?\s+and\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:{ASSERT})\s+that\s+")
_CONCESSIVE = re.compile(r"^(?:Although|Though|While|Even though|Whereas)\s+(?P<first>[^,]+),\s+(?P<second>.+)$")


rule(
    "attribution",
    "participle-saying",
    "The minister defended the council's decision, saying the contract had been awarded lawfully.",
    text="The contract had been awarded lawfully.",
    claimant="minister",
)
rule(
    "attribution",
    "participle-telling",
    "Gary Smith denied that he had struck the man, telling the court he had only pushed him away from the door.",
    text="Gary Smith had only pushed him away from the door.",
    claimant="Gary Smith",
    medium="court",
)
rule(
    "attribution",
    "participle-medium-covers-the-main-report",
    "Gary Smith denied that he had struck the man, telling the court he had only pushed him away from the door.",
    text="Gary Smith had not struck the man.",
    medium="court",
)
rule(
    "attribution",
    "said-on-day-that",
    "The city's water utility said on Monday that tap water was safe to drink again.",
    text="Tap water was safe to drink again.",
    claimant="city's water utility",
    said_on="2026-11-30",
)
rule(
    "attribution",
    "lead-in-medium",
    "In a statement, the ministry said the council had followed procurement rules.",
    text="The council had followed procurement rules.",
    claimant="ministry",
    medium="statement",
)
rule(
    "attribution",
    "according-to-organisation",
    "According to the World Health Organization, 412 deaths were confirmed in 2026.",
    claimant="World Health Organization",
    cited_source="the World Health Organization",
)
rule(
    "attribution",
    "owned-document",
    "Pay rose 3.1% from a year earlier, according to the department's monthly report.",
    claimant="department",
    medium="monthly report",
)
rule(
    "attribution",
    "added-a-quantity-is-not-a-report",
    "U.S. employers added 142,000 jobs in October, the Labor Department said.",
    text="U.S. employers added 142,000 jobs in October 2026.",
    claimant="Labor Department",
)
rule(
    "attribution",
    "content-then-speaker",
    "Turnout stood at 58 percent, the commission reported.",
    text="Turnout stood at 58 percent.",
    claimant="commission",
)
rule(
    "attribution",
    "inverted-quote",
    "“We have never seen a storm like this,” said meteorologist Anna Kraft.",
    claimant="Anna Kraft",
)
rule(
    "attribution",
    "accused-of",
    "Mayor Peter Holm accused the commission of failing to prepare for the storm.",
    text="The commission is failing to prepare for the storm.",
    claimant="Peter Holm",
)
rule(
    "attribution",
    "relayed-quote",
    "Putin said this after Biden reaffirmed that the allies would impose sanctions if Moscow attacks, the news agency "
    "TASS reported, quoting Kremlin aide Yuri Ushakov.",
    claimant="Biden",
    cited_source="the news agency TASS, quoting Kremlin aide Yuri Ushakov",
)
rule(
    "attribution",
    "told-an-outlet",
    "Finance Minister Jonas Keller told Radio North that the government had cut energy bills by 8%.",
    claimant="Jonas Keller",
    medium="Radio North",
    cited_source="Radio North",
)
rule(
    "attribution",
    "according-to-figures",
    "Knife crime fell by 12% last year, according to figures published by the Home Office.",
    claimant="Home Office",
    medium="figures",
)


def attribute(sentence: str) -> list[Attribution]:
    """Who the sentence says asserted what: one Attribution per reported assertion, or one with
    no speaker when the article states it in its own voice."""
    sentence = without_surrogates(sentence)
    if (lead := _LEAD_IN.match(sentence.strip())) and venue(lead.group("medium")):
        found = attribute(lead.group("rest"))
        if any(f.speaker for f in found):
            for attribution in found:
                attribution.medium = attribution.medium or venue(lead.group("medium"))
            return found
    if participle := _PARTICIPLE.search(sentence):
        found = _participle(sentence, participle)
        if found:
            return found
    return _reported(sentence)


def _participle(sentence: str, participle) -> list[Attribution]:
    """ "X did Y, saying Z": Z is X's claim, and so is what X's main clause reports."""
    main = sentence[: participle.start()].strip()
    medium = participle.group("to")
    medium = re.sub(r"^(?:the|a)\s+", "", medium) if medium else None
    if medium and medium.lower() in ("him", "her", "them", "us", "me"):
        medium = None
    found = _reported(main + ".")
    speakers = [f.speaker for f in found if f.speaker]
    if speakers:
        speaker = speakers[0]
    else:
        match = _SUBJECT_VERB.match(main)
        speaker = subject(match.group("who")) if match else None
        if not speaker:
            return []
        found = []  # the main clause is the speaker's act ("defended the decision"), not a claim
    frame = main if not found else found[0].frame
    for attribution in found:  # "denied it, telling the court …": the denial was made in court too
        attribution.medium = attribution.medium or medium
    return [*found, Attribution(participle.group("content"), speaker, "said", frame=frame, medium=medium)]


def _reported(sentence: str) -> list[Attribution]:
    text = sentence.strip()
    cited = None
    tail = _REPORTED_QUOTING.search(text)
    if tail and re.search(r"\bthat\b|,\s", text[: tail.start()]):
        cited = tail.group("source").strip()
        if tail.group("quoting"):
            cited += ", " + tail.group("quoting").strip()
        text = text[: tail.start()].rstrip(" ,") + "."
    found = _attribute(text)
    for attribution in found:
        attribution.cited_source = attribution.cited_source or cited
        if cited:
            attribution.frame += " " + sentence[tail.start() :]
    return found


def _attribute(text: str) -> list[Attribution]:
    if match := _QUOTED_AS_SAYING.match(_QUOTE_THEN.sub("", text, count=1)):
        content = _QUOTE_THEN.match(text)
        if content:
            return [
                Attribution(
                    content.group("c"),
                    match.group("who"),
                    "said",
                    frame=text[content.end() :],
                    cited_source=match.group("cited"),
                )
            ]
    if match := _ACCORDING.match(text):
        who, rest, pre = match.group("who").strip(), match.group("rest"), match.group("pre").strip(" ,")
        who = re.sub(r"(?<![A-Z])\.$", "", who)  # the sentence's full stop, not an abbreviation's
        content = rest if len(rest.split()) >= 4 else pre
        document = DOCUMENT.match(who)
        speaker, medium = who, None
        if owned := _OWNED_DOCUMENT.match(who):
            speaker, medium = owned.group("owner"), owned.group("document")
        elif data := _DATA_FROM.match(who):  # "according to figures published by the ministry"
            speaker, medium = data.group("who"), data.group("medium").lower()
        elif document:
            medium = document.group(1)
            by = re.search(r"\bby\s+(.+)$", who)
            speaker = strip_date(by.group(1)) if by else None
        if content and len(content.split()) >= 4:
            return [
                Attribution(
                    content,
                    strip_date(speaker) if speaker else None,
                    "according to",
                    frame=who,
                    medium=medium,
                    cited_source=strip_date(who),
                )
            ]
    if match := _ACCUSED.match(text):
        who = speaker_before(match.group("who").split())
        if who:
            content = f"{match.group('target')} is {match.group('act')}{match.group('rest')}"
            claims = [Attribution(_before_next_report(content), who, "accused", frame=match.group("who"))]
            claims += _coordinated(content, who)
            return claims
    if (match := _CONTENT_FIRST.match(text)) and _quoted_or_clause(match.group("content")):
        phrase = match.group("who")
        if document := DOCUMENT.match(phrase):  # "…, a report by the Hospital Association found."
            by = re.search(r"\b(?:by|from|of)\s+(.+)$", phrase)
            speaker = speaker_before(by.group(1).split()) if by else None
            frame = phrase + " " + match.group("verb") + match.group("tail")
            return [
                Attribution(
                    match.group("content"), speaker, "found", frame=frame, medium=document.group(1), cited_source=phrase
                )
            ]
        who = subject(phrase)
        if who:
            frame = match.group("who") + " " + match.group("verb") + match.group("tail")
            return [
                Attribution(
                    match.group("content"),
                    who,
                    match.group("verb"),
                    frame=frame,
                    medium=medium_of(match.group("verb") + match.group("tail")),
                )
            ]
    if (
        (match := _CONTENT_FIRST_INVERTED.match(text))
        and _quoted_or_clause(match.group("content"))
        and not subject(match.group("content"))  # "Her coach, Sam Okafor, said …" names the speaker first
    ):
        who = speaker_after(match.group("tail"))
        if who:
            return [
                Attribution(
                    match.group("content"),
                    who,
                    match.group("verb"),
                    frame=match.group("verb") + " " + match.group("tail"),
                    medium=medium_of(match.group("verb") + " " + match.group("tail")),
                )
            ]
    if match := _SPEAKER_FIRST.search(text):
        prefix = text[: match.start()]
        who, medium, cited = subject(prefix) or speaker_before(prefix.split()), None, None
        if data := _DATA_FROM.match(prefix.strip()):
            who, medium = data.group("who"), data.group("medium").lower()
            cited = re.sub(r"^the\s+", "", who.strip(), flags=re.I)
        told = medium_of(match.group("verb") + match.group("between"))
        if who:
            frame = text[: match.end("between")]
            content = match.group("content")
            claims = [
                Attribution(
                    _before_next_report(content),
                    who,
                    match.group("verb").split()[-1],
                    frame=frame,
                    medium=medium or told,
                    cited_source=cited or cited_outlet(match.group("verb"), told),
                )
            ]
            return claims + _coordinated(content, who)
    if match := _SPEAKER_FIRST_BARE.match(text):
        who = subject(match.group("who"))
        if not who:
            found = speaker_before(match.group("who").split())
            who = found if found and len(match.group("who").split()) <= len(found.split()) + 2 else None
        if match.group("verb").endswith(("added", "adds")) and _QUANTITY.match(match.group("content")):
            who = None  # "Employers added 142,000 jobs"
        if who:
            return [
                Attribution(
                    match.group("content"),
                    who,
                    match.group("verb").split()[-1],
                    frame=match.group("who") + " " + match.group("verb"),
                )
            ]
    return [Attribution(text)]


def _quoted_or_clause(content: str) -> bool:
    return len(content.split()) >= 4


def _before_next_report(content: str) -> str:
    match = _NEXT_REPORT.search(content)
    return content[: match.start()] if match else content


def _coordinated(content: str, who: str) -> list[Attribution]:
    """ "… and alleged that …": further assertions by the same speaker in the same sentence."""
    claims = []
    while match := _NEXT_REPORT.search(content):
        content = content[match.end() :]
        claims.append(Attribution(_before_next_report(content), who, "said", frame=match.group(0)))
    return claims


def clauses(sentence: str) -> list[str]:
    """A sentence made of a concession and a main clause ("Although X, Y") holds two statements."""
    match = _CONCESSIVE.match(sentence)
    if match:
        first = match.group("first")
        return [first[0].upper() + first[1:] + ".", match.group("second")]
    return [sentence]
