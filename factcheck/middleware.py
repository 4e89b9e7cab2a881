"""What every request goes through before the rest of the stack: the health probe, the client's
real address, and the size limit on what a client may send."""

import ipaddress
import re

from django.conf import settings
from django.http import HttpResponse, JsonResponse

from factcheck.views import healthz


class HealthCheckMiddleware:
    """Answer `/healthz` before host validation and the HTTPS redirect.

    The orchestrator's probe talks to gunicorn directly, over plain HTTP and with whatever Host it
    likes; it must learn whether the database and the broker answer, not be redirected to https or
    refused for its Host header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)


def client_address(request) -> str:
    """The client as the API's throttles and the sign-in limit count it: the address
    `ClientAddressMiddleware` found, with an IPv4-mapped IPv6 address as plain IPv4, and an IPv6
    address as its /64 network (one subscriber's allocation, whose addresses cost nothing to
    rotate through)."""
    return rate_limit_key(request.META.get("REMOTE_ADDR", ""))


def rate_limit_key(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def trusted_peer(remote_addr: str) -> bool:
    """Whether the connection comes from one of our proxies (TRUSTED_PROXY_ADDRESSES)."""
    try:
        peer = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(peer in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXY_ADDRESSES)


def forwarded_client(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str:
    """The client's address given the peer's address, the X-Forwarded-For header and how many
    proxies of ours stand in front of the app.

    Each proxy appends the address it was connected from, so with N proxies of ours the client is
    the N-th address from the right; anything further left was written by the client and is not
    believed. With no trusted proxy, or a header shorter than the chain of proxies (the request
    did not come through them all), the peer's own address is the client's."""
    if trusted_proxies <= 0 or not forwarded_for:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",")]
    if len(hops) < trusted_proxies:
        return remote_addr
    candidate = hops[-trusted_proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


class ClientAddressMiddleware:
    """Put the real client's address in REMOTE_ADDR, once, for everything after it.

    `TRUSTED_PROXIES` says how many reverse proxies of ours forward requests to the app (1 behind
    the Caddy of docker-compose), and `TRUSTED_PROXY_ADDRESSES` where the nearest one connects
    from. A request from anywhere else (another container, a local user) is taken as the client's
    own, and its X-Forwarded-Proto is dropped too. X-Forwarded-For is removed afterwards, so that
    nothing later (DRF's throttles, django-axes, a library) can read an address a client wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        peer, forwarded_for = meta.get("REMOTE_ADDR", ""), meta.pop("HTTP_X_FORWARDED_FOR", "")
        if settings.TRUSTED_PROXIES > 0 and trusted_peer(peer):
            meta["REMOTE_ADDR"] = forwarded_client(peer, forwarded_for, settings.TRUSTED_PROXIES)
        else:
            meta.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse a request body over `MAX_REQUEST_BYTES` before anything reads it (413).

    The proxy in front has the same limit; this one holds when the app is reached another way.
    Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) still bound what is parsed into memory.
    Uploading evidence for a citation (EVIDENCE_UPLOAD_PATH) may send up to
    EVIDENCE_UPLOAD_MAX_REQUEST_BYTES; the file's own cap by kind is the service's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _refusal(request, 400, "bad_length", "The request's Content-Length is not a number.")
        most = settings.MAX_REQUEST_BYTES
        if length > most and re.match(settings.EVIDENCE_UPLOAD_PATH, request.path_info):
            most = settings.EVIDENCE_UPLOAD_MAX_REQUEST_BYTES
        if length > most:
            limit = most / (1024 * 1024)
            return _refusal(request, 413, "too_large", f"The request is too large: at most {limit:g} MiB may be sent.")
        return self.get_response(request)


def _refusal(request, status: int, code: str, message: str) -> HttpResponse:
    """The API's error shape on API paths, plain text elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"error": {"code": code, "message": message}}, status=status)
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
