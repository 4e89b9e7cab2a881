"""The admin, the newsroom's pages and the staff API refuse the same object for the same reason:
each asks the one policy (factcheck.policy, the workflow tables) instead of its own rule."""

import pytest
from django.urls import reverse

from claims.policy import citation_policy
from factcheck.models import AuditEvent
from verdicts.models import Verdict
from verdicts.policy import verdict_policy
from verdicts.workflow import VERDICT_WORKFLOW

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def admin_url(obj, view="change", *args):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk, *args])


def test_an_editor_withdrawing_someone_elses_submission_is_told_the_same_everywhere(client, verdict_in, editor):
    verdict = verdict_in("submitted")
    reason = VERDICT_WORKFLOW.refusal(VERDICT_WORKFLOW.get("withdraw"), verdict, editor)
    assert reason == "Only the verdict's author can do this."
    client.force_login(editor)
    form = {"expected_version": verdict.lock_version}
    page = client.post(reverse("verdict-action", args=[verdict.pk, "withdraw"]), form, follow=True)
    assert messages_of(page) == [reason]
    admin = client.post(admin_url(verdict, "transition", "withdraw"), form, follow=True)
    assert messages_of(admin) == [reason]
    api = client.post(f"/api/v1/staff/verdicts/{verdict.pk}/actions/withdraw/", form, content_type="application/json")
    assert api.status_code == 403 and api.json()["error"]["message"] == reason
    assert Verdict.objects.get(pk=verdict.pk).status == "submitted"
    assert not AuditEvent.objects.filter(action="verdict.withdraw").exists()


def test_the_author_editing_a_submitted_verdict_is_told_the_same_everywhere(client, verdict_in, journalist):
    verdict = verdict_in("submitted")
    reason = verdict_policy(journalist, verdict).refusal("edit")
    assert reason == "Only drafts can be edited; verdict v1 is submitted for review."
    client.force_login(journalist)
    change = {"summary": "Changed under review.", "expected_version": verdict.lock_version}
    api = client.patch(f"/api/v1/staff/verdicts/{verdict.pk}/", change, content_type="application/json")
    assert api.status_code == 409 and api.json()["error"]["message"] == reason
    page = client.post(reverse("verdict-save", args=[verdict.pk]), {**change, "rating": "false"}, follow=True)
    assert messages_of(page) == [reason]
    assert 'id="verdict-form"' not in client.get(reverse("verdict-page", args=[verdict.pk])).content.decode()
    admin = client.get(admin_url(verdict))  # read only: the admin asks the same policy
    assert admin.status_code == 200 and not admin.context["has_change_permission"]
    assert Verdict.objects.get(pk=verdict.pk).summary == "The figure is wrong."


def test_removing_a_citation_under_review_is_refused_with_the_freeze_everywhere(client, verdict_in, journalist):
    verdict = verdict_in("approved")
    citation = verdict.claim.citations.get()
    reason = citation_policy(journalist, citation).refusal("remove")
    assert reason.startswith("Verdict v1 is approved: the claim and its evidence are frozen")
    client.force_login(journalist)
    api = client.delete(f"/api/v1/claims/{verdict.claim_id}/citations/{citation.pk}/")
    assert api.status_code == 409 and api.json()["error"]["message"] == reason
    admin = client.post(admin_url(citation, "delete"), {"post": "yes"}, follow=True)
    assert messages_of(admin) == [reason]
    assert verdict.claim.citations.filter(pk=citation.pk).exists()
    assert not citation_policy(journalist, citation).allows("retry")
