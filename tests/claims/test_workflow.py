"""Claim intake: every state × action × role, against the table a newsroom expects."""

import pytest

from claims.models import Claim
from claims.services import claim_transition
from factcheck.errors import ActionForbidden, Conflict, InvalidInput, StaleVersion
from factcheck.models import AuditEvent
from tests.conftest import UserFactory, fresh

STATES = ["new", "checking", "dismissed", "duplicate", "resolved"]
ACTIONS = ["accept", "reassign", "dismiss", "mark_duplicate", "reopen", "resolve", "reopen_for_correction"]
ROLES = ["anonymous", "journalist", "editor", "admin", "inactive_editor"]

# Written out by hand (not derived from the workflow module): the expected table.
ALLOWED_FROM = {
    "accept": {"new"},
    "reassign": {"checking"},
    "dismiss": {"new"},
    "mark_duplicate": {"new", "checking"},
    "reopen": {"dismissed", "duplicate"},
    "resolve": set(),  # only by publishing a verdict
    "reopen_for_correction": set(),  # only by opening a correction
}
TARGET = {
    "accept": "checking",
    "reassign": "checking",
    "dismiss": "dismissed",
    "mark_duplicate": "duplicate",
    "reopen": "new",
}
TRIAGE_ROLES = {"editor", "admin"}


@pytest.fixture
def people(journalist, editor, admin_user, other_journalist):
    inactive = UserFactory(username="gone", role="editor", is_active=False)
    return {
        "anonymous": None,
        "journalist": journalist,
        "editor": editor,
        "admin": admin_user,
        "inactive_editor": fresh(inactive),
        "researcher": other_journalist,
    }


@pytest.fixture
def claim_in(make_claim, checking_claim, verdict_in, editor):
    def make(state):
        if state == "new":
            return make_claim()
        if state == "checking":
            return checking_claim()
        if state == "resolved":
            return Claim.objects.get(pk=verdict_in("published").claim_id)
        claim = make_claim()
        original = make_claim(text="An earlier claim saying the same.")
        kwargs = {"dismissed": {"comment": "Opinion, not a fact."}, "duplicate": {"duplicate_of_id": original.pk}}
        action = {"dismissed": "dismiss", "duplicate": "mark_duplicate"}[state]
        return claim_transition(
            claim_id=claim.pk, action=action, actor=editor, expected_version=claim.lock_version, **kwargs[state]
        )

    return make


def _params(action, claim, people):
    if action in ("accept", "reassign"):
        return {"assignee_id": people["researcher"].pk}
    if action == "mark_duplicate":
        other = Claim.objects.exclude(pk=claim.pk).exclude(status="duplicate").first()
        return {"duplicate_of_id": other.pk}
    return {}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
def test_claim_intake_matrix(state, action, role, claim_in, people, make_claim):
    claim = claim_in(state)
    make_claim(text="Some other claim, a possible original.")
    assert claim.status == state
    actor = people[role]
    before_events = AuditEvent.objects.count()
    before = Claim.objects.get(pk=claim.pk)
    call = dict(
        claim_id=claim.pk,
        action=action,
        actor=actor,
        expected_version=claim.lock_version,
        comment="A reason.",
        **_params(action, claim, people),
    )
    allowed = role in TRIAGE_ROLES and state in ALLOWED_FROM[action]
    if allowed:
        result = claim_transition(**call)
        assert result.status == TARGET[action]
        assert result.lock_version == before.lock_version + 1
        events = AuditEvent.objects.filter(seq__gt=before_events)
        assert [(e.action, e.from_state, e.to_state, e.actor_id) for e in events] == [
            (f"claim.{action}", state, TARGET[action], actor.pk)
        ]
    else:
        expected_error = Conflict if role in TRIAGE_ROLES and ALLOWED_FROM[action] else ActionForbidden
        with pytest.raises(expected_error):
            claim_transition(**call)
        after = Claim.objects.get(pk=claim.pk)
        assert (after.status, after.lock_version, after.assignee_id) == (
            before.status,
            before.lock_version,
            before.assignee_id,
        )
        assert AuditEvent.objects.count() == before_events


def test_dismiss_requires_a_reason(make_claim, editor):
    claim = make_claim()
    with pytest.raises(InvalidInput, match="comment is required"):
        claim_transition(claim_id=claim.pk, action="dismiss", actor=editor, expected_version=0, comment="  ")
    claim.refresh_from_db()
    assert claim.status == "new"


def test_dismissed_claim_keeps_the_reason(make_claim, editor):
    claim = make_claim()
    claim = claim_transition(
        claim_id=claim.pk, action="dismiss", actor=editor, expected_version=0, comment="It is an opinion."
    )
    assert claim.status_reason == "It is an opinion."


def test_duplicate_must_name_a_real_original(make_claim, editor):
    claim = make_claim()
    for bad, message in [
        (None, "Name the claim"),
        (claim.pk, "cannot duplicate itself"),
        (999999, "no claim #999999"),
        ("abc", "must be a number"),
    ]:
        with pytest.raises(InvalidInput, match=message):
            claim_transition(
                claim_id=claim.pk, action="mark_duplicate", actor=editor, expected_version=0, duplicate_of_id=bad
            )
    claim.refresh_from_db()
    assert (claim.status, claim.duplicate_of_id) == ("new", None)


def test_reopening_a_duplicate_unlinks_it(make_claim, editor):
    original, claim = make_claim(text="Original."), make_claim()
    claim = claim_transition(
        claim_id=claim.pk, action="mark_duplicate", actor=editor, expected_version=0, duplicate_of_id=original.pk
    )
    claim = claim_transition(claim_id=claim.pk, action="reopen", actor=editor, expected_version=claim.lock_version)
    assert (claim.status, claim.duplicate_of_id) == ("new", None)


def test_accept_only_assigns_people_who_can_research(make_claim, editor):
    outsider = fresh(UserFactory(username="reader"))
    claim = make_claim()
    with pytest.raises(InvalidInput, match="active journalist or editor"):
        claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=outsider.pk)
    with pytest.raises(InvalidInput, match="Choose who"):
        claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0)


def test_stale_version_is_a_conflict_and_changes_nothing(make_claim, editor, journalist):
    claim = make_claim()
    claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk)
    with pytest.raises(StaleVersion):
        claim_transition(claim_id=claim.pk, action="mark_duplicate", actor=editor, expected_version=0)
    claim.refresh_from_db()
    assert claim.status == "checking"
