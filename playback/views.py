"""The playback origin: ReplayWeb.page and the archives it opens. Thin: the rules are in
playback.selectors and playback.tokens."""

import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from playback.selectors import ARCHIVE_KINDS, archive_kind, snapshot_for_playback
from playback.tokens import TokenRefused

ASSETS = {"ui.js": "text/javascript", "sw.js": "text/javascript"}
# ReplayWeb.page's frame opens /replay/ as soon as its service worker is registered; the worker
# serves it once active. Until then the request reaches us: wait for the worker, then load again.
STARTING_JS = b"""(function () {
  var last = (sessionStorage.getItem("replay-starting") || "0:0").split(":");
  var tries = Date.now() - Number(last[1]) < 60000 ? Number(last[0]) : 0;
  if (!navigator.serviceWorker || tries > 5) { document.body.textContent = "The replay could not start."; return; }
  navigator.serviceWorker.ready.then(function () {
    sessionStorage.setItem("replay-starting", (tries + 1) + ":" + Date.now());
    setTimeout(function () { location.reload(); }, 100 * (tries + 1));
  });
})();
"""
REPLAY_CSP = (
    "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self'; frame-src 'self'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
CHUNK = 64 * 1024
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _headers(response, csp=REPLAY_CSP):
    response._csp_exempt = True  # this origin's own policy, not the app's
    if csp:
        response["Content-Security-Policy"] = csp
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def home(request):
    return _headers(render(request, "playback/home.html"))


@require_safe
def replay_starting(request):
    response = render(request, "playback/starting.html")
    response["Cache-Control"] = "no-store"
    return _headers(response, csp=REPLAY_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'"))


@require_safe
def asset(request, name: str):
    if name == "starting.js":
        return _headers(HttpResponse(STARTING_JS, content_type="text/javascript"))
    if name not in ASSETS:
        raise Http404("No such file.")
    path = Path(settings.PLAYBACK_ASSETS_DIR) / name
    if not path.is_file():
        raise Http404("The replay files are not built: run `make replay`.")
    response = FileResponse(path.open("rb"), content_type=ASSETS[name])
    response["Cache-Control"] = "public, max-age=3600"
    if name == "sw.js":
        response["Service-Worker-Allowed"] = reverse("playback-asset", urlconf="playback.urls", args=["x"])[:-1]
    return _headers(response, csp=None)  # the service worker would be bound by the page's policy


def _refused(request, message: str, status: int):
    return _headers(render(request, "playback/refused.html", {"message": message}, status=status))


@require_safe
def replay(request, snapshot_id: int):
    token = request.GET.get("token", "")
    try:
        snapshot = snapshot_for_playback(snapshot_id=snapshot_id, token=token)
    except TokenRefused as refusal:
        return _refused(request, str(refusal), 403)
    if snapshot is None:
        return _refused(request, "There is no archive of this capture to replay.", 404)
    kind = archive_kind(snapshot)
    archive = reverse("playback-archive", urlconf="playback.urls", args=[snapshot.pk, kind])
    context = {
        "snapshot": snapshot,
        "archive": f"{archive}?token={token}" if token else archive,
        "url": snapshot.final_url or snapshot.source.normalized_url,
        "replay_base": reverse("playback-asset", urlconf="playback.urls", args=["x"])[:-1],
        "ts": snapshot.finished_at.strftime("%Y%m%d%H%M%S") if snapshot.finished_at else "",
    }
    response = render(request, "playback/replay.html", context)
    response["Cache-Control"] = "private, no-store"
    return _headers(response)


@require_safe
def archive(request, snapshot_id: int, kind: str):
    if kind not in ARCHIVE_KINDS:
        raise Http404("No such archive.")
    try:
        snapshot = snapshot_for_playback(snapshot_id=snapshot_id, token=request.GET.get("token", ""))
    except TokenRefused as refusal:
        return _headers(HttpResponse(str(refusal), status=403, content_type="text/plain; charset=utf-8"))
    if snapshot is None or archive_kind(snapshot) != kind:
        raise Http404("There is no such archive of this capture.")
    field, content_type = ARCHIVE_KINDS[kind]
    return _headers(_ranged(request, getattr(snapshot, field), content_type), csp="sandbox; default-src 'none'")


def _ranged(request, stored, content_type: str):
    """The stored file whole, or the one byte range asked for (ReplayWeb.page reads WACZ files by
    ranges)."""
    size = stored.size
    match = RANGE.match(request.headers.get("Range", "").strip())
    if not match or not (match[1] or match[2]):
        response = FileResponse(stored.open("rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        response["Cache-Control"] = "private, max-age=300"
        response["Cross-Origin-Resource-Policy"] = "same-origin"
        return response
    if match[1]:
        start, end = int(match[1]), min(int(match[2]) if match[2] else size - 1, size - 1)
    else:
        start, end = max(size - int(match[2]), 0), size - 1
    if start > end or start >= size:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response

    def chunks():
        with stored.open("rb") as handle:
            handle.seek(start)
            left = end - start + 1
            while left > 0:
                data = handle.read(min(CHUNK, left))
                if not data:
                    return
                left -= len(data)
                yield data

    response = StreamingHttpResponse(chunks(), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=300"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def bad_request(request, exception=None):
    return _refused(request, "This request could not be understood.", 400)


def forbidden(request, exception=None):
    return _refused(request, "This is not yours to see.", 403)


def not_found(request, exception=None):
    return _refused(request, "There is nothing to replay at this address.", 404)


def server_error(request):
    return _headers(HttpResponse("Something went wrong on our side.", status=500, content_type="text/plain"))
