"""Viewing captures without letting them act in the app's origin.

The captured page itself is only ever served with a CSP `sandbox` (no scripts,
an opaque origin, nothing fetched from elsewhere) and `nosniff`, to be shown
inside a sandboxed frame; anything that is not HTML is a download.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from playback.selectors import playback_url
from sources.extract import media_type, web_charset
from sources.selectors import snapshot_for_viewer, snapshot_previous

SANDBOX_CSP = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
)
HTML_TYPES = {"text/html", "application/xhtml+xml"}


def _snapshot_or_refuse(request, snapshot_id):
    """The snapshot if this person may see it. Otherwise None for an anonymous
    visitor (sent to sign in), 403 without the permission, 404 if there is none."""
    snapshot = snapshot_for_viewer(snapshot_id=snapshot_id, user=request.user)
    if snapshot is None:
        if not request.user.is_authenticated:
            return None
        raise Http404 if request.user.has_perm("sources.view_snapshot") else PermissionDenied
    return snapshot


@require_GET
def capture_detail(request, snapshot_id: int):
    snapshot = _snapshot_or_refuse(request, snapshot_id)
    if snapshot is None:
        return redirect_to_login(request.get_full_path())
    staff = request.user.is_authenticated and request.user.has_perm("sources.view_snapshot")
    context = {
        "title": f"Capture #{snapshot.pk}",
        "snapshot": snapshot,
        "is_html": media_type(snapshot.content_type) in HTML_TYPES,
        "passage": _passage(snapshot.text, request.GET.get("passage", "")),
        "replay_url": playback_url(snapshot=snapshot),
        "uploaded": snapshot.method == snapshot.Method.UPLOAD,
    }
    if not staff:  # readers of a published verdict: the public site's page, no newsroom chrome
        return render(request, "sources/capture_public.html", context)
    context["previous"] = snapshot_previous(snapshot=snapshot)
    context["followed_by"] = snapshot.followed_by.order_by("-id").first()  # the browser capture that judged it
    # The newsroom's view of it: in the language of its address, else in the person's own.
    language = translation.get_language_from_path(request.path_info)
    if not language and hasattr(request, "newsroom_language"):
        language = request.newsroom_language()
    with translation.override(language or translation.get_language()):
        return render(request, "sources/capture_detail.html", context)


def _passage(text: str, value: str) -> tuple[str, str, str] | None:
    """The text cut around a passage given as `start-end` (a citation's place in it), or None."""
    start, _, end = value.partition("-")
    if not (start.isdigit() and end.isdigit() and len(value) <= 24):
        return None
    start, end = int(start), int(end)
    if not 0 <= start < end <= len(text):
        return None
    return text[:start], text[start:end], text[end:]


@require_GET
@xframe_options_sameorigin
def capture_raw(request, snapshot_id: int):
    snapshot = _snapshot_or_refuse(request, snapshot_id)
    if snapshot is None:
        raise PermissionDenied
    if not snapshot.payload:
        raise Http404("This capture has no stored page.")
    kind = media_type(snapshot.content_type)
    payload = snapshot.payload.open("rb")
    if kind in HTML_TYPES:
        response = FileResponse(payload, content_type=f"{kind}; charset={_charset(snapshot)}")
    else:
        response = FileResponse(
            payload,
            as_attachment=True,
            filename=f"capture-{snapshot.pk}{_extension(kind)}",
            content_type="application/octet-stream",
        )
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def stored_open(stored):
    """A stored file opened for reading; a 404 when the storage no longer has it (not a 500)."""
    try:
        return stored.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("This file is no longer in the archive's storage.") from exc


def _stored_file(request, snapshot_id: int, field: str, missing: str, filename, content_type: str):
    """A capture's stored file as a download (never shown as a page), for those who may see it."""
    snapshot = _snapshot_or_refuse(request, snapshot_id)
    if snapshot is None:
        raise PermissionDenied
    stored = getattr(snapshot, field)
    if not stored:
        raise Http404(missing)
    response = FileResponse(
        stored_open(stored), as_attachment=True, filename=filename(snapshot), content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return snapshot, response


@require_GET
def capture_payload(request, snapshot_id: int):
    """The exact bytes stored for a capture, as a file (what its SHA-256 is taken of): never shown
    as a page, whatever it holds."""
    snapshot, response = _stored_file(
        request, snapshot_id, "payload", "This capture has no stored page.",
        lambda s: f"capture-{s.pk}-{s.payload_sha256}.bin", "application/octet-stream",
    )  # fmt: skip
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["X-Payload-SHA256"] = snapshot.payload_sha256
    return response


ARCHIVES = {  # a capture's archive files: its WARC, and a browser capture's WACZ package
    "warc": ("This capture has no WARC file.", ".warc.gz", "application/warc"),
    "wacz": ("This capture has no WACZ package.", ".wacz", "application/wacz"),
}


def _archive(request, snapshot_id: int, kind: str):
    missing, suffix, content_type = ARCHIVES[kind]
    _, response = _stored_file(request, snapshot_id, kind, missing, lambda s: f"capture-{s.pk}{suffix}", content_type)
    return response


@require_GET
def capture_warc(request, snapshot_id: int):
    return _archive(request, snapshot_id, "warc")


@require_GET
def capture_wacz(request, snapshot_id: int):
    """The WACZ package of a browser capture, which ReplayWeb.page and other replay tools open."""
    return _archive(request, snapshot_id, "wacz")


@require_GET
@xframe_options_sameorigin
def capture_screenshot(request, snapshot_id: int):
    """A capture's screenshot, shown as an image (a PNG the browser made, or the re-encoded image
    of uploaded evidence): never as a page, never sniffed as anything else."""
    snapshot = _snapshot_or_refuse(request, snapshot_id)
    if snapshot is None:
        raise PermissionDenied
    if not snapshot.screenshot:
        raise Http404("This capture has no screenshot.")
    response = FileResponse(snapshot.screenshot.open("rb"), content_type="image/png")
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, max-age=3600" if not snapshot.public else "public, max-age=3600"
    return response


def _charset(snapshot) -> str:
    """The charset by the name browsers know (captures stored before kept Python's codec names)."""
    if not snapshot.charset:
        return "utf-8"
    return web_charset(snapshot.charset) or "windows-1252"  # what browsers fall back to


def _extension(kind: str) -> str:
    return {"application/pdf": ".pdf", "text/plain": ".txt", "application/json": ".json"}.get(kind, ".bin")
