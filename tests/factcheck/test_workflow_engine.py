"""The workflow engine applies a transition in one place for claims and verdicts alike."""

import re

import pytest
from django.db import transaction
from django.urls import reverse

from claims.models import Claim
from claims.workflow import CLAIM_WORKFLOW
from factcheck.errors import InvalidInput
from factcheck.models import AuditEvent
from factcheck.workflow import Transition, Workflow
from verdicts.workflow import VERDICT_WORKFLOW

pytestmark = pytest.mark.django_db

# The inputs the pages' and the admin's action forms know how to draw.
DRAWN = {"assignee", "duplicate_of"}


def test_every_declared_input_is_one_the_forms_draw():
    declared = {name for wf in (CLAIM_WORKFLOW, VERDICT_WORKFLOW) for t in wf.transitions for name in t.inputs}
    assert declared == DRAWN
    assert {t.action for t in CLAIM_WORKFLOW.transitions if t.inputs} == {"accept", "reassign", "mark_duplicate"}


def test_take_runs_the_effect_then_saves_and_audits_in_the_callers_transaction(make_claim, editor):
    seen = []

    def effect(step):
        seen.append((step.obj.status, step.value("note"), step.value("blank")))
        step.obj.status_reason = step.comment
        step.fields.append("status_reason")
        step.data = {"note": step.value("note")}

    flow = Workflow("claim", [Transition("shelve", "Shelve", ("new",), "dismissed", "claims.triage_claim")])
    claim = make_claim()
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        result = flow.take(
            locked, "shelve", editor, effects={"shelve": effect}, expected_version=0, comment="  Later. ",
            values={"note": "n", "blank": ""},
        )  # fmt: skip
    assert result is locked and seen == [("new", "n", None)]
    claim.refresh_from_db()
    assert (claim.status, claim.status_reason, claim.lock_version) == ("dismissed", "Later.", 1)
    event = AuditEvent.objects.get(action="claim.shelve")
    assert (event.from_state, event.to_state, event.comment, event.data) == (
        "new",
        "dismissed",
        "Later.",
        {"note": "n"},
    )


def test_an_effect_that_refuses_leaves_nothing_written(make_claim, editor):
    claim = make_claim()

    def refuse(step):
        step.obj.status_reason = "half-done"
        raise InvalidInput("Not like this.")

    flow = Workflow("claim", [Transition("shelve", "Shelve", ("new",), "dismissed", "claims.triage_claim")])
    with pytest.raises(InvalidInput), transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        flow.take(locked, "shelve", editor, effects={"shelve": refuse}, expected_version=0)
    claim.refresh_from_db()
    assert (claim.status, claim.status_reason, claim.lock_version) == ("new", "", 0)
    assert not AuditEvent.objects.filter(action="claim.shelve").exists()


def test_the_page_and_the_admin_draw_the_inputs_the_transition_declares(client, make_claim, editor):
    claim = make_claim()
    client.force_login(editor)
    for url in (reverse("claim-page", args=[claim.pk]), reverse("admin:claims_claim_change", args=[claim.pk])):
        page = client.get(url).content.decode()
        forms = dict(re.findall(r'data-action="([a-z_]+)">(.*?)</form>', page, re.S))
        assert set(forms) == {"accept", "dismiss", "mark_duplicate"}, url
        assert 'name="assignee"' in forms["accept"] and 'name="duplicate_of"' not in forms["accept"]
        assert 'name="duplicate_of"' in forms["mark_duplicate"] and 'name="assignee"' not in forms["mark_duplicate"]
        assert 'name="assignee"' not in forms["dismiss"] and 'name="duplicate_of"' not in forms["dismiss"]
