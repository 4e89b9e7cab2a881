"""Reads of verdicts: what the public may see, filtered."""

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Q, QuerySet

from factcheck.filtering import UtcDateTimeFilter, filtered
from verdicts.models import Verdict
from verdicts.ratings import Rating

PUBLIC_STATUSES = (Verdict.Status.PUBLISHED, Verdict.Status.SUPERSEDED)
# What the public JSON and ClaimReview read, and nothing more (a page holds a hundred).
PUBLIC_FIELDS = (
    "id", "claim_id", "number", "status", "rating", "headline", "summary", "explanation", "published_at",
    "updated_at", "supersedes_id", "correction_note", "pinned_evidence", "pinned_appearance",
    "claim__id", "claim__text", "claim__claimant_id", "claim__said_on", "claim__said_on_precision",
    "claim__medium", "claim__language", "claim__tags",
    "claim__claimant__id", "claim__claimant__name", "claim__claimant__kind",
)  # fmt: skip


class PublishedVerdictFilter(django_filters.FilterSet):
    # No DISTINCT: rating is a column of the verdict itself, and DISTINCT would stop the index-ordered scan.
    rating = django_filters.MultipleChoiceFilter(
        choices=Rating.choices, distinct=False, help_text="One or more rating slugs."
    )
    claimant = django_filters.CharFilter(method="filter_claimant", help_text="Claimant name or alias.")
    tag = django_filters.CharFilter(method="filter_tag")
    language = django_filters.CharFilter(field_name="claim__language")
    published_after = UtcDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UtcDateTimeFilter(field_name="published_at", lookup_expr="lt")
    modified_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    q = django_filters.CharFilter(method="filter_text", help_text="Words in the claim, headline or summary.")

    class Meta:
        model = Verdict
        fields = []

    def filter_claimant(self, queryset, name, value):
        return queryset.filter(Q(claim__claimant__name__iexact=value) | Q(claim__claimant__aliases__icontains=[value]))

    def filter_tag(self, queryset, name, value):
        return queryset.filter(claim__tags__contains=[value])

    def filter_text(self, queryset, name, value):
        vector = SearchVector("claim__text", "headline", "summary", config="english")
        return queryset.annotate(search=vector).filter(
            search=SearchQuery(value, config="english", search_type="websearch")
        )


def with_public_versions(verdicts) -> list[Verdict]:
    """Attach `claim.public_versions` (the published and superseded versions, oldest first)
    to each verdict, in one query, and only for claims that have been corrected."""
    verdicts = list(verdicts)
    corrected = {v.claim_id for v in verdicts if v.supersedes_id or v.status == Verdict.Status.SUPERSEDED}
    versions: dict[int, list[Verdict]] = {}
    if corrected:
        for version in (
            Verdict.objects.filter(claim_id__in=corrected, status__in=PUBLIC_STATUSES)
            .only("id", "claim_id", "number", "published_at", "supersedes_id", "correction_note", "status")
            .order_by("number")
        ):
            versions.setdefault(version.claim_id, []).append(version)
    for verdict in verdicts:
        verdict.claim.public_versions = versions.get(verdict.claim_id, [verdict])
    return verdicts


def verdicts_published(*, params=None) -> QuerySet:
    """Published verdicts (never drafts, reviews in progress or superseded ones), filtered."""
    queryset = (
        Verdict.objects.filter(status=Verdict.Status.PUBLISHED).select_related("claim__claimant").only(*PUBLIC_FIELDS)
    )
    if params is None:
        return queryset
    return filtered(PublishedVerdictFilter, params, queryset)


def verdict_public(*, verdict_id: int) -> Verdict | None:
    """A verdict the public may read: published, or superseded (kept readable)."""
    verdict = (
        Verdict.objects.filter(pk=verdict_id, status__in=PUBLIC_STATUSES)
        .select_related("claim__claimant", "superseded_by")
        .first()
    )
    return with_public_versions([verdict])[0] if verdict else None


def first_published(verdict: Verdict):
    versions = getattr(verdict.claim, "public_versions", None) or [verdict]
    return versions[0].published_at


def correction_log(verdict: Verdict) -> list[dict]:
    """The corrections published up to this version, oldest first."""
    versions = getattr(verdict.claim, "public_versions", [])
    return [
        {"version": v.number, "date": v.published_at, "note": v.correction_note}
        for v in versions
        if v.supersedes_id and v.number <= verdict.number
    ]


class StaffVerdictFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Verdict.Status.choices, distinct=False)
    claim = django_filters.NumberFilter(field_name="claim_id")
    author = django_filters.NumberFilter(field_name="author_id")
    evidence_changed = django_filters.BooleanFilter(
        field_name="evidence_changed_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Verdict
        fields = []


def verdicts_for_staff(*, params=None) -> QuerySet:
    """Verdicts in every state, for the newsroom."""
    queryset = Verdict.objects.select_related("author", "approver").order_by("-id")
    return queryset if params is None else filtered(StaffVerdictFilter, params, queryset)
