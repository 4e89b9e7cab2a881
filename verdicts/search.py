"""One search over the newsroom's work: claims, verdicts (every state, and their translations) and
the captured text of cited sources, ranked, each hit with a highlighted snippet.

Each kind is matched through its own GIN index and ranked by `ts_rank` (among its newest
RANKED_AT_MOST matches). The best of each are
merged by rank, and snippets (`ts_headline`) are cut only for the hits shown. The text of a
capture is hostile content: snippets are marked with private-use characters by PostgreSQL, then
HTML-escaped here, and only then are the marks turned into <mark> tags.
"""

from dataclasses import dataclass
from html import escape

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat, Left
from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim
from claims.textsearch import search_query
from sources.models import SEARCHED_CHARS, Snapshot
from verdicts.models import Verdict, VerdictTranslation

KINDS = ("claim", "verdict", "capture")
# Where a verdict hit finds its claim and the claim's words, from a verdict or from a translation.
CLAIM_OF = {Verdict: "claim_id", VerdictTranslation: "verdict__claim_id"}
CLAIM_TEXT_OF = {Verdict: "claim_text", VerdictTranslation: "verdict__claim_text"}
# Ranking reads each candidate's vector: a word found in half a million rows must not mean reading
# them all (at a million claims ranking 2,000 of each kind took some 200 ms), nor one in a hundred.
RANKED_AT_MOST = 200
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


def _best(queryset, query, limit: int) -> dict[int, float]:
    """The `limit` best-ranked matches among the newest RANKED_AT_MOST (ranking reads every
    candidate's vector, so a word found everywhere must not mean ranking everything)."""
    newest = queryset.filter(search=query).order_by("-id").values("id")[:RANKED_AT_MOST]
    ranked = queryset.filter(pk__in=newest).annotate(rank=SearchRank(F("search"), query)).order_by("-rank", "-id")
    return dict(ranked.values_list("id", "rank")[:limit])


def _verdict_hits(query, limit: int) -> list[SearchHit]:
    """Verdicts matched in their own text or in one of their translations' (each translation in its
    own language's index), one hit a verdict: the better match, with its headline and snippet."""
    body = Concat(
        "headline", Value(" — "), "summary", Value(" "), Left("explanation", 20_000), output_field=TextField()
    )
    found: dict[int, SearchHit] = {}
    for model, verdict_field in ((Verdict, "id"), (VerdictTranslation, "verdict_id")):
        best = _best(model.objects.all(), query, limit)
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


def search_everything(*, q: str, kinds=KINDS, limit: int = 20, may_see_captures: bool = True) -> list[SearchHit]:
    """The `limit` best hits for `q` (web search syntax: words, "a phrase", -not, or)."""
    q = " ".join((q or "").split())[:500]
    if not q:
        return []
    query = search_query(q)
    hits: list[SearchHit] = []
    if "claim" in kinds:
        best = _best(Claim.objects.all(), query, limit)
        rows = Claim.objects.filter(pk__in=best).annotate(marked=SearchHeadline("text", query, **_HEADLINE))
        for claim_id, marked in rows.values_list("id", "marked"):
            plain, html = _snippet(marked)
            hits.append(SearchHit("claim", claim_id, plain[:200], best[claim_id], plain, html, claim_id=claim_id))
    if "verdict" in kinds:
        hits.extend(_verdict_hits(query, limit))
    if "capture" in kinds and may_see_captures:
        ranked = _best(Snapshot.objects.filter(status=Snapshot.Status.SUCCEEDED), query, limit * 3)
        per_source = {}  # captures of one page say much the same: its best capture stands for it
        for snapshot_id, source_id in Snapshot.objects.filter(pk__in=ranked).values_list("id", "source_id"):
            if source_id not in per_source or ranked[snapshot_id] > ranked[per_source[source_id]]:
                per_source[source_id] = snapshot_id
        best = {i: ranked[i] for i in sorted(per_source.values(), key=lambda i: -ranked[i])[:limit]}
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
