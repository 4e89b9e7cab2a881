"""URLs as browsers send them, and the canonical form of a cited URL, so one document is one Source.

Host names go through IDNA 2008 with UTS 46 mapping (the `idna` package): `straße.de` is
`xn--strae-oqa.de`, never `strasse.de` as Python's own IDNA 2003 codec would have it, which is
another domain. Paths and query strings that hold characters outside ASCII (IRIs) are
percent-encoded as UTF-8, as browsers do. The fetcher uses the same host and path forms, so the
address checked is the address fetched.
"""

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import idna
from django.utils.translation import gettext, ngettext

from factcheck.errors import InvalidInput

MAX_URL_LENGTH = 2048
MAX_HOST_LENGTH = 253
_TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "ref_src"}
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Printable ASCII that stays as it is: all of it but what browsers percent-encode in a path or a
# query (the WHATWG URL standard's path and special-query percent-encode sets). "%" stays, so an
# escape already there is not escaped again.
_PRINTABLE = "".join(chr(c) for c in range(0x21, 0x7F))
_PATH_SAFE = "".join(c for c in _PRINTABLE if c not in '"#<>?`{}^')
_QUERY_SAFE = "".join(c for c in _PRINTABLE if c not in "\"#<>'")
# A label in ASCII that is not an A-label: what DNS names and browsers accept (underscores too).
_ASCII_LABEL = re.compile(r"[a-z0-9_-]{1,63}")


class HostError(ValueError):
    """A host name that cannot be a domain name; the message says why, for the person who typed it."""


def host_ascii(host: str) -> str:
    """The host as it goes to DNS, the Host header and TLS.

    IPv6 literals are lower-cased. Other names are mapped by UTS 46 (case, width, compatibility
    forms: `ＥＸＡＭＰＬＥ` is `example`, `①②⑦` is `127`; `ß` stays `ß`, as in IDNA 2008), then each
    label that is not plain ASCII, or is an A-label (`xn--`), must be valid IDNA 2008 and is written
    as an A-label. Plain ASCII labels keep what browsers accept: letters, digits, hyphens and
    underscores."""
    if ":" in host:  # an IPv6 literal, which urlsplit has already checked
        return host.lower()
    try:
        mapped = idna.uts46_remap(host, std3_rules=False, transitional=False)
    except (idna.IDNAError, UnicodeError) as exc:
        raise HostError(
            gettext("The host name “%(host)s” is not valid (%(why)s).") % {"host": host, "why": exc}
        ) from None
    mapped = mapped.rstrip(".")
    if not mapped:
        raise HostError(gettext("The URL has no host name."))
    labels = []
    for label in mapped.split("."):
        if label.isascii() and not label.startswith("xn--"):
            if not _ASCII_LABEL.fullmatch(label):
                raise HostError(
                    gettext(
                        "The host name “%(host)s” is not valid: each part between dots holds 1 to 63 letters, "
                        "digits, hyphens or underscores."
                    )
                    % {"host": host}
                )
            labels.append(label)
            continue
        try:
            labels.append(idna.alabel(label).decode("ascii"))
        except (idna.IDNAError, UnicodeError) as exc:
            raise HostError(
                gettext("The host name “%(host)s” is not a valid internationalized domain name (%(why)s).")
                % {"host": host, "why": exc}
            ) from None
    ascii_host = ".".join(labels)
    if len(ascii_host) > MAX_HOST_LENGTH:
        said = ngettext(
            "The host name is longer than %(most)s character.",
            "The host name is longer than %(most)s characters.",
            MAX_HOST_LENGTH,
        )
        raise HostError(said % {"most": MAX_HOST_LENGTH})
    return ascii_host


def encode_path(path: str) -> str:
    """The path as browsers send it: other than ASCII, UTF-8 percent-encoded (`/café` is `/caf%C3%A9`)."""
    return _encode(path, _PATH_SAFE)


def encode_query(query: str) -> str:
    """The query string as browsers send it, its pairs in the order given."""
    return _encode(query, _QUERY_SAFE)


def _encode(text: str, safe: str) -> str:
    try:
        return quote(text, safe=safe, encoding="utf-8", errors="strict")
    except UnicodeEncodeError:  # a lone surrogate: not text at all
        raise ValueError(gettext("The URL contains characters that are not text.")) from None


def normalize_url(raw: str) -> str:
    """Lower-case scheme and host, IDNA 2008 host, no default port, no fragment, path and query
    percent-encoded as UTF-8, no tracking parameters, remaining query parameters sorted.

    Raises InvalidInput for anything that is not a plain http(s) URL.
    """
    url = (raw or "").strip()
    if not url:
        raise InvalidInput(gettext("Enter a URL."))
    if len(url) > MAX_URL_LENGTH:
        said = ngettext(
            "The URL is longer than %(most)s character.", "The URL is longer than %(most)s characters.", MAX_URL_LENGTH
        )
        raise InvalidInput(said % {"most": MAX_URL_LENGTH})
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise InvalidInput(gettext("The URL contains spaces or control characters."))
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in url):  # a lone surrogate: UTF-8 (and PostgreSQL) cannot take it
        raise InvalidInput(gettext("The URL contains characters that are not text."))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidInput(gettext("This is not a valid URL (%(why)s).") % {"why": exc}) from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise InvalidInput(gettext("Only http:// and https:// URLs can be cited."))
    if parts.username or parts.password:
        raise InvalidInput(gettext("URLs with a user name or password are not accepted."))
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise InvalidInput(gettext("The URL has no host name."))
    try:
        host = host_ascii(host)
        path = encode_path(parts.path) or "/"
        query = _canonical_query(encode_query(parts.query))
    except ValueError as exc:  # HostError included
        raise InvalidInput(str(exc)) from None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    normalized = urlunsplit((scheme, netloc, path, query, ""))
    if len(normalized) > MAX_URL_LENGTH:
        raise InvalidInput(
            ngettext(
                "The URL is longer than %(most)s character once its characters are encoded.",
                "The URL is longer than %(most)s characters once its characters are encoded.",
                MAX_URL_LENGTH,
            )
            % {"most": MAX_URL_LENGTH}
        )
    return normalized


def _canonical_query(query: str) -> str:
    """Pairs sorted, tracking parameters dropped, each byte kept: escapes are read as single bytes
    (Latin-1), so a query in another encoding than UTF-8 is not altered."""
    pairs = parse_qsl(query, keep_blank_values=True, encoding="latin-1")
    kept = sorted((k, v) for k, v in pairs if not k.lower().startswith("utm_") and k.lower() not in _TRACKING_PARAMS)
    return urlencode(kept, encoding="latin-1")


def url_domain(normalized: str) -> str:
    return urlsplit(normalized).hostname or ""
