"""Reads behind a claim's page and a verdict's page: the claim, its citations with their captures,
its verdicts, its history, possible duplicates, and a published verdict's changed evidence."""

from dataclasses import dataclass

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from claims.models import Citation, Claim
from claims.selectors import claims_similar
from factcheck.audit import audit_history
from factcheck.models import AuditEvent
from newsroom.history import Entry, history_entries
from newsroom.queue.filters import OPEN
from sources import passages
from sources.models import Snapshot
from sources.textdiff import SideBySide, side_by_side
from verdicts.models import Verdict


def claim_page(*, claim_id: int) -> Claim | None:
    """A claim with what its page shows: claimant, assignee, original, origin."""
    return (
        Claim.objects.select_related("claimant", "assignee", "duplicate_of", "origin", "appearance")
        .filter(pk=claim_id)
        .first()
    )


def claim_citations(*, claim: Claim) -> list[Citation]:
    """The claim's citations, each with `capture`: the capture it relies on, or else its source's
    evidence (its latest complete capture), or else the latest attempt to capture its source (so a
    queued, fetching, failed or incomplete capture shows). Each capture has `shot_id`: the capture
    whose screenshot stands for it (its own, or that of the browser capture that followed it)."""
    captures = Snapshot.objects.filter(source=OuterRef("source_id")).order_by("-requested_at", "-id").values("pk")
    evidence = captures.filter(status=Snapshot.Status.SUCCEEDED, complete=True)
    citations = list(
        claim.citations.select_related("source", "created_by")
        .annotate(capture_id=Coalesce("snapshot_id", Subquery(evidence[:1]), Subquery(captures[:1])))
        .order_by("created_at", "id")
    )
    # A plain capture's screenshot is the one of the browser capture that followed it.
    shots = Snapshot.objects.filter(follows=OuterRef("pk"), status=Snapshot.Status.SUCCEEDED).exclude(screenshot="")
    captures = (
        Snapshot.objects.select_related("uploaded_by")
        .annotate(
            shot_id=Subquery(shots.order_by("-finished_at", "-id").values("pk")[:1]),
            follows_complete=F("follows__complete"),  # how the plain capture it followed was judged
        )
        .in_bulk([c.capture_id for c in citations if c.capture_id])
    )
    for citation in citations:
        citation.capture = captures.get(citation.capture_id)
        if citation.capture is not None and citation.capture.screenshot:
            citation.capture.shot_id = citation.capture.pk
    return citations


def captures_pending(citations: list[Citation]) -> bool:
    return any(c.capture and c.capture.status in (Snapshot.Status.QUEUED, Snapshot.Status.FETCHING) for c in citations)


def claim_verdicts(*, claim: Claim) -> list[Verdict]:
    return list(claim.verdicts.select_related("author", "approver").order_by("-number"))


def claim_history(*, claim: Claim, citations: list[Citation], verdicts: list[Verdict]) -> list[Entry]:
    """The claim's history in words: its rows, its citations' (those removed too) and its verdicts'."""
    removed = AuditEvent.objects.filter(
        action="citation.delete", object_type="claims.citation", data__claim=claim.pk
    ).values_list("object_id", flat=True)
    gone = [Citation(pk=int(pk)) for pk in removed if int(pk) not in {c.pk for c in citations}]
    return history_entries(audit_history(claim, *citations, *gone, *verdicts))


def claim_duplicates(*, claim: Claim) -> list[Claim]:
    """Claims that may say the same as this one (not those already marked as its duplicates)."""
    if claim.status not in OPEN:
        return []
    return [c for c in claims_similar(text=claim.text, exclude_id=claim.pk, limit=5) if c.duplicate_of_id != claim.pk]


def verdict_page(*, verdict_id: int) -> Verdict | None:
    return (
        Verdict.objects.select_related("claim", "claim__claimant", "claim__assignee", "author", "approver")
        .filter(pk=verdict_id)
        .first()
    )


def verdict_history(*, verdict: Verdict) -> list[Entry]:
    return history_entries(audit_history(verdict))


def open_verdict(*, claim: Claim, verdicts: list[Verdict]) -> Verdict | None:
    return next((v for v in verdicts if v.status in Verdict.OPEN_STATUSES), None)


@dataclass
class EvidenceChange:
    """One changed source of a flagged verdict, as its page shows it."""

    citation: Citation | None
    url: str
    fate: str
    text: str  # what became of the quoted passage, in words
    pinned: Snapshot | None
    new: Snapshot | None
    error: str
    diff: SideBySide | None


def _span(value) -> tuple[int, int] | None:
    return (value[0], value[1]) if value else None


def evidence_change_headline(changes: list[dict]) -> str:
    """The banner's words: the worst of what became of the quoted passages."""
    if not changes:
        return ""
    worst = min(changes, key=lambda c: passages.SEVERITY.index(c["fate"]))["fate"]
    if len(changes) == 1 and worst == passages.GONE:
        return gettext("A cited source is gone")
    if len(changes) == 1:
        return gettext("A cited source changed: %(fate)s") % {"fate": passages.FATES[worst]}
    return gettext("%(count)s cited sources changed or are gone. The most serious: %(fate)s") % {
        "count": len(changes),
        "fate": passages.FATES[worst],
    }


def verdict_evidence_changes(*, verdict: Verdict, citations: list[Citation]) -> list[EvidenceChange]:
    """The flagged changes of a published verdict's evidence, worst first, each with the pinned
    and the new capture side by side (one query for the captures, however many changed)."""
    if verdict.evidence_changed_at is None or not verdict.evidence_changes:
        return []
    changes = sorted(verdict.evidence_changes, key=lambda c: passages.SEVERITY.index(c["fate"]))
    ids = {c.get("pinned_snapshot") for c in changes} | {c.get("snapshot") for c in changes}
    snapshots = Snapshot.objects.defer("search", "diff").in_bulk([i for i in ids if i])
    by_id = {citation.pk: citation for citation in citations}
    shown = []
    for change in changes:
        pinned, new = snapshots.get(change.get("pinned_snapshot")), snapshots.get(change.get("snapshot"))
        diff = None
        if pinned and new and new.status == Snapshot.Status.SUCCEEDED:
            diff = side_by_side(
                pinned.text, new.text, old_mark=_span(change.get("pinned_at")), new_mark=_span(change.get("new_at"))
            )
        shown.append(
            EvidenceChange(
                citation=by_id.get(change["citation"]),
                url=change["url"],
                fate=change["fate"],
                text=str(passages.FATES[change["fate"]]),
                pinned=pinned,
                new=new,
                error=change.get("error", ""),
                diff=diff,
            )
        )
    return shown
