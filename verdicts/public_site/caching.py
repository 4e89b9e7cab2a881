"""Public pages kept in the shared cache, as the public API's lists are (`public_page_key`):
the same for every reader, and retired at once by any change they could show
(`verdicts.selectors.public_pages_changed`)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from verdicts.selectors import public_page_key

MAX_AGE = 60


def kept_page(request, build) -> HttpResponse:
    """The page kept for this address, else `build()`'s response, kept when it is a 200. Pages that
    refuse their query (a bad cursor) are not kept. An ETag lets a reader's cache ask again cheaply."""
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    key = public_page_key("page:" + request.build_absolute_uri()) if seconds > 0 else None
    kept = cache.get(key) if key else None
    if kept is not None:
        body, content_type = kept
        response = HttpResponse(body, content_type=content_type)
    else:
        response = build()
        if hasattr(response, "render"):
            response.render()
        if key and response.status_code == 200 and not getattr(response, "streaming", False):
            cache.set(key, (response.content, response["Content-Type"]), seconds)
    if response.status_code != 200:
        return response
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return get_conditional_response(request, etag=etag, response=response)
