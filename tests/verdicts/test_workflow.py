"""Verdict review: every state × action × role, four-eyes, corrections."""

import pytest
from django.db import IntegrityError, transaction

from claims.models import Claim
from claims.services import citation_create, claim_transition
from factcheck.errors import ActionForbidden, Conflict, InvalidInput, StaleVersion
from factcheck.models import AuditEvent
from tests.conftest import capture
from verdicts.models import Verdict
from verdicts.services import verdict_create, verdict_transition, verdict_update
from verdicts.signals import verdict_published

STATES = ["draft", "submitted", "changes_requested", "approved", "published", "superseded"]
ACTIONS = ["submit", "request_changes", "revise", "approve", "publish", "open_correction", "supersede"]
ROLES = ["anonymous", "author", "other_journalist", "editor", "admin"]

# The expected table, written out by hand: (action, state) -> roles allowed.
ALLOWED = {
    ("submit", "draft"): {"author"},
    ("request_changes", "submitted"): {"editor", "admin"},
    ("request_changes", "approved"): {"editor", "admin"},  # an approval withdrawn
    ("revise", "changes_requested"): {"author"},
    ("approve", "submitted"): {"editor", "admin"},
    ("publish", "approved"): {"editor", "admin"},
    ("open_correction", "published"): {"editor", "admin"},
}
TARGET = {
    "submit": "submitted",
    "request_changes": "changes_requested",
    "revise": "draft",
    "approve": "approved",
    "publish": "published",
    "open_correction": "published",
}
# Who holds the permission for each action at all (others are refused before the state is looked at).
PERMITTED = {
    "submit": {"author", "other_journalist", "editor", "admin"},
    "revise": {"author", "other_journalist", "editor", "admin"},
    "request_changes": {"editor", "admin"},
    "approve": {"editor", "admin"},
    "publish": {"editor", "admin"},
    "open_correction": {"editor", "admin"},
    "supersede": set(),
}


