"""Who a sentence says asserted what: reporting verbs before or after the content, "that"
clauses, "according to", "accused … of …", coordinated reports, and where it was said.

The patterns that read a whole sentence's structure are compiled by RE2 (`compile_linear`):
they run in time linear in the sentence. The others are Python patterns whose work at each
position is bounded, and the extractor gives them sentences of at most MAX_SENTENCE_CHARS.
"""

import re

from claims.extraction.attribution import (  # noqa: F401  (registers the rules)
    denial_examples,
    document_examples,
    examples,
    speaker_examples,
)
from claims.extraction.attribution.estimates import put_at
from claims.extraction.attribution.judgements import judged
from claims.extraction.attribution.parts import (
    _after_object,
    _after_when,
    _before_next_report,
    _coordinated,
    _document_source,
    _quoted_or_clause,
    and_then,
    announced,
    citing_first,
    found_before,
    said_before,
)
from claims.extraction.attribution.parts import clauses as clauses  # the sentence's statements, for callers
from claims.extraction.attribution.patterns import (
    _ACCORDING,
    _ACCUSED,
    _AFFILIATION,
    _AND_PRONOUN,
    _AT_AN_EVENT,
    _BODY_DATA,
    _CLAUSE_JOIN,
    _CONTENT_FIRST,
    _CONTENT_FIRST_INVERTED,
    _DATA_FROM,
    _DENIED_DOING,
    _DOCUMENT_ASIDE,
    _FINITE_NEXT,
    _FRONTED,
    _INTERJECTED,
    _LEAD_IN,
    _NAMED_DATA,
    _OPENING_CONJUNCTION,
    _OWNED_DOCUMENT,
    _PARENTHETICAL,
    _PARTICIPLE,
    _PARTICIPLE_LEAD,
    _PLEA,
    _QUANTITY,
    _QUOTE_THEN,
    _QUOTED_AS_SAYING,
    _REPORTED_LAST,
    _REPORTED_QUOTING,
    _RESULT,
    _SAID_COLON,
    _SPEAKER_FIRST,
    _SPEAKER_FIRST_BARE,
    _SUBJECT_VERB,
    _WHOLE_QUOTE_FIRST,
    DENIES,
    RELAYED,
    TIMESTAMP,
    Attribution,
)
from claims.extraction.claim_text import is_clause
from claims.extraction.dates import strip_date
from claims.extraction.linear import without_surrogates
from claims.extraction.mediums import cited_outlet, venue
from claims.extraction.mediums import medium as medium_of
from claims.extraction.names import organisation, speaker_after, speaker_before, subject
from claims.extraction.vocabulary import DOCUMENT, NAME_TOKEN, REJECTS

# "… published on July 30", "… obtained by the Gazette": how a document came out, not whose it is;
# "… published by the Finance Ministry" says whose.
_HANDED_ON = re.compile(
    r"\s+(?:(?P<made>published|released|issued|compiled|filed)|seen|obtained)\b(?:[^,]*?\bby\s+(?P<by>[^,]+))?.*$"
)
# What follows "according to X," when the claim came before it: more of the same ("and has cut …"), or a
# concession the source is not given for ("even though turnover reached a record £164.7m").
_GOES_ON = re.compile(r"(?:and|but|while|whereas|although|though|even though)\s", re.I)
_CONCEDES = re.compile(r"(?:while|whereas|although|though|even though)\s", re.I)
# "…, according to the Weather Office, making it the snowiest winter …", "…, according to the Players' Union,
# which represents footballers": what follows the source describes it, or what the claim led to.
_TRAILING = re.compile(r"(?:which|who|whose|where|making|bringing|leaving|meaning)\b")
# "…, according to a study that critics say ignores weekdays": what others say of the document is not its name.
_WHICH_SAYS = re.compile(r"\s+(?:that|which)\s.*$")
MAX_LEADS = 2  # lead-ins read before a speaker: "In a statement released on Monday, speaking for …, X said"


def attribute(sentence: str, leads: int = MAX_LEADS) -> list[Attribution]:
    """Who the sentence says asserted what: one Attribution per reported assertion, or one with
    no speaker when the article states it in its own voice. At most `leads` lead-ins ("In a
    statement, …", "Speaking on Monday, …") are read before the speaker, one kind at each: the
    work stays linear in the sentence however many it has. What a speaker relays ("Telford told
    investigators in 2023 that …, Ms Coombes said") is the original speaker's."""
    return [relayed for found in _attribute_once(sentence, leads) for relayed in _relayed(found)]


