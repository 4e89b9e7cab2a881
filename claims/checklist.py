"""The verification checklist: steps an editor configures, ticked on each claim by the people
researching it.

Ticks change while the claim is open and no verdict on it is under review (what was submitted
stays as it was). Which steps must be ticked before a verdict is submitted is the `submit` rule of
the verdict workflow (verdicts.workflow); it reads `checklist_missing` here."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from claims.models import ChecklistStep, ChecklistTick, Claim
from claims.policy import claim_policy
from factcheck.audit import audit_record
from factcheck.errors import Conflict, InvalidInput
from factcheck.guards import apply_changes, parse_id, refuse_fields, require_permission, validate_instance

STEP_FIELDS = ("label", "order", "active", "required_for_submit")


@dataclass
class ChecklistItem:
    step: ChecklistStep
    tick: ChecklistTick | None


def claim_checklist(*, claim: Claim) -> list[ChecklistItem]:
    """The active steps in order, each with its tick on this claim (or None): two queries."""
    steps = list(ChecklistStep.objects.filter(active=True).order_by("order", "label"))
    ticks = {t.step_id: t for t in ChecklistTick.objects.filter(claim=claim).select_related("ticked_by")}
    return [ChecklistItem(step, ticks.get(step.pk)) for step in steps]


def checklist_missing(*, claim_id: int) -> list[str]:
    """Labels of the active steps required before submitting that are not ticked on the claim."""
    steps = ChecklistStep.objects.filter(active=True, required_for_submit=True).exclude(ticks__claim_id=claim_id)
    return list(steps.order_by("order", "label").values_list("label", flat=True))


def checklist_tick(*, actor, claim_id: int, step_id, done: bool) -> ChecklistTick | None:
    """Tick (`done`) or untick one step on a claim. The request says which it wants, so a form
    from before someone else's change is refused instead of undoing it."""
    step_id = parse_id(step_id, gettext_noop("The checklist step"))
    if step_id is None:
        raise InvalidInput(gettext("Say which checklist step."))
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        claim_policy(actor, claim).require("tick")
        step = ChecklistStep.objects.filter(pk=step_id).first()
        if step is None or not step.active:
            raise Conflict(gettext("This step is no longer on the checklist; reload the page."))
        tick = ChecklistTick.objects.select_related("ticked_by").filter(claim=claim, step=step).first()
        if done:
            if tick is not None:
                when = timezone.localtime(tick.ticked_at).strftime("%d %b %H:%M")
                raise Conflict(
                    gettext("“%(step)s” was already ticked by %(name)s (%(when)s); nothing changed.")
                    % {"step": step.label, "name": tick.ticked_by.get_username(), "when": when}
                )
            try:
                with transaction.atomic():
                    tick = ChecklistTick.objects.create(claim=claim, step=step, ticked_by=actor)
            except IntegrityError:
                raise Conflict(
                    gettext("“%(step)s” was ticked meanwhile; nothing changed.") % {"step": step.label}
                ) from None
            audit_record(
                actor=actor,
                action="checklist.tick",
                target=claim,
                comment=f"Ticked “{step.label}”.",
                data={"step": step.pk, "label": step.label},
            )
            return tick
        if tick is None:
            raise Conflict(
                gettext("“%(step)s” is not ticked (someone unticked it meanwhile); nothing changed.")
                % {"step": step.label}
            )
        audit_record(
            actor=actor,
            action="checklist.untick",
            target=claim,
            comment=f"Unticked “{step.label}”.",
            data={
                "step": step.pk,
                "label": step.label,
                "ticked_by": tick.ticked_by_id,
                "ticked_at": tick.ticked_at.isoformat(),
            },
        )
        tick.delete()
    return None


def _step_fields(values: dict) -> dict:
    refuse_fields(values, STEP_FIELDS, gettext_noop("These step fields cannot be set: %(fields)s."))
    if isinstance(values.get("label"), str):
        values = {**values, "label": values["label"].strip()}
    return values


def checklist_step_create(*, actor, label: str, **fields) -> ChecklistStep:
    require_permission(actor, "claims.add_checkliststep", "configure the checklist")
    step = ChecklistStep(**_step_fields({"label": label, **fields}))
    if not step.label:
        raise InvalidInput(gettext("A step needs a label."))
    validate_instance(step)
    try:
        with transaction.atomic():
            step.save(force_insert=True)
            audit_record(
                actor=actor,
                action="checklist_step.create",
                target=step,
                data={name: getattr(step, name) for name in STEP_FIELDS},
            )
    except IntegrityError:
        raise Conflict(gettext("There is already a step called “%(label)s”.") % {"label": step.label}) from None
    return step


def checklist_step_update(*, actor, step_id: int, **changes) -> ChecklistStep:
    """Change a step. Deactivate it rather than delete it: claims keep their ticks, and a step
    that is not active blocks nothing."""
    require_permission(actor, "claims.change_checkliststep", "configure the checklist")
    changes = _step_fields(changes)
    try:
        with transaction.atomic():
            step = ChecklistStep.objects.select_for_update().get(pk=step_id)
            diff = apply_changes(step, changes)
            if not diff:
                return step
            if not step.label:
                raise InvalidInput(gettext("A step needs a label."))
            validate_instance(step)
            step.save(update_fields=list(diff))
            audit_record(actor=actor, action="checklist_step.update", target=step, data={"changes": diff})
    except IntegrityError:
        raise Conflict(
            gettext("There is already a step called “%(label)s”.") % {"label": changes.get("label")}
        ) from None
    return step
