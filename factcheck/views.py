from django.http import HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
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
