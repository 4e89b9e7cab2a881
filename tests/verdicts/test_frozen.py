"""The reviewed unit is frozen: once a verdict is submitted, its claim and evidence cannot change
until it is sent back, and publishing refuses anything that differs from what was approved.

Each sequence is written as it was tried against the workbench: approve (or submit), then change
the claim, its claimant, its citations or where it appeared, from the API, the admin or a page,
or behind the services' back in the database; then publish."""

import datetime

import pytest
from django.urls import reverse

from claims.models import Citation, Claim, Claimant
from claims.services import citation_create, claim_update, claimant_create, claimant_merge
from factcheck.errors import Conflict
from factcheck.models import AuditEvent
from sources.models import Snapshot
from tests.conftest import PASSWORD, capture, step
from verdicts.models import Verdict

pytestmark = pytest.mark.django_db

APPROVED_MESSAGE = (
    "Verdict v1 is approved: the claim and its evidence are frozen until it is published, or sent back with "
    "changes requested."
)
SUBMITTED_MESSAGE = (
    "Verdict v1 is submitted for review: the claim and its evidence are frozen until it is sent back with "
    "changes requested."
)
REVIEWED_TEXT = "About 100,000 soldiers were deployed near the border."


def api(client, user, method, url, body=None):
    client.force_login(user)
    kwargs = {"content_type": "application/json"}
    response = client.get(url) if method == "get" else getattr(client, method)(url, body or {}, **kwargs)
    client.logout()
    return response


def snapshot_of(url, text):
    return capture(url, text)


def published_claim(client, verdict_id):
    response = client.get(f"/api/v1/verdicts/{verdict_id}/")
    assert response.status_code == 200, response.content
    return response.json()["claim"]


def unchanged(claim: Claim) -> bool:
    fresh = Claim.objects.get(pk=claim.pk)
    return (fresh.text, fresh.claimant_id, fresh.lock_version) == (claim.text, claim.claimant_id, claim.lock_version)


# --- the API ---


def frozen_changes(claim, journalist):
    """Each field the review covers, with a new value for it."""
    other_speaker = claimant_create(actor=journalist, name="Someone Else")
    elsewhere = capture("https://example.org/elsewhere").source
    return {
        "text": {"text": "About 10 soldiers were deployed near the border."},
        "claimant": {"claimant": other_speaker.pk},
        "said_on": {"said_on": "2021-12-01"},
        "said_on_precision": {"said_on_precision": "year"},
        "medium": {"medium": "A talk show"},
        "appearance": {"appearance": elsewhere.pk},
        "origin": {"origin": elsewhere.pk},
        "language": {"language": "uk"},
        "tags": {"tags": ["another-tag"]},
    }


@pytest.mark.parametrize(
    "field",
    ["text", "claimant", "said_on", "said_on_precision", "medium", "appearance", "origin", "language", "tags"],
)
def test_approve_then_patch_the_claim_over_the_api_is_refused_and_publish_shows_what_was_reviewed(
    client, verdict_in, other_journalist, journalist, editor, field
):
    verdict = verdict_in("approved")
    claim = verdict.claim
    change = frozen_changes(claim, journalist)[field]
    # A journalist who is not even the assignee, and then the author: neither can change it.
    for who in (other_journalist, journalist):
        body = {**change, "expected_version": claim.lock_version}
        response = api(client, who, "patch", f"/api/v1/claims/{claim.pk}/", body)
        assert response.status_code == 409, response.content
        assert response.json()["error"]["message"] == APPROVED_MESSAGE
    assert unchanged(claim)
    assert not AuditEvent.objects.filter(action="claim.update").exists()
    verdict = step(verdict, "publish", editor)
    assert published_claim(client, verdict.pk)["text"] == REVIEWED_TEXT


