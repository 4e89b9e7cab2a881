from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from factcheck.health import broker_state, database_state


@never_cache
@require_GET
def healthz(request):
    """200 with the state of each dependency; 503 when one is down."""
    state = {"database": database_state(), "broker": broker_state()}
    ok = all(part["ok"] for part in state.values())
    return JsonResponse({"status": "ok" if ok else "degraded", **state}, status=200 if ok else 503)
