"""Which capture is the evidence: a capture that holds only a page's empty shell (its article is
written by a script) is incomplete and does not satisfy the evidence check for a verdict."""

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.services import citation_create, claim_transition
from factcheck.errors import InvalidInput
from factcheck.models import AuditEvent
from newsroom.history import describe
from sources.capture import snapshot_capture, snapshot_fail
from sources.evidence import text_complete
from sources.models import Snapshot
from tests.sources.webserver import ARTICLE
from verdicts.services import verdict_create, verdict_transition

pytestmark = pytest.mark.django_db

# What a new user met: the article is written by a script, so the plain capture keeps the title "X".
SHELL = """<!doctype html><html><head><title>X</title></head><body><div id="app"></div>
<script>var a = {"text": "The minister said 700,000 homes would be built by 2030."};
document.getElementById("app").textContent = a.text;</script></body></html>"""


@pytest.fixture
def claim_citing(make_claim, editor, journalist):
    def make(url: str) -> Claim:
        claim = make_claim()
        claim = claim_transition(
            claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk
        )
        citation_create(actor=journalist, claim_id=claim.pk, url=url, stance="refutes")
        return claim

    return make


def capture_pending(url: str) -> Snapshot:
    snapshot = Snapshot.objects.get(requested_url=url, method="http", status="queued")
    snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    return snapshot


def submit(claim, journalist):
    verdict = claim.verdicts.first() or verdict_create(
        actor=journalist, claim_id=claim.pk, rating="false", summary="Wrong."
    )
    return verdict_transition(verdict_id=verdict.pk, action="submit", actor=journalist, expected_version=0)


def test_a_page_written_by_script_is_captured_incomplete_and_is_no_evidence(server, claim_citing, journalist, client):
    server.page("/shell", SHELL)
    claim = claim_citing(server.url("/shell"))
    snapshot = capture_pending(server.url("/shell"))
    assert snapshot.status == "succeeded" and snapshot.complete is False
    with pytest.raises(InvalidInput, match="holds the page's text"):
        submit(claim, journalist)
    assert claim.verdicts.get().status == "draft"
    receipt = AuditEvent.objects.get(action="snapshot.captured", object_id=str(snapshot.pk))
    assert receipt.data["complete"] is False
    client.force_login(journalist)
    page = client.get(reverse("claim-page", args=[claim.pk])).content.decode()
    assert 'data-capture-complete="false"' in page and "so it is not evidence" in page


def test_a_page_with_its_text_is_complete_and_is_evidence(server, claim_citing, journalist):
    server.page("/news", ARTICLE)
    claim = claim_citing(server.url("/news"))
    snapshot = capture_pending(server.url("/news"))
    assert snapshot.complete is True
    assert submit(claim, journalist).status == "submitted"
    assert claim.citations.get().snapshot == snapshot  # the evidence is pinned at submission


def test_with_browser_captures_on_the_plain_capture_waits_for_the_browser(settings, server, claim_citing, journalist):
    settings.CAPTURE_BROWSER = True
    server.page("/news", ARTICLE)
    claim = claim_citing(server.url("/news"))
    snapshot = capture_pending(server.url("/news"))
    assert snapshot.status == "succeeded" and snapshot.complete is None  # not judged yet: no evidence
    browser = snapshot.followed_by.get()
    assert (browser.method, browser.status, browser.requested_url) == ("browser", "queued", server.url("/news"))
    with pytest.raises(InvalidInput, match="holds the page's text"):
        submit(claim, journalist)
    # The browser capture fails for good: the plain capture is judged on its own text.
    browser.status, browser.attempt = "fetching", 1
    browser.save(update_fields=["status", "attempt"])
    snapshot_fail(snapshot=browser, code="browser_crashed", message="The browser crashed.")
    snapshot.refresh_from_db()
    assert snapshot.complete is True
    judged = AuditEvent.objects.get(action="snapshot.judged", object_id=str(snapshot.pk))
    assert judged.data["by"] == browser.pk and judged.to_state == "complete"
    assert describe(judged).startswith("The capture of the page at 127.0.0.1 was judged complete: it holds")
    assert submit(claim, journalist).status == "submitted"


def test_a_capture_far_shorter_than_the_rendered_page_is_incomplete(settings):
    settings.CAPTURE_COMPLETE_MIN_CHARS, settings.CAPTURE_COMPLETE_RATIO = 20, 0.5
    assert text_complete(1) is False  # "X"
    assert text_complete(400) is True  # nothing rendered to compare with
    assert text_complete(400, rendered=5000) is False
    assert text_complete(2600, rendered=5000) is True
