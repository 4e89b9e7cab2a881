"""A claim's text from the clause that carries it: a short declarative sentence standing on its
own, close to the article's words. Denials say what is denied, a leading pronoun becomes the
speaker, relative dates become absolute, and a compound sentence gives one text per fact."""

import datetime
import re

from claims.extraction import claim_text_examples  # noqa: F401  (registers the rules)
from claims.extraction.dates import resolve_date
from claims.extraction.rules import rule
from claims.extraction.vocabulary import NEWS_PAST, QUOTES

_LEADING = re.compile(
    r"^(?:(?:and|but|so|also|still|yet|meanwhile|however|moreover|furthermore|in turn|earlier|later|then|"
    r"at the same time|in addition|on the other hand|indeed|instead|separately|now)\b,?\s+)+",
    re.I,
)
_TRAILING = re.compile(r",?\s+(?:however|though|too|as well|meanwhile)\s*(?=[.!]?$)", re.I)
_AUXILIARIES = {"is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "did", "does", "do"}
_AUXILIARIES |= {"should", "must", "may", "might"}
_WEEKDAY = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
# Bounded patterns: each reads a fixed phrase, whatever the text.
# "next Saturday" is ahead of the article, not behind it: left as written.
_WEEKDAY_ON = re.compile(rf"(?<!next )(?<!this )\b(?P<day>(?:last )?{_WEEKDAY})\b(?![,’']|\s+(?:{_MONTHS}|\d))")
_YEAR_REFERENCE = re.compile(r"\b(?P<prep>in\s+|during\s+|since\s+)?(?P<which>[Ll]ast|[Tt]his)\s+year\b")
# "in February this year": February of the paper's year, said once.
_MONTH_OF_YEAR = re.compile(rf"\b(?P<month>{_MONTHS})\s+(?P<which>[Ll]ast|[Tt]his)\s+year\b")
_LAST_MONTH = re.compile(r"\b(?:in\s+|during\s+)?(?P<which>[Ll]ast|[Tt]his)\s+month\b(?!['’]s)")
# "after last month's storm": after the October 2026 storm ("higher than last month's." is left alone)
_LAST_MONTHS = re.compile(r"\b(?P<which>[Ll]ast|[Tt]his)\s+month['’]s(?=\s+[a-z])")
_MONTH_REFERENCE = re.compile(
    rf"\b(?P<prep>in|since|by|until|from|during|early|late|mid-|of)\s+(?P<month>{_MONTHS})\b(?![\s,]+\d)"
)
# A clause about what is to come: its months are the next ones.
_FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|is set to|are set to|is to be|are to be|plans to|intends to|is scheduled|"
    r"are scheduled|'ll|’ll)\b"
)
_WOULD = re.compile(r"\bwould\b")  # reported as to come: "said it would announce … on Friday"
_PAST_CLAUSE = re.compile(rf"\b(?:after|since|because|following)\s+(?:\S+\s+){{0,4}}?(?:[a-z]{{3,}}ed|{NEWS_PAST})\b")
_COMPOUND = re.compile(r"^(?P<first>.{15,}?),\s+and\s+(?P<second>(?!that\b|which\b|who\b)\S.{15,})$")
_SAME_SUBJECT = re.compile(r"^(?P<first>.{15,}?)\s+and\s+(?P<verb>(?:has|have|had|was|were|is|are)\s+\w+.{10,})$")
# "the council had opened four centres and delivered 6,000 sandbags": the second verb shares the subject
# and the auxiliary; "X said A, and that B": a second fact said.
_SHARED_AUXILIARY = re.compile(
    r"^(?P<subject>(?:\S+\s+){1,5}?)(?P<aux>has|have|had)\s+(?P<first>\w+ed\b.{8,}?)\s+and\s+"
    rf"(?P<verb>\w+ed|{NEWS_PAST})\s+(?P<rest>\S.{{8,}})$"
)
# "The crew reached the ridge on Monday and pitched camp at 6,000 metres": two things done by one subject, in
# the simple past, each of its own.
_SHARED_PAST = re.compile(
    rf"^(?P<subject>[A-Z][^\s,]*(?:\s+[^\s,]+){{0,4}}?\s+)(?:(?P<adverb>first|then|later|also)\s+)?"
    rf"(?P<first>(?:[a-z]+ed|{NEWS_PAST})\s[^,;]{{8,}}?)\s+and\s+(?:then\s+)?(?P<verb>(?:[a-z]+ed|{NEWS_PAST}))"
    rf"\s+(?P<rest>\S.{{8,}})$"
)
# "her party had tabled a written question and would ask the ombudsman to investigate": done, and to do.
_DONE_AND_TO_DO = re.compile(
    r"^(?P<subject>(?:\S+\s+){1,5}?)(?P<aux>has|have|had)\s+(?P<first>\w+(?:ed|en)\b.{8,}?)\s+and\s+"
    r"(?P<modal>would|will)\s+(?P<rest>[a-z]\S*\s.{8,})$"
)
# "urged anyone who develops a fever and has been in the area to …": the "and" is the relative clause's.
_RELATIVE = re.compile(r"\b(?:who|which|whose|whom)\b")
# "Earnings rose 3.6%, while inflation slowed to 2.9%", "Revenue rose 4.2%, but volumes fell 2.6%":
# two facts set against each other.
_CONTRAST = re.compile(
    r"^(?P<first>.{15,}?),?\s+(?:while|whereas|but|although|even though|though)\s+(?P<second>(?!also\b)\S.{15,})$"
)
_MODAL_VERB = re.compile(r"^(?:\S+\s+){0,6}?(?:will|would|can|could|did|does|do)\b")
# "At the peak of construction, 310 people worked on site, and …": a phrase set before the first clause.
_LEAD_PHRASE = re.compile(r"^(?:At|In|On|During|After|Before|By|Since|Under|Over)\s[^,]{3,60},\s+(?P<clause>[^,]+)$")
# "Three men became ill and were treated in hospital; all three have since gone home": two statements.
_SEMICOLON = re.compile(r"^(?P<first>[^;]{15,}?);\s+(?P<second>[^;]{15,})$")
_AND_THAT = re.compile(r"^(?P<first>.{15,}?),?\s+and\s+that\s+(?P<second>\S.{15,})$")
SUBJECT = re.compile(r"^(?P<subject>(?:\S+\s+){1,5}?)(?:has|have|had|is|are|was|were|\w+ed|rose|fell|grew|won|lost)\b")
_CLAUSE_VERB = re.compile(rf"^(?:\S+\s+){{0,6}}?(?:is|are|was|were|has|have|had|will|{NEWS_PAST}|[a-z]+ed)\b")


