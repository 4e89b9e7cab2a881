"""The public page of a verdict, readable without signing in, with its ClaimReview."""

import json
from datetime import UTC, datetime

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from verdicts import claimreview
from verdicts.markdown import render_markdown
from verdicts.selectors import correction_log, first_published, verdict_public

# Inside <script>, these could end the element or start markup: write them as escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _evidence(item: dict) -> dict:
    """A pinned source with the links to its capture: read from the pinned copy alone."""
    snapshot = item.get("snapshot")
    links = {}
    if snapshot:
        links = {
            "capture": claimreview.capture_url(snapshot),
            "payload": reverse("capture-payload", args=[snapshot]),
            "warc": reverse("capture-warc", args=[snapshot]),
        }
    when = item.get("captured_at")
    if when:
        links["captured"] = datetime.fromisoformat(when).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return {**item, **links}


@require_GET
def verdict_public_page(request, verdict_id: int):
    verdict = verdict_public(verdict_id=verdict_id)
    if verdict is None:
        raise Http404("No published verdict here.")
    first = first_published(verdict)
    jsonld = claimreview.claim_review(verdict, first_published=first)
    context = {
        "verdict": verdict,
        "explanation": render_markdown(verdict.explanation),
        "claim": verdict.claim,
        "first_published": first,
        "corrections": correction_log(verdict),
        "sources": [_evidence(item) for item in verdict.pinned_evidence],
        "appearance": _evidence(verdict.pinned_appearance) if verdict.pinned_appearance.get("url") else None,
        "verification_url": reverse("verdict-verification", args=[verdict.pk]),
        "jsonld": mark_safe(json.dumps(jsonld, ensure_ascii=False).translate(_SCRIPT_ESCAPES)),  # noqa: S308
        "rating_label": jsonld["reviewRating"]["alternateName"],
        "canonical_url": jsonld["url"],
        "superseded_by": verdict.superseded_by_id if verdict.status == "superseded" else None,
    }
    return render(request, "verdicts/public.html", context)
