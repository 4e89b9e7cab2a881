"""Dates as news writes them ("on Dec. 30", "Tuesday", "last month"), resolved by dateparser
against the article's own date, and the article's date from its dateline."""

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser

from claims.extraction.rules import rule

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A month's or a day's name, which is never anyone's: "a meeting in May", "On Monday, the group said".
DATE_WORD = re.compile(rf"(?:{WEEKDAY}|{MONTH})(?![\w’'])")
# "The Sunday Clarion", "the Monday Club": a weekday in a name is no day.
_TITLE_DAY = rf"(?<=[Tt]he ){WEEKDAY}\s+(?!{MONTH}\b)[A-Z][a-z]"
# Possessive spaces: what follows them is a digit or a letter, never a space, so nothing is lost.
DATE_EXPR = re.compile(
    rf"\b(?:{MONTH}\s++\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s++\d{{4}})?|\d{{1,2}}\s++{MONTH}(?:\s++\d{{4}})?|"
    rf"(?:(?:early|mid|late)[- ])?{MONTH}(?:\s++\d{{4}})?(?=[\s,.;]|$)|(?:last\s)?(?!{_TITLE_DAY}){WEEKDAY}|"
    rf"yesterday|today|tonight|"
    rf"this (?:morning|afternoon|evening)|(?:last|this|past) (?:week|month|year)|(?:in|since|during|by) \d{{4}})\b"
)
# dateparser takes milliseconds a call: a text is given that many tries, however many dates it holds.
DATE_TRIES = 4


@lru_cache(maxsize=64)
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
    return _resolve(expression, base)


@lru_cache(maxsize=4096)
def _resolve(expression: str, base: datetime.date) -> str | None:
    expression = re.sub(
        r"^(?:on|in|since|during|by|as of)\s+|^(?:early|mid|late)[- ]", "", expression.strip(), flags=re.I
    )
    expression = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", expression)
    if not expression:
        return None
    if re.fullmatch(r"(?i)today|tonight|this (?:morning|afternoon|evening)", expression):
        return base.isoformat()  # the paper's own day
    if expression.capitalize() == base.strftime("%A"):
        return base.isoformat()  # "on Friday" in Friday's paper is that day
    if expression.lower() == f"last {base.strftime('%A').lower()}":
        return (base - datetime.timedelta(days=7)).isoformat()  # "last Tuesday" in Tuesday's paper
    expression = re.sub(r"^last\s+(?=[A-Z])", "", expression)  # "last Monday": the latest Monday
    try:
        found = _date_parser(base).get_date_data(expression)
    except (OverflowError, ValueError):  # "next year" in a paper dated 9999-12-31, and the like
        return None
    if found.date_obj is None:
        return None
    day = found.date_obj.date()
    if found.period == "year":
        return f"{day.year:04d}"
    if found.period in ("month", "week"):
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _dates(text: str, base: datetime.date | None):
    """The dates the first DATE_TRIES date expressions in `text` resolve to. "Last week" names no day or
    month: it dates nothing."""
    for tries, match in enumerate(DATE_EXPR.finditer(text)):
        if tries == DATE_TRIES:
            break
        if not match.group(0).endswith("week") and (resolved := resolve_date(match.group(0), base)):
            yield resolved


def first_date(text: str, base: datetime.date | None) -> str | None:
    """The first date expression in `text` that resolves (of its first DATE_TRIES)."""
    return next(_dates(text, base), None)


def first_past_date(text: str, base: datetime.date | None) -> str | None:
    """The first date in `text` not after `base`, else its first date: "will merge from September 2027 after
    councillors voted on Tuesday" last gave Tuesday, the day a meeting that follows speaks of."""
    first = None
    for day in _dates(text, base):
        first = first or day
        if base is None or day <= base.isoformat()[: len(day)]:
            return day
    return first


def strip_date(text: str) -> str:
    """`text` without its date expressions, nor the word that led to one ("… Trust on Tuesday")."""
    return re.sub(r"\s+(?:on|in|at|since|during|by|last)$", "", DATE_EXPR.sub("", text).strip(" ,.")) if text else text