def tidy(content: str) -> str:
    """A claim's text from a clause: quotes and inserted brackets dropped, leading connectives
    ("And", "At the same time,") and trailing ", however" removed, a capital and a full stop."""
    text = " ".join(content.split())
    text = text.strip(" ,;:").strip(QUOTES).strip(" ,;:")
    text = re.sub(r"[“”\"]", "", text)
    text = re.sub(r"\(([^()]{1,60})\)(?=\s)", r"\1", text) if re.match(r"^\(", text) else text
    text = re.sub(r"^\(([^()]+)\)", r"\1", text)
    text = _LEADING.sub("", text)
    text = _TRAILING.sub("", text).strip(" ,;:")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text.rstrip(".") + "."


# "… had sold 23 sites since 2021, “land that could have delivered hundreds of homes”": the speaker's
# comment on the fact, quoted after it.
_QUOTED_COMMENT = re.compile(r"^(?P<claim>(?:\S+\s+){5,}?\S+?),\s*[“\"](?P<comment>[^”\"]{3,200})[”\"]\.?\s*$")

rule(
    "claims",
    "a-quoted-comment-after-the-fact",
    "Councillor Ravi Shah spoke first. He said the administration had sold 23 council-owned sites since 2021, "
    "“land that could have delivered hundreds of affordable homes”.",
    text="The administration had sold 23 council-owned sites since 2021.",
)


def without_quoted_comment(content: str) -> str:
    """The fact without the speaker's quoted comment on it."""
    match = _QUOTED_COMMENT.match(content)
    return match.group("claim") if match else content


def negated(content: str, speaker: str) -> str:
    """What a denial asserts: "it plans to invade" → "<speaker> does not plan to invade"; "any
    funds were cut" → "no funds were cut"; "he had struck" → "<speaker> had not struck"."""
    words = content.split()
    if not words:
        return content
    if words[0].lower() in ("it", "they", "he", "she", "we"):
        words[0] = speaker
    if words[0].lower() == "any":
        words[0] = "no"
        return " ".join(words)
    for index, word in enumerate(words[:8]):
        lower = word.lower()
        if lower in _AUXILIARIES:
            if index + 1 < len(words) and words[index + 1].lower() in ("not", "never"):
                return " ".join(words)
            words.insert(index + 1, "not")
            return " ".join(words)
        if index == 1 and re.fullmatch(r"[a-z]+s", lower) and not lower.endswith("ss"):
            words[index : index + 1] = ["does", "not", word[:-1]]
            return " ".join(words)
    return "It is not true that " + content


