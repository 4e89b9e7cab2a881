"""Claimants: created, edited, renamed, merged, and found again by a typed name."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from claims.freeze import claim_frozen_reason
from claims.models import Claim, Claimant
from claims.selectors import claimant_resolve, claimants_suggested, normal_name
from factcheck.audit import audit_record
from factcheck.errors import Conflict, InvalidInput
from factcheck.guards import apply_changes, parse_id, refuse_fields, require_permission, validate_instance

CLAIMANT_FIELDS = ("name", "kind", "aliases", "description")


def claimant_create(*, actor, name: str, **details) -> Claimant:
    require_permission(actor, "claims.add_claimant", "add claimants")
    claimant = Claimant(name=(name or "").strip(), **_claimant_fields(details))
    if not claimant.name:
        raise InvalidInput(gettext("A claimant needs a name."))
    validate_instance(claimant)
    try:
        with transaction.atomic():
            claimant.save(force_insert=True)
            audit_record(actor=actor, action="claimant.create", target=claimant, data={"name": claimant.name})
    except IntegrityError:
        raise Conflict(gettext("There is already a claimant called “%(name)s”.") % {"name": claimant.name}) from None
    return claimant


def claimant_update(*, claimant_id: int, actor, **changes) -> Claimant:
    """Edit a claimant. A new name is a rename (`claimant_rename`, an editor's action). Published
    verdicts keep the claimant as they named it."""
    require_permission(actor, "claims.change_claimant", "edit claimants")
    changes = _claimant_fields(changes)
    with transaction.atomic():
        claimant = Claimant.objects.select_for_update().get(pk=claimant_id)
        name = changes.pop("name", claimant.name)
        if not isinstance(name, str) or name.strip() != claimant.name:
            claimant = claimant_rename(claimant_id=claimant_id, actor=actor, name=name)
        diff = apply_changes(claimant, changes)
        if not diff:
            return claimant
        validate_instance(claimant)
        claimant.save(update_fields=list(diff))
        audit_record(actor=actor, action="claimant.update", target=claimant, data={"changes": diff})
    return claimant


def claimant_rename(*, claimant_id: int, actor, name: str) -> Claimant:
    """Rename a claimant (an editor's action, audited with the old and the new name). Published
    verdicts keep the name they were published with; a verdict under review about this person
    can no longer be published as approved (what was reviewed has changed)."""
    require_permission(actor, "claims.rename_claimant", "rename or merge claimants")
    name = (name or "").strip() if isinstance(name, str) else name
    if not name or not isinstance(name, str):
        raise InvalidInput(gettext("A claimant needs a name."))
    with transaction.atomic():
        claimant = Claimant.objects.select_for_update().get(pk=claimant_id)
        diff = apply_changes(claimant, {"name": name})
        if not diff:
            return claimant
        validate_instance(claimant)
        try:
            with transaction.atomic():
                claimant.save(update_fields=["name"])
        except IntegrityError:
            raise Conflict(gettext("There is already a claimant called “%(name)s”.") % {"name": name}) from None
        audit_record(actor=actor, action="claimant.rename", target=claimant, data={"changes": diff})
    return claimant


def claimant_merge(*, source_id, target_id, actor) -> Claimant:
    """Merge two records of one claimant (an editor's action): the claims of `source` move to
    `target`, which keeps source's name and aliases as aliases; `source` is removed. Refused while
    a claim that would move is under review. Published verdicts keep the claimant they named."""
    require_permission(actor, "claims.rename_claimant", "rename or merge claimants")
    source_id, target_id = (
        parse_id(source_id, gettext_noop("The claimant to merge")),
        parse_id(target_id, gettext_noop("The claimant to keep")),
    )
    if not source_id or not target_id:
        raise InvalidInput(gettext("Name the claimant to merge and the one to keep."))
    if source_id == target_id:
        raise InvalidInput(gettext("A claimant cannot be merged into itself."))
    with transaction.atomic():
        locked = {c.pk: c for c in Claimant.objects.select_for_update().filter(pk__in=[source_id, target_id])}
        for wanted in (source_id, target_id):
            if wanted not in locked:
                raise InvalidInput(gettext("There is no claimant #%(number)s.") % {"number": wanted})
        source, target = locked[source_id], locked[target_id]
        claims = list(Claim.objects.select_for_update().filter(claimant=source).order_by("pk"))
        for claim in claims:
            reason = claim_frozen_reason(claim_id=claim.pk)
            if reason:
                raise Conflict(
                    gettext("Claim #%(number)s cannot change claimant now. %(reason)s")
                    % {"number": claim.pk, "reason": reason}
                )
        Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
            claimant=target, lock_version=F("lock_version") + 1, updated_at=timezone.now()
        )
        for claim in claims:
            audit_record(
                actor=actor, action="claim.update", target=claim,
                data={"changes": {"claimant": [source.pk, target.pk]}},
            )  # fmt: skip
        known = {target.name.casefold()}
        aliases = []
        for alias in [*target.aliases, source.name, *source.aliases]:
            if alias.casefold() not in known:
                known.add(alias.casefold())
                aliases.append(alias)
        old_aliases, target.aliases = target.aliases, aliases
        target.save(update_fields=["aliases"])
        audit_record(
            actor=actor,
            action="claimant.merge",
            target=target,
            data={
                "merged": {"id": source.pk, "name": source.name, "aliases": source.aliases},
                "changes": {"aliases": [old_aliases, aliases]},
                "claims": [c.pk for c in claims],
            },
        )
        source.delete()
    return target


def claimant_get_or_create(*, actor, name: str, **details) -> Claimant:
    """The claimant a typed name stands for (its name or an alias, any case or spacing: see
    `claims.selectors.claimants_resolve`), created if this is the first claim of theirs."""
    existing = claimant_resolve(name)
    if existing:
        return existing
    wanted = normal_name(name)
    sharing = [c for c in claimants_suggested(text=name) if wanted in {normal_name(a) for a in c.aliases}]
    if len(sharing) > 1:
        named = " and ".join(f"“{c.name}”" for c in sharing)
        raise InvalidInput(
            gettext("“%(name)s” is an alias of %(named)s: type the full name.") % {"name": name.strip(), "named": named}
        )
    return claimant_create(actor=actor, name=" ".join((name or "").split()), **details)


def _claimant_fields(values: dict) -> dict:
    refuse_fields(values, CLAIMANT_FIELDS, gettext_noop("Unknown claimant fields: %(fields)s."))
    if "aliases" in values:
        values = {**values, "aliases": [a.strip() for a in values["aliases"] or [] if a and a.strip()]}
    return values