def test_while_submitted_the_message_says_how_to_unfreeze_and_notes_stay_editable(
    client, verdict_in, other_journalist, editor
):
    verdict = verdict_in("submitted")
    claim = verdict.claim
    url = f"/api/v1/claims/{claim.pk}/"
    response = api(client, other_journalist, "patch", url, {"text": "Changed.", "expected_version": claim.lock_version})
    assert response.status_code == 409 and response.json()["error"]["message"] == SUBMITTED_MESSAGE
    # The newsroom's own notes are not part of the review.
    notes = {"priority": 1, "sentence": "Said on TV.", "expected_version": claim.lock_version}
    response = api(client, other_journalist, "patch", url, notes)
    assert response.status_code == 200 and response.json()["priority"] == 1
    # Sent back with changes requested: the claim can change again.
    step(verdict, "request_changes", editor, "Recheck the figure.")
    response = api(
        client, other_journalist, "patch", url, {"text": "Changed.", "expected_version": claim.lock_version + 1}
    )
    assert response.status_code == 200 and response.json()["text"] == "Changed."


def test_approve_then_cite_change_or_withdraw_citations_over_the_api_is_refused(
    client, verdict_in, journalist, other_journalist, editor
):
    verdict = verdict_in("approved")
    claim = verdict.claim
    citation = claim.citations.get()
    capture("https://example.org/more")
    base = f"/api/v1/claims/{claim.pk}/citations/"
    attempts = [
        ("post", base, {"url": "https://example.org/more", "stance": "refutes"}),
        ("patch", f"{base}{citation.pk}/", {"stance": "refutes"}),
        ("patch", f"{base}{citation.pk}/", {"quote": "A passage nobody reviewed."}),
        ("delete", f"{base}{citation.pk}/", None),
    ]
    for method, url, body in attempts:
        for who in (other_journalist, journalist):
            response = api(client, who, method, url, body)
            assert response.status_code == 409, (method, url, response.content)
            assert response.json()["error"]["message"] == APPROVED_MESSAGE
    assert list(claim.citations.values_list("pk", "stance", "quote")) == [(citation.pk, "supports", "")]
    # The internal note is not part of the review.
    response = api(client, journalist, "patch", f"{base}{citation.pk}/", {"note": "Checked with the desk."})
    assert response.status_code == 200 and response.json()["note"] == "Checked with the desk."
    verdict = step(verdict, "publish", editor)
    [source] = client.get(f"/api/v1/verdicts/{verdict.pk}/").json()["sources"]
    assert (source["url"], source["stance"]) == ("https://example.org/evidence", "supports")


def test_citations_change_while_research_is_open_and_not_once_resolved(client, checking_claim, journalist, editor):
    claim = checking_claim()
    citation = claim.citations.get()
    url = f"/api/v1/claims/{claim.pk}/citations/{citation.pk}/"
    response = api(client, journalist, "patch", url, {"stance": "refutes", "quote": "  The passage.  "})
    assert response.status_code == 200 and (response.json()["stance"], response.json()["quote"]) == (
        "refutes",
        "The passage.",
    )
    event = AuditEvent.objects.get(action="citation.update")
    assert event.data["changes"] == {"stance": ["supports", "refutes"], "quote": ["", "The passage."]}
    assert api(client, journalist, "patch", url, {"stance": "maybe"}).status_code == 400
    assert (
        api(client, journalist, "patch", f"/api/v1/claims/{claim.pk + 1}/citations/{citation.pk}/").status_code == 404
    )
    assert api(client, journalist, "delete", url).status_code == 204
    assert not Citation.objects.filter(pk=citation.pk).exists()
    assert AuditEvent.objects.get(action="citation.delete").data["url"] == "https://example.org/evidence"


# --- the admin ---


