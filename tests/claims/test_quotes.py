"""A citation's quoted passage is looked for in the captured page, and where it is kept;
a passage that is not there is said on the claim page, in the staff API and in the admin."""

import pytest

from claims.models import Citation
from claims.services import citation_create
from factcheck.models import AuditEvent
from sources.capture import snapshot_capture
from sources.models import Snapshot
from tests.conftest import capture
from tests.sources.webserver import ARTICLE

pytestmark = pytest.mark.django_db

# The page says "country's" with a straight apostrophe, in two paragraphs on two lines.
QUOTE = """  “AS OF EARLY DECEMBER,   about 100,000 Soldiers
were deployed near the border, the defence minister told parliament. The minister said the figure
came from the country’s intelligence services”  """
FOUND = (
    "As of early December, about 100,000 soldiers were deployed near the border, the defence minister told "
    "parliament.\nThe minister said the figure came from the country's intelligence services"
)
ABSENT = "The border was quiet all through December."


def test_a_passage_quoted_before_the_capture_is_found_with_its_place_when_the_capture_finishes(
    server, journalist, checking_claim, django_capture_on_commit_callbacks
):
    server.page("/article", ARTICLE)
    claim = checking_claim()
    citation = citation_create(actor=journalist, claim_id=claim.pk, url=server.url("/article"), quote=QUOTE)
    assert citation.quote_status == "pending" and "Not checked yet" in citation.quote_message

    queued = Snapshot.objects.get(source=citation.source, status="queued")
    with django_capture_on_commit_callbacks(execute=True):
        snapshot_capture(snapshot_id=queued.pk)  # what a worker does
    citation.refresh_from_db()
    snapshot = Snapshot.objects.get(pk=queued.pk)
    assert (citation.quote_status, citation.quote_snapshot_id) == ("found", snapshot.pk)
    assert snapshot.text[citation.quote_start : citation.quote_end] == FOUND
    checked = AuditEvent.objects.get(action="citation.quote_check", object_id=str(citation.pk))
    assert checked.data == {
        "quote": "found",
        "quote_snapshot": snapshot.pk,
        "quote_at": [citation.quote_start, citation.quote_end],
    }


def test_a_passage_is_looked_for_at_once_when_the_page_is_already_captured(journalist, checking_claim):
    capture("https://example.org/minutes", "Minutes: the minister told parliament — about 100,000 soldiers.")
    claim = checking_claim()
    citation = citation_create(
        actor=journalist, claim_id=claim.pk, url="https://example.org/minutes", quote="Minister told Parliament - about"
    )
    assert citation.quote_status == "found"
    assert citation.quote_snapshot.text[citation.quote_start : citation.quote_end] == "minister told parliament — about"
    created = AuditEvent.objects.get(action="citation.create", object_id=str(citation.pk))
    assert created.data["quote"] == "found" and created.data["quote_at"] == [citation.quote_start, citation.quote_end]


def test_a_passage_not_in_the_page_is_cited_anyway_and_said_on_the_page_in_the_api_and_in_the_admin(
    client, journalist, admin_user, checking_claim
):
    capture("https://example.org/report", "The report says the border was busy with trucks in December.")
    claim = checking_claim()
    client.force_login(journalist)
    response = client.post(
        f"/claims/{claim.pk}/citations/add/",
        {"url": "https://example.org/report", "stance": "refutes", "quote": ABSENT},
        follow=True,
    )
    said = " ".join(str(m) for m in response.context["messages"])
    assert "Source cited" in said and "The passage you quoted is not in the captured page" in said
    citation = Citation.objects.get(claim=claim, source__normalized_url="https://example.org/report")
    assert (citation.quote_status, citation.quote_start, citation.quote_end) == ("not_found", None, None)
    assert citation.quote_snapshot_id is not None

    for url in (f"/claims/{claim.pk}/", f"/claims/{claim.pk}/citations/"):
        row = client.get(url).content.decode().split(f'data-citation="{citation.pk}"')[1].split("</tr>")[0]
        assert 'data-quote-status="not_found"' in row and "The passage you quoted is not in the captured page" in row

    listed = client.get(f"/api/v1/claims/{claim.pk}/citations/").json()
    check = next(c for c in listed if c["id"] == citation.pk)["quote_check"]
    assert check["status"] == "not_found" and check["start"] is None
    assert check["snapshot"] == citation.quote_snapshot_id
    assert check["message"].startswith("The passage you quoted is not in the captured page")
    found = next(c for c in listed if c["id"] != citation.pk)["quote_check"]
    assert found["status"] == "none"  # the evidence cited without a quote

    client.force_login(admin_user)
    for url in (f"/admin/claims/citation/{citation.pk}/change/", f"/admin/claims/claim/{claim.pk}/change/"):
        page = client.get(url)
        assert page.status_code == 200 and "The passage you quoted is not in the captured page" in page.content.decode()
    listing = client.get("/admin/claims/citation/?quote_status__exact=not_found").content.decode()
    assert f"/admin/claims/citation/{citation.pk}/change/" in listing


def test_the_capture_viewer_highlights_the_passage_a_citation_found(client, journalist, checking_claim):
    capture("https://example.org/minutes", "Minutes: the minister told parliament about 100,000 soldiers.")
    claim = checking_claim()
    citation = citation_create(
        actor=journalist, claim_id=claim.pk, url="https://example.org/minutes", quote="told parliament"
    )
    client.force_login(journalist)
    row = client.get(f"/claims/{claim.pk}/").content.decode().split(f'data-citation="{citation.pk}"')[1]
    link = f"/captures/{citation.quote_snapshot_id}/?passage={citation.quote_start}-{citation.quote_end}#passage"
    assert link in row
    page = client.get(link.split("#")[0]).content.decode()
    assert '<mark id="passage">told parliament</mark>' in page
    for bad in ("9-2", "0-99999", "x-y", "-"):
        assert "<mark" not in client.get(f"/captures/{citation.quote_snapshot_id}/?passage={bad}").content.decode()
