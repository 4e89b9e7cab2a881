"""A cited source that changes or vanishes after publication flags the verdict, saying what became of
the quoted passage; editors are alerted, and the verdict's page shows the change beside what was
pinned, with the two ways out: the verdict stands, or a correction."""

import pytest

from claims.services import citation_create, claim_transition
from factcheck.errors import ActionForbidden
from factcheck.models import AuditEvent, Notification
from sources.capture import snapshot_capture, snapshot_request
from sources.models import Snapshot
from tests.conftest import capture, count_queries, step
from tests.sources.webserver import ARTICLE
from verdicts.models import Verdict
from verdicts.services import verdict_create, verdict_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_on(make_claim, editor, journalist, django_capture_on_commit_callbacks):
    """A verdict published on evidence captured from `url`."""

    def make(url, quote=""):
        claim = make_claim()
        claim = claim_transition(
            claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk
        )
        citation_create(actor=journalist, claim_id=claim.pk, url=url, stance="supports", quote=quote)
        snapshot_capture(snapshot_id=Snapshot.objects.get(source__url=url).pk)
        verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="true", summary="It checks out.")
        for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
            verdict = verdict_transition(
                verdict_id=verdict.pk, action=action, actor=actor, expected_version=verdict.lock_version
            )
        return verdict

    return make


def recapture(snapshot_source, callbacks_fixture):
    with callbacks_fixture(execute=True):
        snapshot = snapshot_request(source=snapshot_source, force=True)
        outcome = snapshot_capture(snapshot_id=snapshot.pk)
    return Snapshot.objects.get(pk=outcome.snapshot.pk)


def test_a_changed_source_flags_the_published_verdict(server, published_on, django_capture_on_commit_callbacks):
    server.page("/article", ARTICLE)
    verdict = published_on(server.url("/article"))
    source = verdict.claim.citations.get().source
    assert source.monitored_since is not None  # publishing starts the re-checks

    # Only a timestamp changes: not a change.
    server.page("/article", ARTICLE.replace("<nav>", "<nav>Updated 2024-05-01T10:31:00Z "))
    same = recapture(source, django_capture_on_commit_callbacks)
    assert same.text_changed is False
    assert Verdict.objects.get(pk=verdict.pk).evidence_changed_at is None

    server.page("/article", ARTICLE.replace("100,000", "175,000"))
    changed = recapture(source, django_capture_on_commit_callbacks)
    assert changed.text_changed is True
    assert (
        "-As of early December, about 100,000" in changed.diff
        and "+As of early December, about 175,000" in changed.diff
    )
    verdict.refresh_from_db()
    assert verdict.evidence_changed_at is not None and "changed" in verdict.evidence_change
    assert AuditEvent.objects.filter(action="verdict.evidence_changed", object_id=str(verdict.pk)).count() == 1


def test_a_vanished_source_flags_the_published_verdict(server, published_on, django_capture_on_commit_callbacks):
    server.page("/article", ARTICLE)
    verdict = published_on(server.url("/article"))
    source = verdict.claim.citations.get().source
    server.page("/article", "Gone", status=410)
    gone = recapture(source, django_capture_on_commit_callbacks)
    assert (gone.status, gone.error_code) == ("failed", "http_410")
    verdict.refresh_from_db()
    assert "gone" in verdict.evidence_change and verdict.evidence_changed_at is not None
    source.refresh_from_db()
    assert source.missing_since is not None


# --- what became of the quoted passage ---

PASSAGE = "As of early December, about 100,000 soldiers were deployed near the border"
SENTENCE = (
    "<p>As of early December, about 100,000 soldiers were deployed near the border, "
    "the defence minister told parliament.</p>"
)
FOOTED = ARTICLE.replace("</article>", "<p>Corrections: write to the readers' editor. Printed in 2021.</p></article>")
EDITS = {
    "intact": (FOOTED.replace("Printed in 2021", "Printed in 2024"), "the quoted passage is intact"),
    "changed": (FOOTED.replace("100,000", "175,000"), "the quoted passage changed"),
    "vanished": (FOOTED.replace(SENTENCE, ""), "the quoted passage vanished"),
}


def flagged(server, published_on, callbacks, fate, path="/article"):
    """A verdict published on FOOTED quoting PASSAGE, whose page was then edited as EDITS[fate] says."""
    server.page(path, FOOTED)
    verdict = published_on(server.url(path), quote=PASSAGE)
    assert SENTENCE in FOOTED and verdict.claim.citations.get().quote_status == "found"
    server.page(path, EDITS[fate][0])
    recapture(verdict.claim.citations.get().source, callbacks)
    return Verdict.objects.get(pk=verdict.pk)


