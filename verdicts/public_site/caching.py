"""Public pages kept in the shared cache, as the public API's lists are (`public_page_key`):
the same for every reader, and retired at once by any change they could show
(`verdicts.selectors.public_pages_changed`), then built again by a worker (`public_pages_warm`)."""

import functools
import hashlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.base import BaseHandler
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response

from verdicts.languages import site_languages
from verdicts.selectors import public_page_key

logger = logging.getLogger(__name__)

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


# What readers ask for first: the API's list as clients page it (the default size and the largest),
# and the readers' index in each language.
API_FIRST_PAGES = ("/api/v1/verdicts/", "/api/v1/verdicts/?page_size=100")


def first_pages() -> list[str]:
    """The addresses (paths) `public_pages_warm` builds."""
    index = []
    for language in site_languages():
        with translation.override(language):
            index.append(reverse("verdict-index"))
    return [*API_FIRST_PAGES, *index]


@functools.cache
def _handler() -> BaseHandler:
    handler = BaseHandler()
    handler.load_middleware()
    return handler


def public_pages_warm() -> list[str]:
    """Build the first pages into the shared cache after a change, so that the next reader finds
    them kept. Each is asked for as a reader would ask at SITE_URL, through the whole stack (the
    view keeps it under the key readers look up), so it is the same page, headers and all.

    A kept page is stored under the version of the published set that was read before the page
    was built (the views ask for the key first): a change made meanwhile moves readers to a newer
    version, so a page built from older rows is never served after it. Returns the paths kept."""
    if settings.PUBLIC_PAGE_CACHE_SECONDS <= 0:
        return []
    from django.test import RequestFactory  # django.test loads much (Jinja2 among it): only here

    site = urlsplit(settings.SITE_URL)
    factory, secure = RequestFactory(HTTP_HOST=site.netloc), site.scheme == "https"
    kept = []
    for path in first_pages():
        response = _handler().get_response(factory.get(path, secure=secure))
        if response.status_code == 200:
            kept.append(path)
        else:
            logger.warning("Could not build %s%s for the cache: %s", settings.SITE_URL, path, response.status_code)
    return kept
