"""The verification checklist: configured by editors in the admin, ticked on claim pages, and
required steps holding back a verdict's submission (the `submit` rule of the review table)."""

import pytest

from claims.checklist import checklist_step_create, checklist_step_update, checklist_tick
from claims.models import ChecklistStep, ChecklistTick, Claim
from claims.services import claim_transition
from factcheck.errors import ActionForbidden, Conflict
from factcheck.models import AuditEvent
from tests.conftest import UserFactory, count_queries, fresh, step
from verdicts.models import Verdict
from verdicts.services import verdict_create

pytestmark = pytest.mark.django_db


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def tick(client, claim, step_, done):
    return client.post(f"/claims/{claim.pk}/checklist/{step_.pk}/", {"done": "1" if done else "0"}, follow=True)


@pytest.fixture
def steps(editor):
    return [
        checklist_step_create(actor=editor, label="Contacted the claimant", order=1, required_for_submit=True),
        checklist_step_create(actor=editor, label="Found the primary source", order=2, required_for_submit=True),
        checklist_step_create(actor=editor, label="Checked the date", order=3),
    ]


def test_editors_configure_steps_in_the_admin_and_journalists_may_not(client, editor, journalist):
    client.force_login(editor)
    added = client.post(
        "/admin/claims/checkliststep/add/",
        {"label": "Contacted the claimant", "order": 1, "active": "on", "required_for_submit": "on"},
    )
    assert added.status_code == 302
    made = ChecklistStep.objects.get()
    assert made.required_for_submit and AuditEvent.objects.filter(action="checklist_step.create").exists()
    changed = client.post(
        f"/admin/claims/checkliststep/{made.pk}/change/", {"label": "Contacted the claimant", "order": 1}
    )
    assert changed.status_code == 302 and not ChecklistStep.objects.get().active  # unticked box: inactive
    assert AuditEvent.objects.get(action="checklist_step.update").data["changes"]["active"] == [True, False]
    assert client.get(f"/admin/claims/checkliststep/{made.pk}/delete/").status_code == 403
    client.force_login(journalist)
    assert client.get("/admin/claims/checkliststep/add/").status_code == 403
    with pytest.raises(ActionForbidden):
        checklist_step_update(actor=journalist, step_id=made.pk, active=True)


def test_a_journalist_ticks_and_unticks_with_who_and_when_audited(client, journalist, checking_claim, steps):
    claim = checking_claim()
    client.force_login(journalist)
    done = tick(client, claim, steps[0], True)
    assert "Checklist ticked." in messages_of(done)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert f'data-step="{steps[0].pk}" data-done="1"' in page and "done by jo" in page
    assert f'data-step="{steps[1].pk}" data-done="0"' in page
    undone = tick(client, claim, steps[0], False)
    assert "unticked" in messages_of(undone) and not ChecklistTick.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_id=str(claim.pk), action__startswith="checklist.").values_list(
            "action", "comment"
        )
    )
    assert actions == [
        ("checklist.tick", "Ticked “Contacted the claimant”."),
        ("checklist.untick", "Unticked “Contacted the claimant”."),
    ]


def test_a_stale_tick_is_refused_with_who_ticked_it(client, journalist, other_journalist, checking_claim, steps):
    claim = checking_claim()
    checklist_tick(actor=other_journalist, claim_id=claim.pk, step_id=steps[0].pk, done=True)
    client.force_login(journalist)
    again = tick(client, claim, steps[0], True)  # from a page loaded before jim ticked it
    assert "already ticked by jim" in messages_of(again)
    assert ChecklistTick.objects.get().ticked_by == other_journalist
    checklist_tick(actor=other_journalist, claim_id=claim.pk, step_id=steps[0].pk, done=False)
    gone = tick(client, claim, steps[0], False)
    assert "is not ticked (someone unticked it meanwhile)" in messages_of(gone)
    checklist_step_update(actor=fresh(UserFactory(username="ed2", role="editor")), step_id=steps[2].pk, active=False)
    retired = tick(client, claim, steps[2], True)
    assert "no longer on the checklist" in messages_of(retired)
    bad = client.post(f"/claims/{claim.pk}/checklist/{steps[1].pk}/", {"done": "maybe"}, follow=True)
    assert "Say whether" in messages_of(bad)
    unknown = client.post(f"/claims/{claim.pk}/checklist/999999/", {"done": "1"}, follow=True)
    assert "no longer on the checklist" in messages_of(unknown)
    huge = client.post(f"/claims/{claim.pk}/checklist/{2**63}/", {"done": "1"}, follow=True)
    assert huge.status_code == 200 and "out of range" in messages_of(huge)
    assert not ChecklistTick.objects.exists()


