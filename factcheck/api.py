"""Shared API plumbing: one error shape for every refusal."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler

from factcheck.errors import ActionForbidden, Conflict, DomainError, InvalidInput

_STATUS = {InvalidInput: 400, ActionForbidden: 403, Conflict: 409}


def api_exception_handler(exc, context):
    """{"error": {"code", "message", "fields"?}} with 400, 401/403, 404, 409 or 429."""
    if isinstance(exc, DomainError):
        code = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), 400)
        return Response({"error": {"code": type(exc).__name__, "message": exc.message}}, status=code)
    if isinstance(exc, RequestDataTooBig):
        message = f"The request is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes."
        return Response({"error": {"code": "too_large", "message": message}}, status=400)
    if isinstance(exc, (Http404, ObjectDoesNotExist)):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    body = {"code": getattr(exc, "default_code", "error"), "message": _message(exc)}
    if isinstance(exc, exceptions.ValidationError):
        body["code"], body["fields"] = "invalid", exc.detail
        body["message"] = "Some fields are not valid."
    response.data = {"error": body}
    if response.status_code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in response:
        response.status_code = status.HTTP_403_FORBIDDEN
    return response


def _message(exc) -> str:
    detail = getattr(exc, "detail", "")
    return str(detail) if not isinstance(detail, (list, dict)) else "The request was refused."


class FriendlyCursorPagination(CursorPagination):
    """A cursor that cannot be read is the client's mistake (400), not a missing page."""

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise InvalidInput("The cursor is not valid; start again from the first page.") from None


class PublishedCursorPagination(FriendlyCursorPagination):
    """Stable pages over an indexed ordering that never changes for a published row."""

    ordering = ("-published_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ConditionalGetMixin:
    """ETag (of the body) and Last-Modified on GET; 304 when the client already has it.
    A view sets `self.last_modified` (a datetime) while handling the request.

    A view whose answer is the same for every client may also keep it in the shared cache
    (`shared_page`): the next request for it skips the database and the rendering. Throttling and
    authentication have run before a view's handler, so they still apply to every request."""

    last_modified = None
    _keep_as = None

    def shared_page(self, key: str, build):
        """The answer kept under `key`, else `build()`'s (a Response), kept once rendered."""
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if seconds > 0:
            kept = cache.get(key)
            if kept is not None:
                body, self.last_modified = kept
                return HttpResponse(body, content_type="application/json")
            self._keep_as = (key, seconds)
        return build()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if hasattr(response, "render"):
            response.render()
            if self._keep_as:
                key, seconds = self._keep_as
                cache.set(key, (response.content, self.last_modified), seconds)
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        last_modified = int(self.last_modified.timestamp()) if self.last_modified else None
        if last_modified:
            response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = "public, max-age=60"
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


ERROR_RESPONSES = {
    "400": "The request is not valid (the message says why).",
    "401": "No valid credentials.",
    "403": "Not allowed for these credentials.",
    "404": "No such object.",
    "409": "The object is in another state, or changed since you read it (stale expected_version).",
    "429": "Too many requests; see Retry-After.",
}


def document_errors(result, generator, request, public):
    """drf-spectacular hook: every operation documents the one error shape, and GETs their 304."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "fields": {"type": "object", "additionalProperties": True},
                },
            }
        },
    }
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            responses = operation.setdefault("responses", {})
            for code, text in ERROR_RESPONSES.items():
                responses.setdefault(code, {"description": text, "content": error})
            if method == "get":
                responses.setdefault("304", {"description": "Not modified since the ETag or date you sent."})
    return result


class StaffCursorPagination(FriendlyCursorPagination):
    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


def staff_page(view, request, queryset, serializer_class):
    """One cursor page of `queryset`, serialized, newest first."""
    paginator = StaffCursorPagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True, context={"request": request}).data)


def cursor_page(item_serializer, name: str):
    """The schema of one cursor page of `item_serializer` objects."""
    return inline_serializer(
        name=name,
        fields={
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": item_serializer(many=True),
        },
    )


@csrf_exempt  # nothing happens here; a refused POST must still answer in JSON
def api_not_found(request, *args, **kwargs):
    """Under /api/, an address that matches nothing still answers in the API's error shape."""
    return JsonResponse({"error": {"code": "not_found", "message": "There is no such API address."}}, status=404)
