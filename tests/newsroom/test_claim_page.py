"""Everyday work on a claim's page, over HTTP: editing the claim within the rules of the verdict
under review, and retrying, removing and editing its citations."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from claims.models import Citation, Claim, Claimant
from claims.services import citation_create, claim_transition, claim_update
from factcheck.models import AuditEvent
from sources.capture import snapshot_capture
from sources.models import Snapshot
from tests.conftest import UserFactory, capture, count_queries, fresh

pytestmark = pytest.mark.django_db


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def form_of(claim: Claim, **changes) -> dict:
    """What the edit form sends when nothing is frozen: every field, as the page fills it in."""
    values = {
        "text": claim.text,
        "claimant_name": claim.claimant.name if claim.claimant else "",
        "said_on": claim.said_on.isoformat() if claim.said_on else "",
        "medium": claim.medium,
        "tags": ", ".join(claim.tags),
        "language": claim.language,
        "priority": str(claim.priority),
        "due_on": claim.due_on.isoformat() if claim.due_on else "",
        "expected_version": str(claim.lock_version),
    }
    values.update(changes)
    return values


def field_tag(body: str, name: str) -> str:
    """The opening tag of the edit form's field `name`."""
    edit = body[body.index('id="edit"') :]
    return re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', edit).group(0)


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


# --- editing the claim ---


