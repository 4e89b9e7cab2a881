"""The browser capture as evidence: it judges the plain capture it follows, it is what a verdict
pins when the plain one is an empty shell, and the claim and review pages show its screenshot,
then its text, then the replay. Its screenshot is served like the capture: never to those who may
not see it, and only as an image."""

import hashlib
import io

import pytest
from django.urls import reverse
from PIL import Image

from claims.services import citation_create, claim_transition
from factcheck.errors import InvalidInput
from factcheck.models import AuditEvent
from sources.capture import snapshot_capture, snapshot_claim
from sources.capture.storing import _finish, _store_payload
from sources.extract import extract
from sources.models import Snapshot
from tests.conftest import count_queries
from tests.sources.test_evidence import SHELL
from tests.sources.webserver import ARTICLE
from verdicts.services import verdict_create, verdict_transition

pytestmark = pytest.mark.django_db


def png(colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 60), colour).save(out, format="PNG")
    return out.getvalue()


def record_browser(http: Snapshot, html: str, *, screenshot: bytes) -> Snapshot:
    """Record the browser capture queued after `http` as succeeded with the text of `html`, through
    the storing path the browser engine takes (claimed, stored, judged, audited)."""
    queued = http.followed_by.get(status="queued")
    browser = snapshot_claim(snapshot_id=queued.pk)
    content = extract(html.encode(), "text/html; charset=utf-8")
    sha = hashlib.sha256(screenshot).hexdigest()
    return _finish(
        browser,
        payload=html.encode(),
        content=content,
        content_type="text/html; charset=utf-8",
        http_status=200,
        final_url=http.final_url,
        screenshot=_store_payload(screenshot, sha, folder="screenshots", suffix=".png"),
        screenshot_sha256=sha,
        rendered_text_length=len(content.text),
    )


@pytest.fixture
def browser_on(settings):
    settings.CAPTURE_BROWSER = True


@pytest.fixture
def cited_shell(browser_on, server, make_claim, editor, journalist):
    """A claim citing a page whose article is written by a script: its plain capture is a shell,
    the browser capture rendered the article."""
    server.page("/shell", SHELL)
    claim = make_claim()
    claim = claim_transition(
        claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk
    )
    citation_create(actor=journalist, claim_id=claim.pk, url=server.url("/shell"), stance="refutes")
    http = Snapshot.objects.get(requested_url=server.url("/shell"), method="http")
    snapshot_capture(snapshot_id=http.pk)
    http.refresh_from_db()
    return claim, http


def submit(claim, journalist):
    verdict = claim.verdicts.first() or verdict_create(
        actor=journalist, claim_id=claim.pk, rating="false", summary="Wrong."
    )
    return verdict_transition(verdict_id=verdict.pk, action="submit", actor=journalist, expected_version=0)


def test_the_browser_capture_judges_the_shell_incomplete_and_is_the_evidence_pinned(cited_shell, journalist):
    claim, http = cited_shell
    assert http.complete is None  # waits for the browser
    with pytest.raises(InvalidInput, match="holds the page's text"):
        submit(claim, journalist)
    browser = record_browser(http, ARTICLE, screenshot=png())
    http.refresh_from_db()
    assert browser.status == "succeeded" and browser.complete is True and browser.method == "browser"
    assert browser.rendered_text_length > 200 and http.complete is False  # "X" against the whole article
    judged = AuditEvent.objects.get(action="snapshot.judged", object_id=str(http.pk))
    assert judged.to_state == "incomplete" and judged.data["by"] == browser.pk
    receipt = AuditEvent.objects.get(action="snapshot.captured", object_id=str(browser.pk))
    assert receipt.data["screenshot_sha256"] == browser.screenshot_sha256
    verdict = submit(claim, journalist)
    assert verdict.status == "submitted"
    assert claim.citations.get().snapshot == browser  # the rendered page, not the shell


