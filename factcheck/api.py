"""Shared API plumbing: one error shape for every refusal."""

import base64
import hashlib
import re
from datetime import UTC, datetime
from urllib.parse import parse_qsl

import orjson
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, RequestDataTooBig, ValidationError
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler

from factcheck.errors import DomainError, InvalidInput


def api_exception_handler(exc, context):
    """{"error": {"code", "message", "fields"?}} with 400, 401/403, 404, 409 or 429."""
    if isinstance(exc, DomainError):
        return Response({"error": {"code": type(exc).__name__, "message": exc.message}}, status=exc.http_status)
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
    """A cursor that cannot be used is the client's mistake: 400 in the API's error shape, never a
    500 and never a silently different page. The whole cursor is checked before any query runs:
    strict base64 of a query string holding at most `o` (an offset up to `offset_cutoff`), `r` (0
    or 1) and `p` (a value of the ordering field's type, as the database can compare it)."""

    invalid_cursor = "The cursor is not valid; start again from the first page."
    max_cursor_length = 512

    def paginate_queryset(self, queryset, request, view=None):
        self._queryset = queryset  # decode_cursor reads the ordering field's type from it
        return super().paginate_queryset(queryset, request, view=view)

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None or encoded == "":
            return None
        try:
            if len(encoded) > self.max_cursor_length:
                raise ValueError("too long")
            # A "+" sent unescaped in a query string arrives as a space.
            raw = base64.b64decode(encoded.replace(" ", "+"), validate=True).decode("ascii")
            tokens = parse_qsl(raw, keep_blank_values=True, strict_parsing=True, max_num_fields=3, errors="strict")
        except ValueError:  # binascii.Error and UnicodeError included
            raise InvalidInput(self.invalid_cursor) from None
        values = dict(tokens)
        if len(values) != len(tokens) or not set(values) <= {"o", "r", "p"}:
            raise InvalidInput(self.invalid_cursor)
        offset, reverse = values.get("o", "0"), values.get("r", "0")
        if not re.fullmatch(r"[0-9]{1,7}", offset) or int(offset) > self.offset_cutoff or reverse not in ("0", "1"):
            raise InvalidInput(self.invalid_cursor)
        position = values.get("p")
        if position is not None:
            position = self._position(position)
        return Cursor(offset=int(offset), reverse=reverse == "1", position=position)

    def _position(self, raw: str) -> str:
        """The position as the paginator itself would have written it, or a refusal."""
        field = _ordering_field(self._queryset, self.ordering[0].lstrip("-"))
        try:
            value = field.to_python(raw)
            if value is None:
                raise ValidationError("empty")
            field.run_validators(value)  # integer ranges among them
            if isinstance(value, datetime):
                # The paginator writes UTC; any other offset, or none, is read as meant and made UTC.
                value = (timezone.make_aware(value, UTC) if timezone.is_naive(value) else value).astimezone(UTC)
        except (ValidationError, OverflowError, ValueError, TypeError):
            raise InvalidInput(self.invalid_cursor) from None
        return str(value)


def _ordering_field(queryset, name: str):
    """The model field (or annotation) a cursor position is compared with."""
    try:
        return queryset.model._meta.get_field(name)
    except FieldDoesNotExist:
        return queryset.query.annotations[name].output_field


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

    def shared_page(self, key, build):
        """The answer kept under `key()`, else `build()`'s (a response), kept once rendered. The key
        is asked for before anything is built, and only when pages are kept."""
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if seconds > 0:
            key = key()
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


PAGE_PARAMETERS = [
    OpenApiParameter("cursor", str, description="The `next` or `previous` link's cursor, as given."),
    OpenApiParameter("page_size", int, description="Up to 100"),
]


def cursor_page_json(paginator, items: list[str]) -> HttpResponse:
    """A cursor page whose items are JSON text already (compact, as orjson writes them): the same
    bytes as the renderer's of {"next", "previous", "results"}, without parsing the items again."""
    links = orjson.dumps({"next": paginator.get_next_link(), "previous": paginator.get_previous_link()})
    body = b"".join((links[:-1], b',"results":[', ",".join(items).encode(), b"]}"))
    return HttpResponse(body, content_type="application/json")


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
