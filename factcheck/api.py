"""Shared API plumbing: one error shape for every refusal."""

import hashlib

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework import exceptions, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle
from rest_framework.views import exception_handler

from factcheck.errors import ActionForbidden, Conflict, DomainError, InvalidInput
from factcheck.models import ApiKey

_STATUS = {InvalidInput: 400, ActionForbidden: 403, Conflict: 409}


def api_exception_handler(exc, context):
    """{"error": {"code", "message", "fields"?}} with 400, 401/403, 404, 409 or 429."""
    if isinstance(exc, DomainError):
        code = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), 400)
        return Response({"error": {"code": type(exc).__name__, "message": exc.message}}, status=code)
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


class _RateFromSettings:
    """Read the rate when asked, so configuration changes apply without a restart of the class."""

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get(self.scope)


class AnonThrottle(_RateFromSettings, AnonRateThrottle):
    pass


class UserThrottle(_RateFromSettings, UserRateThrottle):
    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey):
            return None  # keys have their own throttle
        return super().get_cache_key(request, view)


class KeyThrottle(SimpleRateThrottle):
    """Each API key has its own budget: its `rate`, else API_THROTTLE_KEY."""

    scope = "key"

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get("key", "1000/min")

    def allow_request(self, request, view):
        if not isinstance(request.auth, ApiKey):
            return True
        self.rate = request.auth.rate or self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return f"throttle_key_{request.auth.pk}"


class PublishedCursorPagination(CursorPagination):
    """Stable pages over an indexed ordering that never changes for a published row."""

    ordering = ("-published_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ConditionalGetMixin:
    """ETag (of the body) and Last-Modified on GET; 304 when the client already has it.
    A view sets `self.last_modified` (a datetime) while handling the request."""

    last_modified = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        last_modified = int(self.last_modified.timestamp()) if self.last_modified else None
        if last_modified:
            response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = "public, max-age=60"
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
