from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop, ngettext

from claims.languages import language_tag
from claims.models import Citation, Claim
from claims.policy import claim_policy
from claims.services import citations_pin_evidence, claim_transition
from factcheck.audit import audit_record
from factcheck.errors import Conflict, InvalidInput
from factcheck.guards import (
    apply_changes,
    clean_text_changes,
    ensure_version,
    refuse_missing,
    require_permission,
    validate_instance,
)
from factcheck.workflow import Step
from sources.capture import sources_monitor
from sources.models import Snapshot
from sources.services import snapshots_make_public
from verdicts import claimreview
from verdicts.languages import verdict_language_default
from verdicts.models import Verdict
from verdicts.policy import verdict_policy
from verdicts.ratings import Rating
from verdicts.review_unit import (
    approval_withdrawn,
    published_copy,
    review_unit_build,
    review_unit_differences,
    review_unit_digest,
)
from verdicts.selectors import public_claim
from verdicts.signals import verdict_published
from verdicts.translations.services import translations_supersede
from verdicts.webhooks import webhooks_emit
from verdicts.workflow import VERDICT_WORKFLOW

CONTENT_FIELDS = ("rating", "language", "headline", "summary", "explanation", "correction_note")


def _clean_content(changes: dict) -> dict:
    cleaned = clean_text_changes(
        changes,
        CONTENT_FIELDS,
        not_editable=gettext_noop("These verdict fields cannot be edited: %(fields)s."),
        not_text=gettext_noop("These verdict fields must be text: %(fields)s."),
    )
    if cleaned.get("rating") and cleaned["rating"] not in Rating.values:
        raise InvalidInput(gettext("“%(rating)s” is not a rating on the scale.") % {"rating": cleaned["rating"]})
    if cleaned.get("language"):
        try:
            cleaned["language"] = language_tag(cleaned["language"])
        except ValidationError as error:
            raise InvalidInput(
                gettext("The verdict's language: %(problem)s") % {"problem": error.messages[0]}
            ) from None
    return cleaned


def verdict_create(*, actor, claim_id: int, **content) -> Verdict:
    """Start a draft verdict on a claim being checked."""
    content = _clean_content(content)
    require_permission(actor, "verdicts.add_verdict", "draft verdicts")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.status != Claim.Status.CHECKING:
            raise Conflict(
                gettext("Verdicts are drafted on claims being checked; this one is %(status)s.")
                % {"status": claim.get_status_display().lower()}
            )
        claim_policy(actor, claim).require("draft_verdict")
        if claim.verdicts.filter(status__in=Verdict.OPEN_STATUSES).exists():
            raise Conflict(gettext("This claim already has a verdict in progress; edit that one."))
        if not content.get("language"):
            content["language"] = verdict_language_default(claim.language)
        verdict = _new_version(claim=claim, author=actor, **content)
        audit_record(actor=actor, action="verdict.create", target=verdict, to_state=verdict.status)
    return verdict


def _new_version(*, claim: Claim, author, supersedes: Verdict | None = None, **content) -> Verdict:
    last = claim.verdicts.order_by("-number").values_list("number", flat=True).first() or 0
    verdict = Verdict(
        claim=claim, claim_text=claim.text, number=last + 1, author=author, supersedes=supersedes, **content
    )
    validate_instance(verdict, exclude=["claim", "author", "supersedes"])
    verdict.save(force_insert=True)
    return verdict


def verdict_update(*, verdict_id: int, actor, expected_version: int | None, **changes) -> Verdict:
    """Edit a draft: only its author, only while it is a draft."""
    changes = _clean_content(changes)
    if "language" in changes and not changes["language"]:
        raise InvalidInput(gettext("Say which language the verdict is written in, such as “en”, “uk” or “es”."))
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict_id)
        ensure_version(verdict, expected_version)
        verdict_policy(actor, verdict).require("edit")
        diff = apply_changes(verdict, changes)
        if not diff:
            return verdict
        validate_instance(verdict, exclude=["claim", "author", "supersedes", "approver", "published_by"])
        verdict.lock_version += 1
        verdict.save(update_fields=[*diff, "lock_version", "updated_at"])
        audit_record(actor=actor, action="verdict.update", target=verdict, data={"changes": diff})
    return verdict


