"""Reads behind the newsroom's pages: the queue (filters), its pages of rows (paging), and a claim's
and a verdict's page (pages).

Every list is one query for its rows (plus one to count them, up to a bound), however long it is."""

from newsroom.queue.filters import (
    FILTER_KEYS,
    FILTERED_VIEWS,
    OPEN,
    VIEWS,
    QueueFilter,
    filter_errors,
    queue_claims,
    queue_counts,
    recently_published,
    review_waiting,
    saved_view_of,
    saved_views,
)
from newsroom.queue.pages import (
    EvidenceChange,
    captures_pending,
    claim_citations,
    claim_duplicates,
    claim_history,
    claim_page,
    claim_verdicts,
    evidence_change_headline,
    open_verdict,
    verdict_evidence_changes,
    verdict_history,
    verdict_page,
)
from newsroom.queue.paging import SORTS, KeysetPage, keyset_page

__all__ = [
    "FILTERED_VIEWS", "FILTER_KEYS", "OPEN", "SORTS", "VIEWS", "EvidenceChange", "KeysetPage", "QueueFilter",
    "captures_pending", "claim_citations", "claim_duplicates", "claim_history", "claim_page", "claim_verdicts",
    "evidence_change_headline", "filter_errors", "keyset_page", "open_verdict", "queue_claims", "queue_counts",
    "recently_published", "review_waiting", "saved_view_of", "saved_views", "verdict_evidence_changes",
    "verdict_history", "verdict_page",
]  # fmt: skip
