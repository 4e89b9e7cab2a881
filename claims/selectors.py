"""Reads of claims for the newsroom."""

import re
from itertools import combinations

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import F, Q, QuerySet

from claims.models import Claim, Claimant
from factcheck.filtering import filtered


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Claim.Status.choices, distinct=False)
    assignee = django_filters.NumberFilter(field_name="assignee_id")
    claimant = django_filters.CharFilter(field_name="claimant__name", lookup_expr="iexact")
    tag = django_filters.CharFilter(method="filter_tag")

    class Meta:
        model = Claim
        fields = []

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__contains=[value])


def claims_for_staff(*, params=None) -> QuerySet:
    queryset = Claim.objects.select_related("claimant", "assignee", "duplicate_of").order_by("-id")
    if params is None:
        return queryset
    return filtered(ClaimFilter, params, queryset)


def claimants_search(*, q: str = "") -> QuerySet:
    claimants = Claimant.objects.order_by("-id")
    q = q.strip()
    if q:
        claimants = claimants.filter(Q(name__icontains=q) | Q(aliases__contains=[q]))
    return claimants


_LEXEME = re.compile(r"'((?:[^']|'')+)'")
MAX_WORDS = 10  # the longest words of the text; in threes, 120 combinations at most


def _lexemes(tsvector: str) -> set[str]:
    """The words of a tsvector's text form ('border':9 'deploy':5 …)."""
    return {word.replace("''", "'") for word in _LEXEME.findall(tsvector)}


def _quoted(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def claims_similar(*, text: str, exclude_id: int | None = None, limit: int = 5, min_score: float = 0.25) -> list:
    """Claims that say much the same as `text`, best first, each with `.similarity` (0 to 1).

    Candidates come from two GIN indexes: claims sharing at least two of the text's significant
    words, or three when it has more than five (full text, stemmed: "deployed" finds
    "deploying"), and claims whose letters mostly
    match (trigrams: typos, small edits). Each is scored by the share of words in common and the
    trigram similarity, so a reworded claim ranks high and one on the same topic with other facts
    does not pass `min_score`."""
    text = " ".join(text.split())[:2000]
    if not text:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('english', %s)::text", [text])
        words = _lexemes(cursor.fetchone()[0])
    if not words:
        return []
    picked = sorted(words, key=lambda w: (-len(w), w))[:MAX_WORDS]
    together = min(len(picked), 2 if len(picked) <= 5 else 3)
    raw = " | ".join(" & ".join(map(_quoted, group)) for group in combinations(picked, together))
    shared_words = SearchQuery(raw, search_type="raw", config="simple")  # already stemmed
    candidates = (
        Claim.objects.filter(Q(search=shared_words) | Q(text__trigram_similar=text))
        .exclude(pk=exclude_id)
        .select_related("claimant")
        .annotate(trigram=TrigramSimilarity("text", text), shared=SearchRank(F("search"), shared_words))
        .order_by((F("trigram") + F("shared")).desc(), "-id")[: limit * 10]
    )
    ranked = []
    for claim in candidates:
        theirs = _lexemes(claim.search)
        overlap = 2 * len(words & theirs) / (len(words) + len(theirs)) if theirs else 0.0
        claim.similarity = round(0.6 * overlap + 0.4 * claim.trigram, 3)
        if claim.similarity >= min_score:
            ranked.append(claim)
    ranked.sort(key=lambda c: (-c.similarity, -c.pk))
    return ranked[:limit]