def test_a_browser_capture_that_rendered_as_little_is_no_evidence_either(cited_shell, journalist):
    claim, http = cited_shell
    browser = record_browser(http, SHELL, screenshot=png())  # the script wrote nothing in the browser either
    http.refresh_from_db()
    assert browser.complete is False and http.complete is False
    with pytest.raises(InvalidInput, match="holds the page's text"):
        submit(claim, journalist)


def test_the_claim_and_review_pages_show_screenshot_then_text_then_the_capture(cited_shell, journalist, client):
    claim, http = cited_shell
    browser = record_browser(http, ARTICLE, screenshot=png())
    verdict = submit(claim, journalist)
    client.force_login(journalist)
    shot = reverse("capture-screenshot", args=[browser.pk])
    for url in (reverse("claim-page", args=[claim.pk]), reverse("verdict-page", args=[verdict.pk])):
        page = client.get(url).content.decode()
        detail = reverse("capture-detail", args=[browser.pk])
        order = [page.index(f'<img src="{shot}"'), page.index('class="capture-peek"'),
                 page.index(f'<a href="{detail}">view capture</a>')]  # fmt: skip
        assert order == sorted(order)
        assert "Browser capture" in page and 'data-capture-complete="false"' not in page


def test_a_plain_capture_shows_the_screenshot_of_the_browser_capture_that_followed_it(
    browser_on, server, make_claim, journalist, client
):
    server.page("/news", ARTICLE)
    claim = make_claim()
    citation = citation_create(actor=journalist, claim_id=claim.pk, url=server.url("/news"), stance="supports")
    http = Snapshot.objects.get(requested_url=server.url("/news"), method="http")
    snapshot_capture(snapshot_id=http.pk)
    http.refresh_from_db()
    citation.snapshot = http  # pinned to the plain capture (as before browser captures)
    citation.save(update_fields=["snapshot"])
    client.force_login(journalist)
    url = reverse("claim-page", args=[claim.pk])
    assert "/screenshot.png" not in client.get(url).content.decode()
    browser = record_browser(http, ARTICLE, screenshot=png())
    http.refresh_from_db()
    assert http.complete is True  # the plain text holds what the browser rendered
    page = client.get(url).content.decode()
    assert f'<img src="{reverse("capture-screenshot", args=[browser.pk])}"' in page
    assert f'<a href="{reverse("capture-detail", args=[http.pk])}">view capture</a>' in page


def test_the_screenshot_is_an_image_for_those_who_may_see_the_capture(cited_shell, journalist, client):
    _, http = cited_shell
    image = png()
    browser = record_browser(http, ARTICLE, screenshot=image)
    url = reverse("capture-screenshot", args=[browser.pk])
    assert url == f"/captures/{browser.pk}/screenshot.png"
    assert client.get(url).status_code == 403  # not public: a reader sees nothing
    client.force_login(journalist)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == image
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "Content-Disposition" not in response or not response["Content-Disposition"].startswith("attachment")
    assert client.get(reverse("capture-screenshot", args=[http.pk])).status_code == 404  # a plain capture has none
    assert client.get(reverse("capture-screenshot", args=[browser.pk + 1000])).status_code == 404
    client.logout()
    Snapshot.objects.filter(pk=browser.pk).update(public=True)  # as once a published verdict relies on it
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_the_claim_page_queries_stay_flat_with_browser_captures(browser_on, server, make_claim, journalist, client):
    server.page("/news", ARTICLE)
    claim = make_claim()
    client.force_login(journalist)
    url = reverse("claim-page", args=[claim.pk])

    def cite(path):
        server.page(path, ARTICLE)
        citation_create(actor=journalist, claim_id=claim.pk, url=server.url(path), stance="supports")
        http = Snapshot.objects.get(requested_url=server.url(path), method="http")
        snapshot_capture(snapshot_id=http.pk)
        http.refresh_from_db()
        record_browser(http, ARTICLE, screenshot=png())

    cite("/one")
    one = count_queries(client, url)
    for n in range(4):
        cite(f"/more-{n}")
    page = client.get(url).content.decode()
    assert page.count('/screenshot.png"') == 5
    assert count_queries(client, url) == one