def test_a_journalist_edits_every_field_of_a_claim_and_the_header_shows_them(client, journalist, checking_claim):
    claim = checking_claim()
    client.force_login(journalist)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert f'action="/claims/{claim.pk}/edit/"' in page and 'name="expected_version"' in page
    due = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(
        f"/claims/{claim.pk}/edit/",
        form_of(
            claim, text="  About 175,000 soldiers were deployed near the border. ", claimant_name="Joe Biden",
            said_on="2021-12", medium="CBS News", tags="Ukraine, sanctions , ukraine,  Troop Numbers",
            language="pt-br", priority="1", due_on=due.isoformat(),
        ),
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200 and "Claim saved (revision" in messages_of(response)
    claim.refresh_from_db()
    assert claim.text == "About 175,000 soldiers were deployed near the border."
    assert claim.claimant.name == "Joe Biden" and claim.medium == "CBS News"
    assert (claim.said_on, claim.said_on_precision) == (datetime.date(2021, 12, 1), "month")
    assert claim.tags == ["ukraine", "sanctions", "troop-numbers"]
    assert (claim.language, claim.priority, claim.due_on) == ("pt-BR", 1, due)
    changed = AuditEvent.objects.filter(action="claim.update", object_id=str(claim.pk)).get().data["changes"]
    assert set(changed) >= {"text", "claimant", "said_on", "said_on_precision", "tags", "language", "priority"}
    body = response.content.decode()
    assert "December 2021" in body and "1 · urgent" in body and "pt-BR" in body
    assert '<span class="tag">troop-numbers</span>' in body and due.strftime("%Y-%m-%d") in body
    assert "overdue" not in body
    # the form shows the partial date as it was given, and a year alone is kept as a year
    assert 'value="2021-12"' in body
    client.post(f"/claims/{claim.pk}/edit/", {"said_on": "2021", "expected_version": claim.lock_version})
    claim.refresh_from_db()
    assert (claim.said_on, claim.said_on_precision) == (datetime.date(2021, 1, 1), "year")
    assert claim.claimant.name == "Joe Biden"  # fields not sent are left as they are


def test_saving_an_unchanged_form_changes_nothing(client, journalist, checking_claim):
    claim = checking_claim()
    client.force_login(journalist)
    before = events("claim.update")
    response = client.post(f"/claims/{claim.pk}/edit/", form_of(claim), follow=True)
    assert "Nothing to save" in messages_of(response)
    assert events("claim.update") == before and Claim.objects.get(pk=claim.pk).lock_version == claim.lock_version


def test_an_overdue_claim_says_so_in_words(client, journalist, checking_claim):
    claim = checking_claim()
    claim_update(
        claim_id=claim.pk, actor=journalist, expected_version=claim.lock_version,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )  # fmt: skip
    client.force_login(journalist)
    body = client.get(f"/claims/{claim.pk}/").content.decode()
    assert 'id="overdue"' in body and "overdue" in body


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("said_on", "2026-02-30", "is not a date"),
        ("said_on", "yesterday", "is not a date"),
        ("due_on", "2026-02-30", "valid date"),
        ("tags", "x" * 10_000, "at most 2000 characters"),
        ("tags", "ukraine, " + "y" * 300, "A tag is at most 50 characters"),
        ("tags", ", ".join(f"tag{n}" for n in range(25)), "At most 20 tags"),
        ("language", "English!", "BCP 47"),
        ("language", "", "Give the claim's language"),
        ("priority", "7", "Select a valid choice"),
        ("text", "   ", "Write the claim"),
        ("text", "z" * 2001, "at most 2000 characters"),
        ("claimant_name", "Brand New Person" + "n" * 200, "at most 200 characters"),
        ("expected_version", "seven", "Enter a whole number"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_written(client, journalist, checking_claim, field, value, said):
    claim = checking_claim()
    client.force_login(journalist)
    claimants, updates = Claimant.objects.count(), events("claim.update")
    response = client.post(
        f"/claims/{claim.pk}/edit/", {**form_of(claim, claimant_name="Brand New Person"), field: value}
    )
    assert response.status_code == 400 and said in messages_of(response)
    assert 'id="edit" open' in response.content.decode()  # the form comes back with what was typed
    assert Claimant.objects.count() == claimants and events("claim.update") == updates
    assert Claim.objects.get(pk=claim.pk).lock_version == claim.lock_version


def test_a_stale_revision_is_refused_and_overwrites_nothing(client, journalist, other_journalist, checking_claim):
    claim = checking_claim()
    client.force_login(journalist)
    stale = form_of(claim, text="My version of the claim.", claimant_name="Someone Entirely New")
    claim_update(claim_id=claim.pk, actor=other_journalist, expected_version=claim.lock_version, text="Their version.")
    claimants = Claimant.objects.count()
    response = client.post(f"/claims/{claim.pk}/edit/", stale)
    assert response.status_code == 409 and "Someone else changed this in the meantime" in messages_of(response)
    assert "My version of the claim." in response.content.decode()  # what was typed is not lost
    assert Claim.objects.get(pk=claim.pk).text == "Their version."
    assert Claimant.objects.count() == claimants  # the claimant made for the refused change is not kept


def test_while_a_verdict_is_under_review_only_priority_and_due_date_change(client, journalist, verdict_in):
    verdict = verdict_in("submitted")
    claim = verdict.claim
    claim.refresh_from_db()
    client.force_login(journalist)
    body = client.get(f"/claims/{claim.pk}/").content.decode()
    assert 'id="edit-frozen"' in body and "is submitted for review" in body
    assert 'name="text"' in body and 'name="priority"' in body
    for name in ("text", "claimant_name", "said_on", "medium", "tags", "language"):
        assert " disabled" in field_tag(body, name), name
    assert " disabled" not in field_tag(body, "priority") and " disabled" not in field_tag(body, "due_on")
    # what the browser sends with the frozen fields disabled: priority, due date and the revision
    due = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        f"/claims/{claim.pk}/edit/",
        {"priority": "3", "due_on": due.isoformat(), "expected_version": claim.lock_version},
        follow=True,
    )
    assert "Claim saved" in messages_of(response)
    claim.refresh_from_db()
    assert (claim.priority, claim.due_on) == (3, due)
    # a form drawn before the submission still sends the text: the service refuses it with why
    response = client.post(f"/claims/{claim.pk}/edit/", form_of(claim, text="Changed under review."))
    assert response.status_code == 409 and "frozen" in messages_of(response)
    assert Claim.objects.get(pk=claim.pk).text != "Changed under review."


def test_a_dismissed_claim_cannot_be_edited(client, journalist, editor, make_claim):
    claim = make_claim()
    claim = claim_transition(claim_id=claim.pk, action="dismiss", actor=editor, expected_version=0, comment="Opinion.")
    client.force_login(journalist)
    assert 'id="edit"' not in client.get(f"/claims/{claim.pk}/").content.decode()
    response = client.post(f"/claims/{claim.pk}/edit/", form_of(claim, text="Revived."))
    assert response.status_code == 409 and "dismissed claim cannot be edited" in messages_of(response)
    assert Claim.objects.get(pk=claim.pk).text != "Revived."


def test_someone_without_permission_cannot_edit(client, make_claim):
    claim = make_claim()
    reader = UserFactory(username="reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_claim", content_type__app_label="claims"))
    reader = fresh(reader)
    client.force_login(reader)
    assert 'id="edit"' not in client.get(f"/claims/{claim.pk}/").content.decode()
    response = client.post(f"/claims/{claim.pk}/edit/", form_of(claim, text="Not mine to change."))
    assert response.status_code == 403 and "permission to edit claims" in messages_of(response)
    assert Claim.objects.get(pk=claim.pk).text != "Not mine to change."
    client.force_login(UserFactory(username="nobody"))
    assert client.post(f"/claims/{claim.pk}/edit/", form_of(claim)).status_code == 403
    assert client.post("/claims/999999/edit/", form_of(claim)).status_code == 404


