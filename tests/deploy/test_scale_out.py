"""Several machines: two capture machines and a web machine, sharing no disk, against one broker,
one database (through PgBouncer in transaction mode) and an S3-compatible bucket (moto's server).

Each machine is a folder of its own for everything the processes keep locally (MEDIA_ROOT, the
temporary files, HOME, the audit head log), with the Procfile's processes named after it
(`-n captures@north`). Only the code and the release's static files are the same everywhere, as an
image or a checkout carries them. The journalist's captures are taken on the capture machines and
kept in the bucket; the web machine serves them, replays them and verifies the verdict that rests
on them, reading the bucket."""

import hashlib
import json
import shlex
import time

import psycopg
import pytest
import requests

from tests.deploy.stack import ROOT, Processes, command_line, free_port, local_folders, run, wait_for_port
from tests.s3 import CREDENTIALS, S3Server
from tests.sources.webserver import ARTICLE, WebServer
from tests.workers import wait_until

pytestmark = pytest.mark.integration

PAGES = 4
CAPTURES, HEADS = "captures", "audit-heads"

CITE = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from claims.services import citation_create, claim_create, claim_transition, claimant_get_or_create
people = {}
for name, role in (("sam", "journalist"), ("kim", "editor")):
    person = get_user_model().objects.create_user(name, name + "@example.org", is_staff=True)
    person.groups.add(Group.objects.get(name=role))
    people[role] = person
jo, ed = people["journalist"], people["editor"]
claimant = claimant_get_or_create(actor=jo, name="Oleksiy Reznikov")
claim = claim_create(actor=jo, text="Satellite images showed about 100,000 soldiers at the border.", claimant=claimant)
claim = claim_transition(
    claim_id=claim.pk, action="accept", actor=ed, expected_version=claim.lock_version, assignee_id=jo.pk
)
for url in URLS:
    citation_create(actor=jo, claim_id=claim.pk, url=url, stance="supports")
print(json.dumps({"claim": claim.pk}))
"""

PUBLISH = """
import json
from django.contrib.auth import get_user_model
from verdicts.services import verdict_create, verdict_transition
people = get_user_model().objects.in_bulk(["sam", "kim"], field_name="username")
jo, ed = people["sam"], people["kim"]
verdict = verdict_create(
    actor=jo, claim_id=CLAIM, rating="mostly_true", headline="About right",
    summary="The images and the ministry's figure agree.",
)
for action, actor in (("submit", jo), ("approve", ed), ("publish", ed)):
    verdict = verdict_transition(
        verdict_id=verdict.pk, action=action, actor=actor, expected_version=verdict.lock_version
    )
print(json.dumps({"verdict": verdict.pk, "pinned": [item["snapshot"] for item in verdict.pinned_evidence]}))
"""

SNAPSHOTS = """
SELECT sn.id, sn.method, sn.status, sn.error_code, sn.payload, sn.warc, sn.wacz, sn.screenshot,
       sn.payload_sha256, sn.wacz_sha256, sn.screenshot_sha256
