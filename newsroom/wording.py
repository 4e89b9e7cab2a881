"""Codes said in words: a verdict's status and rating as the newsroom's pages name them."""

from verdicts.models import Verdict
from verdicts.ratings import Rating

S = Verdict.Status
# A verdict's status as a row of the queue says it, after its rating: "False (sent back for changes)".
STATUS_WORDS = {
    S.DRAFT: "draft",
    S.SUBMITTED: "waiting for review",
    S.CHANGES_REQUESTED: "sent back for changes",
    S.APPROVED: "approved",
    S.PUBLISHED: "published",
    S.SUPERSEDED: "superseded by a correction",
}
# What a workflow action's message says of the verdict afterwards.
_STATUS_SENTENCES = {
    S.DRAFT: "Verdict v{n} is a draft: its author can edit it.",
    S.SUBMITTED: "Verdict v{n} is waiting for review.",
    S.CHANGES_REQUESTED: "Verdict v{n} was sent back for changes.",
    S.APPROVED: "Verdict v{n} is approved and can be published.",
    S.PUBLISHED: "Verdict v{n} is published.",
    S.SUPERSEDED: "Verdict v{n} is superseded by a correction.",
}
_RATINGS = dict(Rating.choices)


def verdict_status_words(status: str) -> str:
    return STATUS_WORDS.get(status, str(status).replace("_", " "))


def verdict_status_sentence(verdict: Verdict) -> str:
    template = _STATUS_SENTENCES.get(verdict.status, "Verdict v{n} is now {status}.")
    return template.format(n=verdict.number, status=verdict_status_words(verdict.status))


def rating_label(value: str) -> str:
    """A rating's label on the scale ("Mostly false"), or the value as it is if unknown."""
    return _RATINGS.get(value, value)
