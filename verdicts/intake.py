"""Article intake as the newsroom uses it: the claims proposed from an article, each with the
claims already in that say the same. A short article is read in the request; a long one by a
worker (an ExtractionJob that the page and the API poll)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from claims.intake import article_in_background, article_proposals, extraction_job_create, extraction_job_run
from claims.models import ExtractionJob
from factcheck.queueing import send_task
from sources.models import Source
from sources.selectors import snapshot_best
from verdicts.claimreview import public_url
from verdicts.selectors import already_checked


@dataclass
class ArticleProposals:
    published: datetime.date | None
    outlet: str
    source: Source | None
    proposals: list[dict]


def similar_data(found: list[dict]) -> list[dict]:
    """Claims already in (from `already_checked`) as plain data, as the API gives them."""
    return [
        {
            "id": item["claim"].pk,
            "text": item["claim"].text,
            "claimant": item["claim"].claimant.name if item["claim"].claimant_id else None,
            "status": item["claim"].status,
            "duplicate_of": item["claim"].duplicate_of_id,
            "score": item["score"],
            "verdict": _verdict_data(item["verdict"]) if item["verdict"] else None,
        }
        for item in found
    ]


def _verdict_data(verdict) -> dict:
    return {
        "id": verdict.pk,
        "rating": verdict.rating,
        "rating_label": str(verdict.get_rating_display()),
        "headline": verdict.headline,
        "url": public_url(verdict),
    }


def proposals_similar(proposals: list[dict]) -> None:
    """Give each proposal the claims already in that say the same (`similar`)."""
    for proposal in proposals:
        proposal["similar"] = similar_data(already_checked(text=proposal["text"], limit=3))


def article_propose(
    *, actor, text: str, published=None, outlet: str = "", source: Source | None = None
) -> ArticleProposals | ExtractionJob:
    """The claims proposed from an article, or, for a long one, the extraction a worker will do
    (queued once the transaction commits)."""
    if article_in_background(text or ""):
        if source is not None and (pending := _pending_for(actor, source)):
            return pending  # the page asks again while it waits for this capture's extraction
        job = extraction_job_create(actor=actor, text=text, published=published, outlet=outlet, source=source)
        transaction.on_commit(
            lambda: send_task("verdicts.propose_claims", args=[str(job.pk)], queue=settings.INTAKE_QUEUE)
        )
        return job
    published, proposals = article_proposals(text=text, published=published, outlet=outlet)
    proposals_similar(proposals)
    return ArticleProposals(published=published, outlet=outlet, source=source, proposals=proposals)


def _pending_for(actor, source: Source) -> ExtractionJob | None:
    snapshot = snapshot_best(source_id=source.pk)
    jobs = ExtractionJob.objects.filter(owner=actor, source=source).exclude(status=ExtractionJob.Status.FAILED)
    if snapshot is not None and snapshot.finished_at is not None:
        jobs = jobs.filter(created_at__gte=snapshot.finished_at)
    return jobs.order_by("-created_at").first()


def extraction_job_process(*, job_id) -> ExtractionJob | None:
    """What the worker does: propose the claims, with the claims already in for each."""
    return extraction_job_run(job_id=job_id, annotate=proposals_similar)
