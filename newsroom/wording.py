"""Codes said in words: a verdict's status and rating as the newsroom's pages name them."""

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from verdicts.models import Verdict
from verdicts.ratings import Rating

S = Verdict.Status
# A verdict's status as a row of the queue says it, after its rating: "False (sent back for changes)".
STATUS_WORDS = {
    S.DRAFT: pgettext_lazy("verdict status", "draft"),
    S.SUBMITTED: pgettext_lazy("verdict status", "waiting for review"),
    S.CHANGES_REQUESTED: pgettext_lazy("verdict status", "sent back for changes"),
    S.APPROVED: pgettext_lazy("verdict status", "approved"),
    S.PUBLISHED: pgettext_lazy("verdict status", "published"),
    S.SUPERSEDED: pgettext_lazy("verdict status", "superseded by a correction"),
}
# What a workflow action's message says of the verdict afterwards.
_STATUS_SENTENCES = {
    S.DRAFT: _("Verdict v%(number)s is a draft: its author can edit it."),
    S.SUBMITTED: _("Verdict v%(number)s is waiting for review."),
    S.CHANGES_REQUESTED: _("Verdict v%(number)s was sent back for changes."),
    S.APPROVED: _("Verdict v%(number)s is approved and can be published."),
    S.PUBLISHED: _("Verdict v%(number)s is published."),
    S.SUPERSEDED: _("Verdict v%(number)s is superseded by a correction."),
}
_RATINGS = dict(Rating.choices)


def verdict_status_words(status: str) -> str:
    return str(STATUS_WORDS.get(status, str(status).replace("_", " ")))


def verdict_status_sentence(verdict: Verdict) -> str:
    template = _STATUS_SENTENCES.get(verdict.status) or gettext("Verdict v%(number)s is now %(status)s.")
    return str(template) % {"number": verdict.number, "status": verdict_status_words(verdict.status)}


def rating_label(value: str) -> str:
    """A rating's label on the scale ("Mostly false"), or the value as it is if unknown."""
    return str(_RATINGS.get(value, value))


# Why a capture failed, as the dashboard says it (the codes are sources.fetching's).
_FAILURES = {
    "dns_failure": _("the address has no such host"),
    "dns_timeout": _("looking up the host took too long"),
    "dns_unavailable": _("the host could not be looked up"),
    "tls_error": _("the secure connection failed"),
    "timeout": _("the site took too long to answer"),
    "deadline": _("the capture ran out of time"),
    "connection_failed": _("the site could not be reached"),
    "private_address": _("the address is on a private network (refused)"),
    "too_many_redirects": _("too many redirects"),
    "redirect_loop": _("the redirects went round in a loop"),
    "host_busy": _("the site was busy with other captures"),
    "internal_error": _("an error of the workbench"),
    "stuck": _("the capture never finished"),
}


def capture_failure_words(code: str) -> str:
    """“HTTP 404”, “the site took too long to answer”; an unknown code with its underscores
    turned into spaces."""
    if code.startswith("http_") and code[5:].isdigit():
        return gettext("HTTP %(status)s from the site") % {"status": code[5:]}
    return str(_FAILURES.get(code, code.replace("_", " ")))