def _has_captured_evidence(claim: Claim) -> bool:
    """A cited source has a complete capture (sources.evidence): a capture that holds only a
    page's empty shell, or far less than the browser rendered, does not count."""
    succeeded = Snapshot.Status.SUCCEEDED
    return Citation.objects.filter(
        Q(snapshot__status=succeeded, snapshot__complete=True)
        | Q(source__snapshots__status=succeeded, source__snapshots__complete=True),
        claim=claim,
    ).exists()


def _check_ready_for_review(verdict: Verdict) -> None:
    refuse_missing(
        gettext_noop("The verdict needs %(missing)s before it can go to review."),
        [
            (gettext("a rating"), verdict.rating),
            (gettext("a summary"), verdict.summary),
            (gettext("a public correction note"), verdict.correction_note or not verdict.is_correction),
        ],
    )
    if verdict.claim.status != Claim.Status.CHECKING:
        raise Conflict(
            gettext("The claim is %(status)s, not being checked.")
            % {"status": verdict.claim.get_status_display().lower()}
        )
    if not _has_captured_evidence(verdict.claim):
        raise InvalidInput(
            gettext(
                "Cite at least one source whose capture holds the page's text: a capture that came back "
                "empty or incomplete does not count. Retry a failed capture, wait for the browser capture "
                "that follows a plain one, or upload the evidence on the citation."
            )
        )


def _check_publishable(verdict: Verdict, unit: dict) -> None:
    """The ClaimReview of the unit's claim must be valid: checked at submission (the claim cannot
    change afterwards) and again at publication."""
    invalid = claimreview.problems(claim=public_claim(published_copy(unit)["pinned_claim"]), rating=verdict.rating)
    if invalid:
        raise InvalidInput(
            gettext("The ClaimReview markup would be invalid: it needs %(missing)s.") % {"missing": "; ".join(invalid)}
        )


def _check_evidence_still_complete(unit: dict) -> None:
    """A capture pinned at submission may be judged incomplete afterwards, when the browser capture
    that follows it renders far more text: approving or publishing on it is refused."""
    pinned = [item["snapshot"] for item in unit.get("evidence", []) if item.get("snapshot")]
    shells = list(Snapshot.objects.filter(pk__in=pinned, complete=False).values_list("pk", flat=True))
    if shells:
        said = ngettext(
            "Since submission the evidence was judged incomplete: capture %(captures)s holds far less of the page's "
            "text than the browser rendered. Send the verdict back so that it is submitted again on the browser "
            "capture.",
            "Since submission the evidence was judged incomplete: captures %(captures)s hold far less of the pages' "
            "text than the browser rendered. Send the verdict back so that it is submitted again on the browser "
            "captures.",
            len(shells),
        )
        raise Conflict(said % {"captures": ", ".join(f"#{pk}" for pk in sorted(shells))})


# A review refused because the claim or its evidence changed since the step before, by the step refused.
_UNIT_CHANGED = {
    "approve": gettext_noop(
        "Verdict v%(number)s cannot be approved: what it was submitted with has changed since (%(changes)s). Send "
        "it back with changes requested so that it is reviewed again."
    ),
    "publish": gettext_noop(
        "Verdict v%(number)s cannot be published: what it was approved with has changed since (%(changes)s). Send "
        "it back with changes requested so that it is reviewed again."
    ),
}


def _review_unit(verdict: Verdict, *, expected: str, doing: str) -> tuple[dict, str]:
    """The unit as it stands now (with the captures fixed at submission), refused unless its
    digest is `expected`: the claim or its evidence changed since the step before `doing`."""
    unit = review_unit_build(claim_id=verdict.claim_id, fixed=verdict.review_unit)
    digest = review_unit_digest(unit)
    if digest != expected:
        changes = (
            review_unit_differences(verdict.review_unit, unit)
            if verdict.review_unit
            else [gettext("the claim and its evidence")]
        )
        raise Conflict(gettext(_UNIT_CHANGED[doing]) % {"number": verdict.number, "changes": "; ".join(changes)})
    return unit, digest


