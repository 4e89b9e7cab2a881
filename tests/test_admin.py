"""The admin, used as the newsroom uses it: signed in, clicking the buttons it shows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from claims.services import citation_create, claim_create, claim_transition, claimant_create
from factcheck.models import AuditEvent
from tests.conftest import PASSWORD, capture, count_queries
from verdicts.models import Verdict


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def transition_url(obj, action):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_transition", args=[obj.pk, action])


def buttons(response) -> list[str]:
    return re.findall(r'class="workflow-action" data-action="([a-z_]+)"', response.content.decode())


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_buttons_are_exactly_the_actions_this_person_may_take(client, make_claim, journalist, editor):
    claim = make_claim()
    page = signed_in(client, editor).get(change_url(claim))
    assert buttons(page) == ["accept", "dismiss", "mark_duplicate"]
    client.logout()
    page = signed_in(client, journalist).get(change_url(claim))
    assert page.status_code == 200 and buttons(page) == ["pick_up"]  # an unassigned new claim, for themselves
    claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=editor.pk)
    page = client.get(change_url(claim))
    assert page.status_code == 200 and buttons(page) == []
    assert "No action is open to you" in page.content.decode()


def test_server_refuses_an_action_the_page_did_not_offer(client, make_claim, journalist):
    claim = make_claim()
    response = signed_in(client, journalist).post(
        transition_url(claim, "dismiss"), {"expected_version": 0, "comment": "No."}, follow=True
    )
    assert "do not have permission" in messages_of(response)
    claim.refresh_from_db()
    assert claim.status == "new"
    assert not AuditEvent.objects.filter(action="claim.dismiss").exists()


def test_a_verdict_walks_from_draft_to_published_in_the_admin(client, checking_claim, journalist, editor):
    claim = checking_claim()
    signed_in(client, journalist)
    response = client.post(
        reverse("admin:verdicts_verdict_add"),
        {"claim": claim.pk, "rating": "false", "headline": "No", "summary": "The figure is wrong.", "explanation": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.status, verdict.author_id) == ("draft", journalist.pk)
    assert buttons(client.get(change_url(verdict))) == ["submit"]
    client.post(transition_url(verdict, "submit"), {"expected_version": verdict.lock_version})
    verdict.refresh_from_db()
    assert verdict.status == "submitted"
    client.logout()

    signed_in(client, editor)
    assert buttons(client.get(change_url(verdict))) == ["request_changes", "approve"]
    client.post(transition_url(verdict, "approve"), {"expected_version": verdict.lock_version})
    verdict.refresh_from_db()
    assert buttons(client.get(change_url(verdict))) == ["request_changes", "publish"]  # or withdraw the approval
    response = client.post(transition_url(verdict, "publish"), {"expected_version": verdict.lock_version}, follow=True)
    verdict.refresh_from_db()
    assert verdict.status == "published"
    assert Claim.objects.get(pk=claim.pk).status == "resolved"
    page = response.content.decode()
    for action in ("verdict.create", "verdict.submit", "verdict.approve", "verdict.publish"):
        assert action in page  # the history, read-only, on the same page
    assert buttons(response) == ["open_correction"]


def test_a_stale_button_gets_a_conflict_and_keeps_the_comment(client, make_claim, editor, journalist):
    claim = make_claim()
    signed_in(client, editor)
    client.post(transition_url(claim, "accept"), {"expected_version": 0, "assignee": journalist.pk})
    response = client.post(
        transition_url(claim, "mark_duplicate"),
        {"expected_version": 0, "duplicate_of": claim.pk, "comment": "Typed with care."},
        follow=True,
    )
    assert "Someone else changed this" in messages_of(response)
    assert "Typed with care." in response.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.lock_version) == ("checking", 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"expected_version": "abc"}, "not a number"),
        ({}, "version you are editing is required"),
        ({"expected_version": 0, "assignee": "x' OR 1=1"}, "must be a number"),
        ({"expected_version": 0, "assignee": "99999999999999999999"}, "out of range"),
    ],
)
def test_bad_input_gets_a_message_not_an_error_page(client, make_claim, editor, data, message):
    claim = make_claim()
    response = signed_in(client, editor).post(transition_url(claim, "accept"), data, follow=True)
    assert response.status_code == 200
    assert message in messages_of(response)
    claim.refresh_from_db()
    assert claim.status == "new"


def test_unknown_actions_missing_objects_and_gets_are_refused(client, make_claim, editor):
    claim = make_claim()
    signed_in(client, editor)
    response = client.post(transition_url(claim, "publish_everything"), {"expected_version": 0}, follow=True)
    assert "Unknown action" in messages_of(response)
    missing = reverse("admin:claims_claim_transition", args=[999999, "accept"])
    assert client.post(missing, {"expected_version": 0}).status_code in (302, 404)
    assert client.get(transition_url(claim, "accept")).status_code == 405


def test_editing_a_draft_from_a_stale_form_shows_the_conflict_and_saves_nothing(client, verdict_in, journalist):
    verdict = verdict_in("draft")
    signed_in(client, journalist)
    form = {
        "rating": "false",
        "headline": "No",
        "summary": "Edited in another tab.",
        "explanation": "",
        "correction_note": "",
    }
    assert client.post(change_url(verdict), {**form, "expected_version": 0}).status_code == 302
    response = client.post(change_url(verdict), {**form, "summary": "From the old tab.", "expected_version": 0})
    assert response.status_code == 200
    assert "Someone else changed this" in response.content.decode()
    assert "From the old tab." in response.content.decode()  # what was typed is still there
    verdict.refresh_from_db()
    assert verdict.summary == "Edited in another tab."


def test_non_authors_see_a_verdict_read_only(client, verdict_in, other_journalist):
    verdict = verdict_in("draft")
    signed_in(client, other_journalist)
    page = client.get(change_url(verdict)).content.decode()
    assert 'name="summary"' not in page and 'name="_save"' not in page
    response = client.post(change_url(verdict), {"summary": "Mine.", "expected_version": 0})
    verdict.refresh_from_db()
    assert verdict.summary == "The figure is wrong." and response.status_code == 403


def test_nothing_is_deleted_or_bulk_changed_from_the_admin(client, verdict_in, admin_user):
    verdict = verdict_in("published")
    signed_in(client, admin_user)
    for obj in (verdict, verdict.claim):
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:verdicts_verdict_changelist")).content.decode()
    # The one action is the case file's export, which reads and changes nothing.
    assert 'value="delete_selected"' not in changelist and 'value="export_casefile"' in changelist
    assert client.get(reverse("admin:factcheck_auditevent_add")).status_code == 403
    assert Verdict.objects.filter(pk=verdict.pk).exists()


def test_claim_list_queries_do_not_grow_with_rows(client, make_claim, editor, journalist):
    signed_in(client, editor)
    url = reverse("admin:claims_claim_changelist")

    def queries_for(total):
        while Claim.objects.count() < total:
            make_claim(text=f"Claim {Claim.objects.count()}")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert queries_for(3) == queries_for(30)


def test_verdict_list_queries_do_not_grow_with_rows(client, verdict_in, editor):
    signed_in(client, editor)
    url = reverse("admin:verdicts_verdict_changelist")
    verdict_in("draft")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        verdict_in("submitted")
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(few.captured_queries) == len(more.captured_queries)


def test_a_journalist_adds_a_claim_and_bad_values_come_back_as_form_errors(client, journalist):
    signed_in(client, journalist)
    url = reverse("admin:claims_claim_add")
    form = {"text": "Unemployment fell to 3%.", "said_on_precision": "month", "language": "en", "priority": 9}
    form.update({"citations-TOTAL_FORMS": 0, "citations-INITIAL_FORMS": 0})  # the read-only citations inline
    response = client.post(url, form)
    assert response.status_code == 200 and "Ensure this value is less than or equal to 3" in response.content.decode()
    assert not Claim.objects.exists()
    response = client.post(url, {**form, "priority": 2, "said_on": "2024-05-01", "tags": "economy,jobs"})
    assert response.status_code == 302, re.findall(r'class="errorlist.*?</ul>', response.content.decode(), re.S)
    claim = Claim.objects.get()
    assert (claim.status, claim.tags, claim.created_by_id) == ("new", ["economy", "jobs"], journalist.pk)
    assert AuditEvent.objects.filter(action="claim.create", object_id=str(claim.pk)).count() == 1


def test_a_page_that_comes_back_with_errors_keeps_nothing(client, journalist):
    # The claim itself is fine, but the (read-only) citations inline is missing
    # its management data: the page shows an error and no claim is left behind.
    signed_in(client, journalist)
    form = {"text": "Inflation hit 9%.", "said_on_precision": "day", "language": "en", "priority": 2}
    response = client.post(reverse("admin:claims_claim_add"), form)
    assert response.status_code == 200 and "ManagementForm data is missing" in response.content.decode()
    assert not Claim.objects.exists() and not AuditEvent.objects.exists()


CHANGELISTS = [
    "claims_claim",
    "claims_claimant",
    "claims_citation",
    "sources_source",
    "sources_snapshot",
    "verdicts_verdict",
    "factcheck_auditevent",
]


@pytest.mark.parametrize("changelist", CHANGELISTS)
def test_every_list_page_runs_as_many_queries_for_30_rows_as_for_3(client, admin_user, changelist, journalist):
    signed_in(client, admin_user)
    url = reverse(f"admin:{changelist}_changelist")

    def grow(n):
        # n claims, each with its own claimant, cited source and capture (and audit rows).
        while Claim.objects.count() < n:
            i = Claim.objects.count()
            claimant = claimant_create(actor=journalist, name=f"Speaker {i}")
            claim = claim_create(actor=journalist, text=f"Claim {i}", claimant=claimant)
            capture(f"https://example.org/source-{i}")
            citation_create(actor=journalist, claim_id=claim.pk, url=f"https://example.org/source-{i}")

    def queries():
        return count_queries(client, url)

    grow(3)
    few = queries()
    grow(30)
    assert queries() == few


def test_a_claim_page_runs_as_many_queries_for_30_citations_as_for_3(client, editor, journalist, make_claim):
    claim = make_claim()
    signed_in(client, editor)

    def cite_up_to(n):
        while claim.citations.count() < n:
            url = f"https://example.org/evidence-{claim.citations.count()}"
            capture(url)
            citation_create(actor=journalist, claim_id=claim.pk, url=url)

    def queries():
        return count_queries(client, change_url(claim))

    cite_up_to(3)
    few = queries()
    cite_up_to(30)
    assert queries() == few


@pytest.mark.parametrize(
    "address",
    [
        "/admin/verdicts/verdicttranslation/?language=%00",
        "/admin/verdicts/verdicttranslation/?status=uk%00",
        "/admin/verdicts/verdict/?status=%00",
        "/admin/claims/claim/?status=%00",
        "/admin/factcheck/auditevent/?action=%00",
    ],
)
def test_a_list_filtered_by_a_nul_character_is_refused_not_an_error_page(client, admin_user, address):
    """PostgreSQL cannot compare text with a NUL character: the address is refused before the list is read."""
    client.raise_request_exception = False
    response = signed_in(client, admin_user).get(address)
    assert response.status_code == 400
