"""The case file: exported through the real services from the staff API, the pages, the admin
and the command line; verified with no database; refused when one byte changes."""

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from factcheck.apikeys import api_key_create
from factcheck.audit_heads import audit_head_record
from factcheck.models import AuditEvent
from tests.conftest import publish_correction

pytestmark = pytest.mark.django_db
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_record.py"


def _verify(path: Path):
    """The reader's script in a process with no database and no Django settings."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    return subprocess.run(
        [sys.executable, "-I", str(SCRIPT), str(path)], capture_output=True, text=True, env=env, timeout=120
    )


def _rewrite(source: Path, target: Path, name: str, change, *, manifest_too: bool = False) -> None:
    """A copy of a ZIP with one member changed (and its manifest entry recomputed if asked)."""
    import hashlib

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        for item in old.infolist():
            if item.filename == "manifest.json":
                continue
            data = old.read(item.filename)
            if item.filename == name:
                data = change(data)
                if manifest_too:
                    manifest["files"][name] = hashlib.sha256(data).hexdigest()
            new.writestr(item.filename, data)
        new.writestr("manifest.json", json.dumps(manifest))


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content


def test_an_exported_zip_verifies_offline_and_one_changed_byte_is_refused_by_name(client, verdict_in, editor, tmp_path):
    verdict = verdict_in("published")
    audit_head_record(by="publish")
    client.force_login(editor)
    answer = client.get(f"/api/v1/staff/verdicts/{verdict.pk}/casefile/?format=zip")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    path = tmp_path / "casefile.zip"
    path.write_bytes(_body(answer))
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        case = json.loads(archive.read("casefile.json"))
    sha = verdict.pinned_evidence[0]["sha256"]
    assert {"manifest.json", "casefile.json", "audit/segment.jsonl", f"evidence/{sha}"} <= names
    [entry] = case["verdicts"]
    assert entry["claim_as_reviewed"]["text"] == verdict.pinned_claim["text"]
    assert entry["people"]["drafted_by"] == verdict.author.username and entry["people"]["approved_by"] == "ed"
    assert {"verdict.submit", "verdict.approve", "verdict.publish"} <= {e["action"] for e in entry["audit"]}

    result = _verify(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VERIFIED" in result.stdout

    # One byte of an evidence file: refused, naming the file.
    _rewrite(path, tmp_path / "file.zip", f"evidence/{sha}", lambda data: data[:-1] + bytes([data[-1] ^ 1]))
    result = _verify(tmp_path / "file.zip")
    assert result.returncode == 1 and f"evidence/{sha} does not match the manifest" in result.stdout
    assert "REFUSED" in result.stdout

    # One byte of an audit row, its manifest entry recomputed to hide it: refused, naming the event.
    approve = AuditEvent.objects.get(action="verdict.approve", object_id=str(verdict.pk))

    def forge(data: bytes) -> bytes:
        lines = data.decode().splitlines()
        for number, line in enumerate(lines):
            event = json.loads(line)
            if event["seq"] == approve.seq:
                lines[number] = line.replace('"actor_username": "ed"', '"actor_username": "eb"')
        return ("\n".join(lines) + "\n").encode()

    _rewrite(path, tmp_path / "row.zip", "audit/segment.jsonl", forge, manifest_too=True)
    result = _verify(tmp_path / "row.zip")
    assert result.returncode == 1
    assert f"event #{approve.seq} was altered" in result.stdout


def test_json_and_csv_from_the_api_with_a_key_and_a_range(client, verdict_in, editor, admin_user):
    original = verdict_in("published")
    correction = publish_correction(original, editor, note="We corrected the figure.")
    key = api_key_create(actor=admin_user, name="audit", owner=editor, scope="read_all")[1]
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    answer = client.get(f"/api/v1/staff/verdicts/{correction.pk}/casefile/?format=json", **headers)
    assert answer.status_code == 200
    [entry] = json.loads(_body(answer))["verdicts"]
    assert [v["version"] for v in entry["versions"]] == [1, 2]
    assert entry["corrections"][0]["note"] == "We corrected the figure."
    assert entry["corrections"][0]["reason"] == "The figure was revised."

    day = correction.published_at.date().isoformat()
    answer = client.get(f"/api/v1/staff/casefiles/?published_from={day}&published_to={day}&format=csv", **headers)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_body(answer).decode())))
    assert [(r["verdict"], r["version"]) for r in rows] == [(str(original.pk), "1"), (str(correction.pk), "2")]
    exports = AuditEvent.objects.filter(action="casefile.export").order_by("seq")
    assert [e.data["format"] for e in exports] == ["json", "csv"]
    assert exports.last().actor_username == "ed" and exports.last().data["exported"] == [original.pk, correction.pk]


def test_refusals_and_bad_input_are_clear(client, verdict_in, journalist, editor):
    verdict = verdict_in("published")
    draft = verdict_in("approved")
    assert client.get(f"/api/v1/staff/verdicts/{verdict.pk}/casefile/").status_code == 401
    assert client.get(f"/verdicts/{verdict.pk}/casefile/").status_code == 302
    client.force_login(journalist)
    assert client.get(f"/api/v1/staff/verdicts/{verdict.pk}/casefile/").status_code == 403
    assert client.get(f"/verdicts/{verdict.pk}/casefile/").status_code == 403
    client.force_login(editor)
    assert client.get(f"/api/v1/staff/verdicts/{draft.pk}/casefile/").status_code == 404
    assert client.get(f"/verdicts/{draft.pk}/casefile/").status_code == 404
    for query, message in (
        ("published_from=2025-02-01&published_to=2025-01-01", "starts (2025-02-01) after it ends"),
        ("published_from=yesterday&published_to=2025-01-01", "must be a date as YYYY-MM-DD"),
        ("published_from=2025-01-01", "both ends of a range"),
        ("published_from=2025-01-01&published_to=2025-01-02&format=pdf", "format must be one of"),
    ):
        answer = client.get(f"/api/v1/staff/casefiles/?{query}")
        assert answer.status_code == 400 and message in answer.json()["error"]["message"], query
    page = client.get("/casefiles/?published_from=2025-02-01&published_to=2025-01-01&format=zip")
    assert page.status_code == 400 and "after it ends" in page.content.decode()
    assert not AuditEvent.objects.filter(action="casefile.export").exists()


def test_the_staff_pages_the_admin_and_the_command_line(client, verdict_in, editor, admin_user, tmp_path):
    verdict = verdict_in("published")
    client.force_login(editor)
    page = client.get(f"/verdicts/{verdict.pk}/edit/").content.decode()
    assert f"/verdicts/{verdict.pk}/casefile/?format=zip" in page
    assert 'href="/casefiles/"' in page
    download = client.get(f"/verdicts/{verdict.pk}/casefile/?format=zip")
    assert download.status_code == 200 and zipfile.is_zipfile(io.BytesIO(_body(download)))
    day = verdict.published_at.date().isoformat()
    form = client.get(f"/casefiles/?published_from={day}&published_to={day}&format=json")
    assert json.loads(_body(form))["verdicts"][0]["verdict"] == verdict.pk

    client.force_login(admin_user)
    answer = client.post("/admin/verdicts/verdict/", {"action": "export_casefile", "_selected_action": [verdict.pk]})
    assert answer.status_code == 200 and zipfile.is_zipfile(io.BytesIO(_body(answer)))

    out = tmp_path / "case.zip"
    call_command("export_casefile", "--verdict", str(verdict.pk), "--format", "zip", "--out", str(out),
                 "--as", "ed", stderr=StringIO())  # fmt: skip
    assert _verify(out).returncode == 0
    with pytest.raises(CommandError, match="after it ends"):
        call_command("export_casefile", "--published-from", "2025-02-01", "--published-to", "2025-01-01",
                     "--out", str(tmp_path / "bad.zip"), "--as", "ed")  # fmt: skip
    assert not (tmp_path / "bad.zip").exists() and not (tmp_path / "bad.zip.part").exists()
    assert AuditEvent.objects.filter(action="casefile.export").count() == 4
