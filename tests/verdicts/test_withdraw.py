"""Withdrawing a submitted verdict: its author takes it back to draft before review starts."""

import re

import pytest
from django.urls import reverse

from claims.services import citation_create, claim_update
from factcheck.errors import ActionForbidden, Conflict, StaleVersion
from factcheck.models import AuditEvent
from tests.conftest import capture, step
from verdicts.models import Verdict
from verdicts.selectors import verdict_holding_claim
from verdicts.services import verdict_transition, verdict_update

pytestmark = pytest.mark.django_db


def buttons(response) -> list[str]:
    return re.findall(r'data-action="([a-z_]+)"', response.content.decode())


def test_the_author_withdraws_a_submission_and_the_claim_thaws(verdict_in, journalist):
    verdict = verdict_in("submitted")
    claim = verdict.claim
    submitted_digest = verdict.review_digest
    assert verdict_holding_claim(claim_id=claim.pk) and submitted_digest
    verdict = step(verdict, "withdraw", journalist)
    assert (verdict.status, verdict.review_digest, verdict.approved_digest) == ("draft", "", "")
    assert verdict_holding_claim(claim_id=claim.pk) is None
    event = AuditEvent.objects.get(action="verdict.withdraw", object_id=str(verdict.pk))
    assert (event.actor_id, event.from_state, event.to_state) == (journalist.pk, "submitted", "draft")
    assert event.data == {"review_digest": submitted_digest}
    # The claim and its evidence change again, and the draft is the author's to edit.
    claim = claim_update(claim_id=claim.pk, actor=journalist, expected_version=claim.lock_version, text="New words.")
    capture("https://example.org/more")
    citation_create(actor=journalist, claim_id=claim.pk, url="https://example.org/more")
    verdict = verdict_update(
        verdict_id=verdict.pk, actor=journalist, expected_version=verdict.lock_version, summary="S"
    )
    # Submitting again binds the verdict to the unit as it is now.
    verdict = step(verdict, "submit", journalist)
    assert verdict.review_digest and verdict.review_digest != submitted_digest
    assert verdict.review_unit["claim"]["text"] == "New words."


def test_an_approve_sent_after_a_withdraw_is_refused(verdict_in, journalist, editor):
    verdict = verdict_in("submitted")
    seen_by_editor = verdict.lock_version
    step(verdict, "withdraw", journalist)
    with pytest.raises(StaleVersion):  # the editor's page was read before the withdrawal
        verdict_transition(verdict_id=verdict.pk, action="approve", actor=editor, expected_version=seen_by_editor)
    current = Verdict.objects.get(pk=verdict.pk)
    with pytest.raises(Conflict, match="draft"):  # and reloading shows a draft: nothing to approve
        step(current, "approve", editor)
    current.refresh_from_db()
    assert (current.status, current.approver_id, current.approved_digest) == ("draft", None, "")
    assert not AuditEvent.objects.filter(action="verdict.approve").exists()


def test_a_withdraw_sent_after_an_approve_is_refused(verdict_in, journalist, editor):
    verdict = verdict_in("submitted")
    seen_by_author = verdict.lock_version
    step(verdict, "approve", editor)
    with pytest.raises(StaleVersion):
        verdict_transition(verdict_id=verdict.pk, action="withdraw", actor=journalist, expected_version=seen_by_author)
    with pytest.raises(Conflict, match="approved"):  # once review has started it is too late
        step(Verdict.objects.get(pk=verdict.pk), "withdraw", journalist)
    assert Verdict.objects.get(pk=verdict.pk).status == "approved"


@pytest.mark.parametrize("state", ["draft", "changes_requested", "approved", "published"])
def test_only_a_submitted_verdict_is_withdrawn(verdict_in, journalist, state):
    verdict = verdict_in(state)
    with pytest.raises(Conflict, match="Cannot withdraw from review"):
        step(verdict, "withdraw", journalist)
    assert Verdict.objects.get(pk=verdict.pk).status == state


def test_an_editor_or_another_journalist_cannot_withdraw(verdict_in, editor, other_journalist):
    verdict = verdict_in("submitted")
    for person in (editor, other_journalist):
        with pytest.raises(ActionForbidden, match="author"):
            step(verdict, "withdraw", person)
    assert Verdict.objects.get(pk=verdict.pk).status == "submitted"
    assert verdict_holding_claim(claim_id=verdict.claim_id)


def test_the_verdict_page_offers_withdraw_to_the_author_only(client, verdict_in, journalist, editor):
    verdict = verdict_in("submitted")
    url = reverse("verdict-page", args=[verdict.pk])
    client.force_login(editor)
    assert "withdraw" not in buttons(client.get(url))
    client.force_login(journalist)
    assert buttons(client.get(url)) == ["withdraw"]
    response = client.post(
        reverse("verdict-action", args=[verdict.pk, "withdraw"]),
        {"expected_version": verdict.lock_version},
        follow=True,
    )
    page = response.content.decode()
    assert "Withdraw from review: done. Verdict v1 is now draft." in page
    assert 'id="verdict-form"' in page  # the editor is back
    assert Verdict.objects.get(pk=verdict.pk).status == "draft"