@pytest.mark.parametrize("fate", ["intact", "changed", "vanished"])
def test_a_recheck_says_what_became_of_the_quoted_passage_and_every_editor_hears_of_it(
    server, published_on, django_capture_on_commit_callbacks, journalist, editor, other_editor, fate
):
    verdict = flagged(server, published_on, django_capture_on_commit_callbacks, fate)
    citation = verdict.claim.citations.get()
    new = Snapshot.objects.filter(source=citation.source).latest("id")
    (change,) = verdict.evidence_changes
    assert (change["citation"], change["fate"], change["kind"]) == (citation.pk, fate, "changed")
    assert (change["pinned_snapshot"], change["snapshot"]) == (citation.snapshot_id, new.pk)
    pinned_text = citation.snapshot.text
    assert pinned_text[change["pinned_at"][0] : change["pinned_at"][1]] == PASSAGE
    if fate == "intact":
        assert new.text[change["new_at"][0] : change["new_at"][1]] == PASSAGE
    elif fate == "changed":
        assert new.text[change["new_at"][0] : change["new_at"][1]] == PASSAGE.replace("100,000", "175,000")
    else:
        assert change["new_at"] is None
    words = EDITS[fate][1]
    assert verdict.evidence_changed_at is not None and words in verdict.evidence_change

    event = AuditEvent.objects.get(action="verdict.evidence_changed", object_id=str(verdict.pk))
    assert event.data["passage"] == fate and event.data["citation"] == citation.pk and words in event.comment
    told = Notification.objects.filter(event=event)
    assert {n.recipient.username for n in told} >= {journalist.username, editor.username, other_editor.username}
    assert all(words in n.text and n.url == f"/verdicts/{verdict.pk}/edit/#evidence-change" for n in told)


def test_the_verdict_page_shows_the_change_beside_the_pinned_text_escaped(
    client, server, published_on, django_capture_on_commit_callbacks, journalist
):
    server.page("/article", FOOTED)
    verdict = published_on(server.url("/article"), quote=PASSAGE)
    hostile = "<p>&lt;script&gt;alert('x')&lt;/script&gt; The ministry now gives no figure.</p>"
    server.page("/article", FOOTED.replace(SENTENCE, hostile))
    new = recapture(verdict.claim.citations.get().source, django_capture_on_commit_callbacks)
    assert "<script>alert('x')</script>" in new.text  # the page's text, not markup

    client.force_login(journalist)
    page = client.get(f"/verdicts/{verdict.pk}/edit/").content.decode()
    banner = page.split('id="evidence-change"')[1].split("</section>")[0]
    assert "A cited source changed: the quoted passage vanished" in banner
    assert f"<mark>{PASSAGE}</mark>" in banner  # on the pinned side, where it was
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in banner and "<script>alert" not in page
    assert "<del>" in banner and "<ins>" in banner
    assert f"/captures/{new.pk}/" in banner and f"/captures/{verdict.claim.citations.get().snapshot_id}/" in banner
    assert "Changed since publication: the quoted passage vanished" in page  # beside the citation


def test_a_long_page_is_shown_around_the_change_not_whole(
    client, server, published_on, django_capture_on_commit_callbacks, editor
):
    filler = "".join(f"<p>Background paragraph number {n} about the region's history.</p>" for n in range(80))
    long_page = FOOTED.replace("<article>", f"<article>{filler}").replace("</article>", f"{filler}</article>")
    server.page("/long", long_page)
    verdict = published_on(server.url("/long"), quote=PASSAGE)
    server.page("/long", long_page.replace("100,000", "175,000"))
    recapture(verdict.claim.citations.get().source, django_capture_on_commit_callbacks)
    client.force_login(editor)
    banner = client.get(f"/verdicts/{verdict.pk}/edit/").content.decode().split('id="evidence-change"')[1]
    assert "A cited source changed: the quoted passage changed" in banner
    assert "unchanged lines" in banner and "Background paragraph number 40 " not in banner
    assert "<del>100,000</del>" in banner.replace("<mark>", "").replace("</mark>", "")
    assert "<ins>175,000</ins>" in banner.replace("<mark>", "").replace("</mark>", "")


def test_checked_the_verdict_stands_is_for_editors_with_a_comment_and_clears_the_flag(
    client, server, published_on, django_capture_on_commit_callbacks, journalist, editor
):
    verdict = flagged(server, published_on, django_capture_on_commit_callbacks, "changed")
    url = f"/verdicts/{verdict.pk}/evidence/checked/"
    client.force_login(journalist)
    page = client.get(f"/verdicts/{verdict.pk}/edit/").content.decode()
    assert 'id="evidence-change"' in page  # the author sees the change
    assert 'data-action="evidence_checked"' not in page and 'data-action="open_correction_from_change"' not in page
    refused = client.post(url, {"expected_version": verdict.lock_version, "comment": "Fine."}, follow=True)
    assert "permission" in " ".join(str(m) for m in refused.context["messages"])

    client.force_login(editor)
    page = client.get(f"/verdicts/{verdict.pk}/edit/").content.decode()
    assert 'data-action="evidence_checked"' in page and 'data-action="open_correction_from_change"' in page
    no_comment = client.post(url, {"expected_version": verdict.lock_version, "comment": "  "}, follow=True)
    assert "comment is required" in " ".join(str(m) for m in no_comment.context["messages"])
    assert Verdict.objects.get(pk=verdict.pk).evidence_changed_at is not None

    done = client.post(
        url, {"expected_version": verdict.lock_version, "comment": "The figure is only quoted as context."}, follow=True
    )
    assert "the verdict stands" in " ".join(str(m) for m in done.context["messages"])
    verdict.refresh_from_db()
    assert (verdict.evidence_changed_at, verdict.evidence_change, verdict.evidence_changes) == (None, "", [])
    assert 'id="evidence-change"' not in done.content.decode()
    event = AuditEvent.objects.get(action="verdict.evidence_checked", object_id=str(verdict.pk))
    assert event.actor == editor and event.comment == "The figure is only quoted as context."
    assert event.data["changes"][0]["fate"] == "changed"
    assert Notification.objects.filter(event=event, recipient=journalist, kind="evidence_checked").exists()
    again = client.post(url, {"expected_version": verdict.lock_version, "comment": "Again."}, follow=True)
    assert "No change" in " ".join(str(m) for m in again.context["messages"])
    missing = client.post("/verdicts/999999/evidence/checked/", {"expected_version": 0, "comment": "Fine."})
    assert missing.status_code == 404


