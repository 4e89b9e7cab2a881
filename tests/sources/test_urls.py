"""URLs as browsers know them: IDNA 2008 host names, IRIs percent-encoded as UTF-8, and the fetcher
asking for exactly the address that was cited and checked."""

import pytest

from factcheck.errors import InvalidInput
from sources.capture import snapshot_capture
from sources.fetching.client import FetchPolicy, fetch
from sources.fetching.errors import FetchError
from sources.fetching.policy import Exemptions, split_url
from sources.models import Snapshot, Source
from sources.urls_normalize import normalize_url
from tests.sources.webserver import ARTICLE

CAFE = "/caf%C3%A9"  # /café as browsers send it


@pytest.mark.parametrize(
    ("cited", "normalized"),
    [
        ("http://straße.de/", "http://xn--strae-oqa.de/"),  # IDNA 2003 would make it strasse.de
        ("http://STRASSE.de/", "http://strasse.de/"),  # which stays another domain
        ("http://faß.de/", "http://xn--fa-hia.de/"),
        (
            "https://例え.テスト/パス?クエリ=値",
            "https://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9?%E3%82%AF%E3%82%A8%E3%83%AA=%E5%80%A4",
        ),
        ("http://ＥＸＡＭＰＬＥ。org/", "http://example.org/"),  # UTS 46 maps width and the ideographic full stop
        ("http://XN--STRAE-OQA.de/", "http://xn--strae-oqa.de/"),
        ("http://example.org/café", f"http://example.org{CAFE}"),
        ("http://example.org/caf%C3%A9", f"http://example.org{CAFE}"),
        ("http://example.org/a b".replace(" ", "%20"), "http://example.org/a%20b"),
        ('http://example.org/a"b<c>{d}`^', "http://example.org/a%22b%3Cc%3E%7Bd%7D%60%5E"),
        ("http://example.org/?q=crème brûlée".replace(" ", "+"), "http://example.org/?q=cr%C3%A8me+br%C3%BBl%C3%A9e"),
        ("http://example.org/?q=%E9t%E9", "http://example.org/?q=%E9t%E9"),  # Latin-1 bytes are kept as they are
        ("http://example.org/?b=2&a=1&utm_source=x#top", "http://example.org/?a=1&b=2"),
        ("http://ex_ample.org/", "http://ex_ample.org/"),  # browsers open it; so do we
    ],
)
def test_cited_urls_take_the_form_browsers_send(cited, normalized):
    assert normalize_url(cited) == normalized
    assert normalize_url(normalized) == normalized


@pytest.mark.parametrize(
    ("cited", "says"),
    [
        ("http://💩.la/", "not a valid internationalized domain name"),  # IDNA 2008 has no emoji
        ("http://xn--ls8h.la/", "not a valid internationalized domain name"),
        ("http://xn--a.org/", "not a valid internationalized domain name"),
        ("http://a\u200db.org/", "not a valid internationalized domain name"),  # a joiner out of context
        ("http://ex_ämple.org/", "not a valid internationalized domain name"),
        ("http://a..b.org/", "letters, digits, hyphens or underscores"),
        ("http://a!b.org/", "letters, digits, hyphens or underscores"),
        ("http://" + "a" * 64 + ".org/", "letters, digits, hyphens or underscores"),
        ("http://" + "é" * 300 + ".org/", "not a valid internationalized domain name"),
        ("http://example.org/\ud800", "not text"),
        ("http://example.org/" + "é" * 1000, "once its characters are encoded"),
    ],
)
def test_invalid_host_names_and_paths_are_refused_with_a_clear_message(cited, says):
    with pytest.raises(InvalidInput) as refusal:
        normalize_url(cited)
    assert says in str(refusal.value)


def test_the_fetcher_asks_for_the_same_host_and_path():
    assert split_url("http://straße.de/café?q=é") == ("http", "xn--strae-oqa.de", 80, f"{CAFE}?q=%C3%A9")
    with pytest.raises(FetchError) as refusal:
        split_url("http://💩.la/")
    assert refusal.value.code == "invalid_url" and "internationalized" in refusal.value.message


@pytest.mark.django_db
def test_a_page_at_a_non_ascii_path_is_cited_through_the_api_and_captured(
    client, journalist, make_claim, server, django_capture_on_commit_callbacks
):
    server.page(CAFE, ARTICLE)
    claim = make_claim()
    client.force_login(journalist)
    with django_capture_on_commit_callbacks():
        response = client.post(
            f"/api/v1/claims/{claim.pk}/citations/", {"url": server.url("/café")}, content_type="application/json"
        )
    assert response.status_code == 201, response.json()
    source = Source.objects.get()
    assert (response.json()["source_url"], source.normalized_url) == (server.url(CAFE), server.url(CAFE))
    queued = Snapshot.objects.get(source=source, status="queued")

    snapshot_capture(snapshot_id=queued.pk)

    snapshot = Snapshot.objects.get(pk=queued.pk)
    assert snapshot.status == "succeeded", (snapshot.error_code, snapshot.error)
    assert (snapshot.final_url, snapshot.http_status) == (server.url(CAFE), 200)
    assert "about 100,000 soldiers were deployed" in snapshot.text
    assert server.hits == [CAFE]


def test_a_redirect_to_a_raw_utf8_location_is_followed_as_browsers_do(server):
    server.page(CAFE, ARTICLE)
    server.redirect("/go", "/café".encode().decode("latin-1"))  # the bytes a server sends as they are
    policy = FetchPolicy(user_agent="test", exemptions=Exemptions.parse([f"127.0.0.1:{server.port}"]), deadline=10)
    result = fetch(server.url("/go"), policy)
    assert (result.final.status, result.final.url) == (200, server.url(CAFE))
    assert server.hits == ["/go", CAFE]
