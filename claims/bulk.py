"""Triage of many claims at once: each selected claim goes through the same service as the
single action (its own permission check, revision check and audit row); the ones that cannot
change are reported with why, and the others change."""

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from claims.services import _researcher, claim_transition, claim_update
from factcheck.errors import DomainError, InvalidInput
from factcheck.guards import refuse_nul, require_permission

MAX_BULK = 100
BULK_ACTIONS = {
    "assign": _("Accept and assign, or reassign"),
    "dismiss": _("Dismiss (give a reason)"),
    "tag": _("Add a tag"),
}


@dataclass
class BulkOutcome:
    claim_id: int
    done: bool
    message: str


def _selection(items) -> list[tuple[int, int]]:
    """Selected rows as (claim id, the revision the page showed): "12@3"."""
    picked, seen = [], set()
    for item in items:
        claim_id, _, version = str(item).strip().partition("@")
        if (
            not (claim_id.isascii() and claim_id.isdigit() and version.isascii() and version.isdigit())
            or len(claim_id) > 12
            or len(version) > 9
        ):
            raise InvalidInput(gettext("“%(item)s” is not a claim of the queue.") % {"item": str(item)[:40]})
        if int(claim_id) not in seen:
            seen.add(int(claim_id))
            picked.append((int(claim_id), int(version)))
    return picked


def claims_bulk_triage(
    *, actor, action: str, items, assignee_id=None, comment: str = "", tag: str = ""
) -> list[BulkOutcome]:
    """Apply one triage action to the selected claims, each on its own; the outcome of each."""
    require_permission(actor, "claims.triage_claim", "triage claims")
    if action not in BULK_ACTIONS:
        raise InvalidInput(gettext("Choose what to do with the selected claims: assign, dismiss or tag."))
    items = list(items or [])
    if not items:
        raise InvalidInput(gettext("Select at least one claim."))
    if len(items) > MAX_BULK:
        raise InvalidInput(gettext("Select at most %(most)s claims at a time.") % {"most": MAX_BULK})
    picked = _selection(items)
    comment, tag = (comment or "").strip(), " ".join((tag or "").split())
    refuse_nul(gettext_noop("The reason or the tag"), comment, tag)
    if action == "assign":
        assignee_id = _researcher(assignee_id).pk
    elif action == "dismiss" and not comment:
        raise InvalidInput(gettext("Give the reason for dismissing these claims."))
    elif action == "tag" and not tag:
        raise InvalidInput(gettext("Write the tag to add."))
    elif action == "tag" and len(tag) > 50:
        raise InvalidInput(gettext("A tag is at most 50 characters."))
    claims = Claim.objects.in_bulk([claim_id for claim_id, _ in picked])
    outcomes = []
    for claim_id, version in picked:
        claim = claims.get(claim_id)
        if claim is None:
            outcomes.append(BulkOutcome(claim_id, False, _outcome(claim_id, gettext("there is no such claim."))))
            continue
        try:
            message = _apply(claim, action, actor, version, assignee_id=assignee_id, comment=comment, tag=tag)
        except DomainError as error:
            outcomes.append(BulkOutcome(claim_id, False, _outcome(claim_id, error)))
        except Claim.DoesNotExist:
            outcomes.append(BulkOutcome(claim_id, False, _outcome(claim_id, gettext("there is no such claim."))))
        else:
            outcomes.append(BulkOutcome(claim_id, True, _outcome(claim_id, message)))
    return outcomes


def _outcome(claim_id: int, what) -> str:
    return gettext("Claim #%(number)s: %(what)s") % {"number": claim_id, "what": what}


def _apply(claim: Claim, action: str, actor, version, *, assignee_id, comment, tag) -> str:
    if action == "assign":
        if claim.status == Claim.Status.DISMISSED:
            raise InvalidInput(gettext("already dismissed."))
        step = "reassign" if claim.status == Claim.Status.CHECKING else "accept"
        claim_transition(claim_id=claim.pk, action=step, actor=actor, expected_version=version, assignee_id=assignee_id)
        return gettext("assigned.")
    if action == "dismiss":
        if claim.status == Claim.Status.DISMISSED:
            raise InvalidInput(gettext("already dismissed."))
        claim_transition(claim_id=claim.pk, action="dismiss", actor=actor, expected_version=version, comment=comment)
        return gettext("dismissed.")
    if tag.casefold() in (t.casefold() for t in claim.tags):
        return gettext("already tagged “%(tag)s”.") % {"tag": tag}
    claim_update(claim_id=claim.pk, actor=actor, expected_version=version, tags=[*claim.tags, tag])
    return gettext("tagged “%(tag)s”.") % {"tag": tag}
