"""The queue's views and filters: which claims each tab lists, and the counts on the tabs."""

import datetime

import django_filters
from django.db.models import BooleanField, Case, DateField, Exists, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from claims.models import Claim
from claims.selectors import ClaimFilter
from factcheck.filtering import start_of_day
from newsroom.models import SavedView
from newsroom.policy import saved_view_policy
from newsroom.queue.paging import SORTS, Tally, count_up_to
from verdicts import search
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
    since = django_filters.DateFilter(method="filter_since", label=_("Added from"))
    until = django_filters.DateFilter(method="filter_until", label=_("Added until"))
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

    # A day's bounds as moments (not the day of each claim's moment), so that claim_created_idx serves.
    def filter_since(self, queryset, name, value):
        return queryset.filter(created_at__gte=start_of_day(value))

    def filter_until(self, queryset, name, value):
        try:
            return queryset.filter(created_at__lt=start_of_day(value + datetime.timedelta(days=1)))
        except OverflowError:  # the last day there is: no bound
            return queryset

    def filter_rating(self, queryset, name, value):
        current = Verdict.objects.filter(claim=OuterRef("pk"), rating=value).exclude(status=Verdict.Status.SUPERSEDED)
        return queryset.filter(Exists(current))

    def filter_sort(self, queryset, name, value):
        return queryset  # the order is the page's keys (see `queue_sort`)

    def tally(self, rows) -> Tally:
        """The rows counted up to a bound. A search lists the claims among a bounded number of
        matches (verdicts.search.newest_matches): past that bound, or when a kind had more matches
        than were read, it says "more than"."""
        searched = self.is_valid() and (self.form.cleaned_data.get("q") or "").strip()
        counted = count_up_to(rows, bound=search.MATCHES_OF_EACH_KIND if searched else None)
        return Tally(counted.n, counted.more or bool(searched and self.matches and self.matches.cut))

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
    return QueueFilter(params, queryset=claims.order_by("-id"), user=user)


def saved_views(*, user) -> list:
    """The person's saved views of the queue, by name (one query)."""
    return list(SavedView.objects.filter(owner=user).order_by("name", "id"))


def saved_view_of(*, user, saved_id: int):
    """One of the person's saved views, or None (anyone else's is not theirs to see)."""
    saved = SavedView.objects.filter(pk=saved_id).first()
    return saved if saved and saved_view_policy(user, saved).allows("view") else None


# The verdicts' tabs, in the order of their keys (see paging.keyset_page): waiting longest first,
# and published newest first.
REVIEW_ORDER = (("updated_at", False), ("id", False))
PUBLISHED_ORDER = (("published_at", True), ("id", True))


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


def queue_counts(*, user, may_review: bool) -> dict[str, Tally]:
    """The tabs' counts, each up to a bound."""
    week_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
    counts = {
        "mine": count_up_to(Claim.objects.filter(assignee=user, status__in=OPEN)),
        "intake": count_up_to(Claim.objects.filter(status=Claim.Status.NEW, assignee__isnull=True)),
        "published": count_up_to(Verdict.objects.filter(status=Verdict.Status.PUBLISHED, published_at__gte=week_ago)),
    }
    if may_review:
        counts["review"] = count_up_to(review_waiting(user=user)) + count_up_to(translations_waiting(user=user))
    return counts
