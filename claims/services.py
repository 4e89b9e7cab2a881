from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from claims.freeze import FROZEN_CITATION_FIELDS, FROZEN_FIELDS, claim_ensure_unfrozen, claim_frozen_reason
from claims.models import Citation, Claim, Claimant
from claims.policy import citation_policy, claim_policy
from claims.selectors import claimant_resolve, claimants_suggested, normal_name
from claims.workflow import CLAIM_WORKFLOW, RESEARCH_PERMISSION
from factcheck.audit import audit_record
from factcheck.errors import Conflict, InvalidInput
from factcheck.guards import apply_changes, audit_value, ensure_version, parse_id, require_permission, validate_instance
from factcheck.workflow import Step
from sources.capture import snapshot_request
from sources.models import Snapshot
from sources.passages import find_passage
from sources.selectors import snapshot_latest_succeeded
from sources.services import source_get_or_create

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


CLAIMANT_FIELDS = ("name", "kind", "aliases", "description")
CITATION_EDITABLE_FIELDS = ("stance", "quote", "note")


def claimant_create(*, actor, name: str, **details) -> Claimant:
    require_permission(actor, "claims.add_claimant", "add claimants")
    claimant = Claimant(name=(name or "").strip(), **_claimant_fields(details))
    if not claimant.name:
        raise InvalidInput("A claimant needs a name.")
    validate_instance(claimant)
    try:
        with transaction.atomic():
            claimant.save(force_insert=True)
            audit_record(actor=actor, action="claimant.create", target=claimant, data={"name": claimant.name})
    except IntegrityError:
        raise Conflict(f"There is already a claimant called “{claimant.name}”.") from None
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
        raise InvalidInput("A claimant needs a name.")
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
            raise Conflict(f"There is already a claimant called “{name}”.") from None
        audit_record(actor=actor, action="claimant.rename", target=claimant, data={"changes": diff})
    return claimant


def claimant_merge(*, source_id, target_id, actor) -> Claimant:
    """Merge two records of one claimant (an editor's action): the claims of `source` move to
    `target`, which keeps source's name and aliases as aliases; `source` is removed. Refused while
    a claim that would move is under review. Published verdicts keep the claimant they named."""
    require_permission(actor, "claims.rename_claimant", "rename or merge claimants")
    source_id, target_id = parse_id(source_id, "The claimant to merge"), parse_id(target_id, "The claimant to keep")
    if not source_id or not target_id:
        raise InvalidInput("Name the claimant to merge and the one to keep.")
    if source_id == target_id:
        raise InvalidInput("A claimant cannot be merged into itself.")
    with transaction.atomic():
        locked = {c.pk: c for c in Claimant.objects.select_for_update().filter(pk__in=[source_id, target_id])}
        for wanted in (source_id, target_id):
            if wanted not in locked:
                raise InvalidInput(f"There is no claimant #{wanted}.")
        source, target = locked[source_id], locked[target_id]
        claims = list(Claim.objects.select_for_update().filter(claimant=source).order_by("pk"))
        for claim in claims:
            reason = claim_frozen_reason(claim_id=claim.pk)
            if reason:
                raise Conflict(f"Claim #{claim.pk} cannot change claimant now. {reason}")
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
        raise InvalidInput(f"“{name.strip()}” is an alias of {named}: type the full name.")
    return claimant_create(actor=actor, name=" ".join((name or "").split()), **details)


def _claimant_fields(values: dict) -> dict:
    unknown = set(values) - set(CLAIMANT_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown claimant fields: {', '.join(sorted(unknown))}.")
    if "aliases" in values:
        values = {**values, "aliases": [a.strip() for a in values["aliases"] or [] if a and a.strip()]}
    return values


def claim_create(*, actor, text: str, **fields) -> Claim:
    require_permission(actor, "claims.add_claim", "add claims")
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Write the claim.")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown claim fields: {', '.join(sorted(unknown))}.")
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