FROM sources_snapshot sn JOIN sources_source so ON so.id = sn.source_id WHERE so.url = ANY(%s)
"""


def shell(script: str, env: dict, **values) -> dict:
    """A Django shell script on a machine, with `values` defined first; its last line, as JSON."""
    script = "".join(f"{name} = {json.dumps(value)}\n" for name, value in values.items()) + script
    result = run(f"python manage.py shell -c {shlex.quote(script)}", env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def files_in(folder) -> list[str]:
    return sorted(str(path) for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


class Machine:
    """One machine: its own folders, its processes, and the settings they share with the others."""

    def __init__(self, name: str, shared: dict, folder):
        self.name, self.folder = name, folder
        (folder / "tmp").mkdir(parents=True)
        self.env = {**shared, **local_folders(folder), "TMPDIR": str(folder / "tmp")}
        self.processes = Processes(self.env, folder / "logs")

    def start(self, process: str, **replace: str):
        self.processes.start(process, command_line(process, **replace))

    def captures_taken(self) -> int:
        lines = self.processes.log("capture-worker").splitlines()
        return sum("sources.capture_snapshot[" in line and "succeeded in" in line for line in lines)


@pytest.fixture(scope="module")
def bucket():
    server = S3Server(CAPTURES, HEADS)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def machines(released, bucket, tmp_path_factory):
    env, _ = released
    pages, web_port = WebServer(), free_port()

    def slow_page(number):
        def answer(handler):
            time.sleep(1)  # each capture machine's threads are busy when the next capture comes
            handler.send_body(200, ARTICLE.replace("</article>", f"<p>Report {number}.</p></article>").encode())

        return answer

    for number in range(PAGES):
        pages.route(f"/report/{number}")(slow_page(number))
    shared = {
        **env,
        "S3_BUCKET": CAPTURES, "AUDIT_HEAD_BUCKET": HEADS, "S3_ENDPOINT_URL": bucket.endpoint,
        "S3_REGION": "us-east-1", "S3_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
        "S3_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
        "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{pages.port}",
        # The web machine alone faces readers here, over plain HTTP on loopback (no proxy in front).
        "SECURE_SSL_REDIRECT": "false", "TRUSTED_PROXIES": "0", "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{web_port}", "PLAYBACK_ORIGIN": f"http://localhost:{web_port}",
        "GUNICORN_BIND": f"127.0.0.1:{web_port}", "WEB_CONCURRENCY": "2",
    }  # fmt: skip
    folders = tmp_path_factory.mktemp("machines")
    north, south, web = (Machine(name, shared, folders / name) for name in ("north", "south", "web"))
    try:
        for machine in (north, south):
            name = machine.name
            machine.start("capture-worker", **{"captures@%h": f"captures@{name}", "16": "2"})
            machine.start("browser-worker", **{"browser@%h": f"browser@{name}", "4": "2"})
        web.start("web")
        wait_for_port(web_port, web.processes, "gunicorn on the web machine")
        for machine in (north, south):
            wait_until(
                lambda m=machine: m.processes.check_alive() or "ready." in m.processes.log("capture-worker"),
                seconds=90, what=f"the capture worker on {machine.name}",
            )  # fmt: skip
        yield {"north": north, "south": south, "web": web, "pages": pages, "port": web_port}
    finally:
        for machine in (north, south, web):
            machine.processes.stop()
        pages.stop()


def snapshots(database, urls: list[str]) -> list[dict]:
    with psycopg.connect(database.url, autocommit=True) as conn:
        cursor = conn.execute(SNAPSHOTS, [urls])
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_captures_taken_on_two_machines_are_kept_in_the_bucket_and_served_and_verified_by_a_third(
    machines, bucket, production_database
):
    north, south, web, port = machines["north"], machines["south"], machines["web"], machines["port"]
    urls = [machines["pages"].url(f"/report/{number}") for number in range(PAGES)]
    claim = shell(CITE, web.env, URLS=urls)["claim"]

    def all_captured():
        for machine in (north, south, web):
            machine.processes.check_alive()
        rows = snapshots(production_database, urls)
        assert not [r for r in rows if r["status"] == "failed"], rows
        done = {(r["method"], r["status"]) for r in rows} == {("http", "succeeded"), ("browser", "succeeded")}
        return rows if done and len(rows) == 2 * PAGES else None

    rows = wait_until(all_captured, seconds=240, what="a plain and a browser capture of every page")
    # Both capture machines took captures from the one queue.
    assert north.captures_taken() > 0 and south.captures_taken() > 0

    # Every file of every capture is in the bucket, and none on any machine's disk.
    stored = {name for r in rows for name in (r["payload"], r["warc"], r["wacz"], r["screenshot"]) if name}
    assert {r["method"] for r in rows if r["wacz"] and r["screenshot"]} == {"browser"}
    assert stored <= bucket.keys(CAPTURES)
    for machine in (north, south, web):
        assert files_in(machine.folder / "media") == [], machine.name

    published = shell(PUBLISH, web.env, CLAIM=claim)
    pinned = [r for r in rows if r["id"] in published["pinned"]]
    assert len(pinned) == PAGES

    # The web machine serves each pinned capture's files to readers from the bucket, and the
    # playback origin replays its archive by byte ranges.
    reader = requests.Session()
    reader.trust_env = False
    site = f"http://127.0.0.1:{port}"
    for row in pinned:
        payload = reader.get(f"{site}/captures/{row['id']}/payload", timeout=30)
        assert payload.status_code == 200, payload.text[:500]
        assert hashlib.sha256(payload.content).hexdigest() == row["payload_sha256"]
        for field, path in (("warc", "warc"), ("wacz", "wacz"), ("screenshot", "screenshot.png")):
            if row[field]:
                served = reader.get(f"{site}/captures/{row['id']}/{path}", timeout=30)
                assert served.status_code == 200 and served.content == bucket.read(CAPTURES, row[field]), path
        for field in ("wacz", "screenshot"):
            if row[field]:
                assert hashlib.sha256(bucket.read(CAPTURES, row[field])).hexdigest() == row[f"{field}_sha256"]
        archive = bucket.read(CAPTURES, row["wacz"] or row["warc"])
        kind = "wacz" if row["wacz"] else "warc.gz"
        playback = {"Host": f"localhost:{port}"}
        replay = reader.get(f"{site}/captures/{row['id']}/", headers=playback, timeout=30)
        assert replay.status_code == 200, replay.text[:500]
        ranged = reader.get(
            f"{site}/captures/{row['id']}/archive.{kind}", headers={**playback, "Range": "bytes=100-1123"}, timeout=30
        )  # fmt: skip
        assert ranged.status_code == 206 and ranged.content == archive[100:1124]

    # The verdict verifies on the web machine (each pinned file hashed as read from the bucket, the
    # heads recorded in the heads' bucket), and with the reader's script through the web machine.
    verified = run(f"python manage.py verify_verdict {published['verdict']}", web.env)
    assert verified.returncode == 0, verified.stdout[-3000:] + verified.stderr[-3000:]
    assert any(key.startswith("audit-heads/") for key in bucket.keys(HEADS))
    record = f"{site}/api/v1/verdicts/{published['verdict']}/verification/"
    reader_check = run(f"python {ROOT / 'scripts' / 'verify_record.py'} {record}", web.env)
    assert reader_check.returncode == 0 and "VERIFIED" in reader_check.stdout, reader_check.stdout[-3000:]
    for machine in (north, south, web):
        assert files_in(machine.folder / "media") == [], machine.name
        machine.processes.check_alive()
