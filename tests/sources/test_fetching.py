"""The safe fetcher against a local web server: redirects, caps, deadlines, hostile URLs."""

import base64
import gzip
import random
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
from http.server import ThreadingHTTPServer

import pytest

from sources.fetching.client import FetchPolicy, fetch
from sources.fetching.errors import FetchError
from sources.fetching.policy import Exemptions
from tests.sources.webserver import ARTICLE, Handler, WebServer, drip, endless, gzip_bomb

UA = "factcheck-test/1.0 (+https://example.org/bot)"


@pytest.fixture
def policy(server):
    return FetchPolicy(user_agent=UA, exemptions=Exemptions.parse([f"127.0.0.1:{server.port}"]), deadline=10)


def test_an_article_is_fetched_with_an_identifiable_user_agent(server, policy):
    server.page("/article", ARTICLE)
    result = fetch(server.url("/article"), policy)
    assert (result.final.status, result.final.body.decode(), result.redirect_chain) == (200, ARTICLE, [])
    assert result.final.header("content-type") == "text/html; charset=utf-8"
    assert server.httpd.request_headers[-1]["User-Agent"] == UA


def test_redirects_are_followed_by_hand_and_recorded(server, policy):
    server.page("/final", ARTICLE)
    server.redirect("/a", "/b", 301)
    server.redirect("/b", server.url("/c"), 307)
    server.redirect("/c", "final", 302)
    result = fetch(server.url("/a"), policy)
    assert result.final.url == server.url("/final")
    assert [(hop["url"].rsplit("/", 1)[1], hop["status"]) for hop in result.redirect_chain] == [
        ("a", 301),
        ("b", 307),
        ("c", 302),
    ]


@pytest.mark.parametrize(
    ("location", "code"),
    [
        ("http://10.0.0.1/internal", "private_address"),
        ("http://169.254.169.254/latest/meta-data/", "private_address"),
        ("http://[::1]/", "private_address"),
        ("http://2130706433/", "private_address"),
        ("file:///etc/passwd", "redirect_scheme"),
        ("gopher://127.0.0.1/", "redirect_scheme"),
        ("javascript:alert(1)", "redirect_scheme"),
    ],
)
def test_every_redirect_hop_is_checked_again(server, policy, location, code):
    server.redirect("/go", location)
    with pytest.raises(FetchError) as excinfo:
        fetch(server.url("/go"), policy)
    assert excinfo.value.code == code
    assert server.hits == ["/go"]


def test_another_port_on_an_exempted_host_is_still_refused(server, policy):
    other = WebServer()
    try:
        other.page("/secret", "admin panel")
        server.redirect("/hop", other.url("/secret"))
        with pytest.raises(FetchError, match=r"127\.0\.0\.1 is a loopback address"):
            fetch(server.url("/hop"), policy)
        assert other.hits == []
    finally:
        other.stop()


def test_redirect_loops_and_long_chains_stop(server, policy):
    server.redirect("/loop1", "/loop2")
    server.redirect("/loop2", "/loop1")
    with pytest.raises(FetchError) as loop:
        fetch(server.url("/loop1"), policy)
    for n in range(12):
        server.redirect(f"/chain{n}", f"/chain{n + 1}")
    with pytest.raises(FetchError) as chain:
        fetch(server.url("/chain0"), policy)
    assert (loop.value.code, chain.value.code) == ("redirect_loop", "too_many_redirects")
    assert server.hits.count("/chain10") == 1 and "/chain11" not in server.hits


