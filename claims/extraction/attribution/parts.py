"""The parts of a report that the patterns leave to be read: the document a speaker speaks
through, the day and the listener before what was said, further reports by the same speaker in
the same sentence, and the two statements of a concession."""

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
from claims.extraction.dates import DATE_EXPR, strip_date


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


def clauses(sentence: str) -> list[str]:
    """A sentence made of a concession and a main clause ("Although X, Y") holds two statements."""
    match = _CONCESSIVE.match(sentence)
    if match:
        first = match.group("first")
        return [first[0].upper() + first[1:] + ".", match.group("second")]
    return [sentence]
