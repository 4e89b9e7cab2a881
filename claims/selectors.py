"""Reads of claims for the newsroom."""

import re
import time
from itertools import combinations
from math import prod

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import BooleanField, CharField, F, Func, Q, QuerySet
from django.db.models.expressions import RawSQL

from claims.languages import DEFAULT as DEFAULT_LANGUAGE
from claims.languages import detect_language
from claims.models import Claim, Claimant
from claims.textsearch import TAG_TEXT, to_tsvector_sql
from claims.workflow import RESEARCH_PERMISSION
from factcheck.filtering import filtered
from factcheck.guards import users_with_permission
from verdicts.search import MATCHED_KINDS, newest_matches, searchable_kinds


def _joined(field: str) -> Func:
    """An array of names as one text, a line each (what is typed never spans two: its spaces
    are collapsed), so `icontains` finds part of any of them. The function is IMMUTABLE (claims'
    migration 0012), so that the tags' trigram index (claim_tag_text_trgm) serves the queue's filter."""
    return Func(F(field), function=TAG_TEXT, output_field=CharField())


def normal_name(name: str) -> str:
    """A name as typed, compared: spaces collapsed, any case."""
    return " ".join((name or "").split()).casefold()


class _ChoicesOrBlank(django_filters.fields.MultipleChoiceField):
    """Several choices, where a blank value (an "Any" option, `?status=`) means no choice."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            value = [v for v in value if v not in ("", None)]
        return super().clean(value)


class ChoicesOrBlankFilter(django_filters.MultipleChoiceFilter):
    field_class = _ChoicesOrBlank


class ClaimFilter(django_filters.FilterSet):
    status = ChoicesOrBlankFilter(choices=Claim.Status.choices, distinct=False)
    assignee = django_filters.NumberFilter(field_name="assignee_id")
    claimant = django_filters.CharFilter(
        method="filter_claimant", help_text="Part of the claimant's name or of one of their aliases, any case."
    )
    tag = django_filters.CharFilter(method="filter_tag", help_text="Part of a tag, any case.")
    q = django_filters.CharFilter(
        method="filter_text",
        help_text="Words in the claim, in its verdicts or in its cited sources' captured text (web search syntax).",
    )

    class Meta:
        model = Claim
        fields = []

    def filter_claimant(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        return queryset.filter(claimant__in=claimants_named_like(value).values("pk"))

    def filter_tag(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Any tag holding the words typed: "ukraine" finds "Ukraine" and "ukraine-war".
        return queryset.alias(tag_text=_joined("tags")).filter(tag_text__icontains=value)

    def __init__(self, data=None, queryset=None, *, user=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.user = user  # whose search: captured pages' words only for those who may see captures
        self.matches = None  # what a search (`q`) found, once the filters have run

    @property
    def may_see_captures(self) -> bool:
        return bool(self.user and self.user.has_perm("sources.view_snapshot"))

    def filter_text(self, queryset, name, value):
        # A few hundred claims at most (see verdicts.search.newest_matches), found once: the list,
        # its count and each of its pages read these ids instead of searching again, and the
        # queue's ranked hits are the same matches (`self.matches`).
        self.matches = newest_matches(value, searchable_kinds(MATCHED_KINDS, may_see_captures=self.may_see_captures))
        return queryset.filter(pk__in=self.matches.claim_ids())


def claims_for_staff(*, params=None, user=None) -> QuerySet:
    queryset = Claim.objects.select_related("claimant", "assignee", "duplicate_of").order_by("-id")
    if params is None:
        return queryset
    return filtered(ClaimFilter, params, queryset, user=user)


def researchers() -> QuerySet:
    """Who may be assigned a claim to check: active people allowed to draft verdicts."""
    return users_with_permission(RESEARCH_PERMISSION)


def claimants_named_like(text: str) -> QuerySet:
    """Claimants whose name or one of whose aliases holds `text` (any case): "putin" finds
    "Vladimir Putin", "reznikov" the claimant with the alias "Reznikov"."""
    text = " ".join(text.split())
    return Claimant.objects.alias(alias_text=_joined("aliases")).filter(
        Q(name__icontains=text) | Q(alias_text__icontains=text)
    )


def claimants_search(*, q: str = "") -> QuerySet:
    claimants = Claimant.objects.order_by("-id")
    q = q.strip()
    if q:
        claimants = claimants_named_like(q).order_by("-id")
    return claimants


SUGGESTED = 10


def claimants_suggested(*, text: str, limit: int = SUGGESTED) -> list[Claimant]:
    """Known claimants for a name being typed: those it names exactly (by name or alias) first,
    then those whose name starts with it, then any whose name or alias holds it."""
    text = " ".join((text or "").split())
    if len(text) < 2:
        return []
    found = list(claimants_named_like(text).order_by("name")[:100])
    wanted = normal_name(text)

    def rank(claimant):
        names = [normal_name(claimant.name), *(normal_name(a) for a in claimant.aliases)]
        return (wanted not in names, not names[0].startswith(wanted), names[0])

    return sorted(found, key=rank)[:limit]


def claimants_resolve(names) -> dict[str, Claimant]:
    """The known claimant each typed name stands for, in one query: its name or one of its
    aliases, whatever the case and spacing ("reznikov" is the claimant with the alias
    "Reznikov"). A name that is an alias of several claimants and the name of none is left out
    (ambiguous), as is a name only partly matching (see `claimants_suggested`)."""
    wanted = {name: normal_name(name) for name in names if normal_name(name)}
    if not wanted:
        return {}
    keys = sorted(set(wanted.values()))
    named = RawSQL(
        "(lower(regexp_replace(btrim(claims_claimant.name), '\\s+', ' ', 'g')) = ANY(%s)"
        " OR EXISTS (SELECT 1 FROM unnest(claims_claimant.aliases) AS alias"
        " WHERE lower(regexp_replace(btrim(alias), '\\s+', ' ', 'g')) = ANY(%s)))",
        [keys, keys],
        output_field=BooleanField(),
    )
    known = list(Claimant.objects.filter(named).order_by("pk")[:500])
    by_name, by_alias = {}, {}
    for claimant in known:
        by_name.setdefault(normal_name(claimant.name), claimant)
        for alias in claimant.aliases:
            by_alias.setdefault(normal_name(alias), set()).add(claimant)
    found = {}
    for name, key in wanted.items():
        if key in by_name:
            found[name] = by_name[key]
        elif len(by_alias.get(key, ())) == 1:
            found[name] = next(iter(by_alias[key]))
    return found


def claimant_resolve(name: str) -> Claimant | None:
    """The known claimant a typed name stands for (see `claimants_resolve`), or None."""
    return claimants_resolve([name]).get(name)


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
    vector, params = to_tsvector_sql(text, detect_language(text) or DEFAULT_LANGUAGE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {vector}::text", params)
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
