"""Claim intake, as a table. Taken only through `claims.services.claim_transition` (which runs
`CLAIM_WORKFLOW.take` with the effects in claims.services)."""

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from factcheck.workflow import Transition, Workflow

S = Claim.Status
TRIAGE = "claims.triage_claim"
RESEARCH_PERMISSION = "verdicts.add_verdict"  # who may be assigned a claim to check


def picked_up(claim, user) -> str | None:
    """Picking up is the researcher's own way in: an unassigned claim, for themselves. Editors
    accept and assign (themselves too), so their choice stays one button."""
    if user.has_perm(TRIAGE):
        return gettext("Editors accept a claim and assign it (to themselves too) with “Accept and assign”.")
    if claim.assignee_id is not None:
        return gettext("This claim is already assigned: an editor reassigns it.")
    return None


CLAIM_WORKFLOW = Workflow(
    "claim",
    [
        Transition("accept", _("Accept and assign"), (S.NEW,), S.CHECKING, TRIAGE, inputs=("assignee",)),
        # A journalist who may be assigned claims takes an unassigned new one for themselves.
        Transition("pick_up", _("Pick up"), (S.NEW,), S.CHECKING, RESEARCH_PERMISSION, rule=picked_up),
        Transition("reassign", _("Reassign"), (S.CHECKING,), S.CHECKING, TRIAGE, inputs=("assignee",)),
        Transition("dismiss", _("Dismiss"), (S.NEW,), S.DISMISSED, TRIAGE, comment_required=True),
        Transition(
            "mark_duplicate",
            _("Mark as duplicate"),
            (S.NEW, S.CHECKING),
            S.DUPLICATE,
            TRIAGE,
            inputs=("duplicate_of",),
        ),
        Transition("reopen", _("Reopen"), (S.DISMISSED, S.DUPLICATE), S.NEW, TRIAGE),
        # Only publishing a verdict resolves a claim, and only opening a
        # correction sends it back to checking.
        Transition("resolve", _("Resolve"), (S.CHECKING,), S.RESOLVED, internal=True),
        Transition("reopen_for_correction", _("Reopen for a correction"), (S.RESOLVED,), S.CHECKING, internal=True),
    ],
    state_refusal=gettext_noop("Cannot %(action)s: the claim is %(status)s."),
)
