"""The claims proposed from an article: one per reported assertion worth checking, with its
claimant, date, medium and cited source, in the article's words."""

import datetime
import re
import time
from dataclasses import asdict, dataclass, field

from claims.extraction import continuation_examples, proposals_examples  # noqa: F401  (registers the rules)
from claims.extraction.article_names import Names
from claims.extraction.asides import aside_facts, split_asides
from claims.extraction.attribution import Attribution, attribute, clauses
from claims.extraction.boilerplate import without_boilerplate
from claims.extraction.checkworthiness import (
    is_background,
    is_specific,
    is_statement,
    states_conduct,
    too_short,
    worth_checking,
)
from claims.extraction.claim_text import (
    absolute_dates,
    is_fragment,
    negated,
    separate_facts,
    tidy,
    with_speaker,
    without_quoted_comment,
)
from claims.extraction.consequences import consequence
from claims.extraction.dates import article_date, first_date, read_dateline
from claims.extraction.name_kinds import body_named_in, named_subject
from claims.extraction.names import person_name, subject
from claims.extraction.report_dates import anaphora_date, dates_seen, frame_date, heard_on, latest, without_heard
from claims.extraction.sentences import split_sentences
from claims.extraction.transcripts import speaker_labels
from claims.extraction.vagueness import generic_voice, is_vague
from claims.extraction.vocabulary import CLOCK, DOCUMENT_NOUNS, DOUBLE_QUOTES, NOT_ASSERTED, QUOTES

# A longer "sentence" is a list, a table run together or text without full stops: not a claim as
# it stands, and left out (each rule then reads at most this much at a time).
MAX_SENTENCE_CHARS = 1_000

# "Deaths were estimated at more than 40,000 by the European Environment Agency": who counted them.
_BY_AGENT = re.compile(
    r"\b(?:estimated|recorded|counted|calculated|measured|reported)\s+(?:(?:at|as)\s+(?:[^,;]|,(?=\d)){1,60}?\s+)?by\s+"
    r"(?P<who>[^,.;]{2,80}?(?:,\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})?)(?=[,.;]|$)"
)  # "… by the federation's chief economist, Lena Hartvik": the one the phrase names
# A pledge is its maker's to check: "In her victory speech, Ms Okafor promised to freeze bus fares",
# "Westshire Water also promised to keep charging …", "the city of Valverde has pledged to plant …".
_PLEDGE = re.compile(
    r"^(?:(?:In|At|During|On)\s+[^,]{1,60},\s+)?(?P<who>[^,;]{2,80}?(?:,[^,;]{1,60},)?)\s+"
    r"(?:(?:also|again|has|have|had)\s+){0,2}(?:promised|pledged|vowed)\s+to\s+[a-z]"
)
# A live blog's entry opens with its time: "16:40 - Fire front …", or "17:55" on a line of its own.
_ENTRY_TIME = re.compile(rf"^\s*{CLOCK}\s*(?:[—–|:-]|$)", re.I)
# A document the article reports on, and when it came out: "the first official evaluation of the
# programme, published yesterday"; what is read from it is dated so ("According to the report, …").
_PUBLISHED_DOCUMENT = re.compile(rf"\b(?:{DOCUMENT_NOUNS})s?\b[^.;]{{0,100}}?\b(?:published|released|issued)\b", re.I)
# "According to the report": the document the article just named, not "the Pharmacy Guild's annual survey".
_FROM_DOCUMENT = re.compile(rf"\bthe\s+(?:[\w-]+\s+){{0,2}}?(?:{DOCUMENT_NOUNS})\b", re.I)
_BODY_OF = re.compile(r"[’']s\s+[a-z]")
# "Corvane Technologies today announced …": a release opens with its publisher's name.
_LEADING_NAME = re.compile(r"^((?:[A-Z][\w&.-]*\s+){1,4})")
_ITS = re.compile(r"(?:its|their)\s", re.I)
_OPENING_NAME = re.compile(r"^(?:The\s+)?(?P<name>[A-Z][\w&’'-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&’'-]*){0,5})")
_OPENS_QUOTE = re.compile(rf"^[{DOUBLE_QUOTES}‘]")
_STEM = re.compile(r"[a-z0-9]+")
_PRESENT_REPORT = re.compile(r"says|say|tells|tell|insists|insist|claims|claim|argues|argue|maintains|maintain")
# A quotation of several sentences with no figure in any ("I sat in the van and cried. I'm not ashamed of
# that."): the speaker's colour, not a claim.
_COLOUR = re.compile(r"^(?!.*\d)(?=.*[a-z]{2}[.!?][’”\"]?\s+[“\"‘]?[A-Z])", re.S)
# A question dates nothing: "How full are the prisons today?" is asked on the interview's day, not the paper's.
_ASKS = re.compile(r"\?[\s’”\"']*$")
# How many earlier claims a quotation is compared with, as a restatement of one of them.
RESTATEMENT_WINDOW = 6