# "I have worked here for 22 years" said by Jim Carter; "We have 612 members" said by a union.
_FIRST_PERSON = re.compile(
    r"^(?P<pronoun>I|We|we)(?:\s+(?P<verb>have|am|are|was|were)\b|(?P<verb2>['’](?:ve|m|re))\b|(?=[\s,]))"
)
_AGREE = {"have": "has", "ve": "has", "am": "is", "m": "is", "are": "is", "re": "is", "was": "was", "were": "was"}


def with_speaker(content: str, speaker: str | None, organisation: bool) -> str:
    """ "he had paid …" said by Smith is "Smith had paid …"; "it" said by an organisation is the
    organisation."""
    if not speaker:
        return content
    if speaker[:1].islower() and not speaker.startswith("the "):
        speaker = "the " + speaker  # "it had cut 400 jobs", said by the company: "The company had cut …"
    match = re.match(r"^(?P<pronoun>he|she|He|She|it|It)\s", content)
    if match and (organisation == (match.group("pronoun").lower() == "it")):
        return speaker + content[match.end("pronoun") :]
    first = _FIRST_PERSON.match(content)
    if first and (first.group("pronoun") == "I") != organisation:  # "I" is a person, "we" an organisation
        verb = first.group("verb") or first.group("verb2")
        verb = _AGREE.get(verb.lower().lstrip("'’"), verb) if verb else ""
        return f"{speaker}{' ' + verb if verb else ''}{content[first.end() :]}"
    return content


rule(
    "dates",
    "a-month-this-year",
    "The fund first learned of the investigation in February this year, the official said.",
    text="The fund first learned of the investigation in February 2026.",
)
rule(
    "dates",
    "a-month-to-come",
    "Parking charges will rise by 20% from January, the council said.",
    text="Parking charges will rise by 20% from January 2027.",
)


rule(
    "dates",
    "last-months-event",
    "Some customers waited nine days for their power after last month's storm, the utility said.",
    text="Some customers waited nine days for their power after the October 2026 storm.",
)
rule(
    "dates",
    "in-last-months-event",
    "Damage in last month's storm cost the council 40 million pounds, the mayor said.",
    text="Damage in the October 2026 storm cost the council 40 million pounds.",
)


def absolute_dates(content: str, base: datetime.date | None) -> str:
    """Relative dates made absolute against the article's date: "on Tuesday" → "on Tuesday, Nov.
    24, 2026", "last year" → "in 2025", "in July" → "in July 2026"."""
    if base is None:
        return content

    def weekday(match):
        resolved = resolve_date(match.group("day"), base)
        if not resolved or len(resolved) != 10:
            return match.group(0)
        day = datetime.date.fromisoformat(resolved)
        if day < base and _to_come(content, match.start()):
            day += datetime.timedelta(days=7)  # "will announce new dates on Friday": the Friday to come
        return f"{match.group('day')}, {_AP_MONTHS[day.month - 1]} {day.day}, {day.year}"

    def number(match) -> int:
        return base.year - 1 if match.group("which").lower() == "last" else base.year

    def year(match):
        prep = (match.group("prep") or "in ").strip()
        return f"{prep.title() if match.group('which')[0].isupper() else prep} {number(match)}"

    def month(match):
        resolved = resolve_date(match.group("month"), base)
        if not resolved:
            return match.group(0)
        year = int(resolved[:4])
        ahead = _to_come(content, match.start())
        if ahead and len(resolved) >= 7 and (year, int(resolved[5:7])) < (base.year, base.month):
            year += 1  # "will rise from January" in September's paper: the January to come
        return f"{match.group(0)} {year}"

    def month_ago(match):
        first = base.replace(day=1)
        when = first - datetime.timedelta(days=1) if match.group("which").lower() == "last" else first
        if match.group(0).endswith("s"):  # "last month's storm"
            return f"{'The' if match.group('which')[0].isupper() else 'the'} {when.strftime('%B')} {when.year}"
        return f"in {when.strftime('%B')} {when.year}"

    content = _WEEKDAY_ON.sub(weekday, content)
    content = _MONTH_OF_YEAR.sub(lambda match: f"{match.group('month')} {number(match)}", content)
    content = _YEAR_REFERENCE.sub(year, content)
    content = _LAST_MONTHS.sub(month_ago, content)
    content = _LAST_MONTH.sub(month_ago, content)
    return _MONTH_REFERENCE.sub(month, content)


