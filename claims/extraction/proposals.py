"""The claims proposed from an article: one per reported assertion worth checking, with its
claimant, date, medium and cited source, in the article's words."""

import datetime
import re
import time
from dataclasses import asdict, dataclass, field

from claims.extraction.attribution import Attribution, attribute, clauses
from claims.extraction.checkworthiness import is_statement, worth_checking
from claims.extraction.dates import article_date, first_date
from claims.extraction.names import Names, person_name
from claims.extraction.sentences import split_sentences
from claims.extraction.vocabulary import EVENT_NOUNS, NOT_ASSERTED, QUOTES

# A longer "sentence" is a list, a table run together or text without full stops: not a claim as
# it stands, and left out (each rule then reads at most this much at a time).
MAX_SENTENCE_CHARS = 1_000

_LEADING = re.compile(
    r"^(?:(?:and|but|so|also|still|yet|meanwhile|however|moreover|furthermore|in turn|earlier|later|then|"
    r"at the same time|in addition|on the other hand|indeed|instead|separately|now)\b,?\s+)+",
    re.I,
)
_TRAILING = re.compile(r",?\s+(?:however|though|too|as well|meanwhile)\s*(?=[.!]?$)", re.I)
_ANAPHORA = re.compile(rf"\b(?:said|says|told|added) (?:this|that)\b(?! \w+ (?:is|are|was|were|has|have)\b)|"
                       rf"\b(?:the|that|this) (?:{EVENT_NOUNS})\b", re.I)  # fmt: skip


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


def extract_claims(
    text: str,
    *,
    published: datetime.date | None = None,
    outlet: str | None = None,
    time_limit: float | None = None,
) -> list[Proposal]:
    """The check-worthy claims an article reports, in the article's order. `published` is the
    article's date (read from its dateline when not given): relative dates are resolved against
    it, and it dates the article's own statements, whose claimant is `outlet`. Time grows
    linearly with the text; past `time_limit` seconds, ExtractionTimeout is raised."""
    deadline = None if time_limit is None else time.monotonic() + time_limit
    published = published or article_date(text)
    sentences = [s for s in split_sentences(text) if len(s) <= MAX_SENTENCE_CHARS]
    _in_time(deadline, time_limit)
    names = Names(sentences)
    proposals, last_date = [], None
    for sentence in sentences:
        _in_time(deadline, time_limit)
        if not is_statement(sentence):
            continue
        for clause in clauses(sentence):
            for found in attribute(clause):
                proposal = _proposal(found, sentence, names, published, outlet, last_date)
                if proposal:
                    proposals.append(proposal)
        last_date = first_date(sentence, published) or last_date
    return proposals


def _in_time(deadline: float | None, time_limit: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeout(f"The extraction took longer than {time_limit:g} seconds and was stopped.")


def _proposal(found: Attribution, sentence, names: Names, published, outlet, last_date) -> Proposal | None:
    content, verb = found.content, found.verb
    asserted_by_speaker = found.speaker and not NOT_ASSERTED.search(verb)
    speaker = names.resolve(found.speaker) if asserted_by_speaker else None
    if found.speaker and not speaker and asserted_by_speaker:
        return None  # a pronoun with no one to refer to, or a vague "they"
    if NOT_ASSERTED.search(content.split(" that ")[0]) and not speaker:
        content = found.content
    if verb in ("denied", "denies"):
        content = _negated(content, person_name(found.speaker or "It"))
    score, reasons = worth_checking(content, verb if speaker else "")
    claim = tidy(content)
    if score == 0 or len(claim.split()) < 4:
        return None
    if speaker:
        said_on = first_date(found.frame, published) or (last_date if _ANAPHORA.search(found.frame) else None)
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
