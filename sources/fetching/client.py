"""The HTTP client for captures: manual redirects, a total deadline, a byte cap.

Every hop goes through `policy.check_target` and connects to the address that
was checked. Bodies are read in chunks: the raw bytes (after de-chunking, before
content decoding) are kept for the WARC, the decoded bytes for hashing and
extraction, both capped, so neither a huge body nor a gzip bomb gets through.
"""

import contextlib
import http.client
import io
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import certifi
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection

from sources.fetching.errors import FetchError
from sources.fetching.policy import DEFAULT_PORTS, Exemptions, Target, check_target, split_url

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str
    exemptions: Exemptions = field(default_factory=Exemptions)
    deadline: float = 60.0  # seconds for the whole capture, redirects included
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 10


@dataclass
class Exchange:
    """One request and its response, as sent and received."""

    url: str
    address: str
    started_at: datetime
    request_headers: list[tuple[str, str]]
    status: int = 0
    reason: str = ""
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)
    raw_body: bytes = b""  # transfer-decoded, content-encoded
    body: bytes = b""  # content-decoded
    truncated: bool = False

    def header(self, name: str) -> str:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), "")


@dataclass
class FetchResult:
    exchanges: list[Exchange]

    @property
    def final(self) -> Exchange:
        return self.exchanges[-1]

    @property
    def redirect_chain(self) -> list[dict]:
        return [{"url": e.url, "status": e.status, "location": e.header("location")} for e in self.exchanges[:-1]]


class _Decoder:
    """Incremental Content-Encoding decoding with a hard output budget."""

    def __init__(self, encoding: str):
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z, self._raw_deflate = zlib.decompressobj(), True
        else:
            raise FetchError(
                "unsupported_encoding", f"The server used a content encoding we did not ask for: {encoding}."
            )
        self._first = True

    def decode(self, data: bytes, budget: int) -> bytes:
        """Up to `budget` + 1 decoded bytes (one more tells the caller it overflowed)."""
        if self._z is None:
            return data[: budget + 1]
        try:
            out = self._z.decompress(data, budget + 1)
        except zlib.error:
            if self._first and getattr(self, "_raw_deflate", False):
                # Some servers send raw deflate without the zlib wrapper.
                self._z, self._raw_deflate = zlib.decompressobj(-zlib.MAX_WBITS), False
                return self.decode(data, budget)
            raise FetchError("decoding_error", "The compressed body is corrupt.") from None
        self._first = False
        return out


