"""What the public templates are given beyond the selectors' rows: JSON-LD and link-preview facts."""

import json

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from verdicts import claimreview

# Inside <script>, these could end the element or start markup: write them as escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(value) -> SafeString:
    """JSON to put inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(value, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308


def meta(request, *, title: str, description: str = "", kind: str = "website") -> dict:
    """Open Graph and Twitter card facts of a page: the canonical address is on SITE_URL."""
    description = " ".join(description.split())
    if len(description) > 200:
        description = description[:199].rsplit(" ", 1)[0] + "…"
    return {"title": title, "description": description, "url": settings.SITE_URL + request.get_full_path(),
            "type": kind}  # fmt: skip


def item_list(verdicts) -> dict:
    """schema.org ItemList of a page of PublicVerdicts, in the order shown."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "numberOfItems": len(verdicts),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "url": claimreview.public_url(verdict),
             "name": verdict.headline or verdict.claim.text[:200]}
            for position, verdict in enumerate(verdicts, start=1)
        ],
    }  # fmt: skip
