"""Codes and slips said right: statuses and ratings in words, plurals, notification texts cut at
a word, notifications read once opened, and the site's icon."""

import pytest

from factcheck.models import Notification
from tests.conftest import step
from verdicts.notifications import local_path, shorten

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_queue_names_the_verdicts_rating_and_status_in_words(client, journalist, verdict_in):
    verdict = verdict_in("changes_requested")
    client.force_login(journalist)
    row = client.get("/", {"view": "all"}).content.decode().split(f'href="/claims/{verdict.claim_id}/"')[1]
    cell = row.split('data-label="Verdict">')[1].split("</td>")[0]
    assert "False" in cell and "sent back for changes" in cell
    assert "changes_requested" not in cell and "false" not in cell


def test_a_workflow_message_is_a_sentence(client, journalist, editor, verdict_in):
    verdict = verdict_in("submitted")
    client.force_login(editor)
    done = client.post(
        f"/verdicts/{verdict.pk}/actions/request_changes/",
        {"expected_version": verdict.lock_version, "comment": "Name the source."},
        follow=True,
    )
    assert "Request changes: done. Verdict v1 was sent back for changes." in messages_of(done)


def test_one_claim_kept_is_said_in_the_singular(client, journalist):
    from tests.newsroom.test_pages import DEMO_TEXT

    client.force_login(journalist)
    proposals = client.post("/intake/article/", {"text": DEMO_TEXT, "outlet": "NV"})
    kept = client.post("/intake/keep/", {"keep": [proposals.context["rows"][0]["data"]]}, follow=True)
    assert "1 claim added to intake." in messages_of(kept)


def test_texts_are_cut_at_a_word_with_an_ellipsis():
    assert shorten("Short enough.", 20) == "Short enough."
    assert shorten("The defence minister said about 100,000 soldiers", 30) == "The defence minister said…"
    assert len(shorten("x" * 50, 30)) == 30  # one very long word is cut where it must be


def test_notifications_name_the_claim_without_cutting_a_word(journalist, editor, make_claim):
    from claims.services import claim_transition

    words = "The defence minister said that about one hundred thousand soldiers were deployed near the border"
    claim = make_claim(text=words + " of the country last winter.")
    claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk)
    text = Notification.objects.get(recipient=journalist).text
    assert text.endswith("were deployed near the border…”")  # cut after a whole word


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, journalist, editor, verdict_in):
    verdict = verdict_in("submitted")
    step(verdict, "request_changes", editor, "Name the source.")
    note = Notification.objects.get(recipient=journalist, kind="changes_requested")
    client.force_login(journalist)
    page = client.get("/notifications/").content.decode()
    assert f'href="/notifications/{note.pk}/open/"' in page
    opened = client.get(f"/notifications/{note.pk}/open/")
    assert opened.status_code == 302 and opened.url == f"/verdicts/{verdict.pk}/edit/"
    note.refresh_from_db()
    assert note.read_at is not None
    Notification.objects.filter(pk=note.pk).update(read_at=None)
    client.force_login(editor)  # someone else's: not found, nothing marked
    assert client.get(f"/notifications/{note.pk}/open/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x", ""])
def test_a_notification_leads_only_to_a_path_on_this_site(client, journalist, url):
    note = Notification.objects.create(recipient=journalist, kind="assigned", text="Look.", url=url)
    client.force_login(journalist)
    opened = client.get(f"/notifications/{note.pk}/open/")
    assert opened.status_code == 302 and opened.url == "/notifications/"
    assert local_path("/claims/3/?a=1#x") == "/claims/3/?a=1#x"


def test_the_site_has_an_icon(client, journalist):
    icon = client.get("/favicon.ico")
    assert icon.status_code in (200, 301, 302)
    location = icon.url if icon.status_code != 200 else "/favicon.ico"
    from django.contrib.staticfiles import finders

    assert location.startswith("/static/") and finders.find(location.removeprefix("/static/"))
    with open(finders.find("newsroom/favicon.ico"), "rb") as f:
        assert f.read(4) == b"\0\0\1\0"  # an icon file
    client.force_login(journalist)
    assert f'<link rel="icon" href="{location}"'.encode() in client.get("/").content
    client.logout()
    assert b'<link rel="icon"' in client.get("/login/").content
