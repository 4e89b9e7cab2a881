"""The newsroom's pages, driven over HTTP: who sees what, the queue, a claim's page, intake."""

import datetime
import json
from pathlib import Path

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.services import citation_create, claim_transition
from newsroom.queue import Tally
from sources.capture import snapshot_capture
from sources.models import Snapshot
from tests.conftest import PASSWORD, UserFactory, capture, count_queries

pytestmark = pytest.mark.django_db
DEMO_TEXT = (Path(__file__).resolve().parents[2] / "seeds" / "putin-biden-sanctions-2021-12-31.txt").read_text()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_signing_in_and_out(client, journalist):
    assert client.get("/").status_code == 302 and client.get("/").url.startswith("/login/")
    page = client.get("/login/")
    assert page.status_code == 200 and b'autocomplete="current-password"' in page.content
    bad = client.post("/login/", {"username": journalist.username, "password": "wrong"})
    assert bad.status_code == 200 and b"errorlist" in bad.content
    response = client.post("/login/", {"username": journalist.username, "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200
    assert client.get("/logout/").status_code == 405  # signing out is a POST (a link cannot do it)
    assert client.post("/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_a_person_without_a_role_gets_the_sites_403(client):
    client.force_login(UserFactory(username="nobody"))
    response = client.get("/")
    assert response.status_code == 403 and b"Not allowed" in response.content
    assert client.get("/claims/999999/").status_code == 403


def test_unknown_pages_get_the_sites_404(client, journalist):
    client.force_login(journalist)
    response = client.get("/claims/999999/")
    assert response.status_code == 404 and b"Back to the queue" in response.content


def test_password_change(client, journalist):
    client.force_login(journalist)
    response = client.post(
        "/password/",
        {"old_password": PASSWORD, "new_password1": "another-long-secret-9", "new_password2": "another-long-secret-9"},
    )
    assert response.status_code == 302
    journalist.refresh_from_db()
    assert journalist.check_password("another-long-secret-9")
    weak = client.post(
        "/password/", {"old_password": "another-long-secret-9", "new_password1": "123", "new_password2": "123"}
    )
    assert weak.status_code == 200 and b"too short" in weak.content


# --- the queue ---


def test_the_queue_shows_each_persons_views_with_counts(client, journalist, editor, make_claim):
    mine = make_claim(text="Claim assigned to the journalist.")
    claim_transition(claim_id=mine.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk)
    make_claim(text="A claim nobody has taken yet.")
    client.force_login(journalist)
    page = client.get("/")
    assert b"Waiting for my review" not in page.content  # journalists do not review
    assert [c.pk for c in page.context["rows"]] == [mine.pk]
    assert {t["key"]: t["count"] for t in page.context["tabs"]}["intake"] == Tally(1)
    client.force_login(editor)
    page = client.get("/")
    assert page.context["view"] == "review" and b"Waiting for my review" in page.content
    assert [c.text for c in client.get("/?view=intake").context["rows"]] == ["A claim nobody has taken yet."]


def test_queue_filters_and_search(client, journalist, make_claim):
    make_claim(text="Unemployment in Germany fell to 5.1 percent.", tags=["economy"])
    make_claim(text="Troops were massed near the border.", tags=["war"])
    client.force_login(journalist)

    def texts(**params):
        response = client.get("/", {"view": "all", **params})
        assert response.status_code == 200
        return [c.text for c in response.context["rows"]]

    assert texts(tag="economy") == ["Unemployment in Germany fell to 5.1 percent."]
    assert texts(q="troops border") == ["Troops were massed near the border."]
    assert texts(status="new", claimant="Oleksiy Reznikov") and texts(status="resolved") == []
    bad = client.get("/", {"view": "all", "since": "not-a-date", "assignee": "x"})
    assert bad.status_code == 200 and b"Enter a valid date" in bad.content and texts(since="2999-01-01") == []
    assert client.get("/", {"view": "nonsense"}).status_code == 404
    assert client.get("/", {"view": "all", "before": "x", "after": "-1"}).status_code == 200  # read as page one


@pytest.mark.parametrize("view", ["all", "intake", "review", "published"])
def test_the_queue_runs_the_same_queries_for_3_and_30_rows(client, editor, make_claim, verdict_in, view):
    client.force_login(editor)

    def fill(n):
        for _ in range(n):
            make_claim(text="About 100,000 soldiers were deployed near the border.")
        if view in ("review", "published"):
            for _ in range(n // 3):
                verdict_in("submitted" if view == "review" else "published")

    fill(3)
    few = count_queries(client, f"/?view={view}")
    fill(27)
    assert count_queries(client, f"/?view={view}") == few


# --- a claim's page ---


def test_the_claim_page_shows_the_claim_its_sources_and_history(client, journalist, checking_claim):
    claim = checking_claim()
    client.force_login(journalist)
    page = client.get(f"/claims/{claim.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert claim.text in body and "example.org/evidence" in body and 'data-capture-status="succeeded"' in body
    assert "jo added the claim." in body and "ed accepted the claim and assigned it to jo." in body  # the history
    assert "jo cited example.org (supports)." in body
    assert 'hx-trigger="every 2s"' not in body  # nothing to wait for


def test_a_new_citation_shows_its_capture_live_until_it_finishes(client, journalist, checking_claim, server):
    claim = checking_claim()
    server.page("/report", "<html><body><article><p>The report says the border was quiet.</p></article></body></html>")
    client.force_login(journalist)
    response = client.post(
        f"/claims/{claim.pk}/citations/add/", {"url": server.url("/report"), "stance": "refutes", "quote": "quiet"},
        follow=True,
    )  # fmt: skip
    assert "Source cited" in " ".join(messages_of(response))
    assert b'data-capture-status="queued"' in response.content and b'hx-trigger="every 2s"' in response.content
    fragment = client.get(f"/claims/{claim.pk}/citations/", HTTP_HX_REQUEST="true")
    assert b'hx-trigger="every 2s"' in fragment.content and b"<html" not in fragment.content
    queued = Snapshot.objects.filter(status="queued").get()
    snapshot_capture(snapshot_id=queued.pk)  # what a worker does
    fragment = client.get(f"/claims/{claim.pk}/citations/", HTTP_HX_REQUEST="true")
    assert fragment.content.count(b'data-capture-status="succeeded"') == 2
    assert b'hx-trigger="every 2s"' not in fragment.content  # polling stops
    again = client.post(
        f"/claims/{claim.pk}/citations/add/", {"url": server.url("/report"), "stance": "refutes"}, follow=True
    )
    assert "already cited" in " ".join(messages_of(again))
    hostile = client.post(
        f"/claims/{claim.pk}/citations/add/", {"url": "javascript:alert(1)", "stance": "refutes"}, follow=True
    )
    assert hostile.status_code == 200 and "http" in " ".join(messages_of(hostile)).lower()


def test_the_claim_page_runs_the_same_queries_for_3_and_30_citations(client, journalist, checking_claim):
    claim = checking_claim()
    client.force_login(journalist)

    def cite(n, start):
        for number in range(start, start + n):
            url = f"https://example.org/source-{number}"
            capture(url)
            citation_create(actor=journalist, claim_id=claim.pk, url=url, stance="context")

    cite(2, 0)
    client.get(f"/claims/{claim.pk}/")  # warm: word statistics for possible duplicates are kept a few minutes
    few = count_queries(client, f"/claims/{claim.pk}/", f"/claims/{claim.pk}/citations/")
    cite(27, 2)
    assert count_queries(client, f"/claims/{claim.pk}/", f"/claims/{claim.pk}/citations/") == few


def test_workflow_buttons_follow_the_role_and_the_server_refuses_anyway(client, journalist, editor, make_claim):
    claim = make_claim()
    client.force_login(journalist)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert 'data-action="accept"' not in page and 'data-action="pick_up"' in page  # only for themselves
    refused = client.post(
        f"/claims/{claim.pk}/actions/accept/", {"expected_version": 0, "assignee": journalist.pk}, follow=True
    )
    assert "permission" in " ".join(messages_of(refused))
    client.force_login(editor)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert 'data-action="accept"' in page and 'data-action="dismiss"' in page
    stale = client.post(
        f"/claims/{claim.pk}/actions/accept/", {"expected_version": 7, "assignee": journalist.pk}, follow=True
    )
    assert "changed" in " ".join(messages_of(stale)).lower()
    done = client.post(
        f"/claims/{claim.pk}/actions/accept/", {"expected_version": 0, "assignee": journalist.pk}, follow=True
    )
    assert "Accept and assign: done" in " ".join(messages_of(done))
    assert Claim.objects.get(pk=claim.pk).status == "checking"
    no_reason = client.post(f"/claims/{claim.pk}/actions/dismiss/", {"expected_version": 1}, follow=True)
    assert messages_of(no_reason) and Claim.objects.get(pk=claim.pk).status == "checking"


# --- intake ---


def test_a_claim_typed_in_is_checked_against_claims_already_in(client, journalist, make_claim):
    existing = make_claim(text="About 100,000 Russian soldiers were deployed near the border.")
    client.force_login(journalist)
    fragment = client.get(
        reverse("claims-similar-fragment"), {"text": "Russia deployed 100,000 soldiers near the border"}
    )
    assert f"#{existing.pk}".encode() in fragment.content
    assert (
        b"No claim already in"
        in client.get(reverse("claims-similar-fragment"), {"text": "Rain in Scotland on Friday"}).content
    )
    typed = {"text": "Russia deployed 100,000 soldiers.", "claimant_name": "Oleksiy Reznikov", "said_on": "2021-12-03"}
    response = client.post("/claims/new/", typed, follow=True)
    claim = Claim.objects.latest("id")
    assert response.redirect_chain[-1][0] == f"/claims/{claim.pk}/"
    assert (claim.claimant.name, str(claim.said_on), claim.status) == ("Oleksiy Reznikov", "2021-12-03", "new")
    empty = client.post("/claims/new/", {"text": "  "})
    assert empty.status_code == 200 and b"errorlist" in empty.content and Claim.objects.count() == 2


def test_claims_from_a_pasted_article_are_proposed_then_kept(client, journalist):
    client.force_login(journalist)
    page = client.post("/intake/article/", {"text": DEMO_TEXT, "outlet": "NV"})
    assert page.status_code == 200 and len(page.context["rows"]) >= 14
    assert Claim.objects.count() == 0
    ticked = [row["data"] for row in page.context["rows"][:2]]
    response = client.post("/intake/keep/", {"keep": ticked}, follow=True)
    assert "2 claims added to intake" in " ".join(messages_of(response))
    assert sorted(Claim.objects.values_list("text", flat=True)) == sorted(json.loads(d)["text"] for d in ticked)
    altered = json.dumps({**json.loads(ticked[0]), "said_on": "yesterday"})
    refused = client.post("/intake/keep/", {"keep": [altered]}, follow=True)
    assert "altered" in " ".join(messages_of(refused)) and Claim.objects.count() == 2
    assert "Tick at least one" in " ".join(messages_of(client.post("/intake/keep/", {}, follow=True)))
    both = client.post("/intake/article/", {"text": "Some text.", "url": "https://example.org/a"})
    assert b"Give the article once" in both.content


def test_an_article_by_url_is_captured_then_proposed(client, journalist, server):
    server.page(
        "/story",
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in DEMO_TEXT.splitlines() if p)
        + "</article></body></html>",
    )
    client.force_login(journalist)
    response = client.post("/intake/article/", {"url": server.url("/story")})
    assert response.status_code == 302 and "?source=" in response.url
    waiting = client.get(response.url)
    assert b"Capturing the page" in waiting.content and b'hx-trigger="every 2s"' in waiting.content
    snapshot_capture(snapshot_id=Snapshot.objects.get(status="queued").pk)
    proposals = client.get(response.url)
    assert proposals.status_code == 200 and len(proposals.context["rows"]) >= 10
    assert proposals.context["source"] is not None
    kept = client.post(
        "/intake/keep/", {"keep": [proposals.context["rows"][0]["data"]], "source": proposals.context["source"].pk}
    )
    assert kept.status_code == 302 and Claim.objects.get().origin_id == proposals.context["source"].pk


# --- verdicts ---


def test_drafting_autosaving_and_a_clear_conflict(client, journalist, checking_claim):
    claim = checking_claim()
    client.force_login(journalist)
    assert b"Draft a verdict" in client.get(f"/claims/{claim.pk}/").content
    response = client.post(f"/claims/{claim.pk}/verdicts/new/", follow=True)
    verdict = claim.verdicts.get()
    assert response.redirect_chain[-1][0] == f"/verdicts/{verdict.pk}/edit/"
    assert b'hx-trigger="input changed delay:1500ms, change"' in response.content
    body = {"rating": "false", "headline": "No", "summary": "Wrong.", "explanation": "**Bold** <script>x</script>",
            "correction_note": "", "expected_version": verdict.lock_version}  # fmt: skip
    saved = client.post(f"/verdicts/{verdict.pk}/save/", body, HTTP_HX_REQUEST="true")
    assert b"Saved at" in saved.content and b'value="1"' in saved.content  # the new revision, swapped in
    assert b'<div id="preview"' in saved.content and b"<strong>Bold</strong>" in saved.content  # and the preview
    stale = client.post(f"/verdicts/{verdict.pk}/save/", {**body, "summary": "Mine."}, HTTP_HX_REQUEST="true")
    assert b"someone else saved this verdict" in stale.content
    verdict.refresh_from_db()
    assert (verdict.summary, verdict.lock_version) == ("Wrong.", 1)  # nothing overwritten
    bad = client.post(
        f"/verdicts/{verdict.pk}/save/", {**body, "rating": "maybe", "expected_version": 1}, HTTP_HX_REQUEST="true"
    )
    assert b"Not saved" in bad.content
    done = client.post(f"/verdicts/{verdict.pk}/actions/submit/", {"expected_version": 1}, follow=True)
    assert "Submit for review: done" in " ".join(messages_of(done))
    page = client.get(f"/verdicts/{verdict.pk}/edit/").content.decode()
    assert "<strong>Bold</strong>" in page and "<script>x</script>" not in page and "&lt;script&gt;" in page


def test_the_review_page_offers_an_editor_only_what_four_eyes_allow(client, journalist, editor, verdict_in):
    theirs = verdict_in("submitted")
    client.force_login(editor)
    page = client.get(f"/verdicts/{theirs.pk}/edit/").content.decode()
    assert 'data-action="approve"' in page and 'data-action="request_changes"' in page
    assert "example.org/evidence" in page  # the evidence beside it
    no_comment = client.post(
        f"/verdicts/{theirs.pk}/actions/request_changes/", {"expected_version": theirs.lock_version}, follow=True
    )
    assert "comment" in " ".join(messages_of(no_comment)).lower()
    client.force_login(journalist)
    page = client.get(f"/verdicts/{theirs.pk}/edit/").content.decode()
    assert 'data-action="approve"' not in page
    refused = client.post(
        f"/verdicts/{theirs.pk}/actions/approve/", {"expected_version": theirs.lock_version}, follow=True
    )
    assert "permission" in " ".join(messages_of(refused)).lower()


def test_an_editor_cannot_approve_their_own_verdict(client, editor, other_editor, verdict_in):
    own = verdict_in("submitted", author=editor, reviewer=other_editor)
    client.force_login(editor)
    page = client.get(f"/verdicts/{own.pk}/edit/").content.decode()
    assert 'data-action="approve"' not in page
    refused = client.post(f"/verdicts/{own.pk}/actions/approve/", {"expected_version": own.lock_version}, follow=True)
    assert "own verdict" in " ".join(messages_of(refused))


# --- notifications and the dashboard ---


def test_people_hear_of_what_concerns_them_in_the_ui_and_by_email(
    client, journalist, editor, other_editor, make_claim, verdict_in, mailoutbox
):
    from factcheck.models import Notification
    from sources.models import Source
    from tests.conftest import step
    from verdicts.evidence_changes import verdicts_flag_changed_evidence
    from verdicts.notifications import notifications_send_emails

    claim = make_claim()
    claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk)
    assert list(Notification.objects.values_list("recipient__username", "kind")) == [("jo", "assigned")]
    verdict = verdict_in("submitted")
    kinds = set(Notification.objects.filter(kind="review_requested").values_list("recipient__username", flat=True))
    assert kinds == {"ed", "eve"}  # every editor but the author; nobody hears of their own action
    step(verdict, "request_changes", editor, "Name the source.")
    changes = Notification.objects.get(kind="changes_requested")
    assert changes.recipient == journalist and "Name the source." in changes.text
    published = verdict_in("published")
    assert Notification.objects.filter(
        kind="published", recipient=journalist, url=f"/verdicts/{published.pk}/edit/"
    ).exists()
    source = Source.objects.get(normalized_url="https://example.org/evidence")
    verdicts_flag_changed_evidence(source=source, snapshot=source.snapshots.first(), kind="changed")
    assert Notification.objects.filter(kind="source_changed", recipient=journalist).exists()
    assert not Notification.objects.filter(recipient=editor, kind__in=["assigned", "changes_requested"]).exists()

    assert notifications_send_emails() == Notification.objects.count()  # everyone here has an address
    assert notifications_send_emails() == 0  # each is sent once
    assert any("assigned you claim" in m.subject for m in mailoutbox) and all(m.to for m in mailoutbox)

    client.force_login(journalist)
    unread = Notification.objects.filter(recipient=journalist).count()
    page = client.get("/notifications/")
    assert f'aria-label="{unread} unread"'.encode() in page.content and b"assigned you claim" in page.content
    client.post("/notifications/")
    assert b"unread" not in client.get("/notifications/").content.split(b"<main")[0]


def test_the_dashboard_draws_its_charts_without_scripts(client, editor, verdict_in, make_claim):
    verdict_in("published")
    make_claim()
    from tests.conftest import capture as make_capture

    make_capture("https://example.org/another")
    client.force_login(editor)
    page = client.get("/dashboard/")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count("<svg") == 5 and "<script" not in body.split("</head>")[1]
    summaries = [chart.summary for chart in page.context["charts"]]
    assert "False: 1" in summaries[1] and "median" in summaries[2] and "100% of" in summaries[3]


def test_the_original_of_a_duplicate_is_found_by_its_words(client, editor, make_claim):
    original = make_claim(text="Unemployment in Germany fell to 5.1 percent in November.")
    copy = make_claim(text="German jobless rate down to 5.1%.")
    client.force_login(editor)
    page = client.get(f"/claims/{copy.pk}/").content.decode()
    assert 'id="id_dup_search"' in page
    fragment = client.get(reverse("claims-similar-fragment"), {"text": "unemployment November", "pick": "1"})
    assert f'data-claim="{original.pk}"'.encode() in fragment.content
    assert b"No claim matches" in client.get(reverse("claims-similar-fragment"), {"text": "zebra", "pick": "1"}).content


def test_searching_the_queue_shows_ranked_hits_with_marked_snippets(client, journalist, make_claim):
    make_claim(text="Troops were massed near the border in late October.")
    capture("https://example.org/rail", "Trains moved &lt;b&gt;troops&lt;/b&gt; and tanks towards the border at night.")
    client.force_login(journalist)
    page = client.get("/", {"view": "all", "q": "troops border"})
    hits = page.context["hits"]
    assert {hit.kind for hit in hits} == {"claim", "capture"}
    body = page.content.decode()
    assert "<mark>Troops</mark>" in body and "<mark>troops</mark>" in body and "<b>" not in body


def test_each_proposal_shows_the_claims_already_in_that_say_the_same(client, journalist, make_claim):
    known = make_claim(text="The Biden-Putin talks took place on Dec. 30 and lasted about an hour.")
    client.force_login(journalist)
    page = client.post("/intake/article/", {"text": DEMO_TEXT, "outlet": "NV"})
    talks = next(row for row in page.context["rows"] if row["proposal"]["text"].startswith("The Biden-Putin talks"))
    assert talks["similar"][0]["id"] == known.pk and b"Already in:" in page.content


def test_the_queue_pages_newest_first_without_offsets(client, journalist, make_claim):
    made = [make_claim(text=f"Claim number {n} about the border.") for n in range(60)]
    client.force_login(journalist)
    first = client.get("/", {"view": "all"})
    assert [c.pk for c in first.context["rows"]] == [c.pk for c in made[::-1][:25]] and first.context["newer"] is None
    second = client.get(f"/?view=all&{first.context['older']}")
    assert [c.pk for c in second.context["rows"]] == [c.pk for c in made[::-1][25:50]]
    third = client.get(f"/?view=all&{second.context['older']}")
    assert [c.pk for c in third.context["rows"]] == [c.pk for c in made[::-1][50:]] and third.context["older"] is None
    back = client.get(f"/?view=all&{third.context['newer']}")
    assert [c.pk for c in back.context["rows"]] == [c.pk for c in second.context["rows"]]
    assert third.context["total"] == Tally(60)


def test_a_capture_waiting_to_be_retried_says_why(client, journalist, checking_claim):
    claim = checking_claim()
    snapshot = claim.citations.get().source.snapshots.get()
    from django.utils import timezone

    Snapshot.objects.filter(pk=snapshot.pk).update(
        status="queued", attempt=1, error_code="internal_error", error_message="The capture failed on our side.",
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=2),
    )  # fmt: skip
    client.force_login(journalist)
    page = client.get(f"/claims/{claim.pk}/citations/").content.decode()
    assert "attempt 1 did not finish: The capture failed on our side." in page and "Next try" in page
