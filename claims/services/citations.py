"""Citations: a claim's sources, their quoted passages, and captures retried."""

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from claims.freeze import FROZEN_CITATION_FIELDS, claim_ensure_unfrozen
from claims.models import Citation, Claim
from claims.policy import citation_policy, claim_policy
from factcheck.audit import audit_record
from factcheck.errors import Conflict, InvalidInput
from factcheck.guards import apply_changes, parse_id, refuse_fields, require_permission, validate_instance
from sources.capture import snapshot_request
from sources.models import Snapshot
from sources.passages import find_passage
from sources.selectors import snapshot_best, snapshot_evidence
from sources.services import source_get_or_create

CITATION_EDITABLE_FIELDS = ("stance", "quote", "note")


def citation_create(
    *, actor, claim_id: int, url: str, stance: str = Citation.Stance.CONTEXT, quote: str = "", note: str = ""
) -> Citation:
    require_permission(actor, "claims.add_citation", "cite sources")
    if stance not in Citation.Stance.values:
        raise InvalidInput(gettext("Choose whether the source supports, refutes or gives context."))
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
            snapshot=snapshot_evidence(source_id=source.pk),
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
    captures = Snapshot.objects.filter(source_id=citation.source_id, method=Snapshot.Method.HTTP)
    return captures.order_by("-requested_at", "-id").first()


def _already_cited(citation: Citation) -> AlreadyCited:
    capture = _latest_capture(citation)
    if capture is None:
        message = gettext(
            "This source is already cited for this claim, but it has not been captured: use “Retry capture” on its "
            "row to capture it, or remove it."
        )
    elif capture.status == Snapshot.Status.FAILED:
        message = gettext(
            "This source is already cited for this claim, but its capture failed: use “Retry capture” on its row to "
            "capture it again, or remove it."
        )
    else:
        message = gettext(
            "This source is already cited for this claim: edit its row to change the stance or the passage."
        )
    return AlreadyCited(message, citation_id=citation.pk)


def _citation_locked(citation_id, actor, verb: str) -> tuple[Claim, Citation]:
    """The citation and its claim, both locked (the claim first, as every claim service does),
    if `actor` may `verb` it (see claims.policy.CitationPolicy)."""
    citation_id = parse_id(citation_id, gettext_noop("The citation"))
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
    refuse_fields(
        changes, CITATION_EDITABLE_FIELDS, gettext_noop("These citation fields cannot be edited: %(fields)s.")
    )
    if "stance" in changes and changes["stance"] not in Citation.Stance.values:
        raise InvalidInput(gettext("Choose whether the source supports, refutes or gives context."))
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
            snapshot = citation.snapshot or snapshot_best(source_id=citation.source_id)
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
            raise Conflict(gettext("This source was captured; there is nothing to retry."))
        if previous is not None and previous.status in (Snapshot.Status.QUEUED, Snapshot.Status.FETCHING):
            raise Conflict(gettext("A capture of this source is already under way; its status updates on the page."))
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
    waiting = Citation.objects.filter(source_id=snapshot.source_id, snapshot__isnull=True).exclude(quote="")
    if not waiting.exists():  # as for most captures: one query says so, without a transaction
        return 0
    checked = 0
    with transaction.atomic():
        for citation in waiting.select_for_update().order_by("id"):
            if citation_check_quote(citation=citation, snapshot=snapshot):
                _save_quote_check(citation)
                checked += 1
    return checked


def citations_pin_evidence(*, claim: Claim) -> list[Citation]:
    """Pin each citation to its source's evidence (its latest complete capture), unless it is
    pinned to a complete capture already; return the citations that have evidence to rely on.
    Done when a verdict is submitted, so the captures reviewed are the ones published (a later
    capture changes nothing). An incomplete capture (an empty shell of a page) is never relied on."""
    pinned = []
    for citation in claim.citations.select_related("source", "snapshot").order_by("id"):
        if citation.snapshot is None or not citation.snapshot.complete:
            evidence = snapshot_evidence(source_id=citation.source_id)
            if evidence is not None and evidence != citation.snapshot:
                citation.snapshot = evidence
                citation.save(update_fields=["snapshot"])
                if citation_check_quote(citation=citation, snapshot=citation.snapshot):
                    _save_quote_check(citation)  # the passage is looked for in the capture relied on
        if citation.snapshot is not None and citation.snapshot.complete:
            pinned.append(citation)
    return pinned
