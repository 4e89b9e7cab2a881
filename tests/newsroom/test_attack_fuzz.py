"""Hostile values in the queue's cursors and filters and in the claim and citation edit forms:
never a 500, never a half-written row."""

import pytest

from factcheck.models import AuditEvent

pytestmark = pytest.mark.django_db

BIG = "9" * 30


@pytest.fixture
def as_editor(client, editor):
    client.raise_request_exception = False
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "newest", "before": BIG},
        {"sort": "oldest", "after": BIG},
        {"sort": "priority", "before": f"{BIG}~1"},
        {"sort": "priority", "after": f"1~{BIG}"},
        {"sort": "due", "before": f"2021-01-01~{BIG}"},
        {"sort": "due", "after": "+002021-01-01~1"},
        {"sort": "due", "before": "9999-12-31~1"},
        {"sort": "newest", "before": "１２"},
        {"priority": BIG},
        {"assignee": BIG},
        {"since": "99999-01-01"},
        {"until": "0000-00-00"},
        {"rating": "<script>"},
        {"due": "overdue", "status": ["new", "bogus"]},
        {"saved": BIG},
        {"q": "a" * 20000},
    ],
)
def test_the_queue_with_hostile_cursors_and_filters_is_not_a_500(as_editor, make_claim, params):
    make_claim()
    response = as_editor.get("/", {"view": "all", **params})
    assert response.status_code in (200, 400), response.status_code


@pytest.mark.parametrize(
    "field,value",
    [
        ("said_on", "2026-02-30"),
        ("said_on", "0000"),
        ("said_on", "²０２１"),
        ("said_on", "-001"),
        ("due_on", "9999-12-31"),
        ("due_on", "0001-01-01"),
        ("priority", BIG),
        ("priority", "-1"),
        ("language", "x-" + "a" * 13),
        ("language", "i-klingon"),
        ("language", "und"),
        ("tags", "," * 1999),
        ("tags", ", ".join(f"t{i}" for i in range(500))),
        ("tags", "a" * 51),
        ("tags", "\u202e evil"),
        ("claimant_name", " "),
        ("claimant_name", "@" * 200),
        ("medium", "<img src=x onerror=alert(1)>"),
        ("text", "x" * 2000),
        ("expected_version", BIG),
        ("expected_version", "-1"),
    ],
)
def test_the_claim_edit_form_with_hostile_values_is_not_a_500(as_editor, make_claim, field, value):
    claim = make_claim()
    data = {"expected_version": claim.lock_version, field: value}
    before = AuditEvent.objects.count()
    response = as_editor.post(f"/claims/{claim.pk}/edit/", data)
    assert response.status_code in (200, 302, 400, 409), response.status_code
    if response.status_code >= 400:
        assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    "data",
    [
        {"stance": "bogus"},
        {"stance": ""},
        {"quote": "q" * 20000},
        {"note": "\u0000"},
        {"quote": "<script>alert(1)</script>", "note": "x"},
        {"stance": ["supports", "refutes"]},
    ],
)
def test_the_citation_edit_form_with_hostile_values_is_not_a_500(as_editor, checking_claim, data):
    claim = checking_claim()
    citation = claim.citations.get()
    response = as_editor.post(f"/claims/{claim.pk}/citations/{citation.pk}/edit/", data)
    assert response.status_code in (200, 302, 400, 409), response.status_code


@pytest.mark.parametrize("done", ["", "2", "yes", "\x00", BIG])
def test_a_checklist_tick_with_a_hostile_value_is_not_a_500(as_editor, make_claim, done):
    claim = make_claim()
    assert as_editor.post(f"/claims/{claim.pk}/checklist/{BIG}/", {"done": "1"}).status_code in (302, 404)
    assert as_editor.post(f"/claims/{claim.pk}/checklist/1/", {"done": done}).status_code in (302, 404)
