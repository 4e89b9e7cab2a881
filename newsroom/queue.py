"""Reads behind the newsroom's pages: the queue, a claim's page, the review list.

Every list is one query for its rows (plus one to count them), however long it is."""

import datetime
from dataclasses import dataclass

import django_filters
from django.db.models import BooleanField, Case, DateField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from claims.models import Citation, Claim
from claims.selectors import ClaimFilter, claims_similar
from factcheck.audit import audit_history
from factcheck.models import AuditEvent
from newsroom.history import Entry, history_entries
from newsroom.models import SavedView
from newsroom.policy import saved_view_policy
from sources import passages
from sources.models import Snapshot
from sources.textdiff import SideBySide, side_by_side
from verdicts.models import Verdict
from verdicts.ratings import Rating
from verdicts.translations.selectors import translations_waiting

VIEWS = {
    "mine": _("My claims"),
    "intake": _("Unassigned intake"),
    "review": _("Waiting for my review"),
    "published": _("Recently published"),
    "all": _("All claims"),
}
FILTERED_VIEWS = ("mine", "intake", "all")  # the views of claims, which take filters
OPEN = (Claim.Status.NEW, Claim.Status.CHECKING)


PRIORITIES = [("1", _("Urgent")), ("2", pgettext_lazy("priority", "Normal")), ("3", pgettext_lazy("priority", "Low"))]
DUE = [("overdue", _("Overdue")), ("week", _("Due within 7 days")), ("set", _("Has a due date")),
       ("none", _("No due date"))]  # fmt: skip
# Each sort: the keys rows are ordered by, each (name, descending); the last is always the id so
# the order is total and a page can start after any row (keyset pagination).
SORTS = {
    "newest": (("id", True),),
    "oldest": (("id", False),),
    "priority": (("priority", False), ("id", True)),
    "due": (("due_key", False), ("id", True)),
}
SORT_LABELS = [("newest", _("Newest first")), ("oldest", _("Oldest first")), ("priority", _("Most urgent first")),
               ("due", _("Due soonest first"))]  # fmt: skip
NO_DUE_DATE = datetime.date(9999, 12, 31)  # claims without a due date come last when sorted by it
FILTER_KEYS = ("q", "status", "assignee", "claimant", "tag", "language", "priority", "due", "rating", "since",
               "until", "sort")  # fmt: skip


# Each filter as the queue's form names it (its refusals are listed under these names).
FILTER_LABELS = {
    "q": _("Search"), "status": _("Status"), "assignee": _("Assignee"), "claimant": _("Claimant"), "tag": _("Tag"),
    "language": _("Language"), "priority": _("Priority"), "due": _("Due"), "rating": _("Rating"),
    "since": _("Added from"), "until": _("Added until"), "sort": _("Sort by"),
}  # fmt: skip


def filter_errors(filters) -> list[tuple[str, str]]:
    """The queue's refused filters: (the filter's name on the page, why), in the page's language."""
    return [(str(FILTER_LABELS.get(name, name)), " ".join(errors)) for name, errors in filters.errors.items()]


class QueueFilter(ClaimFilter):
    language = django_filters.CharFilter(method="filter_language", help_text=_("A language code, e.g. en or uk."))
    priority = django_filters.ChoiceFilter(
        choices=PRIORITIES, field_name="priority", empty_label=_("Any"), label=_("Priority")
    )
    due = django_filters.ChoiceFilter(choices=DUE, method="filter_due", empty_label=_("Any"), label=_("Due"))
    rating = django_filters.ChoiceFilter(
        choices=Rating.choices, method="filter_rating", empty_label=_("Any"), label=_("Rating")
    )
    since = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte", label=_("Added from"))
    until = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte", label=_("Added until"))
    sort = django_filters.ChoiceFilter(choices=SORT_LABELS, method="filter_sort", empty_label=None, label=_("Sort by"))

    class Meta(ClaimFilter.Meta):
        pass

    def filter_language(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(language__iexact=value) if value else queryset

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(due_on__lt=today, status__in=OPEN)
        if value == "week":
            return queryset.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7))
        if value == "set":
            return queryset.filter(due_on__isnull=False)
        return queryset.filter(due_on__isnull=True)

    def filter_rating(self, queryset, name, value):
        current = Verdict.objects.filter(claim=OuterRef("pk"), rating=value).exclude(status=Verdict.Status.SUPERSEDED)
        return queryset.filter(Exists(current))

    def filter_sort(self, queryset, name, value):
        return queryset  # the order is the page's keys (see `queue_sort`)

    def chosen_sort(self) -> str:
        value = self.form.cleaned_data.get("sort") if self.is_valid() else ""
        return value if value in SORTS else "newest"


