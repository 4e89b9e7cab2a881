"""Claim intake services: bad input is refused with a message and writes nothing."""

import pytest

from claims.models import Claim
from claims.services import (
    citation_create,
    claim_create,
    claim_transition,
    claim_update,
    claimant_create,
    claimant_update,
)
from factcheck.errors import ActionForbidden, Conflict, InvalidInput, StaleVersion
from factcheck.models import AuditEvent
from tests.conftest import UserFactory, fresh


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   "}, "Write the claim"),
        ({"text": "Nul\x00byte"}, "NUL character"),
        ({"text": "ok", "priority": 9}, "Priority"),
        ({"text": "ok", "checkworthiness": 1.5}, "Check-worthiness"),
        ({"text": "ok", "said_on_precision": "century"}, "Date precision"),
        ({"text": "ok", "medium": "m" * 201}, "Medium"),
        ({"text": "ok", "status": "resolved"}, "Unknown claim fields"),
    ],
)
def test_claim_create_refuses_bad_input(journalist, fields, message):
    with pytest.raises(InvalidInput, match=message):
        claim_create(actor=journalist, **fields)
    assert not Claim.objects.exists() and not AuditEvent.objects.exists()


def test_claim_create_needs_the_permission(db):
    reader = fresh(UserFactory(username="reader"))
    with pytest.raises(ActionForbidden):
        claim_create(actor=reader, text="Anything.")
    with pytest.raises(ActionForbidden):
        claim_create(actor=None, text="Anything.")


def test_claim_update_records_old_and_new_values(make_claim, journalist):
    claim = make_claim()
    claim = claim_update(claim_id=claim.pk, actor=journalist, expected_version=0, medium="CBS News", priority=1)
    event = AuditEvent.objects.get(action="claim.update")
    assert event.data == {"changes": {"medium": ["", "CBS News"], "priority": [2, 1]}}
    assert claim.lock_version == 1
    with pytest.raises(StaleVersion):
        claim_update(claim_id=claim.pk, actor=journalist, expected_version=0, medium="Old tab")


def test_a_dismissed_claim_cannot_be_edited(make_claim, editor, journalist):
    claim = make_claim()
    claim = claim_transition(claim_id=claim.pk, action="dismiss", actor=editor, expected_version=0, comment="Opinion.")
    with pytest.raises(Conflict, match="dismissed claim cannot be edited"):
        claim_update(claim_id=claim.pk, actor=journalist, expected_version=claim.lock_version, text="Changed.")


def test_citing_normalizes_the_url_and_refuses_a_second_citation(make_claim, journalist):
    claim = make_claim()
    citation = citation_create(
        actor=journalist, claim_id=claim.pk, url="HTTPS://Example.org:443/a?utm_source=x&b=2&a=1#top"
    )
    assert citation.source.normalized_url == "https://example.org/a?a=1&b=2"
    with pytest.raises(Conflict, match="already cited"):
        citation_create(actor=journalist, claim_id=claim.pk, url="https://example.org/a?b=2&a=1")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "Only http"),
        ("file:///etc/passwd", "Only http"),
        ("https://user:pw@example.org/", "user name or password"),
        ("https:///nohost", "no host"),
        ("https://exa mple.org/", "spaces"),
        ("https://example.org/" + "a" * 3000, "longer than"),
        ("http://[::1", "not a valid URL"),
        ("", "Enter a URL"),
    ],
)
def test_citing_a_bad_url_gets_a_clear_message(make_claim, journalist, url, message):
    claim = make_claim()
    with pytest.raises(InvalidInput, match=message):
        citation_create(actor=journalist, claim_id=claim.pk, url=url)
    assert not claim.citations.exists()


def test_claimants_are_added_and_renamed_through_services_with_history(journalist):
    putin = claimant_create(actor=journalist, name=" Vladimir Putin ", aliases=["Putin", " ", "Russian President"])
    assert (putin.name, putin.aliases) == ("Vladimir Putin", ["Putin", "Russian President"])
    with pytest.raises(Conflict, match="already a claimant"):
        claimant_create(actor=journalist, name="Vladimir Putin")
    claimant_update(claimant_id=putin.pk, actor=journalist, description="President of Russia")
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["claimant.create", "claimant.update"]
    reader = fresh(UserFactory(username="reader"))
    with pytest.raises(ActionForbidden):
        claimant_update(claimant_id=putin.pk, actor=reader, description="Someone")
