"""The public page of a verdict, readable without signing in, with its ClaimReview."""

import json

from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from verdicts import claimreview
from verdicts.markdown import render_markdown
from verdicts.selectors import correction_log, first_published, verdict_public

# Inside <script>, these could end the element or start markup: write them as escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


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
        "sources": [{**item, "capture": claimreview.capture_url(item["snapshot"])} for item in verdict.pinned_evidence],
        "jsonld": mark_safe(json.dumps(jsonld, ensure_ascii=False).translate(_SCRIPT_ESCAPES)),  # noqa: S308
        "rating_label": jsonld["reviewRating"]["alternateName"],
        "canonical_url": jsonld["url"],
        "superseded_by": verdict.superseded_by_id if verdict.status == "superseded" else None,
    }
    return render(request, "verdicts/public.html", context)
