"""Verdict review, as a table. Taken only through `verdicts.services.verdict_transition` (which
runs `VERDICT_WORKFLOW.take` with the effects in verdicts.services)."""

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from claims.checklist import checklist_missing
from factcheck.workflow import Transition, Workflow
from verdicts.models import Verdict

S = Verdict.Status


def author_only(verdict, user) -> str | None:
    if verdict.author_id != user.pk:
        return gettext("Only the verdict's author can do this.")
    return None


def four_eyes(verdict, user) -> str | None:
    if verdict.author_id == user.pk:
        return gettext("You cannot review your own verdict: another editor must.")
    return None


def checklist_done(verdict, user) -> str | None:
    """The claim's checklist steps required before submitting are ticked (active steps only;
    verdicts submitted before a step was added are not held back by it)."""
    missing = checklist_missing(claim_id=verdict.claim_id)
    if missing:
        steps = ", ".join(f"“{label}”" for label in missing)
        return gettext("Before submitting, tick these steps of the claim's checklist: %(steps)s.") % {"steps": steps}
    return None


def author_with_checklist(verdict, user) -> str | None:
    return author_only(verdict, user) or checklist_done(verdict, user)


VERDICT_WORKFLOW = Workflow(
    "verdict",
    [
        Transition(
            "submit",
            _("Submit for review"),
            (S.DRAFT,),
            S.SUBMITTED,
            "verdicts.change_verdict",
            rule=author_with_checklist,
        ),
        # The author takes a submission back before review starts (not once approved or sent
        # back): the claim and its evidence are no longer frozen.
        Transition(
            "withdraw", _("Withdraw from review"), (S.SUBMITTED,), S.DRAFT, "verdicts.change_verdict", rule=author_only
        ),
        # From approved too: an approval can be withdrawn (the claim and its evidence stay frozen
        # from submission until the verdict is published or sent back).
        Transition(
            "request_changes",
            _("Request changes"),
            (S.SUBMITTED, S.APPROVED),
            S.CHANGES_REQUESTED,
            "verdicts.review_verdict",
            comment_required=True,
            rule=four_eyes,
        ),
        Transition("revise", _("Revise"), (S.CHANGES_REQUESTED,), S.DRAFT, "verdicts.change_verdict", rule=author_only),
        Transition("approve", _("Approve"), (S.SUBMITTED,), S.APPROVED, "verdicts.review_verdict", rule=four_eyes),
        Transition("publish", _("Publish"), (S.APPROVED,), S.PUBLISHED, "verdicts.publish_verdict"),
        # The published verdict stays published until its correction is published.
        Transition(
            "open_correction",
            _("Open a correction"),
            (S.PUBLISHED,),
            S.PUBLISHED,
            "verdicts.correct_verdict",
            comment_required=True,
        ),
        Transition("supersede", _("Supersede"), (S.PUBLISHED,), S.SUPERSEDED, internal=True),
    ],
    state_refusal=gettext_noop("Cannot %(action)s: the verdict is %(status)s."),
)
