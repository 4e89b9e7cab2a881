"""The public page of a verdict, readable without signing in, with its ClaimReview."""

from datetime import UTC, datetime

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from claims.models import Stance
from sources.models import Snapshot
from sources.selectors import snapshots_as_kept
from verdicts import claimreview
from verdicts.languages import language_name
from verdicts.markdown import render_markdown
from verdicts.public_site.caching import kept_page
from verdicts.public_site.presenting import json_for_script, meta
from verdicts.public_site.publisher import publisher_current
from verdicts.selectors import correction_log, first_published, verdict_public


def _evidence(item: dict, kept: dict[int, dict]) -> dict:
    """A pinned source with the links to its capture, read from the pinned copy, and what `kept`
    says of the capture (`sources.selectors.snapshots_as_kept`): an upload is said to be one, and
    a WARC is linked only when there is one."""
    snapshot = item.get("snapshot")
    links = {}
    if snapshot:
        facts = kept.get(snapshot, {})
        links = {
            "capture": claimreview.capture_url(snapshot),
            "payload": reverse("capture-payload", args=[snapshot]),
            "warc": reverse("capture-warc", args=[snapshot]) if facts.get("has_warc") else "",
            "uploaded": facts.get("method") == Snapshot.Method.UPLOAD,
            "obtained": facts.get("obtained_at"),
        }
    when = item.get("captured_at")
    if when:
        links["captured"] = datetime.fromisoformat(when).astimezone(UTC)  # written as the page's language writes it
    stance = item.get("stance")
    links["stance_label"] = Stance(stance).label if stance in Stance.values else stance
    return {**item, **links}


@require_GET
def verdict_public_page(request, verdict_id: int):
    return kept_page(request, lambda: _verdict_page(request, verdict_id))


def _verdict_page(request, verdict_id: int):
    verdict = verdict_public(verdict_id=verdict_id, language=get_language())
    if verdict is None:
        raise Http404("No published verdict here.")
    first = first_published(verdict)
    appearance = verdict.pinned_appearance if verdict.pinned_appearance.get("url") else None
    pinned = [*verdict.pinned_evidence, *([appearance] if appearance else [])]
    kept = snapshots_as_kept(snapshot_ids=[item.get("snapshot") for item in pinned])
    publisher = publisher_current()
    jsonld = claimreview.claim_review(verdict, first_published=first, publisher=publisher)
    rating_label = jsonld["reviewRating"]["alternateName"]
    page_meta = meta(request, title=verdict.headline or rating_label, description=verdict.summary, kind="article")
    page_meta["url"] = jsonld["url"]
    context = {
        "meta": page_meta,
        "publisher": publisher,
        "verdict": verdict,
        "explanation": render_markdown(verdict.explanation),
        "claim": verdict.claim,
        "first_published": first,
        "corrections": correction_log(verdict),
        "sources": [_evidence(item, kept) for item in verdict.pinned_evidence],
        "appearance": _evidence(appearance, kept) if appearance else None,
        "verification_url": reverse("verdict-verification", args=[verdict.pk]),
        "jsonld": json_for_script(jsonld),
        "rating_label": rating_label,
        "canonical_url": jsonld["url"],
        "superseded_by": verdict.superseded_by_id if verdict.status == "superseded" else None,
        # Which language the verdict's text on this page is in, and, for a translation, its original.
        "text_language": verdict.text_language,
        "translated_from": language_name(verdict.language) if verdict.shown else "",
        "original_url": jsonld["translationOfWork"]["url"] if verdict.shown else "",
    }
    return TemplateResponse(request, "verdicts/public.html", context)
