"""schema.org ClaimReview for a published verdict, and the check made before publishing."""

import functools

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from verdicts.languages import site_language
from verdicts.models import Verdict
from verdicts.public_site.publisher import publisher_current
from verdicts.ratings import BEST_RATING, RATING_VALUES, WORST_RATING, Rating

_MARK = 987654321


@functools.cache
def url_template(name: str, site_url: str, language: str) -> str:
    # reverse() once per URL name and language; lists of a hundred verdicts only fill in the id.
    with translation.override(language):
        return site_url + reverse(name, args=[_MARK]).replace(str(_MARK), "{}")


def public_url(verdict: Verdict) -> str:
    """The verdict's page in the language being spoken: English in the API, tasks and English
    pages, the reader's own on /uk/ and /es/ pages."""
    return url_template("verdict-public", settings.SITE_URL, translation.get_language()).format(verdict.pk)


def canonical_url(verdict) -> str:
    """The verdict's page at the address the API gives, whatever language is being spoken: for
    what leaves the site from a newsroom request (webhooks), which a person's language must not change."""
    return url_template("verdict-public", settings.SITE_URL, settings.LANGUAGE_CODE).format(verdict.pk)


def public_url_in(verdict, language: str) -> str:
    """The verdict's page in `language`, a language of the readers' site (else its default one)."""
    language = site_language(language) or settings.LANGUAGE_CODE
    return url_template("verdict-public", settings.SITE_URL, language).format(verdict.pk)


def capture_url(snapshot_id: int) -> str:
    return url_template("capture-detail", settings.SITE_URL, translation.get_language()).format(snapshot_id)


def _partial_date(claim) -> str | None:
    """An ISO date as precise as what is known: 2021-12-03, 2021-12 or 2021."""
    if claim.said_on is None:
        return None
    iso = claim.said_on.isoformat()
    return {"year": iso[:4], "month": iso[:7]}.get(claim.said_on_precision, iso)


def problems(*, claim, rating: str, publisher=None) -> list[str]:
    """What would make the ClaimReview of `claim` (the copy to be published, a PublicClaim) rated
    `rating` invalid (empty when it is fine), each said as what the markup needs."""
    missing = []
    if not claim.text.strip():
        missing.append(gettext("the claim's text (claimReviewed)"))
    if rating not in Rating.values:
        missing.append(gettext("a rating (reviewRating)"))
    if claim.claimant_id is None:
        missing.append(gettext("who made the claim (itemReviewed.author): set the claim's claimant"))
    if not (publisher or publisher_current()).name.strip():
        missing.append(
            gettext("the publishing organisation (author): set the publisher in the admin, or PUBLISHER_NAME")
        )
    return missing


def claim_review(verdict, *, first_published=None, publisher=None) -> dict:
    """The ClaimReview JSON-LD object of a PublicVerdict (its claim is the copy pinned at
    publication). `first_published` is when the claim's first verdict was published (a
    correction keeps that date and adds dateModified). `publisher` (read when not given) is
    both its author and its publisher."""
    organisation = (publisher or publisher_current()).as_organization()
    claim = verdict.claim
    first_published = first_published or verdict.published_at
    item = {"@type": "Claim"}
    if claim.language:
        item["inLanguage"] = claim.language  # the claim as it was made; the review may be in another
    if claim.claimant_id:
        kind = "Organization" if claim.claimant.kind == "organisation" else "Person"
        item["author"] = {"@type": kind, "name": claim.claimant.name}
    said_on = _partial_date(claim)
    if said_on:
        item["datePublished"] = said_on
    appearance = verdict.pinned_appearance or {}
    if appearance.get("url"):
        work = {"@type": "CreativeWork", "url": appearance["url"]}
        if appearance.get("snapshot"):
            work["archivedAt"] = capture_url(appearance["snapshot"])
        item["appearance"] = [work]
        item["firstAppearance"] = work
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_url(verdict),
        "claimReviewed": claim.text,
        "author": organisation,
        "publisher": organisation,
        "datePublished": first_published.date().isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[verdict.rating],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": str(Rating(verdict.rating).label),
        },
        "itemReviewed": item,
    }
    if verdict.headline:
        review["name"] = verdict.headline  # as shown: the translation's on a translated page
    review |= _languages(verdict)
    if verdict.supersedes_id:
        review["dateModified"] = verdict.published_at.isoformat()
    return review


def _languages(verdict) -> dict:
    """The review's own language (the text on this page: the verdict's, or its translation's), and
    its links to the other: a translation names the original (`translationOfWork`), and the
    original lists its published translations (`workTranslation`)."""
    text_language = getattr(verdict, "text_language", "") or getattr(verdict, "language", "")
    found = {"inLanguage": text_language} if text_language else {}
    if getattr(verdict, "shown", None) is not None:
        original = {"@type": "ClaimReview", "url": public_url_in(verdict, verdict.language)}
        found["translationOfWork"] = original | {"inLanguage": verdict.language}
    elif getattr(verdict, "translations", None):
        found["workTranslation"] = [
            {"@type": "ClaimReview", "url": public_url_in(verdict, t.language), "inLanguage": t.language}
            for t in verdict.translations
        ]
    return found
