"""Anyone can verify a verdict: the public page's evidence section, the verification record,
`manage.py verify_verdict`, and the reader's script against the live server and offline."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from claims.services import claim_update
from factcheck.audit_heads import audit_head_record
from factcheck.models import AuditEvent
from sources.models import Snapshot
from tests.conftest import capture, count_queries, step
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
        assert f"/captures/{item['snapshot']}/payload" in html and f"/captures/{item['snapshot']}/warc" in html
    assert "Supports the claim:" in html and "Where the claim appeared" in html
    assert f'href="/api/v1/verdicts/{verdict.pk}/verification/"' in html

    # Anonymous readers download the exact bytes stored, as a file.
    download = client.get(f"/captures/{evidence['snapshot']}/payload")
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/octet-stream" and "attachment" in download["Content-Disposition"]
    import hashlib

    assert hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == evidence["sha256"]


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