def claim_update(*, claim_id: int, actor, expected_version: int | None, **changes) -> Claim:
    """Edit what a claim says while it is still in intake or being checked."""
    require_permission(actor, "claims.change_claim", "edit claims")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"These claim fields cannot be edited: {', '.join(sorted(unknown))}.")
    if "text" in changes and not (changes["text"] or "").strip():
        raise InvalidInput("Write the claim.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        ensure_version(claim, expected_version)
        claim_policy(actor, claim).require("edit")
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
    user_id = parse_id(user_id, "The assignee")
    if not user_id:
        raise InvalidInput("Choose who will check this claim.")
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_perm(RESEARCH_PERMISSION):
        raise InvalidInput("Claims can only be assigned to an active journalist or editor.")
    return user


def _original(claim: Claim, original_id) -> Claim:
    original_id = parse_id(original_id, "The original claim")
    if not original_id:
        raise InvalidInput("Name the claim this one duplicates.")
    if original_id == claim.pk:
        raise InvalidInput("A claim cannot duplicate itself.")
    original = Claim.objects.filter(pk=original_id).first()
    if original is None:
        raise InvalidInput(f"There is no claim #{original_id}.")
    if original.status == Claim.Status.DUPLICATE:
        raise InvalidInput(f"Claim #{original.pk} is itself a duplicate; name the original it points to.")
    return original


def _assign(step: Step) -> None:
    claim = step.obj
    assignee = _researcher(step.value("assignee"))
    if step.transition.action == "reassign" and assignee.pk == claim.assignee_id:
        raise InvalidInput(f"The claim is already assigned to {assignee.get_username()}.")
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


def citation_create(
    *, actor, claim_id: int, url: str, stance: str = Citation.Stance.CONTEXT, quote: str = "", note: str = ""
) -> Citation:
    require_permission(actor, "claims.add_citation", "cite sources")
    if stance not in Citation.Stance.values:
        raise InvalidInput("Choose whether the source supports, refutes or gives context.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        claim_policy(actor, claim).require("cite")
        source, _ = source_get_or_create(url=url, actor=actor)
        cited = claim.citations.filter(source=source).first()
        if cited is not None:
            raise _already_cited(cited)
        citation = Citation.objects.create(
            claim=claim,
            source=source,
            stance=stance,
            quote=quote.strip(),
            note=note.strip(),
            snapshot=snapshot_latest_succeeded(source_id=source.pk),
            created_by=actor,
        )
        if citation_check_quote(citation=citation, snapshot=citation.snapshot):
            citation.save(update_fields=QUOTE_FIELDS)
        snapshot_request(source=source)  # captured after commit, unless a fresh capture exists
        audit_record(
            actor=actor,
            action="citation.create",
            target=citation,
            data={"claim": claim.pk, "source": source.pk, "stance": stance, **_quote_record(citation)},
        )
    return citation


class AlreadyCited(Conflict):
    """The source is cited for this claim already: `citation_id` names the citation."""

    def __init__(self, message: str, *, citation_id: int):
        super().__init__(message)
        self.citation_id = citation_id


def _latest_capture(citation: Citation) -> Snapshot | None:
    """The capture a citation relies on, or else the latest attempt to capture its source."""
    if citation.snapshot_id:
        return citation.snapshot
    return Snapshot.objects.filter(source_id=citation.source_id).order_by("-requested_at", "-id").first()


def _already_cited(citation: Citation) -> AlreadyCited:
    capture = _latest_capture(citation)
    if capture is None or capture.status == Snapshot.Status.FAILED:
        what = "its capture failed" if capture else "it has not been captured"
        message = (
            f"This source is already cited for this claim, but {what}: "
            "use “Retry capture” on its row to capture it again, or remove it."
        )
    else:
        message = "This source is already cited for this claim: edit its row to change the stance or the passage."
    return AlreadyCited(message, citation_id=citation.pk)


def _citation_locked(citation_id, actor, verb: str) -> tuple[Claim, Citation]:
    """The citation and its claim, both locked (the claim first, as every claim service does),
    if `actor` may `verb` it (see claims.policy.CitationPolicy)."""
    citation_id = parse_id(citation_id, "The citation")
    claim_id = Citation.objects.filter(pk=citation_id).values_list("claim_id", flat=True).first()
    if claim_id is None:
        raise Citation.DoesNotExist(f"There is no citation #{citation_id}.")
    claim = Claim.objects.select_for_update().get(pk=claim_id)
    citation = Citation.objects.select_for_update().select_related("source").get(pk=citation_id)
    citation.claim = claim
    citation_policy(actor, citation).require(verb)
    return claim, citation


def citation_update(*, citation_id: int, actor, **changes) -> Citation:
    """Change a citation's stance, quoted passage or note while its claim is researched (stance
    and passage are frozen while a verdict on the claim is under review)."""
    require_permission(actor, "claims.change_citation", "edit citations")
    unknown = set(changes) - set(CITATION_EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"These citation fields cannot be edited: {', '.join(sorted(unknown))}.")
    if "stance" in changes and changes["stance"] not in Citation.Stance.values:
        raise InvalidInput("Choose whether the source supports, refutes or gives context.")
    changes = {k: (v or "").strip() if k != "stance" else v for k, v in changes.items()}
    with transaction.atomic():
        claim, citation = _citation_locked(citation_id, actor, "edit")
        diff = apply_changes(citation, changes)
        if not diff:
            return citation
        if FROZEN_CITATION_FIELDS.intersection(diff):
            claim_ensure_unfrozen(claim_id=claim.pk)
        validate_instance(citation)
        fields = list(diff)
        if "quote" in diff:  # the new passage is looked for in the capture the citation relies on
            snapshot = citation.snapshot or snapshot_latest_succeeded(source_id=citation.source_id)
            if citation_check_quote(citation=citation, snapshot=snapshot):
                fields += QUOTE_FIELDS
        citation.save(update_fields=fields)
        data = {"claim": claim.pk, "changes": diff, **_quote_record(citation)}
        audit_record(actor=actor, action="citation.update", target=citation, data=data)
    return citation


def citation_delete(*, citation_id: int, actor) -> None:
    """Withdraw a citation while its claim is researched (not while a verdict is under review)."""
    require_permission(actor, "claims.delete_citation", "remove citations")
    with transaction.atomic():
        claim, citation = _citation_locked(citation_id, actor, "remove")
        audit_record(
            actor=actor,
            action="citation.delete",
            target=citation,
            data={
                "claim": claim.pk,
                "source": citation.source_id,
                "url": citation.source.normalized_url,
                "stance": citation.stance,
                "quote": citation.quote,
                "snapshot": citation.snapshot_id,
            },
        )
        citation.delete()


def citation_capture_retry(*, citation_id: int, actor) -> Snapshot:
    """Capture a cited source again after its capture failed (or was never requested), the way
    citing it does. Refused while a verdict on the claim is under review: what was reviewed stays."""
    with transaction.atomic():
        claim, citation = _citation_locked(citation_id, actor, "retry")
        previous = _latest_capture(citation)
        if previous is not None and previous.status == Snapshot.Status.SUCCEEDED:
            raise Conflict("This source was captured; there is nothing to retry.")
        if previous is not None and previous.status in (Snapshot.Status.QUEUED, Snapshot.Status.FETCHING):
            raise Conflict("A capture of this source is already under way; its status updates on the page.")
        snapshot = snapshot_request(source=citation.source, force=True)  # captured after commit
        audit_record(
            actor=actor,
            action="citation.capture_retry",
            target=citation,
            data={"claim": claim.pk, "source": citation.source_id, "snapshot": snapshot.pk,
                  "failed": previous.pk if previous else None},
        )  # fmt: skip
    return snapshot


QUOTE_FIELDS = ["quote_status", "quote_snapshot", "quote_start", "quote_end"]


def citation_check_quote(*, citation: Citation, snapshot: Snapshot | None) -> bool:
    """Look for the citation's quoted passage in `snapshot`'s text and keep where it is (set on
    `citation`, not saved). A passage that is not there does not stop anyone citing the page (it
    may have changed): it is said wherever the citation is shown. Returns whether anything changed."""
    span = None
    if not citation.quote:
        status, snapshot = Citation.QuoteStatus.NONE, None
    elif snapshot is None or snapshot.status != Snapshot.Status.SUCCEEDED:
        status, snapshot = Citation.QuoteStatus.PENDING, None
    else:
        span = find_passage(snapshot.text, citation.quote)
        status = Citation.QuoteStatus.FOUND if span else Citation.QuoteStatus.NOT_FOUND
    before = [citation.quote_status, citation.quote_snapshot_id, citation.quote_start, citation.quote_end]
    citation.quote_status, citation.quote_snapshot = status, snapshot
    citation.quote_start, citation.quote_end = span or (None, None)
    return before != [status, citation.quote_snapshot_id, citation.quote_start, citation.quote_end]


def _quote_record(citation: Citation) -> dict:
    if citation.quote_status == Citation.QuoteStatus.NONE:
        return {}
    record = {"quote": citation.quote_status}
    if citation.quote_snapshot_id:
        record["quote_snapshot"] = citation.quote_snapshot_id
    if citation.quote_status == Citation.QuoteStatus.FOUND:
        record["quote_at"] = [citation.quote_start, citation.quote_end]
    return record


def _save_quote_check(citation: Citation) -> None:
    citation.save(update_fields=QUOTE_FIELDS)
    audit_record(actor=None, action="citation.quote_check", target=citation, data=_quote_record(citation))


def citations_check_quotes(*, snapshot: Snapshot) -> int:
    """A capture finished: look for the quoted passages of the citations of its source that rely
    on no capture yet (cited before the page was captured). Returns how many were checked."""
    if snapshot.status != Snapshot.Status.SUCCEEDED:
        return 0
    checked = 0
    with transaction.atomic():
        waiting = (
            Citation.objects.select_for_update()
            .filter(source_id=snapshot.source_id, snapshot__isnull=True)
            .exclude(quote="")
        )
        for citation in waiting.order_by("id"):
            if citation_check_quote(citation=citation, snapshot=snapshot):
                _save_quote_check(citation)
                checked += 1
    return checked


def citations_pin_evidence(*, claim: Claim) -> list[Citation]:
    """Pin each citation to its source's latest successful capture, if not yet pinned;
    return the citations that have a capture to rely on. Done when a verdict is submitted, so
    the captures reviewed are the ones published (a later capture changes nothing)."""
    pinned = []
    for citation in claim.citations.select_related("source", "snapshot").order_by("id"):
        if citation.snapshot_id is None:
            citation.snapshot = snapshot_latest_succeeded(source_id=citation.source_id)
            if citation.snapshot is not None:
                citation.save(update_fields=["snapshot"])
                if citation_check_quote(citation=citation, snapshot=citation.snapshot):
                    _save_quote_check(citation)  # the passage is looked for in the capture relied on
        if citation.snapshot is not None:
            pinned.append(citation)
    return pinned
