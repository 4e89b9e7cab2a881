"""The newsroom's new actions in the order an attacker would take them: the claim under review,
pick up and withdraw, bulk triage, notes, the checklist and the notification link."""

import pytest

from claims.models import Claim
from factcheck.models import AuditEvent, Notification
from tests.conftest import UserFactory, fresh
from verdicts.models import Verdict

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.raise_request_exception = False
    client.force_login(user)
    return client


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_a_claim_under_review_cannot_be_marked_a_duplicate_from_the_page(client, editor, verdict_in, make_claim, state):
    """The reviewed unit is frozen from submission to publication: marking its claim a duplicate
    takes it out of checking under the reviewer's feet (and publishing can then no longer resolve it)."""
    original = make_claim(text="An older claim that says the same.")
    verdict = verdict_in(state)
    claim = verdict.claim
    claim.refresh_from_db()
    _login(client, editor)
    client.post(
        f"/claims/{claim.pk}/actions/mark_duplicate/",
        {"expected_version": claim.lock_version, "duplicate_of": original.pk},
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CHECKING, "a claim under review was marked a duplicate"


def test_a_claim_under_review_marked_duplicate_still_publishes_or_was_refused(client, editor, other_editor, verdict_in,
                                                                               make_claim):  # fmt: skip
    original = make_claim(text="An older claim that says the same.")
    verdict = verdict_in("approved", reviewer=other_editor)
    claim = verdict.claim
    claim.refresh_from_db()
    _login(client, editor)
    client.post(
        f"/claims/{claim.pk}/actions/mark_duplicate/",
        {"expected_version": claim.lock_version, "duplicate_of": original.pk},
    )
    verdict.refresh_from_db()
    response = client.post(f"/verdicts/{verdict.pk}/actions/publish/", {"expected_version": verdict.lock_version})
    assert response.status_code != 500
    verdict.refresh_from_db()
    claim.refresh_from_db()
    # Either the duplicate was refused (claim checking, verdict publishable) or the pair is consistent.
    assert not (verdict.status == Verdict.Status.APPROVED and claim.status == Claim.Status.DUPLICATE), (
        "an approved verdict is stranded on a duplicate claim: it can never be published"
    )


def test_api_claim_action_with_a_nul_in_the_comment_is_a_400_not_a_500(client, editor, admin_user, make_claim):
    from factcheck.apikeys import api_key_create

    key = api_key_create(actor=admin_user, name="desk", owner=editor, scope="write")[1]
    claim = make_claim()
    client.raise_request_exception = False
    response = client.post(
        f"/api/v1/claims/{claim.pk}/actions/dismiss/",
        {"expected_version": claim.lock_version, "comment": "spam\u0000"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {key}",
    )
    assert response.status_code == 400, response.status_code


def test_request_changes_with_a_nul_in_the_comment_is_refused_not_a_500(client, other_editor, verdict_in):
    verdict = verdict_in("submitted")
    _login(client, other_editor)
    response = client.post(
        f"/verdicts/{verdict.pk}/actions/request_changes/",
        {"expected_version": verdict.lock_version, "comment": "fix\x00"},
    )
    assert response.status_code in (302, 400, 409), response.status_code
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED


def test_an_editor_cannot_withdraw_someone_elses_verdict(client, editor, verdict_in):
    verdict = verdict_in("submitted")
    _login(client, editor)
    client.post(f"/verdicts/{verdict.pk}/actions/withdraw/", {"expected_version": verdict.lock_version})
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED


def test_withdraw_after_approval_is_refused(client, journalist, verdict_in):
    verdict = verdict_in("approved")
    _login(client, journalist)
    client.post(f"/verdicts/{verdict.pk}/actions/withdraw/", {"expected_version": verdict.lock_version})
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.APPROVED


def test_picking_up_a_claim_someone_else_picked_up_with_the_old_revision_is_refused(
    client, journalist, other_journalist, make_claim
):
    claim = make_claim()
    version = claim.lock_version
    _login(client, other_journalist)
    client.post(f"/claims/{claim.pk}/actions/pick_up/", {"expected_version": version})
    _login(client, journalist)
    client.post(f"/claims/{claim.pk}/actions/pick_up/", {"expected_version": version})
    claim.refresh_from_db()
    assert claim.assignee_id == other_journalist.pk


def test_bulk_triage_each_row_its_own_audit_row_duplicates_once_stale_listed(client, editor, journalist, make_claim):
    claims = [make_claim(text=f"Claim number {i} about the border.") for i in range(3)]
    _login(client, editor)
    before = AuditEvent.objects.filter(action="claim.update").count()
    items = [f"{c.pk}@{c.lock_version}" for c in claims] + [f"{claims[0].pk}@{claims[0].lock_version}", "999999@1"]
    items[1] = f"{claims[1].pk}@{claims[1].lock_version + 5}"  # stale
    response = client.post("/queue/bulk/", {"action": "tag", "tag": "border", "claim": items}, follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert AuditEvent.objects.filter(action="claim.update").count() == before + 2
    assert f"Claim #{claims[1].pk}" in text and "Claim #999999" in text


def test_a_journalist_cannot_bulk_triage(client, journalist, make_claim):
    claim = make_claim()
    _login(client, journalist)
    response = client.post(
        "/queue/bulk/", {"action": "dismiss", "comment": "x", "claim": [f"{claim.pk}@{claim.lock_version}"]}
    )
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_a_note_mentioning_someone_who_cannot_see_claims_tells_nobody(client, journalist, make_claim):
    outsider = fresh(UserFactory(username="outsider"))
    claim = make_claim()
    _login(client, journalist)
    names = " ".join(f"@user{i}" for i in range(40))
    client.post(f"/claims/{claim.pk}/notes/add/", {"text": f"<script>x</script> @outsider {names}"})
    assert not Notification.objects.filter(recipient=outsider).exists()
    page = client.get(f"/claims/{claim.pk}/")
    assert b"<script>x</script>" not in page.content


@pytest.mark.parametrize(
    "url",
    [
        "//evil.example/",
        "https:evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        " //evil.example",
        "/\t/evil.example",
        "https://evil.example/",
        "/%2F%2Fevil.example",
        "/\x0b/evil.example",
        "javascript:alert(1)",
    ],
)
def test_opening_a_notification_never_leaves_the_site(client, journalist, url):
    note = Notification.objects.create(recipient=journalist, kind="mentioned", text="x", url=url)
    _login(client, journalist)
    response = client.get(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302
    location = response["Location"]
    cleaned = "".join(ch for ch in location if ch not in "\t\r\n").strip("\x00\x0b\x0c ").replace("\\", "/")
    assert cleaned.startswith("/") and not cleaned.startswith("//"), location
    note.refresh_from_db()
    assert note.read_at is not None


def test_opening_someone_elses_notification_is_a_404(client, journalist, other_journalist):
    note = Notification.objects.create(recipient=other_journalist, kind="mentioned", text="x", url="/")
    _login(client, journalist)
    assert client.get(f"/notifications/{note.pk}/open/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_someone_elses_saved_view_is_neither_shown_nor_deleted(client, journalist, other_journalist):
    from newsroom.models import SavedView
    from newsroom.services import saved_view_create

    theirs = saved_view_create(actor=other_journalist, name="Theirs", query="view=all&q=secret")
    _login(client, journalist)
    page = client.get("/", {"view": "all", "saved": theirs.pk})
    assert b"Theirs" not in page.content
    assert client.post(f"/queue/views/{theirs.pk}/delete/").status_code == 404
    assert SavedView.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize(
    "back", ["//evil.example/", "/\\evil.example", "https://evil.example/", "/\t/evil.example", "\\\\evil.example"]
)
def test_bulk_triage_never_sends_you_off_the_site(client, editor, make_claim, back):
    claim = make_claim()
    _login(client, editor)
    response = client.post(
        "/queue/bulk/", {"action": "tag", "tag": "x", "claim": [f"{claim.pk}@{claim.lock_version}"], "back": back}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "data,says",
    [
        ({"action": "explode"}, "Choose what to do"),
        ({"action": "dismiss", "comment": "   "}, "Give the reason"),
        ({"action": "tag", "tag": "a" * 51}, "at most 50"),
    ],
)
def test_bulk_triage_refuses_bad_requests_and_changes_nothing(client, editor, make_claim, data, says):
    claim = make_claim()
    _login(client, editor)
    before = AuditEvent.objects.count()
    response = client.post("/queue/bulk/", {**data, "claim": [f"{claim.pk}@{claim.lock_version}"]}, follow=True)
    assert says in " ".join(str(m) for m in response.context["messages"])
    assert AuditEvent.objects.count() == before


def test_bulk_triage_refuses_more_than_a_hundred(client, editor):
    _login(client, editor)
    response = client.post("/queue/bulk/", {"action": "tag", "tag": "x", "claim": [f"{i}@1" for i in range(1, 102)]},
                           follow=True)  # fmt: skip
    assert "at most 100" in " ".join(str(m) for m in response.context["messages"])


def test_nothing_of_a_submitted_claims_sources_changes_from_the_page(client, journalist, verdict_in):
    verdict = verdict_in("submitted")
    claim = verdict.claim
    citation = claim.citations.get()
    _login(client, journalist)
    client.post(f"/claims/{claim.pk}/citations/{citation.pk}/retry/")
    client.post(f"/claims/{claim.pk}/citations/{citation.pk}/remove/", {"confirm": "yes"})
    client.post(f"/claims/{claim.pk}/citations/{citation.pk}/edit/", {"stance": "refutes", "quote": "changed"})
    citation.refresh_from_db()
    assert (citation.stance, citation.quote) == ("supports", "")
    claim.refresh_from_db()
    response = client.post(f"/claims/{claim.pk}/edit/", {"expected_version": claim.lock_version, "text": "Changed."})
    assert response.status_code == 409
    claim.refresh_from_db()
    assert claim.text != "Changed."


def test_the_checklist_cannot_be_ticked_on_a_dismissed_or_frozen_claim(client, editor, journalist, make_claim,
                                                                         verdict_in):  # fmt: skip
    from claims.checklist import checklist_step_create
    from claims.models import ChecklistTick
    from claims.services import claim_transition

    frozen = verdict_in("submitted").claim
    step_ = checklist_step_create(actor=editor, label="Contacted the claimant", order=1, required_for_submit=True)
    dismissed = make_claim()
    claim_transition(claim_id=dismissed.pk, action="dismiss", actor=editor, expected_version=dismissed.lock_version,
                     comment="Opinion.")  # fmt: skip
    _login(client, journalist)
    for claim in (dismissed, frozen):
        client.post(f"/claims/{claim.pk}/checklist/{step_.pk}/", {"done": "1"})
    assert not ChecklistTick.objects.exists()


@pytest.mark.parametrize(
    "query",
    ["view=review", "view=published", "view=../../admin", "view=all&status=bogus", "view=all&q=" + "a" * 2100],
)
def test_a_saved_view_that_cannot_apply_is_refused(client, journalist, query):
    from newsroom.models import SavedView

    _login(client, journalist)
    response = client.post("/queue/views/", {"name": "hostile", "query": query})
    assert response.status_code == 302
    assert not SavedView.objects.exists()


def test_a_saved_views_name_is_escaped_in_the_tabs_and_title(client, journalist):
    from newsroom.services import saved_view_create

    saved = saved_view_create(actor=journalist, name="<script>alert(1)</script>", query="view=all")
    _login(client, journalist)
    page = client.get("/", {"view": "all", "saved": saved.pk})
    assert b"<script>alert(1)</script>" not in page.content


def test_a_reopened_claim_is_unassigned_intake_again(client, editor, journalist, other_journalist, make_claim):
    """Reopening (from dismissed or duplicate) puts the claim back to new: it should be in
    *Unassigned intake* and open to pick up, not stuck with the assignee of its earlier check."""
    from claims.services import claim_transition

    original = make_claim(text="The original claim.")
    claim = make_claim(text="A claim accepted, then found a duplicate, then reopened.")
    claim = claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=claim.lock_version,
                             assignee_id=journalist.pk)  # fmt: skip
    claim = claim_transition(claim_id=claim.pk, action="mark_duplicate", actor=editor,
                             expected_version=claim.lock_version, duplicate_of_id=original.pk)  # fmt: skip
    claim = claim_transition(claim_id=claim.pk, action="reopen", actor=editor, expected_version=claim.lock_version)
    assert claim.status == Claim.Status.NEW
    _login(client, other_journalist)
    rows = client.get("/", {"view": "intake"}).context["rows"]
    client.post(f"/claims/{claim.pk}/actions/pick_up/", {"expected_version": claim.lock_version})
    claim.refresh_from_db()
    assert claim.pk in [r.pk for r in rows] and claim.assignee_id == other_journalist.pk, (
        f"reopened claim keeps assignee {claim.assignee_id}, status {claim.status}"
    )
