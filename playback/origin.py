"""Which origin a request came to: the app's, or the playback origin where archived pages replay.

Archived pages run their own scripts when they replay. They do so on a different *site* from the
app (cookies ignore ports, so a different host name, not only a different port), where there is no
session to read and no API to call with one.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port


def host_and_port(origin: str) -> tuple[str, str]:
    """An origin's host name and port (the scheme's default when none is written)."""
    parts = urlsplit(origin)
    try:
        port = parts.port
    except ValueError:
        port = None
    port = port or {"http": 80, "https": 443}.get(parts.scheme)
    return (parts.hostname or "").lower(), str(port or "")


def is_playback_request(request) -> bool:
    """True when the request's Host is the playback origin's (name and port)."""
    if not settings.PLAYBACK_ORIGIN:
        return False
    host, port = host_and_port(settings.PLAYBACK_ORIGIN)
    name, given_port = split_domain_port(request.get_host())
    return name == host and (given_port or ("443" if request.is_secure() else "80")) == port


def site_of(origin: str) -> str:
    """Roughly what a browser keys cookies by: the host's last two labels (an IP address or a
    one-label name is its own site). Enough to catch a playback origin that is only another port
    or a subdomain of the app's."""
    host = host_and_port(origin)[0]
    if not host or ":" in host or host.replace(".", "").isdigit() or "." not in host:
        return host
    return ".".join(host.split(".")[-2:])