def verdict_transition(
    *,
    verdict_id: int,
    action: str,
    actor,
    expected_version: int | None = None,
    comment: str = "",
    internal: bool = False,
) -> Verdict:
    """The one place a verdict changes status (the review table in verdicts.workflow).

    Returns the verdict acted on, except for `open_correction`, which returns
    the new draft version.
    """
    with transaction.atomic():
        # Locks the claim too (its row is selected with the verdict's), as every service writing
        # the claim or its citations does first: the unit read below cannot change meanwhile.
        verdict = Verdict.objects.select_for_update().select_related("claim").get(pk=verdict_id)
        return VERDICT_WORKFLOW.take(
            verdict,
            action,
            actor,
            effects=VERDICT_EFFECTS,
            expected_version=expected_version,
            comment=comment,
            internal=internal,
        )


def _submit_step(step: Step) -> None:
    step.data = _submit(step.obj)
    step.fields += ["review_unit", "review_digest", "approved_digest"]


def _approve_step(step: Step) -> None:
    verdict = step.obj
    _check_ready_for_review(verdict)
    step.data = _approve(verdict)
    verdict.approver, verdict.approved_at = step.actor, step.now
    step.fields += ["approver", "approved_at", "review_unit", "review_digest", "approved_digest"]


_send_back = approval_withdrawn


def _withdraw(step: Step) -> None:
    """Back to draft before review starts: the submission's digest no longer stands for anything
    (the next submission records its own), and the claim is no longer frozen."""
    step.data = {"review_digest": step.obj.review_digest}
    _send_back(step)
    step.obj.review_digest = ""
    step.fields.append("review_digest")


def _publish_step(step: Step) -> None:
    step.data = _publish(step.obj, step.actor, step.now)
    step.fields += ["published_by", "published_at", "claim_text", "pinned_evidence", "pinned_appearance"]
    step.fields += ["pinned_claim", "pinned_claimant_keys", "evidence_changed_at", "evidence_change"]


def _open_correction_step(step: Step) -> None:
    step.result = _open_correction(step.obj, step.actor, step.comment)
    step.data = {"correction": step.result.pk}


# What each review action does besides changing status (the table is verdicts.workflow).
VERDICT_EFFECTS = {
    "submit": _submit_step,
    "withdraw": _withdraw,
    "approve": _approve_step,
    "request_changes": _send_back,
    "publish": _publish_step,
    "open_correction": _open_correction_step,
}


def _submit(verdict: Verdict) -> dict:
    """Bind the verdict to the unit it is reviewed on: the claim and its evidence, with each
    citation pinned to the capture read now."""
    _check_ready_for_review(verdict)
    citations_pin_evidence(claim=verdict.claim)
    unit = review_unit_build(claim_id=verdict.claim_id)
    _check_publishable(verdict, unit)
    verdict.review_unit, verdict.review_digest, verdict.approved_digest = unit, review_unit_digest(unit), ""
    return {"review_digest": verdict.review_digest}


def _approve(verdict: Verdict) -> dict:
    """Approve exactly what was submitted: refused if anything in the unit changed since."""
    if not verdict.review_digest:
        # Submitted before submissions recorded their unit: the approver approves it as it stands.
        citations_pin_evidence(claim=verdict.claim)
        verdict.review_unit = review_unit_build(claim_id=verdict.claim_id)
        verdict.review_digest = review_unit_digest(verdict.review_unit)
    unit, verdict.approved_digest = _review_unit(verdict, expected=verdict.review_digest, doing="approve")
    _check_evidence_still_complete(unit)
    return {"review_digest": verdict.approved_digest}