def test_no_ticking_on_a_dismissed_or_frozen_claim(client, journalist, editor, make_claim, verdict_in, steps):
    claim = make_claim()
    claim_transition(claim_id=claim.pk, action="dismiss", actor=editor, expected_version=0, comment="Opinion.")
    client.force_login(journalist)
    refused = tick(client, claim, steps[2], True)
    assert "The claim is dismissed: it cannot change now." in messages_of(refused)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert '<p class="meta" id="checklist-closed">The claim is dismissed' in page and 'name="done"' not in page
    for label in ("Contacted the claimant", "Found the primary source"):
        ChecklistStep.objects.filter(label=label).update(active=False)
    verdict = verdict_in("submitted")
    frozen = tick(client, Claim.objects.get(pk=verdict.claim_id), steps[2], True)
    assert f"verdict v{verdict.number} is submitted" in messages_of(frozen).lower()
    assert not ChecklistTick.objects.exists()


def test_submitting_needs_the_required_steps_and_says_which_are_missing(client, journalist, checking_claim, steps):
    claim = checking_claim()
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", headline="No", summary="Wrong.")
    client.force_login(journalist)
    page = client.get(f"/verdicts/{verdict.pk}/edit/").content.decode()
    assert 'data-action="submit"' not in page
    assert (
        "tick these steps of the claim&#x27;s checklist: “Contacted the claimant”, “Found the primary source”" in page
    )
    refused = client.post(
        f"/verdicts/{verdict.pk}/actions/submit/", {"expected_version": verdict.lock_version}, follow=True
    )
    assert "“Contacted the claimant”, “Found the primary source”" in messages_of(refused)
    assert Verdict.objects.get(pk=verdict.pk).status == "draft"
    checklist_tick(actor=journalist, claim_id=claim.pk, step_id=steps[0].pk, done=True)
    with pytest.raises(ActionForbidden, match=r"“Found the primary source”\.$"):
        step(verdict, "submit", journalist)
    checklist_tick(actor=journalist, claim_id=claim.pk, step_id=steps[1].pk, done=True)
    assert 'data-action="submit"' in client.get(f"/verdicts/{verdict.pk}/edit/").content.decode()
    assert step(verdict, "submit", journalist).status == "submitted"  # "Checked the date" is optional


def test_a_step_added_later_does_not_hold_back_a_submitted_verdict_and_an_inactive_one_blocks_nothing(
    editor, journalist, verdict_in
):
    submitted = verdict_in("submitted")
    later = checklist_step_create(actor=editor, label="Asked a second expert", required_for_submit=True)
    approved = step(submitted, "approve", editor)
    assert step(approved, "publish", editor).status == "published"
    draft = verdict_in("draft")
    with pytest.raises(ActionForbidden, match="Asked a second expert"):
        step(draft, "submit", journalist)
    checklist_step_update(actor=editor, step_id=later.pk, active=False)
    assert step(draft, "submit", journalist).status == "submitted"


def test_without_the_claims_role_there_is_no_checklist_to_see_or_tick(client, journalist, checking_claim, steps):
    claim = checking_claim()
    reader = fresh(UserFactory(username="reader"))
    client.force_login(reader)
    assert client.get(f"/claims/{claim.pk}/").status_code == 403
    assert client.post(f"/claims/{claim.pk}/checklist/{steps[0].pk}/", {"done": "1"}).status_code == 403
    with pytest.raises(ActionForbidden):
        checklist_tick(actor=reader, claim_id=claim.pk, step_id=steps[0].pk, done=True)
    with pytest.raises(Conflict):
        checklist_tick(actor=journalist, claim_id=claim.pk, step_id=steps[0].pk, done=False)


def test_the_claim_page_runs_the_same_queries_for_3_and_30_steps(client, editor, journalist, checking_claim):
    claim = checking_claim()
    client.force_login(journalist)

    def add(n, start):
        for number in range(start, start + n):
            made = checklist_step_create(actor=editor, label=f"Step {number}", order=number)
            if number % 2 == 0:
                checklist_tick(actor=journalist, claim_id=claim.pk, step_id=made.pk, done=True)

    add(3, 0)
    client.get(f"/claims/{claim.pk}/")  # warm the word statistics kept for possible duplicates
    few = count_queries(client, f"/claims/{claim.pk}/")
    add(27, 3)
    assert count_queries(client, f"/claims/{claim.pk}/") == few
    assert client.get(f"/claims/{claim.pk}/").content.decode().count("data-step=") == 30


def test_the_admins_list_of_steps_runs_the_same_queries_for_3_and_30_steps(client, editor):
    client.force_login(editor)

    def grow(n):
        while ChecklistStep.objects.count() < n:
            number = ChecklistStep.objects.count()
            checklist_step_create(actor=editor, label=f"Step {number}", order=number, active=number % 3 != 0)

    grow(3)
    few = count_queries(client, "/admin/claims/checkliststep/")
    grow(30)
    assert count_queries(client, "/admin/claims/checkliststep/") == few


def test_the_staff_api_refuses_to_submit_with_the_missing_steps_named(client, journalist, checking_claim, steps):
    claim = checking_claim()
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", headline="No", summary="Wrong.")
    client.force_login(journalist)
    refused = client.post(
        f"/api/v1/staff/verdicts/{verdict.pk}/actions/submit/",
        {"expected_version": verdict.lock_version},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert "“Contacted the claimant”, “Found the primary source”" in refused.json()["error"]["message"]
    assert Verdict.objects.get(pk=verdict.pk).status == "draft"