class ExtractionTimeout(Exception):
    """The extraction ran past its time limit."""


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


@dataclass
class _Article:
    published: datetime.date | None
    outlet: str | None
    names: Names
    live: bool = False  # a live blog: its entries are timed, on the day it is published
    release: bool = False  # the outlet's own press release: its people speak on the day it is issued
    events: dict[str, str] = field(default_factory=dict)  # "hearing" → the day of the last hearing it dated

    def speaks_for_publisher(self, speaker: str, sentence: str) -> bool:
        """Whether `speaker` is the outlet, or in its own release one of its people ("said Daniel
        Okoro-Whyte, Corvane's chief executive"); not those the release quotes in reply."""
        if self.publishes(speaker):
            return True
        ours = _name_words(self.outlet or "")
        return self.release and bool(ours) and ours[0] in _STEM.findall(sentence.lower())

    def publishes(self, who: str) -> bool:
        """Whether `who` is the outlet itself: "Corvane" in Corvane Technologies' release."""
        ours, theirs = _name_words(self.outlet or ""), _name_words(who)
        return bool(ours and theirs) and theirs[0] == ours[0] and set(theirs) <= set(ours)


def _name_words(name: str) -> list[str]:
    """A name's words, lower case, without a leading "the"."""
    return _STEM.findall(re.sub(r"^the\s+", "", name.lower().strip()))