@pytest.fixture
def people(journalist, other_journalist, other_editor, admin_user):
    # The reviewer who walks verdicts into their states is `editor`; the matrix
    # acts as another editor so the four-eyes rule does not hide the table.
    return {
        "anonymous": None,
        "author": journalist,
        "other_journalist": other_journalist,
        "editor": other_editor,
        "admin": admin_user,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
def test_verdict_review_matrix(state, action, role, verdict_in, people):
    verdict = verdict_in(state)
    assert verdict.status == state
    actor = people[role]
    before_events = AuditEvent.objects.count()
    call = dict(
        verdict_id=verdict.pk,
        action=action,
        actor=actor,
        expected_version=verdict.lock_version,
        comment="Reason given.",
    )
    if role in ALLOWED.get((action, state), set()):
        result = verdict_transition(**call)
        verdict.refresh_from_db()
        assert verdict.status == TARGET[action]
        mine = AuditEvent.objects.filter(
            seq__gt=before_events, object_type="verdicts.verdict", action=f"verdict.{action}"
        )
        assert [(e.object_id, e.from_state, e.actor_id) for e in mine] == [(str(verdict.pk), state, actor.pk)]
        if action == "open_correction":
            assert (result.status, result.supersedes_id) == ("draft", verdict.pk)
    else:
        permitted = role != "anonymous" and role in PERMITTED[action]
        # A permitted person asking in the wrong state gets a conflict; the
        # author-only and four-eyes rules, like a missing permission, forbid.
        wrong_state = all(s != state for (a, s) in ALLOWED if a == action)
        with pytest.raises(Conflict if permitted and wrong_state and _passes_rules(action, role) else ActionForbidden):
            verdict_transition(**call)
        after = Verdict.objects.get(pk=verdict.pk)
        assert (after.status, after.lock_version) == (verdict.status, verdict.lock_version)
        assert AuditEvent.objects.count() == before_events


def _passes_rules(action, role):
    if action in ("submit", "revise"):
        return role == "author"
    return True


def test_four_eyes_an_editor_cannot_approve_their_own_verdict(verdict_in, editor, other_editor):
    verdict = verdict_in("submitted", author=editor, reviewer=other_editor)
    for action in ("approve", "request_changes"):
        with pytest.raises(ActionForbidden, match="own verdict"):
            verdict_transition(
                verdict_id=verdict.pk, action=action, actor=editor, expected_version=verdict.lock_version, comment="x"
            )
    verdict = verdict_transition(
        verdict_id=verdict.pk, action="approve", actor=other_editor, expected_version=verdict.lock_version
    )
    assert (verdict.status, verdict.approver_id) == ("approved", other_editor.pk)


def test_four_eyes_holds_in_the_database_too(verdict_in, journalist):
    verdict = verdict_in("approved")
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.filter(pk=verdict.pk).update(approver=journalist)


def test_one_published_verdict_per_claim_in_the_database(verdict_in):
    published = verdict_in("published")
    draft = Verdict.objects.create(claim=published.claim, number=99, author=published.author)
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.filter(pk=draft.pk).update(
            status="published", approver=published.approver, published_at=published.published_at
        )


def test_submit_needs_rating_summary_and_captured_evidence(checking_claim, journalist, make_claim, editor):
    claim = checking_claim()
    verdict = verdict_create(actor=journalist, claim_id=claim.pk)
    with pytest.raises(InvalidInput, match="a rating and a summary"):
        verdict_transition(verdict_id=verdict.pk, action="submit", actor=journalist, expected_version=0)

    bare = make_claim(text="A claim with an uncaptured source.")
    bare = claim_transition(
        claim_id=bare.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk
    )
    citation_create(actor=journalist, claim_id=bare.pk, url="https://example.org/not-captured-yet")
    verdict = verdict_create(actor=journalist, claim_id=bare.pk, rating="false", summary="Wrong.")
    with pytest.raises(InvalidInput, match="holds the page's text"):
        verdict_transition(verdict_id=verdict.pk, action="submit", actor=journalist, expected_version=0)
    capture("https://example.org/not-captured-yet")
    verdict = verdict_transition(verdict_id=verdict.pk, action="submit", actor=journalist, expected_version=0)
    assert verdict.status == "submitted"


def test_publishing_pins_evidence_resolves_the_claim_and_announces_it(
    verdict_in, editor, django_capture_on_commit_callbacks
):
    seen = []

    def listener(sender, verdict, superseded, **kwargs):
        seen.append((verdict.pk, superseded))

    verdict_published.connect(listener)
    try:
        verdict = verdict_in("approved")
        with django_capture_on_commit_callbacks(execute=True):  # the announcement waits for the commit
            verdict = verdict_transition(
                verdict_id=verdict.pk, action="publish", actor=editor, expected_version=verdict.lock_version
            )
            assert seen == []
    finally:
        verdict_published.disconnect(listener)
    assert seen == [(verdict.pk, None)]
    assert verdict.published_at is not None and verdict.published_by_id == editor.pk
    [pinned] = verdict.pinned_evidence
    citation = verdict.claim.citations.get()
    assert pinned["snapshot"] == citation.snapshot_id
    assert pinned["sha256"] == citation.snapshot.payload_sha256
    assert Claim.objects.get(pk=verdict.claim_id).status == "resolved"


def test_a_correction_needs_a_public_note_then_replaces_the_original(verdict_in, editor, journalist):
    original = verdict_in("published")
    correction = verdict_transition(
        verdict_id=original.pk,
        action="open_correction",
        actor=editor,
        expected_version=original.lock_version,
        comment="New figures.",
    )
    assert Claim.objects.get(pk=original.claim_id).status == "checking"
    assert (correction.number, correction.author_id, correction.rating) == (2, journalist.pk, original.rating)
    with pytest.raises(Conflict, match="already in progress"):
        verdict_transition(
            verdict_id=original.pk,
            action="open_correction",
            actor=editor,
            expected_version=original.lock_version + 1,
            comment="Again.",
        )
    with pytest.raises(InvalidInput, match="public correction note"):
        verdict_transition(verdict_id=correction.pk, action="submit", actor=journalist, expected_version=0)

    correction = verdict_update(
        verdict_id=correction.pk, actor=journalist, expected_version=0, correction_note="The figure was revised."
    )
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        correction = verdict_transition(
            verdict_id=correction.pk, action=action, actor=actor, expected_version=correction.lock_version
        )
    original.refresh_from_db()
    assert (original.status, correction.status) == ("superseded", "published")
    assert original.published_at is not None  # the old version stays readable, with its date
    assert Claim.objects.get(pk=original.claim_id).status == "resolved"


def test_only_the_author_edits_and_only_a_draft(verdict_in, other_journalist, journalist):
    verdict = verdict_in("draft")
    with pytest.raises(ActionForbidden, match="author"):
        verdict_update(verdict_id=verdict.pk, actor=other_journalist, expected_version=0, summary="Mine now.")
    verdict = verdict_update(verdict_id=verdict.pk, actor=journalist, expected_version=0, summary="Better.")
    with pytest.raises(StaleVersion):
        verdict_update(verdict_id=verdict.pk, actor=journalist, expected_version=0, summary="From an old tab.")
    submitted = verdict_in("submitted")
    with pytest.raises(Conflict, match="Only drafts"):
        verdict_update(
            verdict_id=submitted.pk,
            actor=submitted.author,
            expected_version=submitted.lock_version,
            summary="Sneaky.",
        )
    verdict.refresh_from_db()
    assert verdict.summary == "Better."


def test_only_the_assignee_or_an_editor_drafts(checking_claim, other_journalist, editor):
    claim = checking_claim()
    with pytest.raises(ActionForbidden, match="assigned"):
        verdict_create(actor=other_journalist, claim_id=claim.pk)
    assert verdict_create(actor=editor, claim_id=claim.pk).author_id == editor.pk
    with pytest.raises(Conflict, match="already has a verdict"):
        verdict_create(actor=editor, claim_id=claim.pk)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"rating": "pants-on-fire"}, "not a rating"),
        ({"summary": 42}, "must be text"),
        ({"headline": "h" * 301}, "Headline"),
        ({"summary": "nul\x00"}, "NUL character"),
        ({"summary": "s" * 5001}, "Summary: Ensure this value has at most 5000"),
        ({"explanation": "word " * 20001}, "Explanation: Ensure this value has at most 100000"),
        ({"status": "published"}, "cannot be edited"),
    ],
)
def test_bad_verdict_content_is_refused(checking_claim, journalist, content, message):
    claim = checking_claim()
    with pytest.raises(InvalidInput, match=message):
        verdict_create(actor=journalist, claim_id=claim.pk, **content)
    assert not Verdict.objects.filter(claim=claim).exists()