def _publish(verdict: Verdict, actor, now) -> dict:
    claim = verdict.claim
    if verdict.is_correction and not verdict.correction_note:
        raise InvalidInput(gettext("A correction needs a public correction note before it is published."))
    if not verdict.approved_digest:
        raise Conflict(
            gettext(
                "Verdict v%(number)s was approved before approvals recorded what they approved. Send it back with "
                "changes requested so that it is reviewed again."
            )
            % {"number": verdict.number}
        )
    unit, _ = _review_unit(verdict, expected=verdict.approved_digest, doing="publish")
    _check_evidence_still_complete(unit)
    copy = published_copy(unit)
    if not copy["pinned_evidence"]:
        raise InvalidInput(gettext("None of the cited sources has a successful capture to pin."))
    _check_publishable(verdict, unit)
    superseded = None
    if verdict.supersedes_id:
        superseded = verdict_transition(
            verdict_id=verdict.supersedes_id, action="supersede", actor=actor, internal=True
        )
        translations_supersede(verdict_id=superseded.pk, actor=actor)
    claim_transition(claim_id=claim.pk, action="resolve", actor=actor, internal=True)
    sources_monitor(source_ids=[item["source"] for item in copy["pinned_evidence"]])  # re-checked from now on
    # The public reads these copies only: the claim as reviewed, its claimant as named then, the
    # appearance and the evidence with the captures fixed at submission.
    for name, value in copy.items():
        setattr(verdict, name, value)
    verdict.published_by, verdict.published_at, verdict.claim_text = actor, now, verdict.pinned_claim["text"]
    verdict.evidence_changed_at, verdict.evidence_change = None, ""
    snapshots_make_public(
        snapshot_ids=[e["snapshot"] for e in verdict.pinned_evidence] + [verdict.pinned_appearance.get("snapshot")]
    )
    transaction.on_commit(partial(verdict_published.send, sender=Verdict, verdict=verdict, superseded=superseded))
    webhooks_emit(  # to every subscriber: only what the public API shows of the verdict
        event="verdict.corrected" if verdict.supersedes_id else "verdict.published",
        payload={
            "verdict": verdict.pk,
            "url": claimreview.canonical_url(verdict),
            "claim": verdict.claim_text,
            "rating": verdict.rating,
            "version": verdict.number,
            "published_at": now.isoformat(),
            "supersedes": verdict.supersedes_id,
        },
    )
    return {
        "evidence": [item["snapshot"] for item in verdict.pinned_evidence],
        "supersedes": verdict.supersedes_id,
        "review_digest": verdict.approved_digest,
        "snapshots": _pinned_snapshots(verdict),
    }


def _pinned_snapshots(verdict: Verdict) -> list[dict]:
    """Each capture the publication pins (evidence, then where the claim appeared), with its hash,
    for the publish event: the audit chain then vouches for exactly what was relied on."""
    pinned = [*verdict.pinned_evidence, verdict.pinned_appearance]
    return [{"snapshot": item["snapshot"], "sha256": item["sha256"]} for item in pinned if item.get("snapshot")]


def _open_correction(verdict: Verdict, actor, reason: str) -> Verdict:
    claim = verdict.claim
    if claim.verdicts.filter(status__in=Verdict.OPEN_STATUSES).exists():
        raise Conflict(gettext("A correction of this verdict is already in progress."))
    claim_transition(claim_id=claim.pk, action="reopen_for_correction", actor=actor, comment=reason, internal=True)
    claim.refresh_from_db(fields=["assignee", "status"])
    # The journalist who checked the claim drafts the correction (the editor,
    # if that person can no longer write verdicts); another person reviews it.
    assignee = claim.assignee
    can_draft = assignee is not None and assignee.is_active and assignee.has_perm("verdicts.change_verdict")
    correction = _new_version(
        claim=claim,
        author=assignee if can_draft else actor,
        supersedes=verdict,
        rating=verdict.rating,
        language=verdict.language,
        headline=verdict.headline,
        summary=verdict.summary,
        explanation=verdict.explanation,
    )
    audit_record(
        actor=actor,
        action="verdict.create",
        target=correction,
        to_state=correction.status,
        comment=reason,
        data={"supersedes": verdict.pk},
    )
    return correction