def extract_claims(
    text: str,
    *,
    published: datetime.date | None = None,
    outlet: str | None = None,
    time_limit: float | None = None,
) -> list[Proposal]:
    """The check-worthy claims an article reports, in the article's order. `published` is the
    article's date (read from its dateline when not given): relative dates are resolved against
    it, and it dates the article's own statements, whose claimant is `outlet` (the wire service
    of the dateline when not given). Time grows linearly with the text; past `time_limit`
    seconds, ExtractionTimeout is raised."""
    deadline = None if time_limit is None else time.monotonic() + time_limit
    lines, dateline = _without_dateline(text.splitlines(), published)
    published = published or (dateline.date if dateline else None) or article_date(text)
    outlet = outlet or (dateline.source if dateline else None)
    lines = without_boilerplate(lines, outlet)  # "About Corvane Technologies", "Notes to editors" and what follows
    paragraphs, labels, heads = [], [], []
    for raw, (line, label) in zip(lines, speaker_labels(lines), strict=True):
        labels.append(label)
        if label and raw.endswith(line) and len(raw) > len(line):  # "Graham Tull (chief executive, SkyVale Airways):"
            heads.append(raw[: len(raw) - len(line)][:MAX_SENTENCE_CHARS])
        paragraphs.append([s for s in split_sentences(line) if len(s) <= MAX_SENTENCE_CHARS])
        _in_time(deadline, time_limit)
    names = Names([s for p in paragraphs for s in p] + [x for x in labels if x] + heads, outlet)
    article = _Article(published, outlet, names, live=sum(bool(_ENTRY_TIME.match(line)) for line in lines) >= 2)
    opening = next((s for p in paragraphs for s in p if is_statement(s)), "")
    article.release = bool(lead := _LEADING_NAME.match(opening)) and article.publishes(lead.group(1))
    proposals, last_date, event_date, hearing_date, previous, document_date = [], None, None, None, None, None
    reported_on = None  # the last day the article said someone spoke ("admitted to senators on Wednesday")
    for sentences, label in zip(paragraphs, labels, strict=True):
        speaker = names_resolve(article.names, label)  # who is speaking in this paragraph, if anyone is
        if label and hearing_date is None:
            # A transcript is dated by the lines that introduce it: the event they date, else the later of
            # the day they report someone spoke and their last date.
            hearing_date = event_date or latest(reported_on, _a_day(last_date), published) or ""
            if hearing_date:  # "after the hearing", once its transcript is read: the day of that hearing
                article.events.setdefault("hearing", hearing_date)
        for sentence in sentences:
            _in_time(deadline, time_limit)
            if not is_statement(sentence):
                if not _ASKS.search(sentence):  # "the transcript of Wednesday's hearing", not "Full today?"
                    last_date, event_date = dates_seen(sentence, published, article.events, last_date, event_date)
                article.names.saw(sentence)  # "Councillor Ravi Shah spoke first. He said …"
                continue
            quoted, first = bool(_OPENS_QUOTE.match(sentence)), len(proposals)
            article.names.reading(sentence)
            if came_out := _PUBLISHED_DOCUMENT.search(sentence):
                document_date = first_date(sentence[came_out.end() :], published) or document_date
            heard = None
            for clause in clauses(sentence):
                for found in attribute(clause):
                    if not found.speaker and speaker and (label or quoted):
                        found = Attribution(found.content, speaker, "said", frame="")
                    dated = None  # the day this report's claims were given, however it was found
                    for proposal in _proposals(found, sentence, article, last_date, event_date or hearing_date):
                        # "HOLLIS: The RMT union says …": what a speaker says others say now is not dated by the hearing
                        if label and proposal.said_on is None and not _PRESENT_REPORT.fullmatch(found.verb):
                            proposal.said_on = hearing_date or None
                        if proposal.said_on is None and previous and _same_speaker(previous[0], proposal.claimant):
                            proposal.said_on = previous[1]  # "X said on Monday that … X said …": the same day
                        read = document_date and _FROM_DOCUMENT.search(found.frame or "")
                        if read and proposal.said_on in (None, article.published and article.published.isoformat()):
                            proposal.said_on = document_date  # "according to the report", published yesterday
                        if not (quoted and _restates(proposal, proposals)):
                            proposals.append(proposal)
                        dated = dated or proposal.said_on
                    if found.speaker and not label:  # a quotation that follows may run on from it
                        speaker = names_resolve(article.names, found.speaker)  # a quote may run on
                        said = frame_date(found.frame, published)
                        reported_on = said or reported_on
                        # "told the meeting", of a day the article gave; "…, she said" runs on from it
                        if not said and previous and _same_speaker(previous[0], speaker):
                            said = previous[1]
                        said = said or anaphora_date(found.frame, last_date, event_date, article.events)
                        said = said or dated  # a release's own people speak on its day, and go on doing so
                        heard = (speaker, said) if said else heard
            made = proposals[first:]  # this sentence's claims: an aside one of them already gives is not repeated
            proposals.extend(aside for aside in _asides(sentence, article) if not any(_gives(p, aside) for p in made))
            # who spoke in this sentence, on a day it gave; a quotation running on is theirs, of that day
            previous = heard or (previous if quoted and previous and _same_speaker(previous[0], speaker) else None)
            last_date, event_date = dates_seen(sentence, published, article.events, last_date, event_date)
            article.names.saw(sentence)
    return proposals


def _same_speaker(one: str | None, other: str | None) -> bool:
    """The same speaker, named in full or by surname: "Lady Justice Harrow" and "Harrow" (not "the
    officials" and "regional emergency officials", who may be others)."""
    if not one or not other or one == other:
        return bool(one) and one == other
    short, full = sorted((one.strip(), other.strip()), key=len)
    return bool(re.fullmatch(r"[A-Z][\w’'-]+", short)) and full.split()[-1] == short


def names_resolve(names: Names, phrase: str | None) -> str | None:
    return names.resolve(phrase) if phrase else None