def change_form_data(response) -> dict:
    """What the admin's change form would post back as it is shown (with its inlines)."""
    form = response.context["adminform"].form
    data = {}

    def put(bound_form):
        for name in bound_form.fields:
            value = bound_form[name].value()
            if value is None:
                continue
            if isinstance(value, list):
                value = ",".join(str(v) for v in value)
            data[bound_form.add_prefix(name)] = value

    put(form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for inline_form in formset.forms:
            put(inline_form)
    return data


def admin_url(obj, view="change"):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def page_messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


@pytest.mark.parametrize("field", ["text", "claimant", "appearance"])
def test_approve_then_edit_the_claim_in_the_admin_shows_the_refusal(client, verdict_in, journalist, editor, field):
    verdict = verdict_in("approved")
    claim = verdict.claim
    client.login(username=journalist.username, password=PASSWORD)
    page = client.get(admin_url(claim))
    data = change_form_data(page)
    data[field] = {
        "text": "About 10 soldiers were deployed near the border.",
        "claimant": claimant_create(actor=journalist, name="Someone Else").pk,
        "appearance": capture("https://example.org/private-notes").source_id,
    }[field]
    response = client.post(admin_url(claim), data)
    assert response.status_code == 200  # the form comes back, with the reason
    assert APPROVED_MESSAGE in response.content.decode()
    assert unchanged(claim) and Claim.objects.get(pk=claim.pk).appearance_id is None
    # A field the review does not cover still saves.
    data = {**change_form_data(page), "priority": 1}
    assert client.post(admin_url(claim), data).status_code == 302
    assert Claim.objects.get(pk=claim.pk).priority == 1
    verdict = step(verdict, "publish", editor)
    assert published_claim(client, verdict.pk)["text"] == REVIEWED_TEXT


def test_approve_then_cite_change_or_delete_citations_in_the_admin_shows_the_refusal(client, verdict_in, journalist):
    verdict = verdict_in("approved")
    claim = verdict.claim
    citation = claim.citations.get()
    client.login(username=journalist.username, password=PASSWORD)
    capture("https://example.org/more")
    response = client.post(
        reverse("admin:claims_citation_add"),
        {"claim": claim.pk, "url": "https://example.org/more", "stance": "refutes", "quote": "", "note": ""},
    )
    assert response.status_code == 200 and APPROVED_MESSAGE in response.content.decode()
    change = change_form_data(client.get(admin_url(citation)))
    response = client.post(admin_url(citation), {**change, "stance": "refutes", "quote": "Not reviewed."})
    assert response.status_code == 200 and APPROVED_MESSAGE in response.content.decode()
    response = client.post(admin_url(citation, "delete"), {"post": "yes"}, follow=True)
    assert APPROVED_MESSAGE in page_messages(response)
    assert list(claim.citations.values_list("pk", "stance", "quote")) == [(citation.pk, "supports", "")]
    assert not AuditEvent.objects.filter(action__in=["citation.update", "citation.delete"]).exists()


def test_in_the_admin_a_citation_is_edited_or_withdrawn_while_research_is_open(client, checking_claim, journalist):
    claim = checking_claim()
    citation = claim.citations.get()
    client.login(username=journalist.username, password=PASSWORD)
    change = change_form_data(client.get(admin_url(citation)))
    assert client.post(admin_url(citation), {**change, "stance": "refutes"}).status_code == 302
    assert Citation.objects.get(pk=citation.pk).stance == "refutes"
    assert client.post(admin_url(citation, "delete"), {"post": "yes"}).status_code == 302
    assert not Citation.objects.filter(pk=citation.pk).exists()
    assert AuditEvent.objects.filter(action="citation.delete", object_id=str(citation.pk)).count() == 1


# --- the newsroom's pages ---


def test_approve_then_cite_a_source_from_the_claim_page_is_refused(client, verdict_in, journalist):
    verdict = verdict_in("approved")
    claim = verdict.claim
    client.force_login(journalist)
    page = client.get(reverse("claim-page", args=[claim.pk])).content.decode()
    assert APPROVED_MESSAGE in page and "Cite a source" not in page  # the page says why, and offers no form
    capture("https://example.org/more")
    response = client.post(
        reverse("citation-add", args=[claim.pk]),
        {"url": "https://example.org/more", "stance": "refutes", "quote": ""},
        follow=True,
    )
    assert APPROVED_MESSAGE in page_messages(response)
    assert claim.citations.count() == 1
    verdict_page = client.get(reverse("verdict-page", args=[verdict.pk])).content.decode()
    assert APPROVED_MESSAGE in verdict_page and verdict.approved_digest[:12] in verdict_page


# --- behind the services' back ---


def test_a_database_edit_of_the_claim_after_approval_cannot_be_published(client, verdict_in, journalist, editor):
    verdict = verdict_in("approved")
    Claim.objects.filter(pk=verdict.claim_id).update(text="About 10 soldiers were deployed near the border.")
    url = f"/api/v1/staff/verdicts/{verdict.pk}/actions/publish/"
    response = api(client, editor, "post", url, {"expected_version": verdict.lock_version})
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "Verdict v1 cannot be published: what it was approved with has changed since (the claim's text). "
        "Send it back with changes requested so that it is reviewed again."
    )
    verdict.refresh_from_db()
    assert verdict.status == "approved" and not verdict.pinned_claim
    assert client.get(f"/api/v1/verdicts/{verdict.pk}/").status_code == 404
    # The way out: withdraw the approval, and review what the claim now says.
    verdict = step(verdict, "request_changes", editor, "The claim changed after approval.")
    assert (verdict.status, verdict.approver_id, verdict.approved_digest) == ("changes_requested", None, "")
    for action, actor in (("revise", journalist), ("submit", journalist), ("approve", editor), ("publish", editor)):
        verdict = step(verdict, action, actor)
    assert published_claim(client, verdict.pk)["text"] == "About 10 soldiers were deployed near the border."