rule(
    "dates",
    "last-weekday-in-that-weekdays-paper",
    "The Insulation Contractors Association said last Monday that at least 9,300 applications were stuck.",
    said_on="2026-11-23",
)
rule(
    "dates",
    "relative-day",
    "The water utility said on Friday that 48 samples had been tested.",
    said_on="2026-11-27",
)
rule(
    "dates",
    "this-afternoon-is-the-papers-day",
    "Nordvik Foods announced this afternoon that production at the plant will end in June.",
    said_on="2026-11-30",
)
rule(
    "dates",
    "after-the-hearing-not-after-a-later-meeting",
    "The committee held a hearing on Wednesday. The council had approved the plan at a meeting on Nov. 2. After "
    "the hearing, the minister said 40 homes had been flooded.",
    claimant="minister",
    said_on="2026-11-25",
)
rule(
    "dates",
    "a-deadline-dates-no-event",
    "The committee held a hearing on Wednesday. Its chair closed the hearing by saying the committee would report "
    "by April 1. After the hearing, the minister said 40 homes had been flooded.",
    claimant="minister",
    said_on="2026-11-25",
)
rule(
    "dates",
    "told-the-jury-on-the-day-it-sat",
    "A wholesaler set fire to his own warehouse, a jury at Hollingford Crown Court heard on Wednesday. The "
    "barrister told the jury that the fire broke out shortly after 11pm on 14 February.",
    claimant="barrister",
    said_on="2026-11-25",
)
rule(
    "dates",
    "told-cabinet-on-the-day-it-met",
    "The plan was approved by the council's cabinet on Tuesday evening. The finance director, Graham Yeoh, told "
    "cabinet the loan would be taken at a fixed rate of 4.6%.",
    claimant="Graham Yeoh",
    said_on="2026-11-24",
)
rule(
    "dates",
    "a-second-report-is-made-when-the-first-was",
    "Rebecca Lyall told the court on Wednesday that investigators had found petrol at three points, and that "
    "there was no sign of a forced entry.",
    text="There was no sign of a forced entry.",
    said_on="2026-11-25",
    medium="court",
)
rule(
    "dates",
    "what-a-jury-heard-on-a-day",
    "A wholesaler set fire to his own warehouse to claim £640,000 in insurance, a jury at Hollingford Crown Court "
    "heard on Wednesday.",
    claimant="Example Post",
    said_on="2026-11-25",
)
rule("dates", "vague-week", "The mayor said last week that 40 homes had been flooded.", said_on=None)
rule(
    "dates",
    "anaphoric-event-date",
    "The two ministers spoke by phone on Nov. 12. The minister said after the call that 40 prisoners had been "
    "exchanged.",
    said_on="2026-11-12",
)


@dataclass(frozen=True)
class Dateline:
    """ "RIVERSIDE, Nov. 30, 2026 (Harbor Wire) — ": where and when a story was filed, and by whom."""

    place: str
    date: datetime.date | None
    source: str | None
    length: int  # characters of the line it takes, with the dash and the spaces after it


_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){{0,3}}(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)?|"
    rf"(?P<town>[A-Z][a-z'’.-]+(?: [A-Z][a-z'’.-]+){{0,2}})"
    rf"(?=, (?:{MONTH} \d{{1,2}}, \d{{4}}|\d{{1,2}} {MONTH} \d{{4}})\s*[—–]))"
    rf"(?:, (?P<date>{MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} {MONTH}(?: \d{{4}})?))?"
    rf"(?: \((?P<source>[^()]{{1,40}})\))?\s*[—–-]{{1,2}}\s*(?=\S)"
)
rule(
    "dates",
    "wire-dateline",
    "RIVERSIDE, Nov. 30, 2026 (Harbor Wire) — The city's water utility said that 86,000 households were affected.",
    text="86,000 households were affected.",
    claimant="city's water utility",
    sentence="The city's water utility said that 86,000 households were affected.",
)


rule(
    "dates",
    "a-release-dateline-in-ordinary-case",
    "Leeds, 30 November 2026 — Harlow Minerals plc (LSE: HRLW) today announced that its Kestrel quarry has "
    "reopened after a £12 million upgrade.",
    text="Its Kestrel quarry has reopened after a £12 million upgrade.",
    claimant="Harlow Minerals plc",
    said_on="2026-11-30",
)


def read_dateline(line: str, base: datetime.date | None = None) -> Dateline | None:
    """The dateline that opens a wire story's first paragraph ("LONDON, March 3 (Reuters) —"): the
    place in capitals, the date (a year-less date is read as the latest not after `base`), the
    wire service in brackets. None when the line does not open with one."""
    match = _DATELINE.match(line)  # a town in ordinary case only before a full date and a dash: "Leeds, 3 March 2026 —"
    if not match or not (match.group("date") or match.group("source")) or len(match.group("place")) < 3:
        return None
    date = None
    if match.group("date"):
        resolved = resolve_date(match.group("date"), base or datetime.date.today())
        if resolved and len(resolved) == 10:
            date = datetime.date.fromisoformat(resolved)
    return Dateline(match.group("place"), date, match.group("source"), match.end())


def article_date(text: str) -> datetime.date | None:
    """The date in the article's dateline: a line near the top that is mostly a date, or a wire
    dateline opening the first paragraph ("RIVERSIDE, Nov. 30, 2026 —")."""
    lines = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line.strip())
            if len(lines) == 6:
                break
    for line in lines:
        dateline = read_dateline(line)
        if dateline and dateline.date:
            return dateline.date
        if len(line) <= 60 and re.search(r"\d{4}", line):
            found = DateDataParser(languages=["en"]).get_date_data(
                re.sub(r"(?i)\b(?:updated|published|posted):?", "", line)
            )
            if found.date_obj is not None and found.period == "day":
                return found.date_obj.date()
    return None