def _without_dateline(lines: list[str], published: datetime.date | None):
    """The article's lines with the wire dateline ("RIVERSIDE, Nov. 30, 2026 —") taken off the
    first paragraph that opens with one, and that dateline."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > 6:
            break
        dateline = read_dateline(line.strip(), published)
        if dateline:
            lines = list(lines)
            lines[index] = line.strip()[dateline.length :]
            return lines, dateline
    return lines, None


def _in_time(deadline: float | None, time_limit: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeout(f"The extraction took longer than {time_limit:g} seconds and was stopped.")


def _proposals(found: Attribution, sentence: str, article: _Article, last_date, event_date) -> list[Proposal]:
    content, verb = found.content, found.verb
    published, outlet = article.published, article.outlet
    asserted_by_speaker = found.speaker and not NOT_ASSERTED.search(verb)
    speaker = article.names.resolve(found.speaker) if asserted_by_speaker else None
    if asserted_by_speaker and found.speaker == "it" and found.medium:  # "its annual report shows": the body named
        speaker = body_named_in(content, article.names) or speaker
    if not found.speaker and found.verb == "found" and found.cited_source:  # "…, the paper says": its authors'
        speaker = article.names.author_of(found.cited_source) or article.names.resolve(found.cited_source)
        speaker = speaker if speaker in (article.names.stated_by, *article.names.authors) else None
    if not found.speaker and found.verb == "according to" and found.medium:  # "according to the report"
        # whoever wrote it, else the document itself, as the guide reads "according to X"; a statement is
        # someone's, and without them the article's own report of it
        speaker = article.names.author_of(found.frame)
        if not speaker and found.medium != "statement":
            document = found.cited_source or found.frame  # "its latest annual report": the organisation's
            its = _ITS.match(document) and (_opening_body(sentence, article) or article.names.resolve("it"))
            speaker = its or person_name(document)
    pledge = None if found.speaker or found.verb else _PLEDGE.match(content)
    if speaker and found.medium == "statement":  # "In a statement, Clayport said …. The statement added …"
        article.names.stated_by = speaker
    if pledge and (who := subject(pledge.group("who"))):  # "In her victory speech, Ms Okafor promised to …"
        found = Attribution(content, who, "promised", frame=pledge.group(0), cited_source=None)
        speaker = article.names.resolve(who)
    agent = None if found.speaker or found.verb else _BY_AGENT.search(content)
    if agent and (who := subject(agent.group("who"))):  # "… were estimated at 40,000 by the Agency"
        found = Attribution(content, who, "found", frame=content, cited_source=None)
        speaker = article.names.resolve(who)
    if found.speaker and not speaker and asserted_by_speaker:
        if not (found.medium and found.speaker == "it"):
            return []  # a pronoun with no one to refer to, or a vague "they"
        found = Attribution(content)  # "Its own figures show …", whose ever they are: the article states it
    if (not speaker and is_background(content)) or (verb not in ("accused", "pleaded") and is_vague(content)):
        return []
    if generic_voice(speaker, content):
        return []
    speaks_for_organisation = bool(speaker) and (
        article.names.is_organisation(speaker)
        or speaker[:1].islower()
        or bool(_BODY_OF.search(speaker))
        or (len(speaker) > 1 and speaker.isalpha() and speaker.isupper())  # "NATS says it has identified …"
        or (
            article.release and article.publishes(speaker)
        )  # a release's publisher: "Northwind also confirmed it had …"
    )  # "the ministry", "Portugal's government", initials: "it" is the body
    if verb in ("denied", "denies"):
        denier = speaker if speaker and speaker[:1].isupper() else None  # "The company denied …": Metrolink Digital
        content = negated(content, denier or person_name(found.speaker or "It"))
    if speaker:
        said_on = frame_date(found.frame, published) or anaphora_date(
            found.frame, last_date, event_date, article.events
        )
        if said_on is None and published and (article.live or article.speaks_for_publisher(speaker, sentence)):
            # A live blog's entry is of its day; a press release's publisher, and its people, speak on
            # the day it is issued. "Police say …" gives no day: the guide leaves it null.
            said_on = published.isoformat()
        medium = found.medium
    else:
        # the article's own statement, of its day, or of the day a court heard it
        said_on = heard_on(sentence, published, article.events) or (published.isoformat() if published else None)
        medium = None
        content = without_heard(content)  # "…, a jury at Hollingford Crown Court heard on Wednesday."
    content, led_to = consequence(without_quoted_comment(content))  # "…, ending a four-month suspension"
    quoted = _in_quotes(content, sentence)  # a quotation with nothing in it to check is comment
    proposals = []
    facts = [fact for part in split_asides(content, bool(speaker)) for fact in separate_facts(part)]
    for fact in facts + ([led_to] if led_to else []):
        score, reasons = worth_checking(fact, verb if speaker else "")
        # "According to its schedule, it will open in 2029": "it" is not whoever wrote the schedule.
        if verb in ("according to", "found"):
            said = fact
        elif speaker:
            said = with_speaker(fact, speaker, speaks_for_organisation)
        else:  # a press release's "We have recalled …" is its publisher's
            ours = outlet and fact.startswith("We ") and not quoted and not _OPENS_QUOTE.match(sentence)
            said = with_speaker(fact, outlet, True) if ours else fact
        claim = tidy(absolute_dates(named_subject(said, article.names), published))
        checkable = is_specific(absolute_dates(fact, published)) or (speaker and (not quoted or states_conduct(fact)))
        if score == 0 or too_short(claim) or not checkable or _COLOUR.search(fact) or is_fragment(claim):
            continue
        proposals.append(
            Proposal(
                text=claim[:2000],
                claimant=speaker or outlet,
                said_on=said_on,
                medium=medium,
                cited_source=found.cited_source if speaker else None,
                sentence=sentence,
                score=score,
                reasons=reasons,
            )
        )
    return proposals


def _opening_body(sentence: str, article: _Article) -> str | None:
    """The organisation a sentence opens with, whose "its" the rest may speak of: "The National Swimming
    Federation, which governs the sport, lost £3.2m, according to its annual accounts"."""
    opening = _OPENING_NAME.match(sentence)
    name = opening.group("name") if opening else ""
    return name if name and article.names.is_organisation(name) else None


