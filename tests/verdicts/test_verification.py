"""Anyone can verify a verdict: the public page's evidence section, the verification record,
`manage.py verify_verdict`, and the reader's script against the live server and offline."""

import datetime
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from claims.services import citation_evidence_upload, claim_update
from factcheck.audit_heads import audit_head_record
from factcheck.models import AuditEvent
from sources.capture import snapshot_capture
from sources.models import Snapshot
from sources.services import source_submit
from tests.conftest import capture, count_queries, step
from tests.sources.test_evidence_display import png
from verdicts.services import verdict_create

pytestmark = pytest.mark.django_db
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_record.py"
SECRET = "UNPUBLISHED-RESEARCH-51c9"


def _published(checking_claim, journalist, editor, *, appearance=True, between=None):
    claim = checking_claim()
    if appearance:
        place = capture("https://example.org/interview", "The minister said so in an interview.")
        claim = claim_update(
            claim_id=claim.pk, actor=journalist, expected_version=claim.lock_version, appearance=place.source
        )
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", summary="The figure is wrong.")
    verdict = step(verdict, "submit", journalist)
    if between:
        between()
    verdict = step(verdict, "approve", editor)
    if between:
        between()
    verdict = step(verdict, "publish", editor)
    audit_head_record(by="publish")  # as publishing does once committed (tests run in one transaction)
    return verdict