# --- citations: retry, remove, edit ---


def failed_citation(claim, journalist, server, path="/gone"):
    """A citation whose capture failed (the page answered 404), as a worker would record it."""
    citation = citation_create(actor=journalist, claim_id=claim.pk, url=server.url(path), stance="refutes")
    snapshot = Snapshot.objects.filter(source=citation.source, status="queued").get()
    snapshot_capture(snapshot_id=snapshot.pk)
    assert Snapshot.objects.get(pk=snapshot.pk).status == "failed"
    return citation


def test_a_failed_capture_is_retried_from_its_row_and_citing_again_points_there(
    client, journalist, checking_claim, server
):
    claim = checking_claim()
    citation = failed_citation(claim, journalist, server)
    client.force_login(journalist)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert f'data-retry="{citation.pk}"' in page and page.count("Retry capture") == 1  # not on the captured one
    # citing the same address again is no dead end: the message points to the row's retry
    again = client.post(f"/claims/{claim.pk}/citations/add/", {"url": server.url("/gone"), "stance": "refutes"})
    assert again.status_code == 302 and again.url.endswith(f"#citation-{citation.pk}")
    said = messages_of(client.get(again.url))
    assert "already cited" in said and "its capture failed" in said and "Retry capture" in said
    # the page is back: retry, and the row polls until the new capture finishes
    server.page("/gone", "<html><body><article><p>The page is back with the figures.</p></article></body></html>")
    response = client.post(f"/claims/{claim.pk}/citations/{citation.pk}/retry/", follow=True)
    assert "Capture requested again" in messages_of(response)
    assert b'hx-trigger="every 2s"' in response.content and b'data-capture-status="queued"' in response.content
    assert events("citation.capture_retry") == 1
    twice = client.post(f"/claims/{claim.pk}/citations/{citation.pk}/retry/", follow=True)
    assert "already under way" in messages_of(twice)
    assert Snapshot.objects.filter(source=citation.source, status="queued").count() == 1
    queued = Snapshot.objects.get(source=citation.source, status="queued")
    snapshot_capture(snapshot_id=queued.pk)
    fragment = client.get(f"/claims/{claim.pk}/citations/").content.decode()
    assert "Retry capture" not in fragment and 'hx-trigger="every 2s"' not in fragment
    done = client.post(f"/claims/{claim.pk}/citations/{citation.pk}/retry/", follow=True)
    assert "nothing to retry" in messages_of(done)


def test_a_citation_is_removed_after_a_confirmation_and_can_be_cited_again(client, journalist, checking_claim, server):
    claim = checking_claim()
    citation = failed_citation(claim, journalist, server)
    client.force_login(journalist)
    unconfirmed = client.post(f"/claims/{claim.pk}/citations/{citation.pk}/remove/", follow=True)
    assert "Confirm" in messages_of(unconfirmed) and Citation.objects.filter(pk=citation.pk).exists()
    removed = client.post(f"/claims/{claim.pk}/citations/{citation.pk}/remove/", {"confirm": "yes"}, follow=True)
    assert "Source removed" in messages_of(removed) and not Citation.objects.filter(pk=citation.pk).exists()
    assert events("citation.delete") == 1
    again = client.post(
        f"/claims/{claim.pk}/citations/add/", {"url": server.url("/gone"), "stance": "context"}, follow=True
    )
    assert "Source cited" in messages_of(again)


def test_stance_quote_and_note_are_edited_and_the_quote_is_checked_again(client, journalist, checking_claim):
    claim = checking_claim()
    capture("https://example.org/report", "The ministry counted about 100,000 troops near the border.")
    citation = citation_create(actor=journalist, claim_id=claim.pk, url="https://example.org/report")
    client.force_login(journalist)
    url = f"/claims/{claim.pk}/citations/{citation.pk}/edit/"
    found = client.post(url, {"stance": "supports", "quote": "about 100,000 troops", "note": "Call them."}, follow=True)
    assert "Citation saved" in messages_of(found)
    citation.refresh_from_db()
    assert (citation.stance, citation.quote_status, citation.note) == ("supports", "found", "Call them.")
    missing = client.post(url, {"stance": "supports", "quote": "a million troops", "note": "Call them."}, follow=True)
    assert "not in the captured page" in messages_of(missing)
    assert Citation.objects.get(pk=citation.pk).quote_status == "not_found"
    bad = client.post(url, {"stance": "loves"}, follow=True)
    assert "Select a valid choice" in messages_of(bad) and Citation.objects.get(pk=citation.pk).stance == "supports"
    other = checking_claim(url="https://example.org/elsewhere")
    assert client.post(f"/claims/{other.pk}/citations/{citation.pk}/edit/", {"note": "x"}).status_code == 404
    assert client.post(f"/claims/{claim.pk}/citations/999999/remove/", {"confirm": "yes"}).status_code == 404


