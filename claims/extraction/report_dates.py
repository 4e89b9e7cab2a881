"""When a report was made, as the article tells it: the day its own words give ("said on Tuesday"), the
day of an event it points back to ("after the hearing", "told the jury"), the day a court heard it."""

import datetime
import re

from claims.extraction.dates import MONTH, WEEKDAY, first_date, first_past_date
from claims.extraction.vocabulary import EVENT_NOUNS

# "Jones, who has led the union since 2019, said …": an aside about the speaker dates nothing said.
_ASIDE = re.compile(r",\s+(?:who|which|whose)\b[^,]{0,200},")
_ANAPHORA = re.compile(r"\b(?:said|says|told|added) (?:this|that)\b(?! \w+ (?:is|are|was|were|has|have)\b)", re.I)
# "after the hearing", "at that meeting": the day of the event the article has named, else its last date.
_EVENT_ANAPHORA = re.compile(rf"\b(?:the|that|this) (?P<event>{EVENT_NOUNS})\b", re.I)
# "told the committee", "at the opening": the day of the event the article has named, if it dated one.
# "Outside court", "Sentencing him, the judge said": the court's day too.
_TOLD_THE_BODY = re.compile(
    r"\b(?:(?:told|addressed|before|at|after|during|outside) (?:the |that |this )?(?P<body>committee|inquiry|trial|"
    r"court|jury|opening|ceremony|launch|cabinet)|(?P<sentencing>sentencing|passing sentence))\b",
    re.I,
)
_EVENT = re.compile(rf"\b(?:{EVENT_NOUNS}|committee|inquiry|trial|court|jury|cabinet)\b", re.I)
# "…, a jury at Hollingford Crown Court heard on Wednesday", "The court heard that …", "…, Hollingford Crown
# Court heard on Friday": what a court was told.
_HEARD = re.compile(
    r"(?:\b(?:the|a)\s+(?:[\w’'-]+\s+){0,4}?|(?<![\w’'-])(?-i:[A-Z][\w’'-]*\s+){1,4})"
    r"(?P<body>court|jury|inquiry|committee|tribunal|hearing)\s+(?:[\w’'-]+\s+){0,4}?heard\b[^,;.]{0,30}",
    re.I,
)
_EVENT_REACH = 40  # characters between an event's word and the date that is its own
# "closed the hearing by saying the committee would report by April 1", "a strike until at least March 15":
# a deadline dates no event.
_DEADLINE = re.compile(
    rf"\b(?:by|until|before)\s+(?:at\s+(?:least|the\s+earliest)\s+)?(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH}|{MONTH}|{WEEKDAY}|\d{{4}})"
)


def heard_on(sentence: str, published: datetime.date | None, events: dict[str, str]) -> str | None:
    """The day a court or a hearing heard what the article reports of it ("…, a jury at Hollingford
    Crown Court heard on Wednesday", "The court heard that …"): the day it gives, else the day the
    article gave that court."""
    if heard := _HEARD.search(sentence):
        return first_date(heard.group(0), published) or events.get(heard.group("body").lower())
    return None


def without_heard(content: str) -> str:
    """What a court heard without the words that say it did ("…, Hollingford Crown Court heard on Friday.")."""
    if (heard := _HEARD.search(content)) and not content[heard.end() :].strip(" .") and "," in content[: heard.start()]:
        return content[: content.rindex(",", 0, heard.start())].rstrip() + "."
    return content


def dates_seen(sentence: str, published: datetime.date | None, events: dict, last: str | None, event: str | None):
    """The last date the article has given, and the last date of an event it named ("at a hearing
    of the committee on Wednesday"), once `sentence` is read; each kind of event's last date is
    kept in `events`."""
    dated = first_date(sentence, published)
    found = _event_dates(sentence, published) if dated else {}
    events.update(found)
    return first_past_date(sentence, published) or last, next(iter(found.values()), None) or event


def _event_dates(sentence: str, published: datetime.date | None) -> dict[str, str]:
    """The date next to each event the sentence names ("at a hearing of the committee on Wednesday",
    "Wednesday's hearing"), by its kind; a date further on dates something else ("testifying before
    the committee, which is investigating why customers waited nine days after last month's storm")."""
    found = {}
    # a deadline is blanked out whole before any window is cut, so that no window keeps half of one
    sentence = _DEADLINE.sub(lambda deadline: " " * len(deadline.group(0)), sentence)
    for event in _EVENT.finditer(sentence):
        start = sentence.rfind(" ", 0, max(event.start() - _EVENT_REACH, 0)) + 1  # whole words only
        end = sentence.find(" ", event.end() + _EVENT_REACH)
        if dated := first_date(sentence[start : end if end >= 0 else len(sentence)], published):
            found.setdefault(event.group(0).lower(), dated)
    return found


def latest(reported_on: str | None, last_date: str | None, published: datetime.date | None) -> str | None:
    """The later of the day someone was last reported speaking and the last date given, up to the
    paper's own day: "admitted to senators on Wednesday … after last month's storm" is Wednesday,
    "said on Monday … appeared before senators on Wednesday" is Wednesday too."""
    until = published.isoformat() if published else "9999"
    return max((day for day in (reported_on, last_date) if day and day[: len(until)] <= until), default=None)


def anaphora_date(frame: str, last_date: str | None, event_date: str | None, events: dict) -> str | None:
    """The day a report points back to: "said that" the last date given, "after the hearing" the
    day of the last hearing the article dated, else of the event named last (a transcript's, within
    one), else the last date given; "told the jury" the day the article last gave the jury, else of
    the event named last, or none.
    An aside about the speaker points at nothing ("Smith, who chairs the committee, said")."""
    frame = _ASIDE.sub(",", frame)
    if anaphora := _EVENT_ANAPHORA.search(frame):
        return events.get(anaphora.group("event").lower()) or event_date or last_date
    if told := _TOLD_THE_BODY.search(frame):
        return events.get((told.group("body") or "court").lower()) or event_date
    return last_date if _ANAPHORA.search(frame) else None


def frame_date(frame: str, published: datetime.date | None) -> str | None:
    """The day a report's own words give ("said on Tuesday"), not an aside about its speaker."""
    return first_date(_ASIDE.sub(",", frame), published)
