"""Picking up a claim: a journalist takes an unassigned new claim for themselves."""

import re

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.services import claim_transition
from factcheck.errors import ActionForbidden, StaleVersion
from factcheck.models import AuditEvent
from tests.conftest import UserFactory, fresh

pytestmark = pytest.mark.django_db


def pick_up(claim, actor, version=None):
    return claim_transition(
        claim_id=claim.pk,
        action="pick_up",
        actor=actor,
        expected_version=claim.lock_version if version is None else version,
    )


def buttons(response) -> list[str]:
    return re.findall(r'data-action="([a-z_]+)"', response.content.decode())


def test_a_journalist_picks_up_a_new_claim_for_themselves(make_claim, journalist):
    claim = pick_up(make_claim(), journalist)
    assert (claim.status, claim.assignee_id, claim.lock_version) == ("checking", journalist.pk, 1)
    event = AuditEvent.objects.get(action="claim.pick_up", object_id=str(claim.pk))
    assert (event.actor_id, event.from_state, event.to_state) == (journalist.pk, "new", "checking")
    assert event.data == {"assignee": [None, journalist.pk]}


def test_only_a_new_unassigned_claim_and_only_once(make_claim, journalist, other_journalist, editor):
    claim = pick_up(make_claim(), journalist)
    with pytest.raises(ActionForbidden, match="already assigned"):
        pick_up(claim, other_journalist)
    # Reopened after being checked, it is unassigned intake again: anyone may pick it up.
    claim = claim_transition(
        claim_id=claim.pk, action="mark_duplicate", actor=editor, expected_version=claim.lock_version,
        duplicate_of_id=make_claim(text="The original claim.").pk,
    )  # fmt: skip
    claim = claim_transition(claim_id=claim.pk, action="reopen", actor=editor, expected_version=claim.lock_version)
    assert claim.status == "new" and claim.assignee_id is None
    claim = pick_up(claim, other_journalist)
    assert Claim.objects.get(pk=claim.pk).assignee_id == other_journalist.pk


def test_two_journalists_race_for_one_claim_the_second_is_refused(make_claim, journalist, other_journalist):
    claim = make_claim()
    pick_up(claim, journalist, version=0)
    with pytest.raises(StaleVersion):
        pick_up(claim, other_journalist, version=0)
    assert Claim.objects.get(pk=claim.pk).assignee_id == journalist.pk
    assert AuditEvent.objects.filter(action="claim.pick_up").count() == 1


def test_who_may_not_pick_up(make_claim, editor):
    claim = make_claim()
    nobody = fresh(UserFactory(username="reader"))  # no role: cannot be assigned claims
    with pytest.raises(ActionForbidden, match="permission"):
        pick_up(claim, nobody)
    with pytest.raises(ActionForbidden, match="Accept and assign"):  # editors keep accept and assign
        pick_up(claim, editor)
    assert not AuditEvent.objects.filter(action="claim.pick_up").exists()


def test_the_claim_page_offers_pick_up_and_takes_it(client, make_claim, journalist, editor):
    claim = make_claim()
    url = reverse("claim-page", args=[claim.pk])
    client.force_login(editor)
    assert "pick_up" not in buttons(client.get(url)) and "accept" in buttons(client.get(url))
    client.force_login(journalist)
    assert buttons(client.get(url)) == ["pick_up"]
    response = client.post(
        reverse("claim-action-form", args=[claim.pk, "pick_up"]), {"expected_version": 0}, follow=True
    )
    assert "Pick up: done. The claim is now checking." in response.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.assignee_id) == ("checking", journalist.pk)
    assert "pick_up" not in buttons(client.get(url))


def test_the_api_lists_and_takes_pick_up(client, make_claim, journalist):
    claim = make_claim()
    client.force_login(journalist)
    detail = client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert detail["actions"] == ["pick_up"]
    taken = client.post(
        f"/api/v1/claims/{claim.pk}/actions/pick_up/",
        {"expected_version": detail["revision"], "assignee": 999999},  # not an input of pick_up: ignored
        content_type="application/json",
    )
    assert taken.status_code == 200 and taken.json()["assignee"] == journalist.username
