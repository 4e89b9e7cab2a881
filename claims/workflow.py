"""Claim intake, as a table. Enforced only by `claims.services.claim_transition`."""

from claims.models import Claim
from factcheck.workflow import Transition, Workflow

S = Claim.Status
TRIAGE = "claims.triage_claim"
RESEARCH_PERMISSION = "verdicts.add_verdict"  # who may be assigned a claim to check

CLAIM_WORKFLOW = Workflow(
    "claim",
    [
        Transition("accept", "Accept and assign", (S.NEW,), S.CHECKING, TRIAGE),
        Transition("reassign", "Reassign", (S.CHECKING,), S.CHECKING, TRIAGE),
        Transition("dismiss", "Dismiss", (S.NEW,), S.DISMISSED, TRIAGE, comment_required=True),
        Transition("mark_duplicate", "Mark as duplicate", (S.NEW, S.CHECKING), S.DUPLICATE, TRIAGE),
        Transition("reopen", "Reopen", (S.DISMISSED, S.DUPLICATE), S.NEW, TRIAGE),
        # Only publishing a verdict resolves a claim, and only opening a
        # correction sends it back to checking.
        Transition("resolve", "Resolve", (S.CHECKING,), S.RESOLVED, internal=True),
        Transition("reopen_for_correction", "Reopen for a correction", (S.RESOLVED,), S.CHECKING, internal=True),
    ],
)
