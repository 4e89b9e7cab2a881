"""A cited source that changes or vanishes after publication flags the verdict."""

import pytest

from claims.services import citation_create, claim_transition
from factcheck.models import AuditEvent
from sources.capture import snapshot_capture, snapshot_request
from sources.models import Snapshot
from tests.sources.webserver import ARTICLE
from verdicts.models import Verdict
from verdicts.services import verdict_create, verdict_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_on(make_claim, editor, journalist, django_capture_on_commit_callbacks):
    """A verdict published on evidence captured from `url`."""

    def make(url):
        claim = make_claim()
        claim = claim_transition(
            claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk
        )
        citation_create(actor=journalist, claim_id=claim.pk, url=url, stance="supports")
        snapshot_capture(snapshot_id=Snapshot.objects.get(source__url=url).pk)
        verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="true", summary="It checks out.")
        for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
            verdict = verdict_transition(
                verdict_id=verdict.pk, action=action, actor=actor, expected_version=verdict.lock_version
            )
        return verdict

    return make


def recapture(snapshot_source, callbacks_fixture):
    with callbacks_fixture(execute=True):
        snapshot = snapshot_request(source=snapshot_source, force=True)
        outcome = snapshot_capture(snapshot_id=snapshot.pk)
    return Snapshot.objects.get(pk=outcome.snapshot.pk)


def test_a_changed_source_flags_the_published_verdict(server, published_on, django_capture_on_commit_callbacks):
    server.page("/article", ARTICLE)
    verdict = published_on(server.url("/article"))
    source = verdict.claim.citations.get().source
    assert source.monitored_since is not None  # publishing starts the re-checks

    # Only a timestamp changes: not a change.
    server.page("/article", ARTICLE.replace("<nav>", "<nav>Updated 2024-05-01T10:31:00Z "))
    same = recapture(source, django_capture_on_commit_callbacks)
    assert same.text_changed is False
    assert Verdict.objects.get(pk=verdict.pk).evidence_changed_at is None

    server.page("/article", ARTICLE.replace("100,000", "175,000"))
    changed = recapture(source, django_capture_on_commit_callbacks)
    assert changed.text_changed is True
    assert (
        "-As of early December, about 100,000" in changed.diff
        and "+As of early December, about 175,000" in changed.diff
    )
    verdict.refresh_from_db()
    assert verdict.evidence_changed_at is not None and "changed" in verdict.evidence_change
    assert AuditEvent.objects.filter(action="verdict.evidence_changed", object_id=str(verdict.pk)).count() == 1


def test_a_vanished_source_flags_the_published_verdict(server, published_on, django_capture_on_commit_callbacks):
    server.page("/article", ARTICLE)
    verdict = published_on(server.url("/article"))
    source = verdict.claim.citations.get().source
    server.page("/article", "Gone", status=410)
    gone = recapture(source, django_capture_on_commit_callbacks)
    assert (gone.status, gone.error_code) == ("failed", "http_410")
    verdict.refresh_from_db()
    assert "gone" in verdict.evidence_change and verdict.evidence_changed_at is not None
    source.refresh_from_db()
    assert source.missing_since is not None
