"""Shared API plumbing: one error shape for every refusal."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from factcheck.errors import ActionForbidden, Conflict, DomainError, InvalidInput

_STATUS = {InvalidInput: 400, ActionForbidden: 403, Conflict: 409}


def api_exception_handler(exc, context):
    """{"error": {"code", "message", "fields"?}} with 400, 401/403, 404, 409 or 429."""
    if isinstance(exc, DomainError):
        code = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), 400)
        return Response({"error": {"code": type(exc).__name__, "message": exc.message}}, status=code)
    if isinstance(exc, Http404):
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
