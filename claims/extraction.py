"""Check-worthy claims proposed from an article's text: what was said, by whom, when, where, and
who the article credits for it.

Rules over the words of each sentence, written for English news prose in general: attribution
verbs ("said", "told", "according to", "accused … of"), the titles in front of a name, date
expressions resolved against the article's own date (dateparser), and what makes a sentence not
worth checking (speculation, forecasts, opinion, boilerplate). No model is downloaded; nothing
here touches the database.
"""

import datetime
import re
from dataclasses import asdict, dataclass, field
from functools import cache

import pysbd
from dateparser.date import DateDataParser

# --- words ------------------------------------------------------------------------------------

_Q = "\"'“”‘’«»"  # quote marks
_DQ = '"“”«»'  # marks that open or close a quotation (not apostrophes)
# Verbs that report what someone asserted (past, present and perfect forms).
_ASSERT = (
    "said|says|say|told|tells|added|adds|noted|notes|stated|states|claimed|claims|argued|argues|insisted|insists|"
    "wrote|writes|announced|announces|warned|warns|explained|explains|confirmed|confirms|reaffirmed|reaffirms|"
    "alleged|alleges|maintained|maintains|asserted|asserts|declared|declares|revealed|reveals|acknowledged|"
    "acknowledges|admitted|admits|reported|reports|testified|testifies|estimated|estimates|concluded|concludes|"
    "found|finds|showed|shows|denied|denies|accused|accuses|stressed|stresses|emphasized|emphasised|"
    "pointed out|points out|made clear|makes clear|quoted [^,]{1,60}? as saying"
)
# Verbs whose content is not asserted as fact: the claim is that they were said, not what was said.
_NOT_ASSERTED = re.compile(
    r"\b(?:demand(?:ed|s)?|urg(?:ed|es)|ask(?:ed|s)|call(?:ed|s) (?:on|for)|propos(?:ed|es)|request(?:ed|s)|"
    r"order(?:ed|s)|promis(?:ed|es)|pledg(?:ed|es)|vow(?:ed|s)|hop(?:ed|es)|want(?:ed|s))\b",
    re.I,
)
_SPECULATIVE = re.compile(
    r"\b(?:speculat\w*|rumou?r\w*|predict\w*|forecast\w*|expect(?:s|ed|ing)?|could have|guess\w*|wonder\w*|"
    r"suspect\w*|believ\w*|think\w*|thought|feel\w*|fear\w*|hope\w*|(?-i:may|might)|perhaps|possibly|likely|"
    r"probably|reportedly)\b",
    re.I,
)
_FUTURE = re.compile(r"\b(?:will|would|shall|won[’']t|wouldn[’']t|going to|'ll|’ll)\b", re.I)
_CONDITION = re.compile(r"\b(?:if|unless|should (?:\w+ ){0,3}(?:invade|attack|fail|refuse))\b", re.I)
_OPINION = re.compile(
    r"\b(?:should|must|ought|preferable|better|best|worst|good|bad|terrible|wonderful|great|shameful|disgrace\w*|"
    r"outrageous|ridiculous|absurd|unacceptable|in my (?:view|opinion)|I think|we think|beautiful|awful)\b",
    re.I,
)
_BOILERPLATE = re.compile(
    r"\b(?:follow us|subscribe|newsletter|sign up|click here|read more|show more|all rights reserved|cookies?|"
    r"advertisement|share this|copyright|terms of (?:use|service)|privacy policy|download (?:our|the) app)\b|©",
    re.I,
)
_LEADING = re.compile(
    r"^(?:(?:and|but|so|also|still|yet|meanwhile|however|moreover|furthermore|in turn|earlier|later|then|"
    r"at the same time|in addition|on the other hand|indeed|instead|separately|now)\b,?\s+)+",
    re.I,
)
_TRAILING = re.compile(r",?\s+(?:however|though|too|as well|meanwhile)\s*(?=[.!]?$)", re.I)
# Words that may stand in front of a name as its title or role, or head a descriptive phrase.
_ROLE_TEXT = (
    "president vice prime minister secretary press spokesperson spokesman spokeswoman aide adviser advisor chief "
    "director ceo chair chairman chairwoman governor senator sen. rep. representative mayor general gen. lt. col. "
    "dr. mr. mrs. ms. prof. professor judge justice ambassador foreign defense defence health finance economy "
    "interior deputy acting former head leader commissioner officer official officials analyst economist "
    "researcher scientist spokesperson agency news correspondent reporter editor founder executive manager "
    "minister's member lawmaker legislator candidate king queen prince pope sheikh emir chancellor attorney "
    "treasury state labor labour education transport energy trade commerce national security intelligence "
    "military army navy police commander colonel captain sergeant party opposition council board group"
)
_ROLE_WORDS = set(_ROLE_TEXT.split())
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "our"}
_LOWER_JOINERS = {"of", "for", "and", "the", "de", "del", "van", "von", "der", "da", "al", "bin", "on", "in"}
_EVENT_NOUNS = (
    r"call|talks|meeting|interview|speech|briefing|conference|hearing|summit|debate|visit|statement|session|"
    r"event|address|rally|broadcast|announcement"
)
_ANAPHORA = re.compile(rf"\b(?:said|says|told|added) (?:this|that)\b(?! \w+ (?:is|are|was|were|has|have)\b)|"
                       rf"\b(?:the|that|this) (?:{_EVENT_NOUNS})\b", re.I)  # fmt: skip
