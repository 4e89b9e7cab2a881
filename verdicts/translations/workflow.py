"""A translation's review, as a table. Taken only through
`verdicts.translations.services.translation_transition` (which runs `TRANSLATION_WORKFLOW.take`
with the effects in that module)."""

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from factcheck.workflow import Transition, Workflow
from verdicts.models import VerdictTranslation

S = VerdictTranslation.Status
REVIEW = "verdicts.review_verdicttranslation"
PUBLISH = "verdicts.publish_verdicttranslation"
CHANGE = "verdicts.change_verdicttranslation"


def translator_only(translation, user) -> str | None:
    if translation.translator_id != user.pk:
        return gettext("Only the translator can do this.")
    return None


def four_eyes(translation, user) -> str | None:
    if translation.translator_id == user.pk:
        return gettext("You cannot review your own translation: another editor must.")
    return None


def translator_or_reviewer(translation, user) -> str | None:
    if translation.translator_id != user.pk and not user.has_perm(REVIEW):
        return gettext("Only the translator or a reviewer of translations can withdraw it.")
    return None


TRANSLATION_WORKFLOW = Workflow(
    "translation",
    [
        Transition("submit", _("Submit for review"), (S.DRAFT,), S.SUBMITTED, CHANGE, rule=translator_only),
        Transition(
            "request_changes",
            _("Request changes"),
            (S.SUBMITTED, S.APPROVED),
            S.CHANGES_REQUESTED,
            REVIEW,
            comment_required=True,
            rule=four_eyes,
        ),
        Transition("revise", _("Revise"), (S.CHANGES_REQUESTED,), S.DRAFT, CHANGE, rule=translator_only),
        Transition("approve", _("Approve"), (S.SUBMITTED,), S.APPROVED, REVIEW, rule=four_eyes),
        Transition("publish", _("Publish"), (S.APPROVED,), S.PUBLISHED, PUBLISH),
        # Given up before publication: the language is free for another translation.
        Transition(
            "withdraw",
            _("Withdraw the translation"),
            tuple(VerdictTranslation.OPEN_STATUSES),
            S.WITHDRAWN,
            CHANGE,
            rule=translator_or_reviewer,
        ),
        # When the verdict it translates is superseded by a correction, or a newer translation of
        # the same version into the same language is published.
        Transition("supersede", _("Supersede"), (S.PUBLISHED,), S.SUPERSEDED, internal=True),
    ],
    state_refusal=gettext_noop("Cannot %(action)s: the translation is %(status)s."),
)