def _latest_verdict(field: str):
    newest = Verdict.objects.filter(claim=OuterRef("pk")).exclude(status=Verdict.Status.SUPERSEDED).order_by("-number")
    return Subquery(newest.values(field)[:1])


def queue_claims(*, view: str, user, params) -> QueueFilter:
    """The claims of one queue view, each with its current verdict's rating and status
    (`verdict_rating`, `verdict_status`), and whether it is `overdue` (due before today and still
    open), filtered by `params`: a FilterSet whose `.qs` are the rows when it `is_valid()`, whose
    `.form` shows the filters and their errors, and whose `chosen_sort()` names their order."""
    today = timezone.localdate()
    claims = Claim.objects.select_related("claimant", "assignee").annotate(
        verdict_rating=_latest_verdict("rating"),
        verdict_status=_latest_verdict("status"),
        overdue=Case(When(due_on__lt=today, status__in=OPEN, then=True), default=False, output_field=BooleanField()),
        due_key=Coalesce("due_on", Value(NO_DUE_DATE), output_field=DateField()),
    )
    if view == "mine":
        claims = claims.filter(assignee=user, status__in=OPEN)
    elif view == "intake":
        claims = claims.filter(status=Claim.Status.NEW, assignee__isnull=True)
    return QueueFilter(params, queryset=claims.order_by("-id"))


@dataclass
class KeysetPage:
    """One page of a sorted list, found by the keys of the row it starts after, so a deep page
    costs what the first one does (no OFFSET)."""

    rows: list
    newer: str | None  # ?after= for the page before this one
    older: str | None  # ?before= for the page after this one


_KEY_TYPES = {"id": int, "priority": int, "due_key": datetime.date.fromisoformat}


def _cursor(row, keys) -> str:
    return "~".join(str(getattr(row, name)) for name, _ in keys)


def _parse_cursor(value: str, keys) -> list | None:
    parts = value.split("~") if value else []
    if len(parts) != len(keys):
        return None
    try:
        parsed = [_KEY_TYPES[name](part) for (name, _), part in zip(keys, parts, strict=True)]
    except (ValueError, TypeError):
        return None
    return parsed if all(not isinstance(v, int) or v >= 0 for v in parsed) else None


def _beyond(keys, values, *, forward: bool) -> Q:
    """Rows after (`forward`) or before the row with these key values, in the order of `keys`."""
    condition = Q(pk__in=[])
    for i, (name, descending) in enumerate(keys):
        later = "lt" if descending == forward else "gt"
        step = Q(**{f"{name}__{later}": values[i]})
        for j in range(i):
            step &= Q(**{keys[j][0]: values[j]})
        condition |= step
    return condition


def _order(keys, *, reverse: bool = False) -> list[str]:
    return [("-" if descending != reverse else "") + name for name, descending in keys]


def keyset_page(
    rows: QuerySet, *, before: str = "", after: str = "", size: int = 25, sort: str = "newest"
) -> KeysetPage:
    """A page of `rows` in the order `sort` names (SORTS): the first, the one after the row
    `before` names, or the one before the row `after` names (a cursor that does not parse is page
    one)."""
    keys = SORTS[sort]
    after_values, before_values = _parse_cursor(after, keys), _parse_cursor(before, keys)
    if after_values is not None:
        chunk = list(
            rows.filter(_beyond(keys, after_values, forward=False)).order_by(*_order(keys, reverse=True))[: size + 1]
        )
        more_newer = len(chunk) > size
        chunk = chunk[:size][::-1]
        return KeysetPage(
            chunk, _cursor(chunk[0], keys) if more_newer else None, _cursor(chunk[-1], keys) if chunk else None
        )
    if before_values is not None:
        rows = rows.filter(_beyond(keys, before_values, forward=True))
    chunk = list(rows.order_by(*_order(keys))[: size + 1])
    more_older = len(chunk) > size
    chunk = chunk[:size]
    newer = _cursor(chunk[0], keys) if before_values is not None and chunk else None
    return KeysetPage(chunk, newer, _cursor(chunk[-1], keys) if more_older else None)


def saved_views(*, user) -> list:
    """The person's saved views of the queue, by name (one query)."""
    return list(SavedView.objects.filter(owner=user).order_by("name", "id"))


def saved_view_of(*, user, saved_id: int):
    """One of the person's saved views, or None (anyone else's is not theirs to see)."""
    saved = SavedView.objects.filter(pk=saved_id).first()
    return saved if saved and saved_view_policy(user, saved).allows("view") else None


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
        counts["review"] = review_waiting(user=user).count() + translations_waiting(user=user).count()
    return counts


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
