"""The readers' site: the index, claimant and topic pages, corrections, methodology, feeds and
sitemap, as a reader (and a hostile client) would use them."""

import json
import re
from urllib.parse import quote, urlsplit

import lxml.etree
import lxml.html
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from claims.services import claimant_get_or_create
from factcheck.errors import ActionForbidden
from tests.conftest import count_queries, fresh, publish_correction, step
from tests.factcheck.test_cursors import TAMPERED
from verdicts.models import Verdict
from verdicts.public_site.publisher import publisher_save
from verdicts.ratings import Rating

pytestmark = pytest.mark.django_db

INDEX = "/verdicts/"
ATOM = "{http://www.w3.org/2005/Atom}"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return lxml.html.document_fromstring(response.content)


def listed(client, url=INDEX) -> list[int]:
    """The verdict ids a list page links to, in order."""
    doc = page(client, url)
    hrefs = doc.xpath("//ul[@class='verdicts']//a[contains(@href, '/verdicts/')]/@href")
    return [int(re.search(r"/verdicts/(\d+)/", href).group(1)) for href in hrefs]


def feed_links(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = lxml.etree.fromstring(response.content)
    return [link.get("href") for link in root.iter(f"{ATOM}entry") for link in link.iter(f"{ATOM}link")]


def public_urls(verdict) -> list[str]:
    claimant_id = verdict.pinned_claim["claimant"]["id"]
    return [
        INDEX,
        reverse("public-claimant", args=[claimant_id]),
        reverse("public-corrections"),
        reverse("feed-verdicts"),
        reverse("feed-corrections"),
        "/sitemap-verdicts.xml",
    ]


# What unpublished work must never show: every state before publication, and a withdrawn one.
SECRET = "UNPUBLISHED-{}-5e1d"


@pytest.fixture
def newsroom(verdict_in, journalist, editor):
    """One published verdict, and one verdict in each state the public must never see."""
    published = publish_correction(verdict_in("published", tags=["ukraine"]), editor)
    hidden = {state: verdict_in(state, tags=["ukraine"]) for state in ("draft", "submitted", "approved")}
    hidden["changes_requested"] = verdict_in("changes_requested", tags=["ukraine"])
    withdrawn = verdict_in("submitted", tags=["ukraine"])
    hidden["withdrawn"] = step(withdrawn, "withdraw", journalist)
    for state, verdict in hidden.items():
        Verdict.objects.filter(pk=verdict.pk).update(headline=SECRET.format(state), summary=SECRET.format(state))
        assert Verdict.objects.get(pk=verdict.pk).status == ("draft" if state == "withdrawn" else state)
    return published, hidden


def test_unpublished_work_appears_nowhere_public(client, newsroom):
    published, hidden = newsroom
    urls = [*public_urls(published), reverse("public-topic", args=["ukraine"]), "/sitemap.xml", "/methodology/"]
    urls += [f"{INDEX}?rating=false", f"{INDEX}?q=UNPUBLISHED", f"{INDEX}?claimant=oleksiy+reznikov"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if not url.endswith("UNPUBLISHED"):  # the search box shows what was searched for
            assert b"UNPUBLISHED" not in response.content, url
        for verdict in hidden.values():
            assert f"/verdicts/{verdict.pk}/".encode() not in response.content, url
        if not url.endswith(("sitemap.xml", "/methodology/", "UNPUBLISHED")):
            assert f"/verdicts/{published.pk}/".encode() in response.content, url
    for verdict in hidden.values():
        assert client.get(reverse("verdict-public", args=[verdict.pk])).status_code == 404
    assert listed(client, f"{INDEX}?q=UNPUBLISHED") == []


def test_the_index_filters_by_rating_claimant_topic_language_dates_and_words(client, verdict_in, journalist):
    putin = claimant_get_or_create(actor=journalist, name="Vladimir Putin")
    border = verdict_in("published", tags=["ukraine", "troops"])
    kremlin = verdict_in("published", claimant=putin, text="Sanctions never hurt Russia.", tags=["sanctions"])
    german = verdict_in("published", language="de", text="Die Truppen sind abgezogen.")
    Verdict.objects.filter(pk=kremlin.pk).update(rating=Rating.MISLEADING)
    everyone = [german.pk, kremlin.pk, border.pk]
    assert listed(client) == everyone
    assert listed(client, f"{INDEX}?rating=misleading") == [kremlin.pk]
    assert listed(client, f"{INDEX}?rating=misleading&rating=false") == everyone
    assert listed(client, f"{INDEX}?claimant=vladimir+PUTIN") == [kremlin.pk]  # a name or alias, in any case
    assert listed(client, f"{INDEX}?topic=troops") == [border.pk]
    assert listed(client, f"{INDEX}?language=de") == [german.pk]
    assert listed(client, f"{INDEX}?q=sanctions") == [kremlin.pk]
    today = border.published_at.date().isoformat()
    assert listed(client, f"{INDEX}?published_from={today}&published_to={today}") == everyone
    assert listed(client, f"{INDEX}?published_to=2000-01-01") == []
    assert listed(client, f"{INDEX}?published_from=2999-01-01") == []
    # The form as a reader leaves it: selects on "Any", fields empty.
    blank = "rating=&claimant=&topic=&language=&published_from=&published_to=&q="
    assert listed(client, f"{INDEX}?{blank}") == everyone
    # What was chosen stays chosen in the form.
    doc = page(client, f"{INDEX}?rating=misleading&language=de&claimant=putin")
    assert doc.xpath("//select[@name='rating']/option[@selected]/@value") == ["misleading"]
    assert doc.xpath("//select[@name='language']/option[@selected]/@value") == ["de"]
    assert doc.xpath("//input[@name='claimant']/@value") == ["putin"]


def test_pages_follow_cursors_without_repeating_or_skipping(client, verdict_in, settings):
    made = [verdict_in("published").pk for _ in range(23)]
    first = page(client, INDEX)
    ids = listed(client)
    assert len(ids) == 20
    [older] = first.xpath("//a[@rel='next']/@href")
    assert "cursor=" in older and "offset" not in older
    rest = listed(client, older)
    assert ids + rest == sorted(made, reverse=True)
    [newer] = page(client, older).xpath("//a[@rel='prev']/@href")
    assert listed(client, newer) == ids
    # Filters ride along with the cursor.
    [filtered_next] = page(client, f"{INDEX}?rating=false").xpath("//a[@rel='next']/@href")
    assert "rating=false" in filtered_next


HOSTILE = [
    ("rating=lies", "Rating “lies” was ignored"),
    ("rating=false&rating=" + "x" * 5000, "was ignored"),
    ("published_from=2021-13-45", "Published from “2021-13-45” was ignored"),
    ("published_to=yesterday", "was ignored"),
    ("published_to=9999-12-31", None),
    ("published_from=0001-01-01", None),
    ("published_from=99999-01-01", "was ignored"),
    ("q=" + "war " * 2000, "Search"),
    ("q=%00", "was ignored"),
    ("claimant=" + "é" * 500, "Who said it"),
    ("claimant=%00", "was ignored"),
    ("topic=" + "t" * 51, "Topic"),
    ("language=" + "x" * 100, "Language"),
    ("q=%22unclosed+-+or+%26+%7C+!+(", None),
    ("q=%E2%80%AE%F0%9F%98%80", None),
    ("no_such_filter=1&page_size=100000&ordering=-id", None),
    ("rating=&rating=&language=&q=+++", None),
]


@pytest.mark.parametrize(("query", "notice"), HOSTILE)
def test_hostile_filters_are_ignored_with_a_notice(client, verdict_in, query, notice):
    verdict = verdict_in("published")
    response = client.get(f"{INDEX}?{query}")
    assert response.status_code == 200
    text = lxml.html.document_fromstring(response.content).text_content()
    if notice:
        assert notice in text
        # The filter that could not be used is dropped, not the page.
        assert f"/verdicts/{verdict.pk}/".encode() in response.content or "rating" not in query
    else:
        assert "was ignored" not in text


@pytest.mark.parametrize("cursor", list(TAMPERED.values()), ids=list(TAMPERED))
def test_a_tampered_cursor_is_refused_with_a_way_back(client, verdict_in, cursor):
    verdict = verdict_in("published")
    claimant = reverse("public-claimant", args=[verdict.pinned_claim["claimant"]["id"]])
    for url in (INDEX, claimant, reverse("public-topic", args=["none"]), reverse("public-corrections")):
        response = client.get(url, {"cursor": cursor})
        if url.startswith("/topics/"):
            assert response.status_code == 404  # no such topic, whatever the cursor
            continue
        assert response.status_code == 400, url
        doc = lxml.html.document_fromstring(response.content)
        assert "start again from the first page" in doc.text_content()
        assert doc.xpath("//a[text()='Go to the first page']/@href") == [url]


def test_odd_addresses_are_not_found_rather_than_errors(client, verdict_in):
    verdict_in("published", tags=["ukraine"])
    for url in ("/claimants/0/", "/claimants/99999999999999999999999/", "/topics/no-such-topic/",
                "/topics/" + quote("ü/../x") + "/", "/sitemap-nothing.xml", "/sitemap-verdicts.xml?p=abc",
                "/sitemap-verdicts.xml?p=999", "/verdicts/99999999999999999999999/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.post(INDEX).status_code == 405


def test_a_claimants_page_gives_their_record_and_claims(client, verdict_in, journalist, editor):
    putin = claimant_get_or_create(actor=journalist, name="Vladimir Putin")
    mine = [verdict_in("published", claimant=putin, text=f"Claim number {n}.") for n in range(3)]
    Verdict.objects.filter(pk=mine[0].pk).update(rating=Rating.MISLEADING)
    other = verdict_in("published")
    url = reverse("public-claimant", args=[putin.pk])
    assert listed(client, url) == [v.pk for v in reversed(mine)]
    doc = page(client, url)
    assert doc.xpath("//h1/text()") == ["Vladimir Putin"]
    rows = [[cell.text_content() for cell in row.xpath("td")] for row in doc.xpath("//table[@class='record']//tr")]
    assert [row for row in rows if row] == [["Misleading", "1"], ["False", "2"]]
    assert "3 published verdicts." in doc.text_content()
    assert other.pk not in listed(client, url)
    # The verdict page links to the index, the claimant and the topics.
    verdict_page = page(client, reverse("verdict-public", args=[mine[1].pk]))
    links = verdict_page.xpath("//main//a/@href")
    assert url in links and INDEX in links


def test_a_topic_page_lists_the_claims_tagged_so_when_published(client, verdict_in):
    tagged = verdict_in("published", tags=["ukraine", "troops"])
    verdict_in("published", tags=["economy"])
    url = reverse("public-topic", args=["troops"])
    assert listed(client, url) == [tagged.pk]
    doc = page(client, url)
    assert "1 published verdict." in doc.text_content()
    assert url in page(client, reverse("verdict-public", args=[tagged.pk])).xpath("//a/@href")


def test_the_corrections_page_gives_each_note_and_both_dates(client, verdict_in, editor):
    original = verdict_in("published")
    correction = publish_correction(original, editor, note="The figure was 100,000, not 10,000.")
    Verdict.objects.filter(pk=original.pk).update(published_at="2021-12-03T10:00:00Z")
    client.get(INDEX)  # nothing kept matters: the update above bypassed the services on purpose
    from verdicts.selectors import public_pages_changed

    public_pages_changed()
    doc = page(client, reverse("public-corrections"))
    [item] = doc.xpath("//ul[@class='verdicts']/li")
    text = " ".join(item.text_content().split())
    assert "The figure was 100,000, not 10,000." in text
    assert "First published 3 December 2021" in text
    assert f"corrected {correction.published_at:%-d %B %Y}" in text
    assert item.xpath(".//a/@href")[0] == reverse("verdict-public", args=[correction.pk])


def test_the_methodology_page_explains_the_scale_review_and_evidence(client):
    doc = page(client, reverse("methodology"))
    text = " ".join(doc.text_content().split())
    for rating in Rating:
        assert str(rating.label) in text
    for words in ("never approves their own verdict", "WARC", "WACZ", "screenshot", "SHA-256", "verification record"):
        assert words in text
    # Uploaded evidence is not passed off as a capture: it has no WARC of the site's making.
    assert "upload evidence obtained another way" in text and "this site made no WARC of it" in text
    assert "where there is one, the WARC" in text


def test_feeds_carry_published_verdicts_and_corrections(client, verdict_in, editor, settings):
    settings.SITE_URL = "https://checks.example.org"
    first = verdict_in("published")
    second = verdict_in("published")
    correction = publish_correction(first, editor, note="Fixed a date.")
    verdicts = feed_links(client, reverse("feed-verdicts"))
    assert verdicts == [f"https://checks.example.org/verdicts/{v.pk}/" for v in (correction, second)]
    corrections = client.get(reverse("feed-corrections"))
    assert b"Fixed a date." in corrections.content
    assert feed_links(client, reverse("feed-corrections")) == [f"https://checks.example.org/verdicts/{correction.pk}/"]


def test_the_sitemap_lists_every_public_page_on_the_site_address(client, verdict_in, settings):
    settings.SITE_URL = "https://checks.example.org"
    verdict = verdict_in("published", tags=["ukraine"])
    index = lxml.etree.fromstring(client.get("/sitemap.xml").content)
    sections = [urlsplit(loc.text).path for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "/sitemap-verdicts.xml" in sections
    locations = []
    for path in sections:
        root = lxml.etree.fromstring(client.get(path).content)
        locations += [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    site = "https://checks.example.org"
    claimant_id = verdict.pinned_claim["claimant"]["id"]
    for path in (INDEX, "/corrections/", "/methodology/", f"/verdicts/{verdict.pk}/", f"/claimants/{claimant_id}/",
                 "/topics/ukraine/"):  # fmt: skip
        for prefix in ("", "/uk", "/es"):  # each page in each language
            assert site + prefix + path in locations, prefix + path
    # ... each linked to its versions in the other languages, English standing for the rest.
    verdicts = lxml.etree.fromstring(client.get("/sitemap-verdicts.xml").content)
    [entry] = [url for url in verdicts if url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
               == f"{site}/es/verdicts/{verdict.pk}/"]  # fmt: skip
    alternates = {link.get("hreflang"): link.get("href") for link in entry.iter("{http://www.w3.org/1999/xhtml}link")}
    english = f"{site}/verdicts/{verdict.pk}/"
    assert alternates == {"en": english, "uk": f"{site}/uk/verdicts/{verdict.pk}/",
                          "es": f"{site}/es/verdicts/{verdict.pk}/", "x-default": english}  # fmt: skip


def test_every_public_page_has_link_previews_and_the_navigation(client, verdict_in):
    verdict = verdict_in("published", tags=["ukraine"])
    claimant_id = verdict.pinned_claim["claimant"]["id"]
    for url in (INDEX, f"/verdicts/{verdict.pk}/", f"/claimants/{claimant_id}/", "/topics/ukraine/", "/corrections/",
                "/methodology/"):  # fmt: skip
        doc = page(client, url)
        for prop in ("og:title", "og:type", "og:url", "og:site_name"):
            assert doc.xpath(f"//meta[@property='{prop}']/@content"), (url, prop)
        assert doc.xpath("//meta[@name='twitter:card']/@content") == ["summary"]
        nav = doc.xpath("//nav[@class='site-nav']//a/@href")
        assert nav == [INDEX, "/corrections/", "/methodology/", "/feeds/verdicts.atom"], url


def test_the_index_carries_an_item_list(client, verdict_in):
    verdicts = [verdict_in("published") for _ in range(2)]
    doc = page(client, INDEX)
    [script] = doc.xpath("//script[@type='application/ld+json']/text()")
    data = json.loads(script)
    assert data["@type"] == "ItemList"
    assert [item["url"].rsplit("/verdicts/", 1)[1] for item in data["itemListElement"]] == [
        f"{v.pk}/" for v in reversed(verdicts)
    ]
    assert [item["position"] for item in data["itemListElement"]] == [1, 2]


# Query counts: the same with 3 published verdicts as with 30.


def _grow(verdict_in, editor, count, made, translation_in=None):
    while len(made) < count:
        verdict = verdict_in("published", tags=["ukraine"])
        if translation_in is not None and len(made) % 2 == 0:  # half of them read in Ukrainian too
            translation_in("published", verdict=verdict)
        if len(made) % 3 == 0:
            verdict = publish_correction(verdict, editor, note=f"Correction {len(made)}.")
        made.append(verdict)


def test_public_pages_cost_the_same_queries_with_3_and_30_verdicts(
    client, verdict_in, translation_in, editor, settings
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # what each page costs when it is built
    made = []
    _grow(verdict_in, editor, 3, made, translation_in)
    claimant_id = made[0].pinned_claim["claimant"]["id"]
    urls = [INDEX, f"{INDEX}?rating=false&topic=ukraine", f"/claimants/{claimant_id}/", "/topics/ukraine/",
            "/corrections/", "/feeds/verdicts.atom", "/feeds/corrections.atom", "/sitemap.xml",
            "/sitemap-verdicts.xml", f"/verdicts/{made[0].pk}/", f"/uk{INDEX}", f"/uk{INDEX}?q=хибна",
            f"/uk/claimants/{claimant_id}/", "/uk/topics/ukraine/", "/uk/feeds/verdicts.atom",
            f"/uk/verdicts/{made[2].pk}/"]  # fmt: skip
    small = {url: count_queries(client, url) for url in urls}
    _grow(verdict_in, editor, 30, made, translation_in)
    large = {url: count_queries(client, url) for url in urls}
    assert all(small.values()) and large == small
    assert len(listed(client)) == 20 and len(listed(client, "/corrections/")) == 10


def test_kept_pages_are_served_without_the_database(client, verdict_in):
    verdict_in("published", tags=["ukraine"])
    urls = [INDEX, "/corrections/", "/methodology/", "/topics/ukraine/", "/feeds/verdicts.atom", "/sitemap.xml"]
    assert count_queries(client, *urls) > 0
    assert count_queries(client, *urls) == 0
    first = client.get(INDEX)
    assert client.get(INDEX, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_publishing_correcting_and_withdrawing_show_at_once(client, verdict_in, journalist, editor):
    first = verdict_in("published", tags=["ukraine"])
    claimant = f"/claimants/{first.pinned_claim['claimant']['id']}/"
    kept = [INDEX, claimant, "/topics/ukraine/", "/corrections/", "/feeds/verdicts.atom", "/feeds/corrections.atom"]
    for url in kept:
        client.get(url)
    assert count_queries(client, *kept) == 0
    # Publishing.
    second = verdict_in("published", tags=["ukraine"])
    assert listed(client) == [second.pk, first.pk]
    assert listed(client, claimant) == [second.pk, first.pk]
    assert listed(client, "/topics/ukraine/") == [second.pk, first.pk]
    assert f"/verdicts/{second.pk}/".encode() in client.get("/feeds/verdicts.atom").content
    # Correcting.
    page(client, f"/verdicts/{first.pk}/")
    correction = publish_correction(first, editor, note="A corrected figure.")
    assert listed(client) == [correction.pk, second.pk]
    assert b"A corrected figure." in client.get("/corrections/").content
    assert b"A corrected figure." in client.get("/feeds/corrections.atom").content
    assert "This version was corrected." in page(client, f"/verdicts/{first.pk}/").text_content()
    # Withdrawing a submission from review: nothing public changes, and the kept pages stand.
    for url in kept:
        client.get(url)
    submitted = verdict_in("submitted", tags=["ukraine"])
    step(submitted, "withdraw", journalist)
    assert count_queries(client, *kept) == 0
    assert listed(client) == [correction.pk, second.pk]


def test_the_publisher_set_in_the_admin_shows_at_once_everywhere(client, verdict_in, editor, settings):
    settings.PUBLISHER_NAME = "Settings Desk"
    verdict = verdict_in("published")
    verdict_page = f"/verdicts/{verdict.pk}/"
    for url in (INDEX, verdict_page, "/methodology/"):
        assert page(client, url).xpath("//header//a[@class='brand']/span/text()") == ["Settings Desk"]
    claim_review = json.loads(page(client, verdict_page).xpath("//script[@type='application/ld+json']/text()")[0])
    assert claim_review["author"]["name"] == claim_review["publisher"]["name"] == "Settings Desk"

    publisher_save(actor=editor, name="The Fact Desk", url="https://factdesk.example.org", about="We check claims.",
                   contact="desk@factdesk.example.org")  # fmt: skip
    for url in (INDEX, verdict_page, "/methodology/", "/corrections/"):
        doc = page(client, url)
        assert doc.xpath("//header//a[@class='brand']/span/text()") == ["The Fact Desk"], url
        assert "We check claims." in doc.xpath("//footer")[0].text_content()
        assert doc.xpath("//footer//a[@href='mailto:desk@factdesk.example.org']")
        assert doc.xpath("//meta[@property='og:site_name']/@content") == ["The Fact Desk"]
    claim_review = json.loads(page(client, verdict_page).xpath("//script[@type='application/ld+json']/text()")[0])
    assert claim_review["author"] == {"@type": "Organization", "name": "The Fact Desk",
                                      "url": "https://factdesk.example.org"}  # fmt: skip
    assert client.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()["author"]["name"] == "The Fact Desk"
    assert b"The Fact Desk" in client.get("/feeds/verdicts.atom").content


def test_only_those_allowed_to_change_the_publisher_may(client, journalist, editor, admin_user):
    with pytest.raises(ActionForbidden):
        publisher_save(actor=journalist, name="A Journalist's Desk")
    client.force_login(journalist)
    assert client.get("/admin/verdicts/publisher/add/").status_code == 403
    client.force_login(editor)
    response = client.post("/admin/verdicts/publisher/add/", {"name": "Editors' Desk", "url": "", "about": "",
                                                                "contact": ""})  # fmt: skip
    assert response.status_code == 302
    assert page(client, "/methodology/").xpath("//header//a[@class='brand']/span/text()") == ["Editors' Desk"]
    # One publisher: no second one can be added, and the list opens the one there is.
    assert client.get("/admin/verdicts/publisher/add/").status_code == 403
    assert client.get("/admin/verdicts/publisher/").status_code == 302
    # Without the change permission, an editor reads it but cannot change it.
    editor.groups.get().permissions.remove(Permission.objects.get(codename="change_publisher"))
    editor = fresh(editor)
    client.force_login(editor)
    with pytest.raises(ActionForbidden):
        publisher_save(actor=editor, name="Renamed")
    from verdicts.models import Publisher

    publisher = Publisher.objects.get()
    response = client.post(f"/admin/verdicts/publisher/{publisher.pk}/change/", {"name": "Renamed"})
    assert response.status_code == 403
    assert Publisher.objects.get().name == "Editors' Desk"


def test_the_publishers_logo_is_served_and_previewed(client, editor, settings, verdict_in):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.SITE_URL = "https://checks.example.org"
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, format="PNG")
    publisher_save(actor=editor, name="The Fact Desk", logo=SimpleUploadedFile("logo.png", buffer.getvalue()))
    doc = page(client, "/methodology/")
    [image] = doc.xpath("//meta[@property='og:image']/@content")
    assert image.startswith("https://checks.example.org/publisher/logo?v=")
    response = client.get(image.removeprefix("https://checks.example.org"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == buffer.getvalue()
    verdict = verdict_in("published")
    [jsonld] = page(client, f"/verdicts/{verdict.pk}/").xpath("//script[@type='application/ld+json']/text()")
    assert json.loads(jsonld)["publisher"]["logo"]["url"] == image


@pytest.mark.parametrize(
    "fmt,size,refusal",
    [("BMP", (8, 8), "PNG, JPEG, GIF or WebP"), ("TIFF", (8, 8), "PNG, JPEG, GIF or WebP"),
     ("PNG", (12000, 40), "at most 2000 pixels")],
)  # fmt: skip
def test_a_logo_the_site_would_not_serve_is_refused(editor, fmt, size, refusal):
    """A BMP or TIFF logo was taken and then never served (its address answered 404 on every page),
    and a PNG of 12,000 pixels a side, a few KB on disk, went into every reader's browser."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from factcheck.errors import InvalidInput
    from verdicts.models import Publisher

    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=fmt)
    with pytest.raises(InvalidInput, match=refusal):
        publisher_save(
            actor=editor, name="The Fact Desk", logo=SimpleUploadedFile(f"logo.{fmt.lower()}", buffer.getvalue())
        )
    assert not Publisher.objects.exists()


def test_a_claimants_verdicts_are_found_through_the_index(client, verdict_in):
    from django.db import connection

    verdict = verdict_in("published")
    with connection.cursor() as cursor:
        # A table this small would be read whole: ask whether the index can answer at all.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
    claimant = {"claimant": {"id": verdict.pinned_claim["claimant"]["id"]}}
    plan = Verdict.objects.filter(pinned_claim__contains=claimant).explain()  # verdicts_by_claimant's lookup
    assert "verdict_pinned_claim_gin" in plan, plan