def _relayed(found: Attribution) -> list[Attribution]:
    if found.speaker and RELAYED.match(found.content):
        told = _attribute_once(found.content, 0)
        if told[0].verb in ("told", "assured", "informed") and all(inner.speaker for inner in told):
            return told
    return [found]


def _attribute_once(sentence: str, leads: int) -> list[Attribution]:
    # "But two officials said …", "16:40 — Accounts filed at … show", "He said, however, that …"
    sentence = _OPENING_CONJUNCTION.sub("", TIMESTAMP.sub("", without_surrogates(sentence)))
    sentence = _AFFILIATION.sub(r"\g<name>", _PARENTHETICAL.sub(" ", sentence))
    if found := _after_a_lead(sentence.strip(), leads):
        return found
    if participle := _PARTICIPLE.search(sentence):
        found = _participle(sentence, participle)
        if found:
            return found
    return _reported(sentence)


def _handed_on(document: str) -> str:
    """Whose a document is, once how it came out is set aside."""
    if (match := _HANDED_ON.search(document)) and match.group("made") and match.group("by"):
        return match.group("by")
    return _HANDED_ON.sub("", document)


def _after_a_lead(sentence: str, leads: int) -> list[Attribution]:
    if leads <= 0:
        return []
    if (lead := _LEAD_IN.match(sentence)) and venue(lead.group("medium")):
        return _after_lead(lead, venue(lead.group("medium")), leads)
    if lead := _PARTICIPLE_LEAD.match(sentence):
        how = medium_of("told " + re.sub(r"^to\s+", "", lead.group("how"))) or medium_of(lead.group("how"))
        return _after_lead(lead, how, leads)
    if lead := _FRONTED.match(sentence):
        return _after_lead(lead, None, leads, speaker_first=True)
    return []


def _after_lead(lead, medium: str | None, leads: int, *, speaker_first: bool = False) -> list[Attribution]:
    """What the rest of a sentence after its lead-in reports, when it names a speaker; the lead-in's
    words join the frame (a day in them dates the claim) and may say where it was said. With
    `speaker_first`, only when the speaker opens the rest: "Last year, sales rose 12%, the company
    said" keeps its "last year" in the claim."""
    rest = lead.group("rest")
    found = _attribute_once(rest, leads - 1)
    if not any(f.speaker for f in found):
        return []
    if speaker_first and rest.lstrip(" “\"'‘").startswith(found[0].content.lstrip(" “\"'‘")[:20]):
        return []
    words = lead.group(0)[: len(lead.group(0)) - len(rest)].rstrip(" ,")
    for attribution in found:
        attribution.medium = attribution.medium or medium
        attribution.frame = f"{words}, {attribution.frame}"
    return found


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
    if found and _AT_AN_EVENT.search(main):  # "denied it at a news conference on Wednesday, saying …"
        frame = main
    for attribution in found:  # "denied it, telling the court …": the denial was made in court too
        attribution.medium = attribution.medium or medium
        attribution.frame = frame
    return [*found, Attribution(participle.group("content"), speaker, "said", frame=frame, medium=medium)]


def _reported(sentence: str) -> list[Attribution]:
    text = sentence.strip()
    if cites := citing_first(text):  # "The Courier reported, citing a source at the ministry, that …"
        return [cites]
    cited = None
    tail = _REPORTED_QUOTING.search(text)
    if (
        tail
        and re.search(r"\bthat\b|,\s", text[: tail.start()])
        and (tail.group("quoting") or re.search(r"report", tail.group(0)))  # "…, the company said" cites no one
    ):
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


