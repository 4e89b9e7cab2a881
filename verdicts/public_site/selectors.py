"""Reads for the readers' site. Published verdicts only, as pinned at publication; every query
string is treated as hostile: a value that cannot be used is dropped with a notice, never a 500."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlsplit

import django_filters
from django.db.models import Count, DateTimeField, Min, OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from rest_framework.request import Request

from claims.languages import LANGUAGES
from factcheck.api import PublishedCursorPagination
from verdicts.models import Verdict
from verdicts.ratings import RATING_VALUES, Rating
from verdicts.selectors import (
    PUBLIC_FIELDS,
    PUBLIC_STATUSES,
    PublicClaimant,
    PublishedVerdictFilter,
    public_verdict,
    with_public_versions,
)
from verdicts.translations.selectors import translated_corrections

PAGE_SIZE = 20
MAX_TEXT = 200


class IndexFilter(django_filters.FilterSet):
    """The index's form: each field also bounds what it accepts (length, choices, dates)."""

    q = django_filters.CharFilter(
        method="filter_text", max_length=MAX_TEXT, label=gettext_lazy("Search"),
        help_text=gettext_lazy('Words in the claim or the verdict; "exact phrase", -without.'),
    )  # fmt: skip
    rating = django_filters.MultipleChoiceFilter(choices=Rating.choices, distinct=False, label=gettext_lazy("Rating"))
    claimant = django_filters.CharFilter(
        method="filter_claimant", max_length=MAX_TEXT, label=gettext_lazy("Who said it")
    )
    topic = django_filters.CharFilter(method="filter_topic", max_length=50, label=gettext_lazy("Topic"))
    language = django_filters.CharFilter(
        field_name="pinned_claim__language", lookup_expr="iexact", max_length=16, label=gettext_lazy("Language")
    )
    published_from = django_filters.DateFilter(method="filter_from", label=gettext_lazy("Published from"))
    published_to = django_filters.DateFilter(method="filter_to", label=gettext_lazy("Published until"))

    class Meta:
        model = Verdict
        fields = []

    filter_text = PublishedVerdictFilter.filter_text
    filter_claimant = PublishedVerdictFilter.filter_claimant

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pinned_claim__tags__contains=[value.strip().lower()])

    def filter_from(self, queryset, name, value):
        return queryset.filter(published_at__gte=datetime.combine(value, time.min, UTC))

    def filter_to(self, queryset, name, value):
        try:
            return queryset.filter(published_at__lt=datetime.combine(value, time.min, UTC) + timedelta(days=1))
        except OverflowError:  # the last day there is: no bound
            return queryset


FILTER_NAMES = tuple(IndexFilter.base_filters)


@dataclass
class IndexQuery:
    """What the index shows: the rows (not yet paged), the filters applied and why others were not."""

    verdicts: QuerySet
    applied: dict = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def _usable(params) -> dict:
    """The filters asked for, without empty values (a form's "Any" and blank fields)."""
    data = {}
    for name in FILTER_NAMES:
        values = [value for value in params.getlist(name) if value.strip()] if name in params else []
        if values:
            data[name] = values if name == "rating" else values[-1]
    return data


def _after_colon(reason: str) -> str:
    """A form's message ("Enter a valid date.") as it reads after a colon."""
    return reason[:1].lower() + reason[1:]


def _notice(name: str, value, errors: list[str]) -> str:
    label = IndexFilter.base_filters[name].label
    shown = ", ".join(value) if isinstance(value, list) else value
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    return _("%(filter)s “%(value)s” was ignored: %(reason)s") % {
        "filter": label,
        "value": shown,
        "reason": _after_colon(" ".join(str(error) for error in errors)),
    }


def verdicts_index(*, params) -> IndexQuery:
    """Published verdicts, filtered as asked; filters that cannot be used are dropped, each with a notice."""
    data = _usable(params)
    queryset = Verdict.objects.filter(status=Verdict.Status.PUBLISHED).values(*PUBLIC_FIELDS)
    notices = []
    if "rating" in data:
        unknown = [value for value in data["rating"] if value not in Rating.values]
        if unknown:
            notices.append(_notice("rating", unknown, [_("there is no such rating.")]))
            data["rating"] = [value for value in data["rating"] if value in Rating.values] or None
            if data["rating"] is None:
                del data["rating"]
    if not data:
        return IndexQuery(queryset, {}, notices)
    filterset = IndexFilter(_as_querydict(data), queryset=queryset)
    if not filterset.is_valid():
        for name, errors in filterset.errors.items():
            if name in data:
                notices.append(_notice(name, data.pop(name), errors))
        filterset = IndexFilter(_as_querydict(data), queryset=queryset)
        filterset.is_valid()
    applied = {name: filterset.form.cleaned_data[name] for name in data}
    return IndexQuery(filterset.qs, applied, notices)