def test_a_database_edit_between_submission_and_approval_cannot_be_approved(verdict_in, editor):
    verdict = verdict_in("submitted")
    citation = verdict.claim.citations.get()
    Citation.objects.filter(pk=citation.pk).update(stance="refutes")
    with pytest.raises(Conflict, match=rf"cannot be approved: .*\(citation #{citation.pk}'s stance\)"):
        step(verdict, "approve", editor)
    verdict.refresh_from_db()
    assert (verdict.status, verdict.approver_id) == ("submitted", None)


def test_a_private_capture_pinned_through_the_appearance_after_approval_is_refused(
    client, verdict_in, journalist, editor
):
    verdict = verdict_in("approved")
    claim = verdict.claim
    private = capture("https://example.org/private-notes", "Notes nobody may read.")
    # Through the API: refused.
    response = api(
        client,
        journalist,
        "patch",
        f"/api/v1/claims/{claim.pk}/",
        {"appearance": private.source_id, "expected_version": claim.lock_version},
    )
    assert response.status_code == 409
    # Behind the services' back: publishing refuses, and the capture stays private.
    Claim.objects.filter(pk=claim.pk).update(appearance=private.source_id)
    with pytest.raises(Conflict, match=r"\(the appearance\)"):
        step(verdict, "publish", editor)
    private.refresh_from_db()
    assert private.public is False
    assert client.get(reverse("capture-detail", args=[private.pk])).status_code == 302  # to sign in
    Claim.objects.filter(pk=claim.pk).update(appearance=None)
    verdict = step(verdict, "publish", editor)
    review = client.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()
    assert "appearance" not in review["itemReviewed"]


def test_the_captures_reviewed_are_the_ones_published_not_later_ones(client, make_claim, editor, journalist):
    article = capture("https://example.org/interview", "The minister said it in this interview.")
    claim = make_claim(appearance=article.source)
    claim = step_claim_accept(claim, editor, journalist)
    # Cited before its capture exists; captured before submission.
    citation_create(actor=journalist, claim_id=claim.pk, url="https://example.org/report", stance="refutes")
    reviewed = capture("https://example.org/report", "The report as the journalist read it.")
    from verdicts.services import verdict_create

    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", summary="Wrong.")
    verdict = step(verdict, "submit", journalist)
    # New captures of both pages come in during the review.
    capture("https://example.org/report", "The report, rewritten after the fact.")
    capture("https://example.org/interview", "The interview, edited after the fact.")
    for action in ("approve", "publish"):
        verdict = step(verdict, action, editor)
    [pinned] = verdict.pinned_evidence
    assert pinned["snapshot"] == reviewed.pk and pinned["sha256"] == reviewed.payload_sha256
    assert verdict.pinned_appearance["snapshot"] == article.pk
    review = client.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()
    assert review["itemReviewed"]["appearance"][0]["archivedAt"].endswith(f"/captures/{article.pk}/")
    assert Snapshot.objects.filter(public=True).count() == 2


def step_claim_accept(claim, editor, journalist):
    from claims.services import claim_transition

    return claim_transition(
        claim_id=claim.pk, action="accept", actor=editor, expected_version=claim.lock_version, assignee_id=journalist.pk
    )