def _asides(sentence: str, article: _Article) -> list[Proposal]:
    """Facts the article adds in passing (`asides`), stated in its own voice."""
    found = []
    for fact in aside_facts(sentence):
        text = tidy(absolute_dates(fact, article.published))
        score, _reasons = worth_checking(text, "")
        if score and len(text.split()) >= 5:
            said_on = article.published.isoformat() if article.published else None
            found.append(Proposal(text, article.outlet, said_on, None, None, sentence, score, ["aside"]))
    return found


def _in_quotes(content: str, sentence: str) -> bool:
    """The content is the speaker's own words, as quoted."""
    head = content.strip(QUOTES + " ")[:24]
    at = sentence.find(head) if head else -1
    return at > 0 and sentence[at - 1] in QUOTES


def _restates(proposal: Proposal, earlier: list[Proposal]) -> bool:
    """A quotation that says again what the same speaker was just reported saying."""
    return any(
        before.claimant == proposal.claimant and before.sentence != proposal.sentence and _alike(proposal, before)
        for before in earlier[-RESTATEMENT_WINDOW:]
    )


def _alike(one: Proposal, other: Proposal) -> bool:
    """Two claims that say much the same: most of their words are shared."""
    words, others = _stems(one.text), _stems(other.text)
    return bool(words and others) and 2 * len(words & others) / (len(words) + len(others)) >= 0.6


def _gives(claim: Proposal, aside: Proposal) -> bool:
    """A claim that is already the aside, in the speaker's words: alike, and no longer by half."""
    return _alike(claim, aside) and len(_stems(claim.text)) <= 1.5 * len(_stems(aside.text))


def _stems(text: str) -> set[str]:
    return {word[:6] for word in _STEM.findall(text.lower()) if len(word) > 2}


def _a_day(date: str | None) -> str | None:
    """A date that may be the day something was said: a day, not a year or a month ("Marcus Hale, who has
    run the Prison Service since 2023, spoke to the Post" says nothing of when)."""
    return date if date and len(date) == 10 else None
