"""The newsroom in each person's language (newsroom.languages): placed after the authentication
middleware, it switches every page that is neither a readers' page nor the API."""

from django.urls import Resolver404, resolve
from django.utils import translation

from factcheck.views import readers_pages
from newsroom.languages import request_language

# The readers' site's addresses besides its pages (sitemaps, the logo) and the probes: they stay in
# the default language whoever asks, so that what they list is the same for every crawler.
READERS_ROUTES = frozenset({"public-sitemap", "public-sitemap-section", "publisher-logo", "healthz", "favicon"})


def is_readers_page(path: str) -> bool:
    """Whether `path` is one of the readers' pages, whose language is in their address."""
    if translation.get_language_from_path(path):
        return True
    try:
        name = resolve(path).url_name
    except Resolver404:
        return False
    return name in readers_pages() or name in READERS_ROUTES


class PersonLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/api/"):
            return self.get_response(request)
        if is_readers_page(path):
            # A readers' page that draws the newsroom's view for staff (a capture's) may ask for it.
            request.newsroom_language = lambda: request_language(request)
            return self.get_response(request)
        language = request_language(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):  # for this request only, not for what runs after it
            response = self.get_response(request)
        response.headers["Content-Language"] = language
        return response
