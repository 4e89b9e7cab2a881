"""Retrying a citation's capture, citing a source twice, the citation policy, and a claim's due date,
through the services every interface calls."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from claims.models import Claim
from claims.policy import citation_policy
from claims.services import AlreadyCited, citation_capture_retry, citation_create, claim_transition, claim_update
from factcheck.errors import ActionForbidden, Conflict
from factcheck.models import AuditEvent
from sources.capture import snapshot_capture
from sources.models import Snapshot
from tests.conftest import UserFactory, capture, fresh

pytestmark = pytest.mark.django_db


def failed_citation(claim, actor, server):
    citation = citation_create(actor=actor, claim_id=claim.pk, url=server.url("/missing"), stance="refutes")
    snapshot_capture(snapshot_id=Snapshot.objects.get(source=citation.source, status="queued").pk)
    return citation


def test_a_failed_capture_is_requested_again_once_and_audited(checking_claim, journalist, server):
    claim = checking_claim()
    citation = failed_citation(claim, journalist, server)
    failed = Snapshot.objects.get(source=citation.source)
    snapshot = citation_capture_retry(citation_id=citation.pk, actor=journalist)
    assert snapshot.status == "queued" and snapshot.pk != failed.pk
    event = AuditEvent.objects.get(action="citation.capture_retry")
    assert event.data == {"claim": claim.pk, "source": citation.source_id, "snapshot": snapshot.pk, "failed": failed.pk}
    with pytest.raises(Conflict, match="already under way"):
        citation_capture_retry(citation_id=citation.pk, actor=journalist)
    server.page("/missing", "<html><body><article><p>Here after all.</p></article></body></html>")
    snapshot_capture(snapshot_id=snapshot.pk)
    with pytest.raises(Conflict, match="nothing to retry"):
        citation_capture_retry(citation_id=citation.pk, actor=journalist)
    assert AuditEvent.objects.filter(action="citation.capture_retry").count() == 1


def test_a_retry_is_refused_without_the_permission_under_review_and_on_a_closed_claim(
    make_claim, journalist, editor, server, verdict_in
):
    claim = make_claim()
    citation = failed_citation(claim, journalist, server)
    reader = UserFactory(username="reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_claim", content_type__app_label="claims"))
    with pytest.raises(ActionForbidden, match="cite sources"):
        citation_capture_retry(citation_id=citation.pk, actor=fresh(reader))
    claim.refresh_from_db()
    claim_transition(
        claim_id=claim.pk, action="dismiss", actor=editor, expected_version=claim.lock_version, comment="Opinion."
    )
    with pytest.raises(Conflict, match="dismissed claim cannot be changed"):
        citation_capture_retry(citation_id=citation.pk, actor=journalist)
    under_review = verdict_in("submitted").claim.citations.get()
    with pytest.raises(Conflict, match="frozen"):
        citation_capture_retry(citation_id=under_review.pk, actor=journalist)
    assert not Snapshot.objects.filter(status="queued").exists()


def test_citing_a_source_twice_names_the_citation_and_what_to_do(checking_claim, journalist, server):
    claim = checking_claim()
    citation = failed_citation(claim, journalist, server)
    with pytest.raises(AlreadyCited, match="its capture failed: use “Retry capture”") as refused:
        citation_create(actor=journalist, claim_id=claim.pk, url=server.url("/missing"))
    assert refused.value.citation_id == citation.pk
    captured = claim.citations.get(source__normalized_url="https://example.org/evidence")
    with pytest.raises(AlreadyCited, match="edit its row") as refused:
        citation_create(actor=journalist, claim_id=claim.pk, url="https://example.org/evidence")
    assert refused.value.citation_id == captured.pk


def test_the_citation_policy_keeps_the_note_open_while_the_evidence_is_frozen(checking_claim, journalist, verdict_in):
    citation = checking_claim().citations.get()
    assert citation_policy(journalist, citation).verbs("edit", "edit_evidence", "remove", "retry") == dict.fromkeys(
        ("edit", "edit_evidence", "remove", "retry"), True
    )
    frozen = verdict_in("submitted").claim.citations.get()
    policy = citation_policy(journalist, frozen)
    assert policy.allows("edit") and not policy.allows("edit_evidence")
    assert not policy.allows("remove") and not policy.allows("retry")
    assert "submitted for review" in policy.refusal("remove")
    assert "Nobody may" in policy.refusal("publish")  # a verb without a rule is refused


def test_a_claims_due_date_is_set_and_cleared_through_the_service(make_claim, journalist):
    claim = make_claim()
    due = datetime.date(2030, 1, 15)
    claim = claim_update(claim_id=claim.pk, actor=journalist, expected_version=0, due_on=due)
    assert Claim.objects.get(pk=claim.pk).due_on == due
    assert AuditEvent.objects.get(action="claim.update").data == {"changes": {"due_on": [None, "2030-01-15"]}}
    claim_update(claim_id=claim.pk, actor=journalist, expected_version=claim.lock_version, due_on=None)
    assert Claim.objects.get(pk=claim.pk).due_on is None


def test_a_captured_source_cited_again_is_not_captured_again(checking_claim, journalist):
    claim = checking_claim()
    capture("https://example.org/fresh")
    citation = citation_create(actor=journalist, claim_id=claim.pk, url="https://example.org/fresh")
    with pytest.raises(Conflict, match="nothing to retry"):
        citation_capture_retry(citation_id=citation.pk, actor=journalist)
