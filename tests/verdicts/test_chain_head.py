"""Publishing in the audit chain: the publish event names the pinned captures with their hashes,
and the chain's head is recorded outside the database after the commit, then served to anyone."""

import json

import pytest

from claims.services import claim_update
from factcheck.models import AuditEvent
from sources.models import Snapshot
from tests.conftest import capture, step
from verdicts.services import verdict_create

pytestmark = pytest.mark.django_db


def test_the_publish_event_lists_each_pinned_capture_with_its_sha256(checking_claim, journalist, editor):
    claim = checking_claim()
    appearance = capture("https://example.org/interview", "The minister said so in an interview.")
    claim = claim_update(
        claim_id=claim.pk, actor=journalist, expected_version=claim.lock_version, appearance=appearance.source
    )
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", summary="The figure is wrong.")
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        verdict = step(verdict, action, actor)
    event = AuditEvent.objects.get(action="verdict.publish", object_id=str(verdict.pk))
    [evidence] = verdict.pinned_evidence
    evidence_capture = Snapshot.objects.get(pk=evidence["snapshot"])
    assert event.data["snapshots"] == [
        {"snapshot": evidence_capture.pk, "sha256": evidence_capture.payload_sha256},
        {"snapshot": appearance.pk, "sha256": appearance.payload_sha256},
    ]
    assert len(evidence_capture.payload_sha256) == 64


def test_publishing_records_the_head_after_the_commit_and_anyone_can_read_it(
    client, verdict_in, editor, head_log, django_capture_on_commit_callbacks
):
    verdict = verdict_in("approved")
    missing = client.get("/api/v1/audit/head/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/claimreview/").json()["auditHead"] is None

    with django_capture_on_commit_callbacks(execute=True):
        verdict = step(verdict, "publish", editor)
        assert not head_log.exists()  # nothing is recorded before the publication is committed
    last = AuditEvent.objects.order_by("-seq").first()
    assert last.action == "verdict.publish"
    [line] = head_log.read_text().splitlines()
    recorded = json.loads(line)
    assert (recorded["seq"], recorded["hash"], recorded["by"]) == (last.seq, last.hash, "publish")

    head = client.get("/api/v1/audit/head/")
    assert head.status_code == 200 and head["Cache-Control"] == "public, max-age=60"
    assert head.json() == {"seq": last.seq, "hash": last.hash, "recorded_at": recorded["recorded_at"]}
    assert client.get("/api/v1/claimreview/").json()["auditHead"] == head.json()


def test_a_head_that_cannot_be_written_does_not_undo_the_publication(
    verdict_in, editor, settings, tmp_path, django_capture_on_commit_callbacks, caplog
):
    (tmp_path / "not-a-folder").write_text("")
    settings.AUDIT_HEAD_LOG = tmp_path / "not-a-folder" / "audit-heads.jsonl"
    verdict = verdict_in("approved")
    with django_capture_on_commit_callbacks(execute=True):
        verdict = step(verdict, "publish", editor)
    verdict.refresh_from_db()
    assert verdict.status == "published"
    assert f"Could not record the audit chain's head after publishing verdict {verdict.pk}" in caplog.text


def test_the_head_is_throttled_like_the_public_api(client, verdict_in, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "2/min"}}
    statuses = [client.get("/api/v1/audit/head/").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]