@pytest.mark.parametrize("with_length", [True, False])
def test_a_body_over_the_cap_is_truncated_and_says_so(server, with_length):
    cap = 1024 * 1024
    server.route("/huge")(lambda h: endless(h, with_length=with_length, size=50 * cap))
    policy = FetchPolicy(user_agent=UA, exemptions=Exemptions.parse([f"127.0.0.1:{server.port}"]), max_bytes=cap)
    result = fetch(server.url("/huge"), policy)
    assert result.final.truncated is True
    assert len(result.final.body) == cap and len(result.final.raw_body) == cap


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_a_large_body_is_held_once_while_it_is_read(server, encoding):
    """The body read so far is not copied when the read ends: at most one copy of a capped body
    (and the decoded one beside a compressed one) at any time."""
    size = 20 * 1024 * 1024
    body = b"<p>" + base64.b64encode(random.Random(7).randbytes(size * 3 // 4))[: size - 7] + b"</p>"
    if encoding == "gzip":
        server.page("/large", gzip.compress(body, 1), headers=[("Content-Encoding", "gzip")])
    else:
        server.page("/large", body)
    policy = FetchPolicy(user_agent=UA, exemptions=Exemptions.parse([f"127.0.0.1:{server.port}"]), max_bytes=size)
    tracemalloc.start()
    try:
        result = fetch(server.url("/large"), policy)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.final.body == body and not result.final.truncated
    held = len(result.final.body) + (len(result.final.raw_body) if encoding == "gzip" else 0)
    # A growing BytesIO keeps up to an eighth more than it holds (CPython's growth step), and where
    # that slack falls depends on how the chunks arrived; a copy at the end would add a whole body.
    bound = held * 9 // 8 + 2 * 1024 * 1024
    assert peak < bound, f"{peak / 2**20:.1f} MB at the peak for {held / 2**20:.1f} MB kept"


def test_a_gzip_bomb_is_cut_at_the_cap(server):
    cap = 2 * 1024 * 1024
    bomb = gzip_bomb(500 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    server.page("/bomb", bomb, "text/html", headers=[("Content-Encoding", "gzip")])
    policy = FetchPolicy(user_agent=UA, exemptions=Exemptions.parse([f"127.0.0.1:{server.port}"]), max_bytes=cap)
    result = fetch(server.url("/bomb"), policy)
    assert result.final.truncated and len(result.final.body) == cap


def test_a_gzipped_page_is_decoded_and_its_raw_bytes_kept(server, policy):
    packed = gzip.compress(ARTICLE.encode())
    server.page("/gz", packed, headers=[("Content-Encoding", "gzip")])
    result = fetch(server.url("/gz"), policy)
    assert result.final.body.decode() == ARTICLE and result.final.raw_body == packed


def test_a_slow_drip_is_stopped_at_the_total_deadline(server):
    server.route("/slow")(lambda h: drip(h, interval=0.5, chunks=100))
    policy = FetchPolicy(
        user_agent=UA, exemptions=Exemptions.parse([f"127.0.0.1:{server.port}"]), deadline=2.0, read_timeout=5
    )
    started = time.monotonic()
    with pytest.raises(FetchError) as excinfo:
        fetch(server.url("/slow"), policy)
    elapsed = time.monotonic() - started
    assert excinfo.value.code == "deadline" and excinfo.value.transient
    assert 1.5 < elapsed < 3.5


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_error_statuses_come_back_for_the_caller_to_judge(server, policy, status):
    server.page("/x", f"status {status}", status=status, headers=[("Retry-After", "7")])
    result = fetch(server.url("/x"), policy)
    assert (result.final.status, result.final.header("retry-after")) == (status, "7")


def test_an_empty_page_is_an_empty_body(server, policy):
    server.page("/empty", b"")
    result = fetch(server.url("/empty"), policy)
    assert (result.final.status, result.final.body, result.final.truncated) == (200, b"", False)


def test_a_closed_port_is_a_transient_connection_failure():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    policy = FetchPolicy(user_agent=UA, exemptions=Exemptions.parse([f"127.0.0.1:{port}"]))
    with pytest.raises(FetchError) as excinfo:
        fetch(f"http://127.0.0.1:{port}/", policy)
    assert excinfo.value.code == "connection_failed" and excinfo.value.transient


HOSTILE = [
    "http://127.0.0.1:{port}/",
    "http://localhost:{port}/",
    "HTTP://LOCALHOST:{port}/",
    "http://localhost.:{port}/",
    "http://2130706433:{port}/",
    "http://0x7f000001:{port}/",
    "http://0x7f.0x0.0x0.0x1:{port}/",
    "http://0x7f.1:{port}/",
    "http://0177.0.0.1:{port}/",
    "http://017700000001:{port}/",
    "http://127.1:{port}/",
    "http://127.0.1:{port}/",
    "http://①②⑦.0.0.1:{port}/",
    "http://[::1]:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://[::ffff:7f00:1]:{port}/",
    "http://[0:0:0:0:0:ffff:127.0.0.1]:{port}/",
    "http://[::127.0.0.1]:{port}/",
    "http://[64:ff9b::127.0.0.1]:{port}/",
    "http://[64:ff9b::a00:1]/",
    "http://[2002:7f00:1::]:{port}/",
    "http://[2002:a9fe:a9fe::]/",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://[fec0::1]/",
    "http://[::]/",
    "http://[ff02::1]/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://0.0.0.0:{port}/",
    "http://0:{port}/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    "http://198.18.0.1/",
    "http://192.0.0.8/",
    "ftp://example.org/file",
    "file:///etc/passwd",
    "gopher://127.0.0.1:{port}/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://user:pass@example.org/",
    "http://example.org@127.0.0.1:{port}/",
    "http:///no-host",
    "http://[::1",
    "http://exa mple.org/",
    "http://127.0.0.1:{port}\\@example.org/",
    "http://example.org:0/",
    "",
]


@pytest.fixture
def no_connections(monkeypatch):
    """Record (and refuse) any outbound connection attempt from this process."""
    attempts = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise AssertionError(f"a connection was attempted to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_the_hostile_table_is_long_enough():
    assert len(HOSTILE) >= 40


@pytest.mark.parametrize("form", HOSTILE)
def test_hostile_urls_are_refused_before_any_connection(server, form, no_connections):
    policy = FetchPolicy(user_agent=UA)  # no exemptions: what production runs with
    with pytest.raises(FetchError) as excinfo:
        fetch(form.format(port=server.port), policy)
    assert excinfo.value.code in {
        "private_address",
        "unsupported_scheme",
        "credentials_in_url",
        "invalid_url",
    }, excinfo.value
    assert no_connections == [] and server.hits == []


def test_tls_certificates_are_verified(tmp_path):
    """A server with a self-signed certificate is refused, not trusted."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.routes, httpd.hits, httpd.request_headers = {}, [], []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    try:
        port = httpd.server_address[1]
        policy = FetchPolicy(user_agent=UA, exemptions=Exemptions.parse([f"localhost:{port}"]))
        with pytest.raises(FetchError) as excinfo:
            fetch(f"https://localhost:{port}/", policy)
        assert excinfo.value.code == "tls_error" and not excinfo.value.transient
        assert httpd.hits == []
    finally:
        httpd.shutdown()
        httpd.server_close()