def _abort(conn) -> None:
    sock = getattr(conn, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _connection(target: Target, policy: FetchPolicy, remaining: float):
    timeout = min(policy.connect_timeout, remaining)
    if target.scheme == "https":
        server_name = target.host.strip("[]")
        return HTTPSConnection(
            target.address,
            target.port,
            timeout=timeout,
            server_hostname=server_name,
            assert_hostname=server_name,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
    return HTTPConnection(target.address, target.port, timeout=timeout)


def _exchange(
    target: Target, policy: FetchPolicy, deadline: float, method: str = "GET", body: bytes | None = None,
    extra_headers: tuple = (),
) -> Exchange:  # fmt: skip
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError("deadline", f"The capture took longer than {policy.deadline:g} seconds.", transient=True)
    host = target.host if target.port == DEFAULT_PORTS[target.scheme] else f"{target.host}:{target.port}"
    request_headers = [
        ("Host", host),
        ("User-Agent", policy.user_agent),
        ("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"),
        ("Accept-Encoding", "gzip, deflate"),
        ("Connection", "close"),
        *extra_headers,
    ]
    exchange = Exchange(
        url=target.url, address=target.address, started_at=datetime.now(UTC), request_headers=request_headers
    )
    conn = _connection(target, policy, remaining)
    watchdog = threading.Timer(remaining, _abort, [conn])
    watchdog.daemon = True
    watchdog.start()
    try:
        conn.connect()
        # From here on, each read waits at most this long (and the watchdog ends it all at the deadline).
        conn.timeout = min(policy.read_timeout, max(deadline - time.monotonic(), 0.01))
        conn.sock.settimeout(conn.timeout)
        conn.request(
            method, target.path, body=body, headers=dict(request_headers), preload_content=False, decode_content=False
        )
        response = conn.getresponse()
        exchange.status, exchange.reason = response.status, response.reason or ""
        exchange.http_version = {10: "HTTP/1.0", 11: "HTTP/1.1"}.get(response.version, "HTTP/1.1")
        exchange.headers = list(response.headers.iteritems())
        if exchange.status in REDIRECT_STATUSES and exchange.header("location"):
            return exchange  # the body of a redirect is of no interest
        _read_body(response, exchange, policy.max_bytes, deadline, policy.deadline)
        return exchange
    except FetchError:
        raise
    except (ssl.SSLError, ssl.CertificateError, urllib3.exceptions.SSLError) as exc:
        raise FetchError("tls_error", f"The TLS certificate of {target.host} could not be verified ({exc}).") from None
    except (http.client.LineTooLong, http.client.BadStatusLine, http.client.HTTPException) as exc:
        if time.monotonic() >= deadline:
            raise _deadline(policy) from None
        raise FetchError(
            "bad_response", f"The server sent a malformed HTTP response ({exc.__class__.__name__})."
        ) from None
    except urllib3.exceptions.NewConnectionError as exc:
        raise FetchError(
            "connection_failed", f"Could not connect to {target.host} ({exc.__class__.__name__}).", transient=True
        ) from None
    except (TimeoutError, urllib3.exceptions.TimeoutError):
        raise (
            _deadline(policy)
            if time.monotonic() >= deadline
            else FetchError("timeout", "The server stopped answering.", transient=True)
        ) from None
    except (OSError, urllib3.exceptions.HTTPError) as exc:
        if time.monotonic() >= deadline:
            raise _deadline(policy) from None
        raise FetchError(
            "connection_failed", f"Could not connect to {target.host} ({exc.__class__.__name__}).", transient=True
        ) from None
    finally:
        watchdog.cancel()
        conn.close()


def _deadline(policy: FetchPolicy) -> FetchError:
    return FetchError("deadline", f"The capture took longer than {policy.deadline:g} seconds.", transient=True)


def _read_body(response, exchange: Exchange, max_bytes: int, deadline: float, total: float) -> None:
    encoding = exchange.header("content-encoding").strip().lower()
    decoder = _Decoder(encoding)
    identity = encoding in ("", "identity")
    # BytesIO hands its buffer over in getvalue(): what was read is not copied once more at the end.
    raw, body = io.BytesIO(), io.BytesIO()
    while True:
        chunk = response.read1(CHUNK, decode_content=False)
        if time.monotonic() >= deadline:
            raise FetchError("deadline", f"The capture took longer than {total:g} seconds.", transient=True)
        if not chunk:
            break
        room = max_bytes - raw.tell()
        raw.write(chunk[:room])
        if not identity:
            budget = max_bytes - body.tell()
            decoded = decoder.decode(chunk, budget)
            body.write(decoded[:budget])
            if len(decoded) > budget:
                exchange.truncated = True
                break
        if len(chunk) > room:
            exchange.truncated = True  # the rest is never read
            break
    exchange.raw_body = raw.getvalue()
    # Without a content encoding the decoded body is the raw body: keep one copy.
    exchange.body = exchange.raw_body if identity else body.getvalue()


def _as_sent(value: str) -> str:
    """A header value read as UTF-8, as browsers read a Location (http.client reads Latin-1), so a
    redirect to `/café` sent as raw UTF-8 bytes goes to `/caf%C3%A9`, not to its mojibake."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def fetch(url: str, policy: FetchPolicy) -> FetchResult:
    """Fetch `url`, following at most `policy.max_redirects` redirects, each re-checked."""
    deadline = time.monotonic() + policy.deadline
    exchanges: list[Exchange] = []
    seen = set()
    current = url
    while True:
        target = check_target(current, exemptions=policy.exemptions, dns_timeout=max(deadline - time.monotonic(), 0))
        exchange = _exchange(target, policy, deadline)
        exchanges.append(exchange)
        location = exchange.header("location")
        if exchange.status not in REDIRECT_STATUSES or not location:
            return FetchResult(exchanges)
        seen.add(current)
        following = urljoin(current, _as_sent(location).strip())
        scheme = following.split(":", 1)[0].lower()
        if scheme not in DEFAULT_PORTS:
            raise FetchError("redirect_scheme", f"A redirect pointed to a “{scheme}:” address, which is refused.")
        split_url(following)  # a clear message for a malformed Location
        if following in seen:
            raise FetchError("redirect_loop", "The redirects go round in a loop.")
        if len(exchanges) > policy.max_redirects:
            raise FetchError("too_many_redirects", f"More than {policy.max_redirects} redirects.")
        current = following


def post(url: str, body: bytes, headers: list[tuple[str, str]], policy: FetchPolicy) -> Exchange:
    """One POST through the same gate (no redirects followed: a 3xx comes back as is)."""
    deadline = time.monotonic() + policy.deadline
    target = check_target(url, exemptions=policy.exemptions, dns_timeout=policy.deadline)
    return _exchange(target, policy, deadline, method="POST", body=body, extra_headers=tuple(headers))