def _as_querydict(data: dict):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


def verdicts_by_claimant(*, claimant_id: int) -> QuerySet:
    """Published verdicts on claims by this claimant, as pinned (through verdict_pinned_claim_gin)."""
    return Verdict.objects.filter(
        status=Verdict.Status.PUBLISHED, pinned_claim__contains={"claimant": {"id": claimant_id}}
    ).values(*PUBLIC_FIELDS)


def claimant_as_published(*, claimant_id: int) -> PublicClaimant | None:
    """The claimant as named by their latest published verdict, or None if there is none."""
    row = (
        verdicts_by_claimant(claimant_id=claimant_id)
        .order_by("-published_at", "-id")
        .values_list("pinned_claim__claimant", flat=True)
        .first()
    )
    if not row:
        return None
    return PublicClaimant(id=row["id"], name=row["name"], kind=row["kind"], role=row.get("role") or "",
                          aliases=list(row.get("aliases") or []))  # fmt: skip


def verdicts_by_topic(*, tag: str) -> QuerySet:
    """Published verdicts whose claim carried this tag when published (through verdict_pinned_tags_gin)."""
    if "\x00" in tag:  # no tag holds one, and PostgreSQL's JSON refuses it
        return Verdict.objects.none().values(*PUBLIC_FIELDS)
    return Verdict.objects.filter(status=Verdict.Status.PUBLISHED, pinned_claim__tags__contains=[tag]).values(
        *PUBLIC_FIELDS
    )


def rating_record(verdicts: QuerySet) -> dict:
    """Counts per rating of these verdicts, in the scale's order (best first), in one query."""
    counts = dict(verdicts.order_by().values_list("rating").annotate(n=Count("id")).values_list("rating", "n"))
    rows = [
        {"slug": rating.value, "label": rating.label, "count": counts.get(rating.value, 0)}
        for rating in sorted(Rating, key=lambda r: -RATING_VALUES[r])
    ]
    return {"total": sum(counts.values()), "ratings": [row for row in rows if row["count"]]}


def corrections_published() -> QuerySet:
    """Every published correction (the current one, or one corrected again since), newest first,
    with the date its claim's verdict was first published."""
    first = (
        Verdict.objects.filter(claim_id=OuterRef("claim_id"), status__in=PUBLIC_STATUSES)
        .order_by()
        .values("claim_id")
        .annotate(first=Min("published_at"))
        .values("first")
    )
    return (
        Verdict.objects.filter(status__in=PUBLIC_STATUSES, supersedes__isnull=False)
        .annotate(first_published=Subquery(first, output_field=DateTimeField()))
        .values(
            "id", "number", "status", "rating", "language", "headline", "published_at", "correction_note",
            "supersedes_id", "first_published", "claim_text", claimant=KT("pinned_claim__claimant__name"),
        )
    )  # fmt: skip


def topics_published() -> list[str]:
    """Every tag of a published verdict's claim (for the sitemap)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT jsonb_array_elements_text(pinned_claim -> 'tags') AS tag FROM verdicts_verdict "
            "WHERE status = 'published' ORDER BY tag"
        )
        return [row[0] for row in cursor.fetchall()]


def claimants_published() -> list[int]:
    """The ids of every claimant a published verdict names (for the sitemap)."""
    return list(
        Verdict.objects.filter(status=Verdict.Status.PUBLISHED, pinned_claim__claimant__isnull=False)
        .values_list(KT("pinned_claim__claimant__id"), flat=True)
        .distinct()
        .order_by()
    )


class PageCursor(PublishedCursorPagination):
    """Pages of the public site: newest first, by keys (no offsets), a fixed size."""

    page_size = PAGE_SIZE
    page_size_query_param = None


@dataclass
class Page:
    items: list
    next_url: str | None
    previous_url: str | None


def _relative(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def page_of(queryset: QuerySet, request, *, verdicts: bool = True) -> Page:
    """One cursor page of `queryset` for this request (InvalidInput for a cursor it cannot use).
    Rows of PUBLIC_FIELDS become PublicVerdicts, with their public versions when corrected; rows
    of `corrections_published` (`verdicts=False`) take their translation's headline and note."""
    paginator = PageCursor()
    rows = paginator.paginate_queryset(queryset, Request(request))
    if verdicts:
        items = with_public_versions([public_verdict(row) for row in rows], language=get_language())
    else:
        items = translated_corrections(rows, language=get_language())
    return Page(items, _relative(paginator.get_next_link()), _relative(paginator.get_previous_link()))


def language_choices() -> list[tuple[str, str]]:
    return [("", _("Any")), *((code, str(name)) for code, name in LANGUAGES)]


def rating_choices() -> list[tuple[str, str]]:
    return [("", _("Any")), *Rating.choices]