def _to_come(content: str, at: int) -> bool:
    """Whether the clause `content` is in, up to `at`, speaks of what is to come ("will", "would"), and
    no clause of what has happened opens after it ("will merge next September after councillors approved
    the plan on Tuesday": that Tuesday has gone)."""
    before = content[:at].rsplit(",", 1)[-1][-80:]
    marks = [m.end() for m in _FUTURE.finditer(before)] + [m.end() for m in _WOULD.finditer(before)]
    return bool(marks) and not _PAST_CLAUSE.search(before, max(marks))


def separate_facts(content: str) -> list[str]:
    """A compound sentence's facts, each standing on its own: "A rose, and B fell" gives two;
    "City have won two games and have scored 11 goals" gives "City have scored 11 goals" too."""
    if len(content) > 600:
        return [content]
    if (match := _SEMICOLON.match(content)) and is_clause(match.group("first")) and is_clause(match.group("second")):
        return [*separate_facts(match.group("first") + "."), *separate_facts(match.group("second"))]
    if (match := _CONTRAST.match(content)) and is_clause(match.group("first")) and is_clause(match.group("second")):
        return [*separate_facts(match.group("first")), *separate_facts(match.group("second"))]
    if (
        (match := _AND_THAT.match(content))
        and is_clause(match.group("first"))
        and is_clause(match.group("second"), True)
    ):
        return [*separate_facts(match.group("first")), *separate_facts(match.group("second"))]
    if (match := _DONE_AND_TO_DO.match(content)) and not _RELATIVE.search(match.group("first")):
        subject = match.group("subject")  # "her party had tabled a question and would ask the ombudsman to …"
        return [
            f"{subject}{match.group('aux')} {match.group('first')}",
            f"{subject}{match.group('modal')} {match.group('rest')}",
        ]
    if (match := _SHARED_AUXILIARY.match(content)) and not _RELATIVE.search(match.group("first")):
        subject, aux = match.group("subject"), match.group("aux")
        second = f"{subject}{aux} {match.group('verb')} {match.group('rest')}"
        return [f"{subject}{aux} {match.group('first')}", second]
    first = match.group("first") if (match := _COMPOUND.match(content)) else ""
    first = lead.group("clause") if (lead := _LEAD_PHRASE.match(first)) else first  # the clause after its lead-in
    if match and is_clause(first) and is_clause(match.group("second")):
        return [match.group("first"), *separate_facts(match.group("second"))]
    if (match := _SHARED_PAST.match(content)) and not _CLAUSE_VERB.match(match.group("subject").rstrip() + " x"):
        subject = match.group("subject")
        first = f"{subject}{match.group('adverb') + ' ' if match.group('adverb') else ''}{match.group('first')}"
        return [first, f"{subject}{match.group('verb')} {match.group('rest')}"]
    match = _SAME_SUBJECT.match(content)
    match = match if match and not _RELATIVE.search(match.group("first")) else None
    subject = match and SUBJECT.match(match.group("first"))
    if match and subject and is_clause(match.group("first")):
        return [match.group("first"), subject.group("subject") + match.group("verb")]
    return [content]


def is_clause(text: str, modal: bool = False) -> bool:
    """Four words or more with a finite verb near the start (or a modal one, when `modal`)."""
    verb = _CLAUSE_VERB.match(text) or (modal and _MODAL_VERB.match(text))
    return len(text.split()) >= 4 and bool(verb)


# "Returned on Monday, August 17.", "Cautioned against reading too much into it.": a verb whose subject was
# left behind in another clause, and no other verb: no claim standing on its own.
_FRAGMENT = re.compile(r"^[A-Z][a-z]+ed\s+(?:on|against|in|at|to|by|from)\b(?!.*\b(?:is|are|was|were|has|have|had)\b)")


def is_fragment(claim: str) -> bool:
    return bool(_FRAGMENT.match(claim))
