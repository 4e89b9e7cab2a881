import functools

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import get_language_from_path
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from factcheck.health import broker_state, database_state


@never_cache
@require_GET
def healthz(request):
    """200 with the state of each dependency; 503 when one is down."""
    state = {"database": database_state(), "broker": broker_state()}
    ok = all(part["ok"] for part in state.values())
    return JsonResponse({"status": "ok" if ok else "degraded", **state}, status=200 if ok else 503)


@cache_control(max_age=86400, public=True)
@require_GET
def favicon(request):
    """Browsers ask every site for /favicon.ico: the static file's address."""
    return HttpResponseRedirect(static("newsroom/favicon.ico"))


def not_found(request, exception=None):
    """404: the readers' own page, in their language, at a reader's address; the newsroom's elsewhere."""
    language = get_language_from_path(request.path_info)
    if language and request.path_info.strip("/") == language:  # /uk/, /es/: the readers' home is the index
        return HttpResponseRedirect(reverse("verdict-index"))
    try:
        readers = resolve(request.path_info).url_name in readers_pages()
    except Resolver404:
        readers = bool(language)
    if readers:
        return render(request, "verdicts/public/not_found.html", status=404)
    return defaults.page_not_found(request, exception)


@functools.cache
def readers_pages() -> frozenset[str]:
    """The readers' pages by name: those published in each language (factcheck.urls)."""
    from sources.urls import translated_patterns as captures
    from verdicts.urls import translated_patterns

    return frozenset(pattern.name for pattern in [*translated_patterns, *captures])
