"""Internal notes on a claim's page: @mentions that notify, escaping, limits, who sees them."""

import pytest
from django.contrib.auth.models import Group

from claims.models import ClaimNote
from claims.notes import MENTION_LIMIT, note_create, note_mentions
from factcheck.errors import ActionForbidden
from factcheck.models import AuditEvent, Notification
from tests.conftest import UserFactory, count_queries, fresh

pytestmark = pytest.mark.django_db


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def add_note(client, claim, text):
    return client.post(f"/claims/{claim.pk}/notes/add/", {"text": text}, follow=True)


def test_mentions_are_names_after_an_at_sign_not_e_mail_addresses():
    assert note_mentions("Ask @ed and @eve.ok, then @ed again; mail ed@example.org. @jo.") == ["ed", "eve.ok", "jo"]


def test_a_note_mentioning_someone_tells_them_with_a_link_to_the_note(client, journalist, editor, make_claim):
    claim = make_claim()
    client.force_login(journalist)
    response = add_note(client, claim, "@ed can you call the ministry? The figure looks off.")
    note = ClaimNote.objects.get(claim=claim)
    assert "Note added. Told: @ed." in messages_of(response)
    assert response.redirect_chain[-1][0].endswith(f"#claim-note-{note.pk}")
    told = Notification.objects.get(recipient=editor, kind="mentioned")
    assert told.url == f"/claims/{claim.pk}/#claim-note-{note.pk}"
    assert f"jo mentioned you in a note on claim #{claim.pk}: “@ed can you call the ministry?" in told.text
    assert not Notification.objects.filter(recipient=journalist, kind="mentioned").exists()
    event = AuditEvent.objects.get(action="note.create")
    assert event.object_id == str(note.pk) and event.data["claim"] == claim.pk
    assert event.data["mentioned"] == [editor.pk]
    assert f'id="claim-note-{note.pk}"' in client.get(f"/claims/{claim.pk}/").content.decode()


def test_unknown_inactive_and_roleless_names_are_listed_back_and_not_told(client, journalist, make_claim):
    claim = make_claim()
    UserFactory(username="gone", role="journalist", is_active=False)
    UserFactory(username="reader")  # signed in, but no role: may not see claims
    client.force_login(journalist)
    response = add_note(client, claim, "@nobody @gone @reader: have a look")
    said = messages_of(response)
    for name in ("@nobody", "@gone", "@reader"):
        assert f"{name} (no active person of that name may see claims)" in said
    assert ClaimNote.objects.filter(claim=claim, mentioned=[]).count() == 1  # saved, nobody told
    assert not Notification.objects.filter(kind="mentioned").exists()


def test_notes_are_newest_first_and_markup_is_shown_as_text(client, journalist, make_claim):
    claim = make_claim()
    client.force_login(journalist)
    add_note(client, claim, "first note")
    add_note(client, claim, '<script>alert(1)</script><a href="http://evil.example/">x</a>')
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page and '<a href="http://evil.example/">' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.index("&lt;script&gt;") < page.index("first note")


def test_a_huge_or_empty_note_is_refused_with_a_message_and_nothing_saved(client, journalist, make_claim):
    claim = make_claim()
    client.force_login(journalist)
    huge = add_note(client, claim, "x" * 1_000_000)
    assert huge.status_code == 200 and "at most 4,000 characters" in messages_of(huge)
    too_long = add_note(client, claim, "y" * 4001)
    assert "this one has 4,001" in messages_of(too_long)
    assert "y" * 4001 in too_long.content.decode()  # what was typed comes back in the form
    empty = add_note(client, claim, "   ")
    assert "The note is empty." in messages_of(empty)
    nul = add_note(client, claim, "a\x00b")
    assert "NUL" in messages_of(nul)
    assert not ClaimNote.objects.exists()


def test_a_note_naming_500_people_tells_at_most_the_cap(client, journalist, make_claim):
    claim = make_claim()
    people = [UserFactory(username=f"p{n}", role="journalist") for n in range(25)]
    names = [p.username for p in people] + [f"g{n}" for n in range(475)]
    client.force_login(journalist)
    response = add_note(client, claim, " ".join(f"@{name}" for name in names))
    assert response.status_code == 200
    assert Notification.objects.filter(kind="mentioned").count() == MENTION_LIMIT
    assert f"{len(names) - MENTION_LIMIT} more names were not told" in messages_of(response)


def test_without_the_claims_role_there_are_no_notes_to_see_or_write(client, journalist, make_claim):
    claim = make_claim()
    note_create(actor=journalist, claim_id=claim.pk, text="secret lead: call Kyiv")
    reader = fresh(UserFactory(username="reader"))
    client.force_login(reader)
    assert client.get(f"/claims/{claim.pk}/").status_code == 403
    assert client.post(f"/claims/{claim.pk}/notes/add/", {"text": "hello"}).status_code == 403
    with pytest.raises(ActionForbidden):
        note_create(actor=reader, claim_id=claim.pk, text="hello")
    assert ClaimNote.objects.count() == 1


def test_notes_never_reach_the_public_or_the_apis(client, journalist, editor, verdict_in, admin_user):
    from tests.conftest import step

    verdict = verdict_in("approved")
    note_create(actor=journalist, claim_id=verdict.claim_id, text="internal-only-lead-7731")
    step(verdict, "publish", editor)
    public = ("/api/v1/verdicts/", f"/api/v1/verdicts/{verdict.pk}/", f"/api/v1/verdicts/{verdict.pk}/claimreview/")
    for url in (*public, f"/verdicts/{verdict.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"internal-only-lead-7731" not in response.content, url
    client.force_login(admin_user)
    for url in (f"/api/v1/claims/{verdict.claim_id}/", "/api/v1/claims/", f"/api/v1/staff/verdicts/{verdict.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"internal-only-lead-7731" not in response.content, url


def test_the_claim_page_runs_the_same_queries_for_3_and_30_notes(client, journalist, editor, make_claim):
    claim = make_claim()
    Group.objects.get(name="journalist")  # roles exist
    client.force_login(journalist)

    def write(n):
        for number in range(n):
            note_create(actor=journalist, claim_id=claim.pk, text=f"Note {number} for @ed")

    write(3)
    client.get(f"/claims/{claim.pk}/")  # warm the word statistics kept for possible duplicates
    few = count_queries(client, f"/claims/{claim.pk}/")
    write(27)
    assert count_queries(client, f"/claims/{claim.pk}/") == few
    assert client.get(f"/claims/{claim.pk}/").content.decode().count('class="note"') == 30


def test_a_note_and_a_citation_of_the_same_number_do_not_share_an_anchor(client, journalist, checking_claim):
    import re

    claim = checking_claim()
    citation = claim.citations.get()
    note = note_create(actor=journalist, claim_id=claim.pk, text="Same number as the citation").note
    ClaimNote.objects.filter(pk=note.pk).update(id=citation.pk)  # the two sequences can meet
    client.force_login(journalist)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert f"claim-note-{citation.pk}" in ids
