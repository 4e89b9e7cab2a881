"""Reads of claims for the newsroom."""

import re
import time
from itertools import combinations
from math import prod

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import BooleanField, F, Q, QuerySet
from django.db.models.expressions import RawSQL

from claims.models import Citation, Claim, Claimant
from claims.workflow import RESEARCH_PERMISSION
from factcheck.filtering import filtered
from factcheck.guards import users_with_permission
from sources.models import Snapshot


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Claim.Status.choices, distinct=False)
    assignee = django_filters.NumberFilter(field_name="assignee_id")
    claimant = django_filters.CharFilter(field_name="claimant__name", lookup_expr="iexact")
    tag = django_filters.CharFilter(method="filter_tag")
    q = django_filters.CharFilter(
        method="filter_text",
        help_text="Words in the claim, in its verdicts or in its cited sources' captured text (web search syntax).",
    )

    class Meta:
        model = Claim
        fields = []

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__contains=[value])

    def filter_text(self, queryset, name, value):
        # Three GIN indexes: the claim's, its verdicts' and its sources' captures'.
        query = SearchQuery(value[:500], config="english", search_type="websearch")
        in_verdicts = Claim.objects.filter(verdicts__search=query).values("pk")
        in_captures = Citation.objects.filter(
            source__snapshots__search=query, source__snapshots__status=Snapshot.Status.SUCCEEDED
        ).values("claim_id")
        return queryset.filter(Q(search=query) | Q(pk__in=in_verdicts) | Q(pk__in=in_captures))


def claims_for_staff(*, params=None) -> QuerySet:
    queryset = Claim.objects.select_related("claimant", "assignee", "duplicate_of").order_by("-id")
    if params is None:
        return queryset
    return filtered(ClaimFilter, params, queryset)


def researchers() -> QuerySet:
    """Who may be assigned a claim to check: active people allowed to draft verdicts."""
    return users_with_permission(RESEARCH_PERMISSION)


def claimants_search(*, q: str = "") -> QuerySet:
    claimants = Claimant.objects.order_by("-id")
    q = q.strip()
    if q:
        claimants = claimants.filter(Q(name__icontains=q) | Q(aliases__contains=[q]))
    return claimants


_LEXEME = re.compile(r"'((?:[^']|'')+)'")
MAX_WORDS = 8  # the text's rarest significant words, of which candidates must share a group
MATCH_BUDGET = 1000  # rows the word groups may be expected to match, from the planner's statistics
COMMON_SHARE = 0.05
RANKED = 50  # candidates ranked by shared words in SQL, then scored here
STATISTICS_SECONDS = 300
_statistics: dict = {}


def _lexemes(tsvector: str) -> set[str]:
    """The words of a tsvector's text form ('border':9 'deploy':5 …)."""
    return {word.replace("''", "'") for word in _LEXEME.findall(tsvector)}


def _quoted(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _word_statistics() -> tuple[dict[str, float], float, float]:
    """(share of claims holding each common word, the ceiling for any other word, claims in all),
    from the planner's statistics on `Claim.search` (what ANALYZE last saw), kept a few minutes."""
    now = time.monotonic()
    if _statistics.get("until", 0) > now and _statistics.get("database") == connection.settings_dict["NAME"]:
        return _statistics["value"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples"
            " FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname AND s.attname = 'search'"
            " AND s.schemaname = current_schema() WHERE c.oid = %s::regclass",
            [Claim._meta.db_table],
        )
        words, shares, rows = cursor.fetchone() or (None, None, 0)
    common = dict(zip(words or [], shares or [], strict=False))  # shares end with min, max, null
    value = (common, min(common.values(), default=0.0), max(float(rows), 0.0))
    _statistics.update(value=value, until=now + STATISTICS_SECONDS, database=connection.settings_dict["NAME"])
    return value


def _word_groups(words: set[str]) -> list[tuple[str, ...]]:
    """Groups of the text's rarest words that a similar claim must share one of: pairs, or
    larger groups when pairs of these words are expected in more than MATCH_BUDGET claims (a
    word's share of claims is known for the commonest words; any other is rarer than those).
    Words in more than COMMON_SHARE of the claims are left out while three others remain."""
    common, ceiling, rows = _word_statistics()
    share = {word: common.get(word, ceiling) for word in words}
    picked = sorted(words, key=lambda w: (share[w], -len(w), w))[:MAX_WORDS]
    telling = [word for word in picked if share[word] <= COMMON_SHARE]
    if len(telling) >= 3:  # a word in many claims narrows little and costs a long index read
        picked = telling
    size = min(len(picked), 2)
    while size < min(len(picked), 4):
        expected = sum(rows * prod(share[w] for w in group) for group in combinations(picked, size))
        if expected <= MATCH_BUDGET:
            break
        size += 1
    return list(combinations(picked, size))


def claims_similar(*, text: str, exclude_id: int | None = None, limit: int = 5, min_score: float = 0.25) -> list:
    """Claims that say much the same as `text`, best first, each with `.similarity` (0 to 1).

    Candidates share a group of the text's rarest significant words (full text through the GIN
    index, stemmed: "deployed" finds "deploying"); the groups grow with how common the words are,
    so the work stays bounded however many claims there are. The RANKED sharing the most words
    are scored by the share of words in common and their trigram similarity (typos, small
    edits), so a reworded claim ranks high and one on the same topic with other facts does not
    pass `min_score`."""
    text = " ".join(text.split())[:2000]
    if not text:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('english', %s)::text", [text])
        words = _lexemes(cursor.fetchone()[0])
    if not words:
        return []
    groups = [" & ".join(map(_quoted, group)) for group in _word_groups(words)]
    # One index scan per group, OR'ed as bitmaps. Written as SQL because 50 Q objects take 10 ms
    # to build; only placeholders are joined here, the words are parameters.
    shares_a_group = RawSQL(  # noqa: S611
        "(" + " OR ".join(["search @@ %s::tsquery"] * len(groups)) + ")", groups, output_field=BooleanField()
    )
    any_word = SearchQuery(" | ".join(map(_quoted, sorted(words))), search_type="raw", config="simple")
    sharing = Claim.objects.filter(shares_a_group)
    if exclude_id is not None:
        sharing = sharing.exclude(pk=exclude_id)
    best = sharing.order_by(SearchRank(F("search"), any_word).desc(), "-id").values("pk")[:RANKED]
    candidates = (
        Claim.objects.filter(pk__in=best).select_related("claimant").annotate(trigram=TrigramSimilarity("text", text))
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