def test_the_author_cannot_say_their_own_verdict_stands(
    server, published_on, django_capture_on_commit_callbacks, journalist, editor, other_editor
):
    from verdicts.evidence_changes import verdict_confirm_evidence

    verdict = flagged(server, published_on, django_capture_on_commit_callbacks, "vanished")
    Verdict.objects.filter(pk=verdict.pk).update(author=other_editor)  # an editor who wrote it
    with pytest.raises(ActionForbidden, match="own verdict"):
        verdict_confirm_evidence(
            verdict_id=verdict.pk, actor=other_editor, expected_version=verdict.lock_version, comment="Mine is fine."
        )


def test_open_a_correction_from_the_banner(client, server, published_on, django_capture_on_commit_callbacks, editor):
    verdict = flagged(server, published_on, django_capture_on_commit_callbacks, "vanished")
    client.force_login(editor)
    page = client.get(f"/verdicts/{verdict.pk}/edit/").content.decode()
    banner = page.split('id="evidence-change"')[1].split("</section>")[0]
    form = banner.split('data-action="open_correction_from_change"')[0].rsplit("<form", 1)[1]
    action = form.split('action="')[1].split('"')[0]
    response = client.post(
        action, {"expected_version": verdict.lock_version, "comment": "The ministry withdrew the figure."}, follow=True
    )
    correction = Verdict.objects.get(supersedes=verdict)
    assert response.redirect_chain[-1][0] == f"/verdicts/{correction.pk}/edit/"
    assert correction.status == "draft" and verdict.claim.verdicts.count() == 2
    assert AuditEvent.objects.filter(action="verdict.open_correction", object_id=str(verdict.pk)).exists()


def test_the_verdict_page_runs_the_same_queries_for_3_and_30_changed_citations(
    client, make_claim, editor, journalist, django_capture_on_commit_callbacks
):
    def flagged_with(n, name):
        claim = make_claim()
        claim_transition(
            claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk
        )
        urls = [f"https://example.org/{name}-{i}" for i in range(n)]
        for i, url in enumerate(urls):
            capture(url, f"Report {i}: about 100,000 soldiers were deployed near the border, officials said.")
            citation_create(actor=journalist, claim_id=claim.pk, url=url, stance="supports", quote="100,000 soldiers")
        verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="true", summary="It checks out.")
        for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
            verdict = step(verdict, action, actor)
        with django_capture_on_commit_callbacks(execute=True):
            for i, url in enumerate(urls):
                capture(url, f"Report {i}: about 175,000 soldiers were deployed near the border, officials said.")
        verdict = Verdict.objects.get(pk=verdict.pk)
        assert len(verdict.evidence_changes) == n
        return f"/verdicts/{verdict.pk}/edit/"

    few, many = flagged_with(3, "few"), flagged_with(30, "many")
    client.force_login(editor)
    assert client.get(many).content.decode().count('class="evidence-change"') == 30
    count_queries(client, few)  # warm
    assert count_queries(client, few) == count_queries(client, many)


def test_a_citation_withdrawn_during_a_correction_still_flags_the_published_verdict(
    server, published_on, editor, django_capture_on_commit_callbacks
):
    """The published verdict relies on what was pinned, not on the live citations."""
    from claims.services import citation_delete

    server.page("/article", ARTICLE)
    verdict = published_on(server.url("/article"), quote="about 100,000 soldiers were deployed near the border")
    citation = verdict.claim.citations.get()
    source = citation.source
    step(verdict, "open_correction", editor, "Checking the figure again.")
    citation_delete(citation_id=citation.pk, actor=editor)  # the correction's research drops it

    server.page("/article", ARTICLE.replace("about 100,000 soldiers were deployed near the border", "troops left"))
    recapture(source, django_capture_on_commit_callbacks)
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.PUBLISHED and verdict.evidence_changed_at is not None
    [change] = verdict.evidence_changes
    assert change["citation"] == citation.pk and change["fate"] == "vanished"
