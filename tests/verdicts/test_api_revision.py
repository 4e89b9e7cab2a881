"""The staff API names a verdict's number and its revision apart: what a client reads as the
revision is what `expected_version` takes, so reading then writing back works."""

import pytest

from factcheck.models import AuditEvent
from tests.conftest import step
from verdicts.services import verdict_update

pytestmark = pytest.mark.django_db


def test_a_verdict_read_then_patched_with_its_revision_saves(client, verdict_in, journalist):
    verdict = verdict_in("draft")
    verdict_in_other = verdict_in("draft")  # a second claim's verdict, so number and revision differ below
    client.force_login(journalist)
    for _ in range(2):
        body = client.get(f"/api/v1/staff/verdicts/{verdict.pk}/").json()
        patch = {"summary": f"Edited at revision {body['revision']}.", "expected_version": body["revision"]}
        saved = client.patch(f"/api/v1/staff/verdicts/{verdict.pk}/", patch, content_type="application/json")
        assert saved.status_code == 200, saved.json()
    body = saved.json()
    assert (body["number"], body["revision"]) == (1, 2)
    # No field is called `version` any more: it meant the number, and sending it back got a 409.
    assert "version" not in body
    assert verdict_in_other.number == 1
    assert AuditEvent.objects.filter(action="verdict.update", object_id=str(verdict.pk)).count() == 2


def test_a_review_action_takes_the_revision_read(client, verdict_in, journalist, editor):
    verdict = verdict_in("draft")
    verdict = verdict_update(verdict_id=verdict.pk, actor=journalist, expected_version=0, headline="Not so")
    verdict = step(verdict, "submit", journalist)  # revision 2, number 1
    client.force_login(editor)
    body = client.get(f"/api/v1/staff/verdicts/{verdict.pk}/").json()
    assert body["number"] == 1 and body["revision"] == verdict.lock_version != body["number"]
    approved = client.post(
        f"/api/v1/staff/verdicts/{verdict.pk}/actions/approve/",
        {"expected_version": body["revision"]},
        content_type="application/json",
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


def test_a_claim_read_then_patched_with_its_revision_saves(client, make_claim, journalist):
    claim = make_claim()
    client.force_login(journalist)
    body = client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["revision"] == body["version"] == 0  # `version` stays, the same value, for old clients
    patch = {"priority": 1, "expected_version": body["revision"]}
    saved = client.patch(f"/api/v1/claims/{claim.pk}/", patch, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["revision"] == 1
