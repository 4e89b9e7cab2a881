"""Hostile values in the newsroom's new forms (bulk triage, saved views, workflow comments):
a clear message, never a 500, never a half-written row."""

import pytest

from claims.models import Claim
from factcheck.models import AuditEvent
from newsroom.models import SavedView

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.raise_request_exception = False
    client.force_login(editor)
    return client


@pytest.mark.parametrize("item", ["²@1", "1@²", "①@1", "1@³"])
def test_bulk_triage_refuses_digit_like_ids_without_a_500(editor_client, make_claim, item):
    """str.isdigit() is true for '²' and '①', which int() cannot read."""
    make_claim()
    before = AuditEvent.objects.count()
    response = editor_client.post("/queue/bulk/", {"action": "tag", "tag": "x", "claim": [item]})
    assert response.status_code in (302, 400), response.status_code
    assert AuditEvent.objects.count() == before


def test_bulk_dismiss_with_a_nul_in_the_reason_is_refused_not_a_500(editor_client, make_claim):
    claim = make_claim()
    response = editor_client.post(
        "/queue/bulk/", {"action": "dismiss", "comment": "spam\x00", "claim": [f"{claim.pk}@{claim.lock_version}"]}
    )
    assert response.status_code in (302, 400), response.status_code
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_bulk_tag_with_a_nul_is_refused_not_a_500(editor_client, make_claim):
    claim = make_claim()
    response = editor_client.post(
        "/queue/bulk/", {"action": "tag", "tag": "ukr\x00aine", "claim": [f"{claim.pk}@{claim.lock_version}"]}
    )
    assert response.status_code in (302, 400), response.status_code
    claim.refresh_from_db()
    assert claim.tags == [] or "\x00" not in "".join(claim.tags)


def test_dismiss_from_the_claim_page_with_a_nul_in_the_reason_is_refused_not_a_500(editor_client, make_claim):
    claim = make_claim()
    response = editor_client.post(
        f"/claims/{claim.pk}/actions/dismiss/", {"expected_version": claim.lock_version, "comment": "spam\x00"}
    )
    assert response.status_code in (302, 400, 409), response.status_code
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_a_saved_view_named_with_a_nul_is_refused_not_a_500(editor_client):
    response = editor_client.post("/queue/views/", {"name": "mine\x00", "query": "view=all"})
    assert response.status_code in (302, 400), response.status_code
    assert not SavedView.objects.exists()


@pytest.mark.parametrize(
    "query",
    ["view=all&q=%00", "view=all&claimant=%00", "view=all&tag=%00", "view=all&status=%00", "view=all&sort=%00"],
)
def test_a_saved_view_with_a_nul_in_its_filters_is_refused_not_a_500(editor_client, query):
    response = editor_client.post("/queue/views/", {"name": "hostile", "query": query})
    assert response.status_code in (302, 400), response.status_code


@pytest.mark.parametrize("param", ["q", "claimant", "tag", "language", "assignee", "before", "after", "saved"])
def test_the_queue_with_a_nul_in_a_filter_is_not_a_500(editor_client, make_claim, param):
    make_claim()
    response = editor_client.get("/", {"view": "all", param: "a\x00b"})
    assert response.status_code in (200, 400), response.status_code


@pytest.mark.parametrize("assignee", ["abc", "-1", "1e3", "²", "9" * 30, "\x00"])
def test_bulk_assign_to_a_hostile_assignee_is_refused_not_a_500(editor_client, make_claim, assignee):
    claim = make_claim()
    response = editor_client.post(
        "/queue/bulk/", {"action": "assign", "assignee": assignee, "claim": [f"{claim.pk}@{claim.lock_version}"]}
    )
    assert response.status_code in (302, 400), response.status_code
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


@pytest.mark.parametrize("version", ["abc", "²", "-1", "9" * 30, "\x00", ""])
def test_a_claim_action_with_a_hostile_revision_is_refused_not_a_500(editor_client, make_claim, version, journalist):
    claim = make_claim()
    response = editor_client.post(
        f"/claims/{claim.pk}/actions/accept/", {"expected_version": version, "assignee": journalist.pk}
    )
    assert response.status_code in (302, 400, 409), response.status_code
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW
