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


# Why a capture failed, as the dashboard says it (the codes are sources.fetching's).
_FAILURES = {
    "dns_failure": "the address has no such host",
    "dns_timeout": "looking up the host took too long",
    "dns_unavailable": "the host could not be looked up",
    "tls_error": "the secure connection failed",
    "timeout": "the site took too long to answer",
    "deadline": "the capture ran out of time",
    "connection_failed": "the site could not be reached",
    "private_address": "the address is on a private network (refused)",
    "too_many_redirects": "too many redirects",
    "redirect_loop": "the redirects went round in a loop",
    "host_busy": "the site was busy with other captures",
    "internal_error": "an error of the workbench",
    "stuck": "the capture never finished",
}


def capture_failure_words(code: str) -> str:
    """“HTTP 404”, “the site took too long to answer”; an unknown code with its underscores
    turned into spaces."""
    if code.startswith("http_") and code[5:].isdigit():
        return f"HTTP {code[5:]} from the site"
    return _FAILURES.get(code, code.replace("_", " "))
