"""Reads behind the newsroom's pages: the queue, a claim's page, the review list.

Every list is one query for its rows (plus one to count them), however long it is."""

import datetime
from dataclasses import dataclass

import django_filters
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from claims.models import Citation, Claim
from claims.selectors import ClaimFilter, claims_similar
from factcheck.audit import audit_history
from factcheck.models import AuditEvent
from newsroom.history import Entry, history_entries
from sources import passages
from sources.models import Snapshot
from sources.textdiff import SideBySide, side_by_side
from verdicts.models import Verdict
from verdicts.ratings import Rating

VIEWS = {
    "mine": "My claims",
    "intake": "Unassigned intake",
    "review": "Waiting for my review",
    "published": "Recently published",
    "all": "All claims",
}
OPEN = (Claim.Status.NEW, Claim.Status.CHECKING)


class QueueFilter(ClaimFilter):
    rating = django_filters.ChoiceFilter(choices=Rating.choices, method="filter_rating")
    since = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte", label="Added from")
    until = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte", label="Added until")

    class Meta(ClaimFilter.Meta):
        pass

    def filter_rating(self, queryset, name, value):
        current = Verdict.objects.filter(claim=OuterRef("pk"), rating=value).exclude(status=Verdict.Status.SUPERSEDED)
        return queryset.filter(Exists(current))


def _latest_verdict(field: str):
    newest = Verdict.objects.filter(claim=OuterRef("pk")).exclude(status=Verdict.Status.SUPERSEDED).order_by("-number")
    return Subquery(newest.values(field)[:1])


def queue_claims(*, view: str, user, params) -> QueueFilter:
    """The claims of one queue view, newest first, each with its current verdict's rating and
    status (`verdict_rating`, `verdict_status`), filtered by `params`: a FilterSet whose `.qs`
    are the rows when it `is_valid()`, and whose `.form` shows the filters and their errors."""
    claims = Claim.objects.select_related("claimant", "assignee").annotate(
        verdict_rating=_latest_verdict("rating"), verdict_status=_latest_verdict("status")
    )
    if view == "mine":
        claims = claims.filter(assignee=user, status__in=OPEN)
    elif view == "intake":
        claims = claims.filter(status=Claim.Status.NEW, assignee__isnull=True)
    return QueueFilter(params, queryset=claims.order_by("-id"))


@dataclass
class KeysetPage:
    """One page of a list ordered newest first, found by the id it starts after, so a deep page
    costs what the first one does (no OFFSET)."""

    rows: list
    newer: int | None  # ?after= for the page before this one
    older: int | None  # ?before= for the page after this one


def keyset_page(rows: QuerySet, *, before: str = "", after: str = "", size: int = 25) -> KeysetPage:
    if after.isdigit():
        chunk = list(rows.filter(pk__gt=int(after)).order_by("id")[: size + 1])
        more_newer = len(chunk) > size
        chunk = chunk[:size][::-1]
        return KeysetPage(chunk, chunk[0].pk if more_newer else None, chunk[-1].pk if chunk else None)
    if before.isdigit():
        rows = rows.filter(pk__lt=int(before))
    chunk = list(rows.order_by("-id")[: size + 1])
    more_older = len(chunk) > size
    chunk = chunk[:size]
    newer = chunk[0].pk if before.isdigit() and chunk else None
    return KeysetPage(chunk, newer, chunk[-1].pk if more_older else None)


def review_waiting(*, user) -> QuerySet:
    """Verdicts submitted for review that `user` may review: never their own."""
    return (
        Verdict.objects.filter(status=Verdict.Status.SUBMITTED)
        .exclude(author=user)
        .select_related("claim", "author")
        .order_by("updated_at", "id")
    )


def recently_published() -> QuerySet:
    return (
        Verdict.objects.filter(status=Verdict.Status.PUBLISHED)
        .select_related("claim", "claim__claimant")
        .order_by("-published_at", "-id")
    )


def queue_counts(*, user, may_review: bool) -> dict[str, int]:
    week_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
    counts = {
        "mine": Claim.objects.filter(assignee=user, status__in=OPEN).count(),
        "intake": Claim.objects.filter(status=Claim.Status.NEW, assignee__isnull=True).count(),
        "published": Verdict.objects.filter(status=Verdict.Status.PUBLISHED, published_at__gte=week_ago).count(),
    }
    if may_review:
        counts["review"] = review_waiting(user=user).count()
    return counts


def claim_page(*, claim_id: int) -> Claim | None:
    """A claim with what its page shows: claimant, assignee, original, origin."""
    return (
        Claim.objects.select_related("claimant", "assignee", "duplicate_of", "origin", "appearance")
        .filter(pk=claim_id)
        .first()
    )


def claim_citations(*, claim: Claim) -> list[Citation]:
    """The claim's citations, each with `capture`: the capture it relies on, or else the latest
    attempt to capture its source (so a queued, fetching or failed capture shows)."""
    latest = Snapshot.objects.filter(source=OuterRef("source_id")).order_by("-requested_at", "-id").values("pk")[:1]
    citations = list(
        claim.citations.select_related("source", "created_by")
        .annotate(capture_id=Coalesce("snapshot_id", Subquery(latest)))
        .order_by("created_at", "id")
    )
    captures = Snapshot.objects.in_bulk([c.capture_id for c in citations if c.capture_id])
    for citation in citations:
        citation.capture = captures.get(citation.capture_id)
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
        return "A cited source is gone"
    if len(changes) == 1:
        return f"A cited source changed: {passages.FATES[worst]}"
    return f"{len(changes)} cited sources changed or are gone. The most serious: {passages.FATES[worst]}"


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
                text=passages.FATES[change["fate"]],
                pinned=pinned,
                new=new,
                error=change.get("error", ""),
                diff=diff,
            )
        )
    return shown
