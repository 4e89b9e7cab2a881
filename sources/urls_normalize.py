"""Canonical form of a cited URL, so one document is one Source."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from factcheck.errors import InvalidInput

MAX_URL_LENGTH = 2048
_TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "ref_src"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(raw: str) -> str:
    """Lower-case scheme and host, IDNA host, no default port, no fragment,
    no tracking parameters, remaining query parameters sorted.

    Raises InvalidInput for anything that is not a plain http(s) URL.
    """
    url = (raw or "").strip()
    if not url:
        raise InvalidInput("Enter a URL.")
    if len(url) > MAX_URL_LENGTH:
        raise InvalidInput(f"The URL is longer than {MAX_URL_LENGTH} characters.")
    if any(ch.isspace() or ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in url):
        raise InvalidInput("The URL contains spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidInput(f"This is not a valid URL ({exc}).") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise InvalidInput("Only http:// and https:// URLs can be cited.")
    if parts.username or parts.password:
        raise InvalidInput("URLs with a user name or password are not accepted.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise InvalidInput("The URL has no host name.")
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InvalidInput("The URL's host name is not valid.") from None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING_PARAMS
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def url_domain(normalized: str) -> str:
    return urlsplit(normalized).hostname or ""
