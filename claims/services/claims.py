"""Claims: created, edited, and moved through the intake workflow (the table is claims.workflow)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from claims.freeze import FROZEN_FIELDS, claim_ensure_unfrozen
from claims.languages import DEFAULT as DEFAULT_LANGUAGE
from claims.languages import detect_language
from claims.models import Claim
from claims.policy import claim_policy
from claims.services.claimants import claimant_get_or_create
from claims.workflow import CLAIM_WORKFLOW, RESEARCH_PERMISSION
from factcheck.audit import audit_record
from factcheck.errors import InvalidInput
from factcheck.guards import (
    apply_changes,
    audit_value,
    ensure_version,
    parse_id,
    refuse_fields,
    require_permission,
    validate_instance,
)
from factcheck.workflow import Step

EDITABLE_FIELDS = (
    "text",
    "claimant",
    "said_on",
    "said_on_precision",
    "medium",
    "appearance",
    "origin",
    "cited_source",
    "sentence",
    "language",
    "tags",
    "priority",
    "due_on",
    "checkworthiness",
)


def claim_create(*, actor, text: str, **fields) -> Claim:
    require_permission(actor, "claims.add_claim", "add claims")
    text = (text or "").strip()
    if not text:
        raise InvalidInput(gettext("Write the claim."))
    refuse_fields(fields, EDITABLE_FIELDS, gettext_noop("Unknown claim fields: %(fields)s."))
    if not (fields.get("language") or "").strip():  # not given: read off the text, else the default
        fields["language"] = detect_language(text) or DEFAULT_LANGUAGE
    claim = Claim(text=text, created_by=actor, **fields)
    validate_instance(claim)
    with transaction.atomic():
        claim.save(force_insert=True)
        audit_record(
            actor=actor,
            action="claim.create",
            target=claim,
            to_state=claim.status,
            data={k: audit_value(v) for k, v in fields.items()},
        )
    return claim


def claim_update(
    *, claim_id: int, actor, expected_version: int | None, claimant_name: str | None = None, **changes
) -> Claim:
    """Edit what a claim says while it is still in intake or being checked. A typed
    `claimant_name` is resolved to a claimant (an empty one clears it) within the same
    transaction, so a claimant made for a change that is refused is not kept."""
    require_permission(actor, "claims.change_claim", "edit claims")
    refuse_fields(changes, EDITABLE_FIELDS, gettext_noop("These claim fields cannot be edited: %(fields)s."))
    if "text" in changes and not (changes["text"] or "").strip():
        raise InvalidInput(gettext("Write the claim."))
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        ensure_version(claim, expected_version)
        claim_policy(actor, claim).require("edit")
        if claimant_name is not None:
            changes["claimant"] = claimant_get_or_create(actor=actor, name=claimant_name) if claimant_name else None
        diff = apply_changes(claim, changes)
        if not diff:
            return claim
        if FROZEN_FIELDS.intersection(diff):
            claim_ensure_unfrozen(claim_id=claim.pk)
        validate_instance(claim)
        claim.lock_version += 1
        claim.save(update_fields=[*diff, "lock_version", "updated_at"])
        audit_record(actor=actor, action="claim.update", target=claim, data={"changes": diff})
    return claim


def _researcher(user_id) -> object:
    user_id = parse_id(user_id, gettext_noop("The assignee"))
    if not user_id:
        raise InvalidInput(gettext("Choose who will check this claim."))
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_perm(RESEARCH_PERMISSION):
        raise InvalidInput(gettext("Claims can only be assigned to an active journalist or editor."))
    return user


def _original(claim: Claim, original_id) -> Claim:
    original_id = parse_id(original_id, gettext_noop("The original claim"))
    if not original_id:
        raise InvalidInput(gettext("Name the claim this one duplicates."))
    if original_id == claim.pk:
        raise InvalidInput(gettext("A claim cannot duplicate itself."))
    original = Claim.objects.filter(pk=original_id).first()
    if original is None:
        raise InvalidInput(gettext("There is no claim #%(number)s.") % {"number": original_id})
    if original.status == Claim.Status.DUPLICATE:
        raise InvalidInput(
            gettext("Claim #%(number)s is itself a duplicate; name the original it points to.")
            % {"number": original.pk}
        )
    return original


def _assign(step: Step) -> None:
    claim = step.obj
    assignee = _researcher(step.value("assignee"))
    if step.transition.action == "reassign" and assignee.pk == claim.assignee_id:
        raise InvalidInput(gettext("The claim is already assigned to %(name)s.") % {"name": assignee.get_username()})
    step.data["assignee"] = [claim.assignee_id, assignee.pk]
    claim.assignee = assignee
    step.fields.append("assignee")


def _pick_up(step: Step) -> None:
    step.data["assignee"] = [step.obj.assignee_id, step.actor.pk]
    step.obj.assignee = step.actor
    step.fields.append("assignee")


def _mark_duplicate(step: Step) -> None:
    claim = step.obj
    # A claim whose verdict is submitted or approved keeps its status until the review ends:
    # marked a duplicate then, its verdict could never be published (409).
    claim_ensure_unfrozen(claim_id=claim.pk)
    claim.duplicate_of = _original(claim, step.value("duplicate_of"))
    step.data["duplicate_of"] = claim.duplicate_of_id
    step.fields.append("duplicate_of")


def _dismiss(step: Step) -> None:
    step.obj.status_reason = step.comment
    step.fields.append("status_reason")


def _reopen(step: Step) -> None:
    """Back into intake: unassigned, as every new claim is (an editor accepts it, or someone
    picks it up, again)."""
    if step.obj.assignee_id is not None:
        step.data["assignee"] = [step.obj.assignee_id, None]
    step.obj.duplicate_of, step.obj.status_reason, step.obj.assignee = None, "", None
    step.fields += ["duplicate_of", "status_reason", "assignee"]


# What each intake action does besides changing status (the table is claims.workflow).
CLAIM_EFFECTS = {
    "accept": _assign,
    "reassign": _assign,
    "pick_up": _pick_up,
    "mark_duplicate": _mark_duplicate,
    "dismiss": _dismiss,
    "reopen": _reopen,
}


def claim_transition(
    *,
    claim_id: int,
    action: str,
    actor,
    expected_version: int | None = None,
    comment: str = "",
    assignee_id: int | None = None,
    duplicate_of_id: int | None = None,
    internal: bool = False,
) -> Claim:
    """The one place a claim changes status (the intake table in claims.workflow)."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        return CLAIM_WORKFLOW.take(
            claim,
            action,
            actor,
            effects=CLAIM_EFFECTS,
            expected_version=expected_version,
            comment=comment,
            values={"assignee": assignee_id, "duplicate_of": duplicate_of_id},
            internal=internal,
        )
