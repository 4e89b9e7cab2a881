"""One search over the newsroom's work: claims, verdicts (every state, and their translations) and
the captured text of cited sources, ranked, each hit with a highlighted snippet.

Each kind's newest MATCHES_OF_EACH_KIND matches are found and ranked by `ts_rank` in one query
for all kinds (`newest_matches`); the queue lists the claims among them, and the hits are the best
ranked of them, merged by rank, with snippets (`ts_headline`) cut only for the hits shown. The text of a
capture is hostile content: snippets are marked with private-use characters by PostgreSQL, then
HTML-escaped here, and only then are the marks turned into <mark> tags.
"""

from dataclasses import dataclass
from functools import cached_property
from html import escape

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db.models import F, IntegerField, TextField, Value
from django.db.models.functions import Concat, Left
from django.utils.safestring import SafeString, mark_safe

from claims.models import Citation, Claim
from claims.textsearch import search_query
from sources.models import SEARCHED_CHARS, Snapshot
from verdicts.models import Verdict, VerdictTranslation

KINDS = ("claim", "verdict", "capture")
# Where a verdict hit finds its claim and the claim's words, from a verdict or from a translation.
CLAIM_OF = {Verdict: "claim_id", VerdictTranslation: "verdict__claim_id"}
CLAIM_TEXT_OF = {Verdict: "claim_text", VerdictTranslation: "verdict__claim_text"}
# A search reads the newest matches of each kind (the claims' own words, their verdicts', the
# verdicts' translations' and their sources' captured text), this many of each: a word found in half
# a million rows costs what a rare one does. Reading a kind newest first costs about 10 µs a row
# (each row's search vector is read), so a word in one row in a hundred costs some 10 ms a hundred
# matches at a million rows; ranking reads each match's vector again (at a million claims ranking
# 2,000 of each kind took some 200 ms).
MATCHES_OF_EACH_KIND = 100
_START, _STOP = "\ue000", "\ue001"
_HEADLINE = {
    "start_sel": _START,
    "stop_sel": _STOP,
    "max_words": 30,
    "min_words": 10,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str
    id: int
    title: str
    rank: float
    snippet: str  # plain text
    snippet_html: SafeString  # escaped, matches in <mark>
    claim_id: int | None = None
    source_id: int | None = None
    url: str = ""


def _snippet(marked: str) -> tuple[str, SafeString]:
    plain = marked.replace(_START, "").replace(_STOP, "")
    html = escape(marked).replace(_START, "<mark>").replace(_STOP, "</mark>")
    if html.count("<mark>") != html.count("</mark>"):  # the page itself held our marks
        html = escape(plain)
    return plain, mark_safe(html)  # noqa: S308 - escaped above; only our <mark> tags are markup


@dataclass(frozen=True, slots=True)
class Match:
    kind: str  # "claim", "verdict", "translation" or "capture"
    id: int
    rank: float
    claim_id: int | None  # a capture's claims are those citing its source
    via: int | None  # a translation's verdict, a capture's source


# Each kind: its rows, and where a match finds its claim and what it hangs from.
_MATCHED = {
    "claim": (lambda: Claim.objects.all(), "id", None),
    "verdict": (lambda: Verdict.objects.all(), "claim_id", "id"),
    "translation": (lambda: VerdictTranslation.objects.all(), "verdict__claim_id", "verdict_id"),
    "capture": (lambda: Snapshot.objects.filter(status=Snapshot.Status.SUCCEEDED), None, "source_id"),
}


@dataclass
class Matches:
    """The newest MATCHES_OF_EACH_KIND matches of a search of each kind asked, ranked."""

    query: object  # the SearchQuery, for snippets
    found: list[Match]

    def of(self, kind: str, limit: int | None = None) -> list[Match]:
        """This kind's matches, best ranked first."""
        return sorted((m for m in self.found if m.kind == kind), key=lambda m: (-m.rank, -m.id))[:limit]

    @property
    def cut(self) -> bool:
        """Whether a kind had more matches than were read: more claims may match than are listed."""
        kinds_cut = any(sum(m.kind == kind for m in self.found) >= MATCHES_OF_EACH_KIND for kind in _MATCHED)
        return kinds_cut or len(self._citing) > MATCHES_OF_EACH_KIND

    def claim_ids(self) -> list[int]:
        """The claims matched in their own words, their verdicts', or their sources' captures (the
        newest MATCHES_OF_EACH_KIND citing them: a page cited by thousands is not a list of thousands)."""
        ids = {m.claim_id for m in self.found if m.claim_id is not None}
        return sorted(ids.union(self._citing[:MATCHES_OF_EACH_KIND]))

    @cached_property
    def _citing(self) -> list[int]:
        """The claims citing the matched captures' pages, newest first, one more than are listed."""
        sources = [m.via for m in self.found if m.kind == "capture"]
        if not sources:
            return []
        citing = Citation.objects.filter(source_id__in=sources).order_by("-id")
        return list(citing.values_list("claim_id", flat=True)[: MATCHES_OF_EACH_KIND + 1])


MATCHED_KINDS = tuple(_MATCHED)


def searchable_kinds(kinds, *, may_see_captures: bool) -> list[str]:
    """The kinds asked that the searcher may read: captured pages' words only for those who may see
    captures."""
    return [kind for kind in kinds if kind != "capture" or may_see_captures]


def newest_matches(q: str, kinds=MATCHED_KINDS) -> Matches:
    """The newest MATCHES_OF_EACH_KIND matches of `q` of each kind, with their ranks: one query, each
    kind read newest first (or through its GIN index when its matches are few), never all of a
    common word's matches."""
    query = search_query(" ".join((q or "").split())[:500])
    parts = []
    for kind in kinds:
        rows, claim, via = _MATCHED[kind]
        parts.append(
            rows()
            .filter(search=query)
            .annotate(
                kind=Value(kind, output_field=TextField()),
                rank=SearchRank(F("search"), query),
                matched_claim=F(claim) if claim else Value(None, output_field=IntegerField()),
                matched_via=F(via) if via else Value(None, output_field=IntegerField()),
            )
            .order_by("-id")
            .values_list("kind", "id", "rank", "matched_claim", "matched_via")[:MATCHES_OF_EACH_KIND]
        )
    if not parts:
        return Matches(query, [])
    found = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return Matches(query, [Match(*row) for row in found])


def _verdict_hits(matches: Matches, limit: int) -> list[SearchHit]:
    """Verdicts matched in their own text or in one of their translations' (each translation in its
    own language's index), one hit a verdict: the better match, with its headline and snippet."""
    query = matches.query
    body = Concat(
        "headline", Value(" — "), "summary", Value(" "), Left("explanation", 20_000), output_field=TextField()
    )
    found: dict[int, SearchHit] = {}
    for model, kind, verdict_field in ((Verdict, "verdict", "id"), (VerdictTranslation, "translation", "verdict_id")):
        best = {m.id: m.rank for m in matches.of(kind, limit)}
        rows = model.objects.filter(pk__in=best).annotate(marked=SearchHeadline(body, query, **_HEADLINE))
        for pk, verdict_id, claim_id, headline, claim_text, marked in rows.values_list(
            "id", verdict_field, CLAIM_OF[model], "headline", CLAIM_TEXT_OF[model], "marked"
        ):
            if verdict_id in found and found[verdict_id].rank >= best[pk]:
                continue
            plain, html = _snippet(marked)
            title = headline or claim_text[:200]
            found[verdict_id] = SearchHit("verdict", verdict_id, title, best[pk], plain, html, claim_id=claim_id)
    return list(found.values())


def search_everything(
    *, q: str, kinds=KINDS, limit: int = 20, may_see_captures: bool = True, matches: Matches | None = None
) -> list[SearchHit]:
    """The `limit` best hits for `q` (web search syntax: words, "a phrase", -not, or), among
    `matches` when they were found already (the queue's list found them)."""
    if not " ".join((q or "").split()):
        return []
    if matches is None:
        asked = searchable_kinds(kinds, may_see_captures=may_see_captures)
        matches = newest_matches(q, [*asked, "translation"] if "verdict" in asked else asked)
    query = matches.query
    hits: list[SearchHit] = []
    if "claim" in kinds:
        best = {m.id: m.rank for m in matches.of("claim", limit)}
        rows = Claim.objects.filter(pk__in=best).annotate(marked=SearchHeadline("text", query, **_HEADLINE))
        for claim_id, marked in rows.values_list("id", "marked"):
            plain, html = _snippet(marked)
            hits.append(SearchHit("claim", claim_id, plain[:200], best[claim_id], plain, html, claim_id=claim_id))
    if "verdict" in kinds:
        hits.extend(_verdict_hits(matches, limit))
    if "capture" in kinds and may_see_captures:
        per_source: dict[int, Match] = {}  # captures of one page say much the same: its best capture stands for it
        for match in matches.of("capture"):
            per_source.setdefault(match.via, match)
        best = {m.id: m.rank for m in sorted(per_source.values(), key=lambda m: (-m.rank, -m.id))[:limit]}
        text = Left("text", SEARCHED_CHARS)
        rows = Snapshot.objects.filter(pk__in=best).annotate(marked=SearchHeadline(text, query, **_HEADLINE))
        for snapshot_id, source_id, title, url, marked in rows.values_list(
            "id", "source_id", "page_title", "source__normalized_url", "marked"
        ):
            plain, html = _snippet(marked)
            hits.append(
                SearchHit(
                    "capture", snapshot_id, title or url, best[snapshot_id], plain, html, source_id=source_id, url=url
                )
            )
    hits.sort(key=lambda hit: (-hit.rank, hit.kind, -hit.id))
    return hits[:limit]