_DOCUMENT = re.compile(
    r"^(?:an?|the|its|their|his|her)\s+(?:new\s+|recent\s+|latest\s+|annual\s+|joint\s+|official\s+)?"
    r"(report|study|survey|statement|analysis|poll|paper|review|investigation|assessment|audit|memo|letter|"
    r"filing|post|tweet|video|release|press release|document|data|estimate|census)\b",
    re.I,
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE_EXPR = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|"
    rf"(?:(?:early|mid|late)[- ])?{_MONTH}(?:\s+\d{{4}})?(?=[\s,.;]|$)|{_WEEKDAY}|yesterday|today|"
    rf"(?:last|this|past) (?:week|month|year)|(?:in|since|during|by) \d{{4}})\b"
)

# --- sentences ----------------------------------------------------------------------------------


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[str]:
    """The article's sentences, in order, each exactly as written (trimmed). Each line is a
    paragraph of its own: headlines, datelines and captions never run into the next sentence."""
    sentences = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            sentences.extend(s.strip() for s in _segmenter().segment(line) if s.strip())
    return sentences


# --- dates --------------------------------------------------------------------------------------


@cache
def _date_parser(base: datetime.date) -> DateDataParser:
    settings = {
        "RELATIVE_BASE": datetime.datetime.combine(base, datetime.time(12)),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


def resolve_date(expression: str, base: datetime.date | None) -> str | None:
    """An ISO date ("2021-12-30"), year-month ("2021-11") or year ("2021") for a date expression
    as news writes it ("on Dec. 30", "Tuesday", "last month", "in 2019", "late October"), read
    against the article's date `base` (a bare day or weekday is the latest one not after it)."""
    if base is None:
        return None
    expression = re.sub(
        r"^(?:on|in|since|during|by|as of)\s+|^(?:early|mid|late)[- ]", "", expression.strip(), flags=re.I
    )
    expression = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", expression)
    if not expression:
        return None
    if expression.capitalize() == base.strftime("%A"):
        return base.isoformat()  # "on Friday" in Friday's paper is that day
    found = _date_parser(base).get_date_data(expression)
    if found.date_obj is None:
        return None
    day = found.date_obj.date()
    if found.period == "year":
        return f"{day.year:04d}"
    if found.period in ("month", "week"):
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _first_date(text: str, base: datetime.date | None) -> str | None:
    for match in _DATE_EXPR.finditer(text):
        resolved = resolve_date(match.group(0), base)
        if resolved:
            return resolved
    return None


def article_date(text: str) -> datetime.date | None:
    """The date in the article's dateline: a line near the top that is mostly a date."""
    for line in [line.strip() for line in text.splitlines() if line.strip()][:6]:
        if len(line) <= 60 and re.search(r"\d{4}", line):
            found = DateDataParser(languages=["en"]).get_date_data(
                re.sub(r"(?i)\b(?:updated|published|posted):?", "", line)
            )
            if found.date_obj is not None and found.period == "day":
                return found.date_obj.date()
    return None


# --- attribution --------------------------------------------------------------------------------


@dataclass
class Attribution:
    content: str
    speaker: str | None = None
    verb: str = ""
    frame: str = ""  # the words around the content: where its date, medium and anaphora are read
    medium: str | None = None
    cited_source: str | None = None


_NAME_TOKEN = re.compile(r"^[A-Z][\w.'’&-]*$|^[A-Z]{2,}\)?$|^\([A-Z]{2,}\)$")


def _speaker_before(words: list[str]) -> str | None:
    """The noun phrase that ends at the end of `words`: a name with its title ("Russian President
    Vladimir Putin"), an organisation ("the Conflict Intelligence Team (CIT)"), a pronoun, or a
    described group ("Both U.S. and European officials")."""
    taken = []
    for word in reversed(words):
        bare = word.strip(_Q + ",;:")
        if word.endswith((",", ";", ":")) and taken:
            break
        lower = bare.lower()
        if _NAME_TOKEN.match(bare) or lower in _ROLE_WORDS or "-" in bare or (lower in _LOWER_JOINERS and taken):
            taken.append(bare)
            continue
        if not taken and lower in _PRONOUNS:
            return lower
        break
    while taken and taken[-1].lower() in _LOWER_JOINERS - {"the"}:
        taken.pop()
    if taken and any(_NAME_TOKEN.match(t) for t in taken):
        return " ".join(reversed(taken))
    described = re.search(r"\b[Tt]he\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)$", " ".join(words))
    return described.group(1) if described else None  # "the national weather service"


def _speaker_after(text: str) -> str | None:
    words = text.split()
    described = 0  # "meteorologist Anna Kraft": a role in lower case before the name
    while described < min(3, len(words) - 1) and re.fullmatch(r"[a-z][\w-]*", words[described]):
        described += 1
    if described and _NAME_TOKEN.match(words[described].strip(_Q + ",;:.")):
        words = words[described:]
    taken = []
    for word in words:
        bare = word.strip(_Q + ",;:")
        core = bare.rstrip(".")
        abbreviation = bare.lower() in _ROLE_WORDS or len(core) == 1
        if _NAME_TOKEN.match(core) or abbreviation or core.lower() in _ROLE_WORDS or (core in _LOWER_JOINERS and taken):
            taken.append(bare if abbreviation else core)
            if word.endswith((",", ";", ":")) or (word.endswith(".") and not abbreviation):
                break
            continue
        break
    return " ".join(taken) or None


_VERB = (
    rf"(?:(?:has|have|had)\s+)?(?:(?:also|repeatedly|previously|earlier|later|again|publicly|then)\s+)*(?:{_ASSERT})"
)
_CONTENT_FIRST = re.compile(
    rf"^(?P<content>.+?)(?:[,;][{_Q}]*|[{_Q}]+,?)\s+(?P<who>(?:[^,]{{1,120}}?))\s+(?P<verb>{_VERB})\b(?P<tail>[^{_DQ}]*)$"
)
_CONTENT_FIRST_INVERTED = re.compile(
    rf"^(?P<content>.+?)(?:[,;][{_Q}]*|[{_Q}]+,?)\s*(?P<verb>said|says|added|wrote|told reporters|noted)"
    rf"\s+(?P<tail>[^{_DQ}]+)$"
)
_ACCORDING = re.compile(rf"^(?P<pre>.*?)\baccording to (?P<who>[^,{_DQ}]+?)(?:,\s*|\s*$)(?P<rest>.*)$", re.I)
_SPEAKER_FIRST = re.compile(
    rf"(?P<verb>\b{_VERB})\b(?P<between>(?:(?!\b(?:{_ASSERT})\b)[^,{_DQ}]){{0,80}}?)\s+that\s+(?P<content>.+)$"
)
_SPEAKER_FIRST_BARE = re.compile(rf"^(?P<who>.{{1,120}}?)\s+(?P<verb>{_VERB})\s+(?P<content>(?!that\b).+)$")
_ACCUSED = re.compile(
    r"^(?P<who>.+?)\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:accused|accuses|accuse)\s+"
    r"(?P<target>(?:the\s+)?\w[\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s+of\s+(?P<act>\w+ing)\b(?P<rest>.*)$"
)
_QUOTED_AS_SAYING = re.compile(r"^(?P<cited>.+?)\s+quoted\s+(?P<who>.+?)\s+as\s+saying\b(?P<tail>.*)$")
_REPORTED_QUOTING = re.compile(
    rf",\s*(?P<source>[^,{_DQ}]{{2,120}}?)\s+(?:reported|reports|said|says)(?:,\s*(?P<quoting>(?:quoting|citing)\s+[^,{_DQ}]+?))?\s*[.!]?$"
)
_MEDIUM_TOLD = re.compile(
    rf"\b(?:told|tells)\s+(?P<medium>(?:the\s+)?(?:[A-Z][^,{_DQ}]*?|reporters|journalists|lawmakers))(?=\s+(?:on|in|last|this|that|at)\b|[,.]|$)"
)
_VENUES = (
    rf"{_EVENT_NOUNS}|parliament|congress|senate|assembly|court|committee|television|radio|podcast|newspaper|"
    rf"op-ed|post|tweet|video|interview|press conference"
)
_MEDIUM_IN = re.compile(
    rf"\b(?:in|on|during|at)\s+(?P<medium>(?:an?|the)?\s*(?:[\w’'.-]+\s+){{0,6}}?(?:{_VENUES}|"
    rf"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)*(?:\s+(?:{_VENUES}))?)"
    rf"(?:\s+(?:by|over|via)\s+(?:phone|telephone|video|videolink|email))?"
    rf"(?:\s+(?:with|by|to)\s+(?:[A-Z][\w.’'-]*\s*){{1,5}})?)(?=[\s,.]|$)"
)


def _strip_date(text: str) -> str:
    return _DATE_EXPR.sub("", text).strip(" ,.") if text else text


def _medium(frame: str) -> str | None:
    for pattern in (_MEDIUM_TOLD, _MEDIUM_IN):
        for match in pattern.finditer(frame):
            medium = _strip_date(re.sub(r"^(?:an?|the)\s+", "", match.group("medium").strip(), flags=re.I))
            medium = re.sub(r"\s+(?:on|in|at)$", "", medium).strip()
            if medium and not _DATE_EXPR.fullmatch(medium) and medium.lower() not in ("turn", "addition", "fact"):
                return medium
    return None


def attribute(sentence: str) -> list[Attribution]:
    """Who the sentence says asserted what: one Attribution per reported assertion, or one with
    no speaker when the article states it in its own voice."""
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
    if match := _QUOTED_AS_SAYING.match(re.sub(rf"^[{_Q}](.+?)[,.]?[{_Q}],?\s+", "", text)):
        content = re.match(rf"^[{_Q}](?P<c>.+?)[,.]?[{_Q}],?\s+", text)
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
        document = _DOCUMENT.match(who)
        speaker, medium = who, None
        if document:
            medium = document.group(1)
            by = re.search(r"\bby\s+(.+)$", who)
            speaker = _strip_date(by.group(1)) if by else None
        if content and len(content.split()) >= 4:
            return [
                Attribution(
                    content,
                    _strip_date(speaker) if speaker else None,
                    "according to",
                    frame=who,
                    medium=medium,
                    cited_source=_strip_date(who),
                )
            ]
    if match := _ACCUSED.match(text):
        who = _speaker_before(match.group("who").split())
        if who:
            content = f"{match.group('target')} is {match.group('act')}{match.group('rest')}"
            claims = [Attribution(_before_next_report(content), who, "accused", frame=match.group("who"))]
            claims += _coordinated(content, who)
            return claims
    if (match := _CONTENT_FIRST.match(text)) and _quoted_or_clause(match.group("content")):
        phrase = match.group("who")
        if document := _DOCUMENT.match(phrase):  # "…, a report by the Hospital Association found."
            by = re.search(r"\b(?:by|from|of)\s+(.+)$", phrase)
            speaker = _speaker_before(by.group(1).split()) if by else None
            frame = phrase + " " + match.group("verb") + match.group("tail")
            return [
                Attribution(
                    match.group("content"), speaker, "found", frame=frame, medium=document.group(1), cited_source=phrase
                )
            ]
        who = _speaker_before(phrase.split())
        if who and len(phrase.split()) <= len(who.split()) + 1:
            frame = match.group("who") + " " + match.group("verb") + match.group("tail")
            return [
                Attribution(
                    match.group("content"), who, match.group("verb"), frame=frame, medium=_medium(match.group("tail"))
                )
            ]
    if (match := _CONTENT_FIRST_INVERTED.match(text)) and _quoted_or_clause(match.group("content")):
        who = _speaker_after(match.group("tail"))
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
        who = _speaker_before(words)
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
        who = _speaker_before(match.group("who").split())
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


_NEXT_REPORT = re.compile(rf",?\s+and\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:{_ASSERT})\s+that\s+")


def _before_next_report(content: str) -> str:
    match = _NEXT_REPORT.search(content)
    return content[: match.start()] if match else content


def _coordinated(content: str, who: str) -> list[Attribution]:
    """ "… and alleged that …": a second assertion by the same speaker in the same sentence."""
    match = _NEXT_REPORT.search(content)
    if not match:
        return []
    rest = content[match.end() :]
    return [Attribution(_before_next_report(rest), who, "said", frame=match.group(0)), *_coordinated(rest, who)]


# --- clauses ------------------------------------------------------------------------------------

_CONCESSIVE = re.compile(r"^(?:Although|Though|While|Even though|Whereas)\s+(?P<first>[^,]+),\s+(?P<second>.+)$")


def clauses(sentence: str) -> list[str]:
    """A sentence made of a concession and a main clause ("Although X, Y") holds two statements."""
    match = _CONCESSIVE.match(sentence)
    if match:
        first = match.group("first")
        return [first[0].upper() + first[1:] + ".", match.group("second")]
    return [sentence]


# --- the claim text ----------------------------------------------------------------------------


def _negated(content: str, speaker: str) -> str:
    """ "it plans to invade" → "<speaker> does not plan to invade" (what a denial asserts)."""
    words = content.split()
    if words and words[0].lower() in ("it", "they", "he", "she", "we"):
        words[0] = speaker
    for index, word in enumerate(words[:6]):
        lower = word.lower()
        if lower in ("is", "are", "was", "were", "has", "have", "had", "can", "will", "would", "did", "does", "do"):
            words.insert(index + 1, "not")
            return " ".join(words)
        if index and re.fullmatch(r"[a-z]+s", lower) and not lower.endswith("ss"):
            words[index : index + 1] = ["does", "not", word[:-1]]
            return " ".join(words)
    return "It is not true that " + content


def tidy(content: str) -> str:
    """A claim's text from a clause: quotes and inserted brackets dropped, leading connectives
    ("And", "At the same time,") and trailing ", however" removed, a capital and a full stop."""
    text = " ".join(content.split())
    text = re.sub(rf"^[{_Q}]+|[{_Q}]+$", "", text.strip(" ,;:")).strip(" ,;:")
    text = re.sub(r"[“”\"]", "", text)
    text = re.sub(r"\(([^()]{1,60})\)(?=\s)", r"\1", text) if re.match(r"^\(", text) else text
    text = re.sub(r"^\(([^()]+)\)", r"\1", text)
    text = _LEADING.sub("", text)
    text = _TRAILING.sub("", text).strip(" ,;:")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text.rstrip(".") + "."


# --- names --------------------------------------------------------------------------------------


def person_name(phrase: str) -> str:
    """The name in a phrase with its title: "U.S. Vice President Kamala Harris" → "Kamala
    Harris"; "the Kremlin" → "Kremlin"; "Kremlin-controlled news agency TASS" → "TASS"."""
    words = re.sub(r"^(?:both|the|a|an)\s+", "", phrase.strip(), flags=re.I).split()
    last_role = max((i for i, w in enumerate(words) if w.lower() in _ROLE_WORDS), default=-1)
    named = words[last_role + 1 :]
    person = 1 < len(named) <= 4 and not _organisation(" ".join(named))
    acronym = len(named) == 1 and named[0].isupper() and len(named[0]) > 1
    if (
        named
        and all(_NAME_TOKEN.match(w) for w in named)
        and (person or acronym or (last_role >= 0 and len(named) == 1))
    ):
        return " ".join(named)
    return " ".join(words)


class Names:
    """Who is who in one article: "Biden" is the "Joe Biden" named earlier; "he" is the person
    last named as a speaker."""

    def __init__(self, sentences: list[str]):
        self.full: dict[str, str] = {}
        for sentence in sentences:
            for match in re.finditer(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z’'-]+)+)\b", sentence):
                words = match.group(1).split()
                name = words[-2:] if len(words) > 2 else words
                if not any(w.lower() in _ROLE_WORDS for w in name):
                    self.full.setdefault(name[-1], " ".join(name))
        self.last_person: str | None = None

    def resolve(self, phrase: str | None) -> str | None:
        if not phrase:
            return None
        if phrase.lower() in _PRONOUNS:
            return self.last_person if phrase.lower() in ("he", "she") else None
        name = person_name(phrase)
        if " " not in name and name in self.full:
            name = self.full[name]
        if " " in name and all(_NAME_TOKEN.match(w) for w in name.split()) and not _organisation(name):
            self.last_person = name
        return name


def _organisation(name: str) -> bool:
    return bool(
        re.search(r"\b(?:Team|Ministry|Office|Agency|Council|Party|Bank|Institute|Group|Committee|Department|"
                  r"News|Times|Post|Press|Association|Organi[sz]ation|Union|Company|Corporation|Inc|Ltd|University|"
                  r"Service|Fund|Commission|Court|Parliament|Congress|Senate|Government|Forces|Army)\b", name)
    )  # fmt: skip


# --- proposals ----------------------------------------------------------------------------------


@dataclass
class Proposal:
    text: str
    claimant: str | None
    said_on: str | None
    medium: str | None
    cited_source: str | None
    sentence: str
    score: float
    reasons: list[str] = field(default_factory=list, repr=False)

    KEYS = ("text", "claimant", "said_on", "medium", "cited_source", "sentence", "score")

    def as_dict(self) -> dict:
        values = asdict(self)
        return {key: values[key] for key in self.KEYS}


def _is_statement(sentence: str) -> bool:
    """A full sentence of prose: ends as a sentence does, has enough words and is not a question
    or page furniture (headlines, captions, "Follow us on …")."""
    words = sentence.split()
    return (
        len(words) >= 6
        and sentence.rstrip(_Q + " ").endswith((".", "!"))
        and not _BOILERPLATE.search(sentence)
        and not re.match(r"^(?:Follow|Subscribe|Sign|Click|Read|Share|Watch|Listen|Join|Download|Get)\b", sentence)
    )


def _worth_checking(content: str, verb: str) -> tuple[float, list[str]]:
    """0 to 1, and why not: speculation, forecasts without a condition, opinion, and non-assertions
    (demands, calls) reported as someone's claim score 0."""
    reasons = []
    if verb and _SPECULATIVE.search(verb):
        reasons.append("speculation")
    if _SPECULATIVE.search(content):
        reasons.append("speculation")
    if _FUTURE.search(content) and not _CONDITION.search(content):
        reasons.append("forecast")
    if _OPINION.search(content):
        reasons.append("opinion")
    if content.rstrip(_Q + " ").endswith("?"):
        reasons.append("question")
    if reasons:
        return 0.0, reasons
    score = 0.45
    if re.search(r"\d", content):
        score += 0.2
    if re.search(
        r"\b(?:percent|per cent|%|million|billion|thousand|troops|soldiers|people|cases|deaths)\b", content, re.I
    ):
        score += 0.1
    if len(re.findall(r"\b[A-Z][a-z]+", content)) >= 2:
        score += 0.1
    if verb:
        score += 0.1
    if len(content.split()) > 45:
        score -= 0.1
    return round(min(max(score, 0.05), 1.0), 2), reasons


def extract_claims(text: str, *, published: datetime.date | None = None, outlet: str | None = None) -> list[Proposal]:
    """The check-worthy claims an article reports, in the article's order. `published` is the
    article's date (read from its dateline when not given): relative dates are resolved against
    it, and it dates the article's own statements, whose claimant is `outlet`."""
    text = text[:500_000]
    published = published or article_date(text)
    sentences = split_sentences(text)
    names = Names(sentences)
    proposals, last_date = [], None
    for sentence in sentences:
        if not _is_statement(sentence):
            continue
        for clause in clauses(sentence):
            for found in attribute(clause):
                proposal = _proposal(found, sentence, names, published, outlet, last_date)
                if proposal:
                    proposals.append(proposal)
        last_date = _first_date(sentence, published) or last_date
    return proposals


def _proposal(found: Attribution, sentence, names: Names, published, outlet, last_date) -> Proposal | None:
    content, verb = found.content, found.verb
    asserted_by_speaker = found.speaker and not _NOT_ASSERTED.search(verb)
    speaker = names.resolve(found.speaker) if asserted_by_speaker else None
    if found.speaker and not speaker and asserted_by_speaker:
        return None  # a pronoun with no one to refer to, or a vague "they"
    if _NOT_ASSERTED.search(content.split(" that ")[0]) and not speaker:
        content = found.content
    if verb in ("denied", "denies"):
        content = _negated(content, person_name(found.speaker or "It"))
    score, reasons = _worth_checking(content, verb if speaker else "")
    claim = tidy(content)
    if score == 0 or len(claim.split()) < 4:
        return None
    if speaker:
        said_on = _first_date(found.frame, published) or (last_date if _ANAPHORA.search(found.frame) else None)
        medium = found.medium
    else:
        said_on, medium = (published.isoformat() if published else None), None
    return Proposal(
        text=claim[:2000],
        claimant=speaker or outlet,
        said_on=said_on,
        medium=medium,
        cited_source=found.cited_source if speaker else None,
        sentence=sentence,
        score=score,
        reasons=reasons,
    )