# --- the claimant ---


def test_a_claimant_renamed_during_review_makes_publishing_refuse(client, verdict_in, editor, other_editor):
    verdict = verdict_in("approved")
    client.login(username=other_editor.username, password=PASSWORD)
    form = {"name": "Oleksii Reznikov", "kind": "person", "aliases": "", "description": ""}
    response = client.post(admin_url(verdict.claim.claimant), form)
    assert response.status_code == 302 and Claimant.objects.get(pk=verdict.claim.claimant_id).name == "Oleksii Reznikov"
    client.logout()
    with pytest.raises(Conflict, match=r"\(the claimant's name\)\. Send it back with changes requested"):
        step(verdict, "publish", editor)
    assert client.get(f"/api/v1/verdicts/{verdict.pk}/").status_code == 404


def test_a_claimant_whose_claim_is_under_review_cannot_be_merged_away(verdict_in, editor, journalist):
    verdict = verdict_in("submitted")
    duplicate = Claim.objects.get(pk=verdict.claim_id).claimant
    keep = claimant_create(actor=journalist, name="O. Reznikov")
    with pytest.raises(Conflict, match=rf"Claim #{verdict.claim_id} cannot change claimant now\. {SUBMITTED_MESSAGE}"):
        claimant_merge(source_id=duplicate.pk, target_id=keep.pk, actor=editor)
    assert Claimant.objects.filter(pk=duplicate.pk).exists()
    assert Claim.objects.get(pk=verdict.claim_id).claimant_id == duplicate.pk


def test_a_journalist_cannot_change_a_claim_the_service_says_is_frozen_even_by_claim_update(verdict_in, journalist):
    verdict = verdict_in("approved")
    claim = verdict.claim
    with pytest.raises(Conflict, match="is approved"):
        claim_update(
            claim_id=claim.pk, actor=journalist, expected_version=claim.lock_version, said_on=datetime.date(2020, 1, 1)
        )
    assert Verdict.objects.get(pk=verdict.pk).status == "approved"


def test_the_review_records_its_unit_and_the_audit_rows_carry_the_digests(verdict_in, editor):
    verdict = verdict_in("approved")
    unit = verdict.review_unit
    assert unit["claim"]["text"] == REVIEWED_TEXT and unit["claimant"]["name"] == "Oleksiy Reznikov"
    [item] = unit["evidence"]
    assert item["stance"] == "supports" and len(item["sha256"]) == 64
    assert verdict.review_digest == verdict.approved_digest and len(verdict.review_digest) == 64
    submitted = AuditEvent.objects.get(action="verdict.submit", object_id=str(verdict.pk))
    approved = AuditEvent.objects.get(action="verdict.approve", object_id=str(verdict.pk))
    assert submitted.data["review_digest"] == approved.data["review_digest"] == verdict.review_digest
    verdict = step(verdict, "publish", editor)
    published = AuditEvent.objects.get(action="verdict.publish", object_id=str(verdict.pk))
    assert published.data["review_digest"] == verdict.approved_digest
    assert published.data["evidence"] == [item["snapshot"]]


def test_verdicts_in_review_before_units_were_recorded(verdict_in, editor, journalist):
    # Submitted before submissions recorded their unit: approved as it stands.
    submitted = verdict_in("submitted")
    Verdict.objects.filter(pk=submitted.pk).update(review_unit={}, review_digest="")
    submitted = step(Verdict.objects.get(pk=submitted.pk), "approve", editor)
    assert submitted.review_digest == submitted.approved_digest and submitted.review_unit["claim"]["text"]
    # Approved before approvals recorded a digest: publishing asks for a new review.
    approved = verdict_in("approved")
    Verdict.objects.filter(pk=approved.pk).update(approved_digest="")
    with pytest.raises(Conflict, match="approved before approvals recorded what they approved"):
        step(Verdict.objects.get(pk=approved.pk), "publish", editor)
    approved = step(Verdict.objects.get(pk=approved.pk), "request_changes", editor, "Review it again.")
    for action, actor in (("revise", journalist), ("submit", journalist), ("approve", editor), ("publish", editor)):
        approved = step(approved, action, actor)
    assert approved.status == "published"