def test_the_public_page_shows_each_pinned_source_and_the_appearance_with_hashes_and_links(
    client, checking_claim, journalist, editor
):
    verdict = _published(checking_claim, journalist, editor)
    page = client.get(f"/verdicts/{verdict.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    [evidence] = verdict.pinned_evidence
    appearance = verdict.pinned_appearance
    for item in (evidence, appearance):
        assert item["sha256"] in html
        assert f"/captures/{item['snapshot']}/payload" in html
        # These captures were made from pages at hand, not fetched: they have no WARC, and none is offered.
        assert not Snapshot.objects.get(pk=item["snapshot"]).warc
        assert f"/captures/{item['snapshot']}/warc" not in html
    assert "Supports the claim:" in html and "Where the claim appeared" in html
    assert f'href="/api/v1/verdicts/{verdict.pk}/verification/"' in html

    # Anonymous readers download the exact bytes stored, as a file.
    download = client.get(f"/captures/{evidence['snapshot']}/payload")
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/octet-stream" and "attachment" in download["Content-Disposition"]
    import hashlib

    assert hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == evidence["sha256"]


OBTAINED = datetime.datetime(2026, 11, 28, 16, 40, tzinfo=datetime.UTC)
PRIVATE_ORIGIN = "Sent by the ministry's press office (PRIVATE-ORIGIN-7f3a)"
PRIVATE_METHOD = "Screenshot on a colleague's phone (PRIVATE-METHOD-2b9c)"


def _own_links(html: str) -> list[str]:
    """Every address on the site itself that a page links to or loads (the cited pages left out)."""
    doc = lxml.html.document_fromstring(html)
    own = {"", "testserver", urlsplit(settings.SITE_URL).netloc}  # the request's host, and the canonical one
    found = []
    for href in doc.xpath("//a/@href | //link/@href | //img/@src | //script/@src"):
        parts = urlsplit(href)
        if parts.scheme in ("", "http", "https") and parts.netloc in own and parts.path:
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return sorted(set(found))


def _words(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _published_on_upload(server, checking_claim, journalist, editor):
    """A verdict whose cited page could not be captured, so a journalist uploaded a screenshot of it;
    where the claim appeared was captured over HTTP (with its WARC)."""
    server.page("/interview", "<html><body><article><p>" + "The minister said so in an interview. " * 4)
    place, queued, _ = source_submit(url=server.url("/interview"), actor=journalist)
    snapshot_capture(snapshot_id=queued.pk)
    claim = checking_claim(url="https://example.org/behind-a-login")
    claim = claim_update(claim_id=claim.pk, actor=journalist, expected_version=claim.lock_version, appearance=place)
    citation = claim.citations.get()
    uploaded = citation_evidence_upload(
        citation_id=citation.pk, actor=journalist, file=SimpleUploadedFile("wall.png", png(), "image/png"),
        origin=PRIVATE_ORIGIN, method=PRIVATE_METHOD, obtained_at=OBTAINED,
    )  # fmt: skip
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", summary="The figure is wrong.")
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        verdict = step(verdict, action, actor)
    uploaded.refresh_from_db()
    return verdict, uploaded


def test_uploaded_evidence_is_said_to_be_uploaded_and_every_link_to_it_leads_somewhere(
    client, server, checking_claim, journalist, editor
):
    """The public page offered a WARC for uploaded evidence (a 404: an upload has none), and its
    archived copy said "Captured <upload time>, Address <the cited page>", as though the site had
    fetched the page then."""
    journalist.username = "uploader-5d1e"
    journalist.save()
    verdict, uploaded = _published_on_upload(server, checking_claim, journalist, editor)
    assert [e["snapshot"] for e in verdict.pinned_evidence] == [uploaded.pk] and uploaded.public
    appearance = Snapshot.objects.get(pk=verdict.pinned_appearance["snapshot"])
    assert appearance.method == "http" and appearance.warc

    page = client.get(f"/verdicts/{verdict.pk}/")
    html = page.content.decode()
    evidence = _words(lxml.html.document_fromstring(html).xpath("//section[@class='evidence']//li")[0])
    assert f"/captures/{uploaded.pk}/warc" not in html and f"/captures/{uploaded.pk}/payload" in html
    assert f"/captures/{appearance.pk}/warc" in html  # a page the site captured keeps its WARC
    assert "uploaded by the newsroom" in evidence, evidence
    assert "Obtained 28 November 2026, 16:40 UTC" in evidence, evidence
    assert f"Uploaded {uploaded.finished_at:%-d %B %Y, %H:%M} UTC" in evidence, evidence
    assert "Captured" not in evidence, evidence

    capture_page = client.get(f"/captures/{uploaded.pk}/")
    assert capture_page.status_code == 200
    text = _words(lxml.html.document_fromstring(capture_page.content).body)
    assert "Evidence uploaded by the newsroom" in text, text
    assert "Obtained 28 November 2026, 16:40 UTC" in text, text
    assert f"Uploaded {uploaded.finished_at:%-d %B %Y, %H:%M} UTC" in text, text
    assert "https://example.org/behind-a-login" in text
    for fetched in ("Captured", "Address", "Response", "redirect"):
        assert fetched not in text, (fetched, text)
    # What only the newsroom sees stays there: who uploaded it, and the provenance in their words.
    for private in (PRIVATE_ORIGIN, PRIVATE_METHOD, "PRIVATE-", journalist.username):
        for body in (html, capture_page.content.decode()):
            assert private not in body, private
    # The verification record offers a WARC only where there is one, too.
    record = client.get(f"/api/v1/verdicts/{verdict.pk}/verification/").json()
    warcs = {item["snapshot"]: item["warc_url"] for item in record["snapshots"]}
    assert warcs[uploaded.pk] is None and warcs[appearance.pk].endswith(f"/captures/{appearance.pk}/warc")
    # Every address on both pages answers a reader who is not signed in.
    links = _own_links(html) + _own_links(capture_page.content.decode())
    assert f"/captures/{uploaded.pk}/evidence" in links
    for link in links:
        if link.startswith(settings.STATIC_URL):
            continue  # the site's own style and icons, served beside the app
        answer = client.get(link)
        if answer.status_code == 302 and answer["Location"].startswith(settings.STATIC_URL):
            continue  # /favicon.ico
        assert answer.status_code == 200, link


def test_the_evidence_section_costs_the_same_queries_with_3_and_30_sources(client, checking_claim, journalist, editor):
    from claims.services import citation_create

    counts = []
    for sources in (3, 30):
        claim = checking_claim(url=f"https://example.org/first-{sources}")
        for number in range(sources - 1):
            url = f"https://example.org/source-{sources}-{number}"
            capture(url)
            citation_create(actor=journalist, claim_id=claim.pk, url=url, stance="refutes")
        verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", summary="Wrong.")
        for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
            verdict = step(verdict, action, actor)
        assert len(verdict.pinned_evidence) == sources
        counts.append(count_queries(client, f"/verdicts/{verdict.pk}/"))
    assert counts[0] == counts[1], counts


def _other_work(make_claim, journalist):
    """Research that is not public: a claim of its own, written between the submission and the
    publication of the verdict being verified."""

    def write():
        make_claim(text=f"{SECRET} a claim still being researched")

    return write


def test_the_record_holds_the_copy_the_snapshots_and_a_linked_segment_and_leaks_no_other_work(
    client, checking_claim, journalist, editor, make_claim
):
    verdict = _published(checking_claim, journalist, editor, between=_other_work(make_claim, journalist))
    answer = client.get(f"/api/v1/verdicts/{verdict.pk}/verification/")
    assert answer.status_code == 200 and answer["Cache-Control"] == "public, max-age=60"
    assert SECRET not in answer.content.decode()
    record = answer.json()
    assert record["published_copy"]["evidence"] == verdict.pinned_evidence
    assert {s["snapshot"] for s in record["snapshots"]} == {
        verdict.pinned_evidence[0]["snapshot"],
        verdict.pinned_appearance["snapshot"],
    }
    segment = record["audit"]["segment"]
    seqs = [e["seq"] for e in segment]
    assert seqs == list(range(seqs[0], seqs[-1] + 1))
    full = [e for e in segment if not e.get("withheld")]
    assert [e["action"] for e in full] == ["verdict.submit", "verdict.approve", "verdict.publish"]
    withheld = [e for e in segment if e.get("withheld")]
    assert withheld and set(withheld[0]) == {"seq", "prev_hash", "hash", "withheld"}
    assert record["audit"]["segment_head"]["seq"] == seqs[-1]
    assert [r["action"] for r in record["audit"]["receipts"]] == ["snapshot.captured"] * 2
    assert record["audit"]["latest_head"]["seq"] == AuditEvent.objects.order_by("-seq").first().seq
    # A draft is not there, and the schema lists the record.
    draft = verdict_create(actor=journalist, claim_id=checking_claim().pk, rating="false", summary="x")
    assert client.get(f"/api/v1/verdicts/{draft.pk}/verification/").status_code == 404
    assert "/api/v1/verdicts/{verdict_id}/verification/" in client.get("/api/schema/?format=json").json()["paths"]


def test_verify_verdict_passes_then_names_a_stored_file_changed_and_a_rewritten_approval(
    checking_claim, journalist, editor
):
    verdict = _published(checking_claim, journalist, editor)
    out = StringIO()
    call_command("verify_verdict", str(verdict.pk), stdout=out)
    assert f"Verdict {verdict.pk} verified" in out.getvalue()
    out = StringIO()
    call_command("verify_verdict", str(verdict.pk), "--json", stdout=out)
    assert json.loads(out.getvalue())["ok"] is True

    evidence = Snapshot.objects.get(pk=verdict.pinned_evidence[0]["snapshot"])
    path = Path(evidence.payload.path)
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(CommandError) as refused:
        call_command("verify_verdict", str(verdict.pk), stdout=StringIO())
    assert f"capture #{evidence.pk}" in str(refused.value) and "stored file's SHA-256" in str(refused.value)
    path.write_bytes(path.read_bytes()[:-1])

    # The owner rewrites the approval's digest behind the trigger's back: the event's own hash fails.
    approve = AuditEvent.objects.get(action="verdict.approve", object_id=str(verdict.pk))
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # triggers off, as a superuser may
        cursor.execute(
            "UPDATE factcheck_auditevent SET data = jsonb_set(data, '{review_digest}', '\"0\"') WHERE seq = %s",
            [approve.seq],
        )
        cursor.execute("SET session_replication_role = origin")
    with pytest.raises(CommandError) as refused:
        call_command("verify_verdict", str(verdict.pk), stdout=StringIO())
    assert f"event #{approve.seq} was altered" in str(refused.value)
    assert "the approve event's digest is the publish event's" in str(refused.value)


def test_verify_verdict_refuses_a_verdict_never_published(verdict_in):
    draft = verdict_in("approved")
    with pytest.raises(CommandError, match="never published"):
        call_command("verify_verdict", str(draft.pk))


def _run(*args, cwd=None):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run(
        [sys.executable, "-I", str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=120, cwd=cwd
    )


def test_the_readers_script_checks_a_saved_record_offline_and_names_a_changed_file(
    client, checking_claim, journalist, editor, tmp_path
):
    verdict = _published(checking_claim, journalist, editor)
    record = client.get(f"/api/v1/verdicts/{verdict.pk}/verification/").json()
    (tmp_path / "record.json").write_text(json.dumps(record))
    files = tmp_path / "files"
    files.mkdir()
    for item in record["snapshots"]:
        body = b"".join(client.get(f"/captures/{item['snapshot']}/payload").streaming_content)
        (files / item["sha256"]).write_bytes(body)
    result = _run(str(tmp_path / "record.json"), "--files", str(files))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VERIFIED" in result.stdout

    first = record["snapshots"][0]
    (files / first["sha256"]).write_bytes((files / first["sha256"]).read_bytes() + b"!")
    record["audit"]["segment"][1]["prev_hash"] = "f" * 64
    (tmp_path / "record.json").write_text(json.dumps(record))
    result = _run(str(tmp_path / "record.json"), "--files", str(files))
    assert result.returncode == 1
    assert f"capture #{first['snapshot']}" in result.stdout and "stored file's SHA-256" in result.stdout
    seq = record["audit"]["segment"][1]["seq"]
    assert f"the chain breaks between event #{seq - 1} and event #{seq}" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_the_readers_script_verifies_the_live_servers_record(live_server, settings, make_claim, journalist, editor):
    from claims.services import citation_create, claim_transition

    settings.SITE_URL = live_server.url
    claim = make_claim()
    claim = claim_transition(
        claim_id=claim.pk, action="accept", actor=editor, expected_version=claim.lock_version, assignee_id=journalist.pk
    )
    capture("https://example.org/live-evidence")
    citation_create(actor=journalist, claim_id=claim.pk, url="https://example.org/live-evidence", stance="supports")
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", summary="The figure is wrong.")
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        verdict = step(verdict, action, actor)
    result = _run(f"{live_server.url}/api/v1/verdicts/{verdict.pk}/verification/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "stored file has SHA-256" in result.stdout and "reaches the recorded head" in result.stdout
