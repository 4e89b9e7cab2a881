"""Which URLs may be fetched at all: the one gate every outbound request passes.

Every URL is hostile. Only http and https; no credentials; the host is resolved
once and every address it resolves to must be public (or exempted by
CAPTURE_ALLOWED_PRIVATE as an exact host:port pair). The caller then connects
to the address that was checked, never to a second lookup of the name.
"""

import ipaddress
import socket
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sources.fetching.errors import FetchError
from sources.urls_normalize import encode_path, encode_query, host_ascii

DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_URL_LENGTH = 2048

# IPv6 ranges that carry an IPv4 address inside; the inner address decides.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_ALWAYS_REFUSED = (
    ipaddress.ip_network("100.64.0.0/10"),  # carrier-grade NAT
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments
    ipaddress.ip_network("198.18.0.0/15"),  # benchmarking
    ipaddress.ip_network("fec0::/10"),  # deprecated site-local
)
# More threads than a capture worker has (16, Procfile): a lookup never queues behind other
# captures' lookups, one of which may wait out a nameserver that does not answer. Threads are
# started only as lookups need them.
_resolver = ThreadPoolExecutor(max_workers=64, thread_name_prefix="resolve")


@dataclass(frozen=True)
class Target:
    """A URL that passed the gate, with the one address to connect to."""

    url: str  # as requested: the host in ASCII, path and query percent-encoded, no fragment
    scheme: str
    host: str  # as it goes in the Host header and TLS server name
    port: int
    path: str  # path and query, as sent in the request line
    address: str


@dataclass(frozen=True)
class Exemptions:
    """host:port pairs that may be fetched although not public (CAPTURE_ALLOWED_PRIVATE)."""

    pairs: frozenset = field(default_factory=frozenset)

    @classmethod
    def parse(cls, values) -> "Exemptions":
        pairs = set()
        for raw in values or ():
            host, sep, port = str(raw).strip().rpartition(":")
            if not sep or not port.isdigit() or not host:
                raise ValueError(f"CAPTURE_ALLOWED_PRIVATE entries are host:port, not {raw!r}")
            pairs.add((host.strip("[]").lower(), int(port)))
        return cls(frozenset(pairs))

    def allows(self, host: str, address: str, port: int) -> bool:
        return (host.lower(), port) in self.pairs or (address, port) in self.pairs


def literal_address(host: str):
    """The IP address a host name stands for literally, in any spelling
    (decimal, octal, hex, short forms like 127.1), or None for a DNS name."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if host and all(c in "0123456789abcdefABCDEFxX." for c in host) and not host.endswith("."):
        try:
            # inet_aton accepts exactly the spellings the C resolver would.
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def refusal(address) -> str | None:
    """Why `address` is not a public unicast address, or None if it is."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if inner is None and address.teredo:
            inner = address.teredo[1]
        if inner is None and any(address in net for net in _NAT64):
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None:
            reason = refusal(inner)
            return f"it embeds {inner}, which {reason}" if reason else None
        if address.scope_id:
            return "has a zone index (link-local)"
    checks = (
        ("is_unspecified", "is unspecified"),
        ("is_loopback", "is a loopback address"),
        ("is_link_local", "is link-local (this includes cloud metadata services)"),
        ("is_multicast", "is multicast"),
        ("is_private", "is a private address"),
        ("is_reserved", "is reserved"),
    )
    for attr, reason in checks:
        if getattr(address, attr):
            return reason
    if any(address in net for net in _ALWAYS_REFUSED if net.version == address.version):
        return "is in a range that is not public"
    if not address.is_global:
        return "is not a public address"
    return None


def split_url(url: str) -> tuple[str, str, int, str]:
    """scheme, host, port, path+query of an absolute http(s) URL, or FetchError."""
    if not isinstance(url, str) or not url.strip():
        raise FetchError("invalid_url", "The URL is empty.")
    if len(url) > MAX_URL_LENGTH:
        raise FetchError("invalid_url", f"The URL is longer than {MAX_URL_LENGTH} characters.")
    if any(ord(c) < 33 or c == "\\" for c in url):
        raise FetchError("invalid_url", "The URL contains spaces, control characters or backslashes.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError("invalid_url", f"The URL cannot be parsed ({exc}).") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise FetchError("unsupported_scheme", f"Only http and https can be fetched, not “{scheme or 'none'}”.")
    if "@" in parts.netloc:
        raise FetchError("credentials_in_url", "URLs with a user name or password are refused.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchError("invalid_url", "The URL has no host.")
    try:
        # The same forms as the cited URL's: IDNA 2008 host, path and query percent-encoded as UTF-8.
        host = host_ascii(host)
        path = encode_path(parts.path or "/") + (f"?{encode_query(parts.query)}" if parts.query else "")
    except ValueError as exc:  # HostError included
        raise FetchError("invalid_url", str(exc)) from None
    if port == 0:
        raise FetchError("invalid_url", "Port 0 cannot be fetched.")
    return scheme, host, port or DEFAULT_PORTS[scheme], path


def _resolve(host: str, port: int, timeout: float) -> list:
    future = _resolver.submit(socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=max(timeout, 0.01))
    except FutureTimeout:
        future.cancel()  # still queued: nobody waits for its answer any more
        raise FetchError("dns_timeout", f"Looking up {host} took too long.", transient=True) from None
    except socket.gaierror as exc:
        if exc.errno == socket.EAI_AGAIN:
            raise FetchError("dns_unavailable", f"Name lookup for {host} failed for now.", transient=True) from None
        raise FetchError("dns_failure", f"The host {host} does not exist.") from None
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def check_target(url: str, *, exemptions: Exemptions, dns_timeout: float = 5.0) -> Target:
    """Validate `url` and pick the checked address to connect to, or raise FetchError."""
    scheme, host, port, path = split_url(url)
    literal = literal_address(host)
    addresses = [literal] if literal is not None else _resolve(host, port, dns_timeout)
    if not addresses:
        raise FetchError("dns_failure", f"The host {host} has no address.")
    for address in addresses:
        reason = refusal(address)
        if reason and not exemptions.allows(host, str(address), port):
            # One bad address is enough: the name could rebind to it on the next lookup.
            if literal is None:
                where = f"{host} resolves to {address}, which"
            elif host.strip("[]") != str(address):
                where = f"{host} means {address}, which"
            else:
                where = f"{address}"
            raise FetchError("private_address", f"Refused: {where} {reason}.")
    address = addresses[0]
    host_header = f"[{host}]" if ":" in host else host
    authority = host_header if port == DEFAULT_PORTS[scheme] else f"{host_header}:{port}"
    return Target(
        url=f"{scheme}://{authority}{path}", scheme=scheme, host=host_header, port=port, path=path, address=str(address)
    )
