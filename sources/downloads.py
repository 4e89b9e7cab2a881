"""Uploaded evidence as a download: never shown as a page, whatever it holds."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from sources.uploads import EXTENSIONS, GZIP_MAGIC, download_extension
from sources.views import SANDBOX_CSP, _snapshot_or_refuse, stored_open


@require_GET
def capture_evidence(request, snapshot_id: int):
    """The file a person uploaded as evidence, for those who may see the capture: an attachment
    with a type from the accepted list (never one a browser renders as a page) and `nosniff`."""
    snapshot = _snapshot_or_refuse(request, snapshot_id)
    if snapshot is None:
        raise PermissionDenied
    if not snapshot.uploaded_file:
        raise Http404("This capture has no uploaded file.")
    content_type = snapshot.content_type if snapshot.content_type in EXTENSIONS else "application/octet-stream"
    payload = stored_open(snapshot.payload)
    try:
        suffix = download_extension(snapshot.content_type, payload.read(len(GZIP_MAGIC)))  # a gzipped WARC: .warc.gz
        payload.seek(0)
    except Exception:
        payload.close()
        raise
    response = FileResponse(
        payload,
        as_attachment=True,
        filename=f"evidence-{snapshot.pk}-{snapshot.payload_sha256[:12]}{suffix}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Payload-SHA256"] = snapshot.payload_sha256
    return response