def test_while_a_verdict_is_under_review_a_citation_keeps_its_evidence_and_its_note_stays_editable(
    client, journalist, verdict_in
):
    verdict = verdict_in("submitted")
    citation = verdict.claim.citations.get()
    client.force_login(journalist)
    body = client.get(f"/claims/{verdict.claim_id}/").content.decode()
    assert 'id="citations-frozen"' in body and "Notes stay editable" in body
    assert f'data-remove="{citation.pk}"' not in body and "Retry capture" not in body
    assert f'name="note" id="note-{citation.pk}"' in body
    url = f"/claims/{verdict.claim_id}/citations/{citation.pk}/"
    noted = client.post(url + "edit/", {"note": "Asked the ministry for the report."}, follow=True)
    assert "Citation saved" in messages_of(noted)
    assert Citation.objects.get(pk=citation.pk).note == "Asked the ministry for the report."
    refused = client.post(url + "edit/", {"stance": "refutes", "note": "x"}, follow=True)
    assert "frozen" in messages_of(refused) and Citation.objects.get(pk=citation.pk).stance == "supports"
    kept = client.post(url + "remove/", {"confirm": "yes"}, follow=True)
    assert "frozen" in messages_of(kept) and Citation.objects.filter(pk=citation.pk).exists()
    retried = client.post(url + "retry/", follow=True)
    assert "frozen" in messages_of(retried) and events("citation.capture_retry") == 0


def test_the_sources_of_a_dismissed_claim_cannot_change(client, journalist, editor, make_claim, server):
    claim = make_claim()
    citation = failed_citation(claim, journalist, server)
    claim_transition(claim_id=claim.pk, action="dismiss", actor=editor, expected_version=0, comment="Opinion.")
    client.force_login(journalist)
    body = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Retry capture" not in body and f'data-remove="{citation.pk}"' not in body
    url = f"/claims/{claim.pk}/citations/{citation.pk}/"
    for action, data in (("retry/", {}), ("remove/", {"confirm": "yes"}), ("edit/", {"note": "x"})):
        response = client.post(url + action, data, follow=True)
        assert "dismissed claim cannot be changed" in messages_of(response), action
    assert Citation.objects.filter(pk=citation.pk, note="").exists()


def test_the_claim_page_with_its_controls_runs_the_same_queries_for_3_and_30_citations(
    client, journalist, checking_claim, server
):
    claim = checking_claim()
    client.force_login(journalist)

    def cite(n, start):
        for number in range(start, start + n):
            if number % 2:
                failed_citation(claim, journalist, server, path=f"/gone-{number}")
            else:
                url = f"https://example.org/source-{number}"
                capture(url, "A captured page about the claim.")
                citation_create(actor=journalist, claim_id=claim.pk, url=url, quote="about the claim")

    urls = (f"/claims/{claim.pk}/", f"/claims/{claim.pk}/citations/")
    cite(2, 0)
    client.get(urls[0])  # warm: word statistics for possible duplicates are kept a few minutes
    few = count_queries(client, *urls)
    assert client.get(urls[0]).content.decode().count("Retry capture") == 1
    cite(27, 2)
    assert count_queries(client, *urls) == few
    page = client.get(urls[0]).content.decode()
    assert (
        page.count("Retry capture") == 14
        and page.count("Yes, remove it") == 30
        and page.count("Save the citation") == 30
    )


def test_someone_without_permission_sees_no_citation_controls_and_is_refused(client, journalist, make_claim, server):
    claim = make_claim()
    citation = failed_citation(claim, journalist, server)
    reader = UserFactory(username="reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_claim", content_type__app_label="claims"))
    client.force_login(fresh(reader))
    body = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Retry capture" not in body and "Save the citation" not in body and "Yes, remove it" not in body
    url = f"/claims/{claim.pk}/citations/{citation.pk}/"
    refusals = {"retry/": "cite sources", "remove/": "remove citations", "edit/": "edit citations"}
    for action, said in refusals.items():
        response = client.post(url + action, {"confirm": "yes", "note": "x"}, follow=True)
        assert said in messages_of(response), action
    assert Citation.objects.filter(pk=citation.pk, note="").exists() and events("citation.capture_retry") == 0
