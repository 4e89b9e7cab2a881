"""Who a sentence says asserted what: reporting verbs before or after the content, "that"
clauses, "according to", "accused … of …", coordinated reports, and where it was said.

The patterns that read a whole sentence's structure are compiled by RE2 (`compile_linear`):
they run in time linear in the sentence. The others are Python patterns whose work at each
position is bounded, and the extractor gives them sentences of at most MAX_SENTENCE_CHARS.
"""

import re
from dataclasses import dataclass

from claims.extraction.dates import DATE_EXPR, strip_date
from claims.extraction.linear import compile_linear, without_surrogates
from claims.extraction.names import speaker_after, speaker_before
from claims.extraction.vocabulary import ASSERT, DOCUMENT, DOUBLE_QUOTES, EVENT_NOUNS, QUOTES, VERB

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
_SPEAKER_FIRST = re.compile(
    rf"(?P<verb>\b{VERB})\b(?P<between>(?:(?!\b(?:{ASSERT})\b)[^,{_DQ}]){{0,80}}?)\s+that\s+(?P<content>.+)$"
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
    rf",\s*(?P<source>[^,{_DQ}]{{2,120}}?)\s+(?:reported|reports|said|says)(?:,\s*(?P<quoting>(?:quoting|citing)\s+[^,{_DQ}]+?))?\s*[.!]?$"
)
_QUOTE_THEN = re.compile(rf"^[{_Q}](?P<c>.+?)[,.]?[{_Q}],?\s+")
# RE2 has no lookahead: the medium's end ("on Monday", a comma, the end) is matched, not looked at.
# Nothing that ends one can start the next, so finditer finds the same mediums.
_MEDIUM_TOLD = compile_linear(
    rf"\b(?:told|tells)\s+(?P<medium>(?:the\s+)?(?:[A-Z][^,{_DQ}]*?|reporters|journalists|lawmakers))(?:\s+(?:on|in|last|this|that|at)(?:[^{_WORD}]|$)|[,.]|$)"
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
_NEXT_REPORT = re.compile(rf",?\s+and\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:{ASSERT})\s+that\s+")
_CONCESSIVE = re.compile(r"^(?:Although|Though|While|Even though|Whereas)\s+(?P<first>[^,]+),\s+(?P<second>.+)$")


def _medium(frame: str) -> str | None:
    for pattern in (_MEDIUM_TOLD, _MEDIUM_IN):
        for match in pattern.finditer(frame):
            medium = strip_date(re.sub(r"^(?:an?|the)\s+", "", match.group("medium").strip(), flags=re.I))
            medium = re.sub(r"\s+(?:on|in|at)$", "", medium).strip()
            if medium and not DATE_EXPR.fullmatch(medium) and medium.lower() not in ("turn", "addition", "fact"):
                return medium
    return None


def attribute(sentence: str) -> list[Attribution]:
    """Who the sentence says asserted what: one Attribution per reported assertion, or one with
    no speaker when the article states it in its own voice."""
    sentence = without_surrogates(sentence)
    text = sentence.strip()
    cited = None
    tail = _REPORTED_QUOTING.search(text)
    if tail and re.search(r"\b(?:that|,)", text[: tail.start()]):
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
        content = rest if len(rest.split()) >= 4 else pre
        document = DOCUMENT.match(who)
        speaker, medium = who, None
        if document:
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
        who = speaker_before(phrase.split())
        if who and len(phrase.split()) <= len(who.split()) + 1:
            frame = match.group("who") + " " + match.group("verb") + match.group("tail")
            return [
                Attribution(
                    match.group("content"), who, match.group("verb"), frame=frame, medium=_medium(match.group("tail"))
                )
            ]
    if (match := _CONTENT_FIRST_INVERTED.match(text)) and _quoted_or_clause(match.group("content")):
        who = speaker_after(match.group("tail"))
        if who:
            return [
                Attribution(
                    match.group("content"),
                    who,
                    match.group("verb"),
                    frame=match.group("verb") + " " + match.group("tail"),
                    medium=_medium(match.group("tail")),
                )
            ]
    if match := _SPEAKER_FIRST.search(text):
        words = text[: match.start()].split()
        who = speaker_before(words)
        if who:
            frame = text[: match.end("between")]
            content = match.group("content")
            claims = [
                Attribution(
                    _before_next_report(content),
                    who,
                    match.group("verb").split()[-1],
                    frame=frame,
                    medium=_medium(match.group("verb") + match.group("between")),
                )
            ]
            return claims + _coordinated(content, who)
    if match := _SPEAKER_FIRST_BARE.match(text):
        who = speaker_before(match.group("who").split())
        if who and len(match.group("who").split()) <= len(who.split()) + 2:
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