def _named_in_apposition(phrase: str) -> str | None:
    """The person a phrase names among asides: "Speaking outside court, Margaret Ellison, 67, the
    group's chair" names Margaret Ellison."""
    for part in phrase.split(","):
        words = part.split()
        if 2 <= len(words) <= 4 and all(NAME_TOKEN.match(w) for w in words) and (who := subject(part.strip())):
            return who
    return None


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
    if match := _SAID_COLON.match(text):
        phrase, before = match.group("who"), []
        if joins := list(_CLAUSE_JOIN.finditer(phrase)):  # "X told MPs A, and Ms Hale added: “…”": X's A too
            before = [f for f in _attribute(phrase[: joins[-1].start()] + ".") if f.speaker]
            phrase = phrase[joins[-1].end() :]
        if who := subject(phrase) or speaker_before(phrase.split()) or _named_in_apposition(phrase):
            frame = phrase + " " + match.group("verb") + match.group("tail")
            medium = medium_of(match.group("verb") + match.group("tail"))
            verb = match.group("verb").split()[-1]
            return [*before, Attribution(match.group("content"), who, verb, frame=frame, medium=medium)]
    if match := _ACCORDING.match(text):
        who, rest, pre = match.group("who").strip(), match.group("rest"), match.group("pre").strip(" ,")
        who = re.sub(r"(?<![A-Z])\.$", "", who)  # the sentence's full stop, not an abbreviation's
        content = rest if len(rest.split()) >= 4 and not _TRAILING.match(rest) else pre  # not "…, which represents"
        if len(pre.split()) >= 4 and _GOES_ON.match(rest):  # "X lost £3.2m, according to its accounts, and has cut …"
            content = f"{pre}, {rest}" if _CONCEDES.match(rest) else f"{pre} {rest}"
        document = DOCUMENT.match(who)
        speaker, medium = _handed_on(who), None  # "according to minutes published on July 30"
        if owned := _OWNED_DOCUMENT.match(who):
            speaker, medium = owned.group("owner"), owned.group("document")
        elif data := _DATA_FROM.match(who):  # "according to figures published by the ministry"
            speaker, medium = data.group("who"), data.group("medium").lower()
        elif body := _BODY_DATA.match(speaker) or _NAMED_DATA.match(speaker):  # "according to council figures"
            speaker, medium = body.group("owner"), body.group("document")  # "according to EPA figures": the EPA
        elif document:
            medium = document.group(1)
            who = _WHICH_SAYS.sub("", who)  # "a study that supporters of the scheme say settles …": the study
            by = re.search(r"\b(?:by|from)\s+(.+)$", who)  # "the statement from the union"
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
        phrase = strip_date(match.group("who"))  # "Opposition MPs on Wednesday accused …"
        who = speaker_before(phrase.split()) or subject(phrase)
        if who:
            content = f"{match.group('target')} is {match.group('act')}{match.group('rest')}"
            first = Attribution(_before_next_report(content), who, "accused", frame=match.group("who"))
            return [first, *_coordinated(content, first)]
    if (match := _INTERJECTED.match(text)) and (who := subject(match.group("who"))):
        tail = match.group("verb") + match.group("tail")
        frame, medium = match.group("who") + " " + tail, medium_of(tail)
        first = Attribution(f"{match.group('head')} {match.group('rest')}", who, match.group("verb"), frame, medium)
        if more := and_then(first, match.group("rest")):  # "A, she told the meeting, and B": two of hers
            first.content = match.group("head") + "."
        return [first, *more]
    # commas in the quotation and in the speaker's description: "“A, and B,” its director, Mats Olberg, said."
    quoted = _WHOLE_QUOTE_FIRST.match(text)
    if quoted and "," in quoted["content"] and "," in quoted["who"] and (who := subject(quoted["who"])):
        return said_before(quoted, who)
    if (
        (match := _CONTENT_FIRST.match(text))
        and _quoted_or_clause(match.group("content"))
        and not re.match(r"(?:and|but)\s", match.group("who"))  # "…, and it warned that …": a second report
    ):
        if found := found_before(match):
            return [found]
        if who := subject(match.group("who")):
            return said_before(match, who)
    if (
        (match := _CONTENT_FIRST_INVERTED.match(text))
        and _quoted_or_clause(match.group("content"))
        and not subject(match.group("content"))  # "Her coach, Sam Okafor, said …" names the speaker first
    ):
        who = speaker_after(match.group("tail"))
        rest = match.group("tail")[len(who or "") :].lstrip(" .,")
        if who and not _FINITE_NEXT.match(rest):  # "…, said Kessia had offered …": Kessia is no speaker
            return [
                Attribution(
                    match.group("content"),
                    who,
                    match.group("verb"),
                    frame=match.group("verb") + " " + match.group("tail"),
                    medium=medium_of(match.group("verb") + " " + match.group("tail")),
                )
            ]
    if (judgement := judged(text)) is not None:  # "X called the study “careful”, but pointed out that …"
        return judgement
    if (estimate := put_at(text)) is not None:  # "The researchers put the cost at about £9 …"
        return estimate
    match = _SPEAKER_FIRST.search(text)
    if match and _AND_PRONOUN.search(text[: match.start()]):
        match = None  # "X said A, and it warned that B": X's reports, read from the start
    if match:
        prefix = text[: match.start()]
        who, medium, cited = subject(prefix) or speaker_before(prefix.split()), None, None
        undated = strip_date(prefix).strip(" ,")  # "Northwind Energy plc today announced that …"
        if not who and undated != prefix.strip(" ,"):
            who = subject(undated) or speaker_before(undated.split())
        if source := _document_source(prefix):  # "Figures published by the Department for Transport show that …"
            who, medium = source
            cited = _DOCUMENT_ASIDE.sub("", prefix).strip()
        told = medium_of(match.group("verb") + match.group("between"))
        if who:
            frame = text[: match.end("between")]
            content = match.group("content")
            first = Attribution(
                _before_next_report(content),
                who,
                "denied" if re.search(REJECTS, match.group("verb")) else match.group("verb").split()[-1],
                frame=frame,
                medium=medium or told,
                cited_source=cited or cited_outlet(match.group("verb"), told),
            )
            return [first, *_coordinated(content, first)]
    if (match := _SPEAKER_FIRST_BARE.match(text)) and not match.group("content").startswith("by "):  # passive
        source = _document_source(match.group("who"))
        who = None if source else subject(match.group("who"))
        if source:  # "Accounts filed at Companies House show the club lost …"
            content, when = _after_when(match.group("content"))
            phrase = _DOCUMENT_ASIDE.sub("", match.group("who")).strip()
            if not is_clause(content):  # "Tests … found iron concentrations of 4.2 mg": what they found
                content = f"{phrase} {match.group('verb')} {content}"
            frame = match.group("who") + " " + match.group("verb") + when
            return [Attribution(content, source[0], "found", frame=frame, medium=source[1], cited_source=phrase)]
        if not who:
            found = speaker_before(match.group("who").split())
            who = found if found and len(match.group("who").split()) <= len(found.split()) + 2 else None
        if match.group("verb").endswith(("added", "adds")) and _QUANTITY.match(match.group("content")):
            who = None  # "Employers added 142,000 jobs"
        verb_word = match.group("verb").split()[-1]
        if who and verb_word in ("reported", "reports", "posted", "recorded") and _RESULT.match(match.group("content")):
            # "Brantwell Foods reported an 18% fall in profit": the result is the fact, the company its source
            result = f"{who} {verb_word} {match.group('content')}"
            return [Attribution(result, who, "reported", frame=match.group("who") + " " + verb_word)]
        if who and verb_word == "announced" and (made := announced(match, who)):  # "announced a £40m fund"
            return made
        denies = DENIES.fullmatch(match.group("verb"))
        plea = _PLEA.match(match.group("content")) or (denies and _DENIED_DOING.match(match.group("content")))
        if who and plea:  # "Carter denied the charges", "The Front denied losing territory"
            pronoun = "it" if organisation(who) or who[:1].islower() else "he"  # the speaker, resolved, takes its place
            denial = f"{pronoun} denies {plea.group('charges')}"
            return [Attribution(denial, who, "pleaded", frame=match.group("who"))]  # the charges' dates are theirs
        if who and denies and not is_clause(match.group("content")):
            return [Attribution(text)]  # "The council denied planning permission for 40 homes": a refusal
        if who:
            content, when = _after_when(match.group("content"))
            if match.group("verb").endswith(("told", "tells")):
                content, when = _after_object(content, when)
            verb, frame = match.group("verb").split()[-1], match.group("who") + " " + match.group("verb") + when
            told = (
                medium_of(match.group("verb") + when) if verb in ("told", "tells") else None
            )  # "told reporters the …"
            first = Attribution(_before_next_report(content), who, verb, frame=frame, medium=told)
            return [first, *_coordinated(content, first)]
    if (match := _REPORTED_LAST.match(text)) and _quoted_or_clause(match.group("content")):
        # read from the first comma, "One of them, a 71-year-old man, was found …" found no speaker
        if found := found_before(match):  # "Nationally, 23 hospitals …, data from the agency showed."
            return [found]
        if who := subject(match.group("who")):
            return said_before(match, who)
    return [Attribution(text)]
