"""The production-like run: the Procfile's processes from the runtime-only virtualenv with the
settings of `.env.example`, behind Debian's Caddy with its internal CA, on real PostgreSQL (through
Debian's PgBouncer in transaction mode) and a private Redis. A journalist and an editor work over
HTTPS through the pages; readers use the public API through the proxy."""

import json
import re
import shlex
import subprocess
import time
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
import requests
import yaml

from tests.deploy.stack import ROOT, Processes, free_port, procfile, require, run, wait_for_port
from tests.sources.webserver import ARTICLE, WebServer
from tests.workers import wait_until

pytestmark = pytest.mark.integration

PASSWORD = "a-long-production-password-7"
MAKE_PEOPLE = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
for name, role in (("jo", "journalist"), ("ed", "editor")):
    user = get_user_model().objects.create_user(name, name + "@example.org", "{PASSWORD}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
"""


CHAIN_FACTS = """
import json
from factcheck.models import AuditEvent
receipts = [e.data["sha256"] for e in AuditEvent.objects.filter(action="snapshot.captured", to_state="succeeded")]
publish = AuditEvent.objects.filter(action="verdict.publish").last()
print(json.dumps({"receipts": receipts, "pinned": publish.data["snapshots"]}))
"""

TAMPER = """
from django.db import connection
for statement in (
    "ALTER TABLE factcheck_auditevent DISABLE TRIGGER ALL",
    "DROP TRIGGER factcheck_auditevent_no_update_delete ON factcheck_auditevent",
    "TRUNCATE factcheck_auditevent CASCADE",
    "UPDATE factcheck_auditevent SET comment = 'rewritten'",
    "DELETE FROM factcheck_auditevent",
):
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
        print("ALLOWED", statement)
    except Exception as error:
        print("refused", type(error).__name__)
"""


class Stack:
    def __init__(self, env, processes, base, http_base, ca, evidence_url, app_port, workdir):
        self.env, self.processes, self.base, self.http_base = env, processes, base, http_base
        self.ca, self.evidence_url, self.app_port, self.workdir = ca, evidence_url, app_port, workdir

    def recorded_heads(self) -> list[dict]:
        log = self.workdir / "audit-heads.jsonl"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    def visitor(self) -> "Visitor":
        return Visitor(self.base, self.ca)


@pytest.fixture(scope="module")
def stack(released, tmp_path_factory):
    caddy = require("caddy", "apt-get install caddy (Debian's package); .ci/run installs it")
    env, workdir = released
    web = WebServer()
    web.page("/evidence", ARTICLE)
    https_port, http_port, app_port = free_port(), free_port(), free_port()
    base = f"https://localhost:{https_port}"
    caddy_home = tmp_path_factory.mktemp("caddy")
    env = {
        **env,
        "SITE_ADDRESS": f"localhost:{https_port}",
        "ALLOWED_HOSTS": "localhost",
        "CSRF_TRUSTED_ORIGINS": base,
        "SITE_URL": base,
        "TLS_MODE": "internal",
        "CADDY_ADMIN": "off",
        "HTTP_PORT": str(http_port),
        "HTTPS_PORT": str(https_port),
        "UPSTREAM": f"127.0.0.1:{app_port}",
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "WEB_CONCURRENCY": "2",
        "MAX_REQUEST_MB": "2",
        "API_THROTTLE_ANON": "40/min",
        "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{web.port}",
        "AUDIT_HEAD_INTERVAL": "5",  # beat has the head recorded every few seconds here
        "XDG_DATA_HOME": str(caddy_home / "data"),
        "XDG_CONFIG_HOME": str(caddy_home / "config"),
    }
    made = run(f"python manage.py shell -c {shlex.quote(MAKE_PEOPLE)}", env)
    assert made.returncode == 0, made.stderr
    processes = Processes(env, workdir / "logs")
    commands = procfile()
    for name in ("web", "worker", "capture-worker", "browser-worker", "beat"):
        processes.start(name, commands[name])
    processes.start("proxy", commands["proxy"].replace("caddy ", f"{caddy} ", 1))
    try:
        wait_for_port(app_port, processes, "gunicorn")
        ca = caddy_home / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
        wait_until(lambda: processes.check_alive() or ca.exists(), seconds=60, what="Caddy's internal CA")

        def proxy_answers():
            processes.check_alive()
            try:
                return requests.get(f"{base}/login/", verify=str(ca), timeout=5).status_code == 200
            except requests.RequestException:
                return False

        wait_until(proxy_answers, seconds=90, what="the site over HTTPS through Caddy")
        http_base = f"http://localhost:{http_port}"
        yield Stack(env, processes, base, http_base, str(ca), web.url("/evidence"), app_port, workdir)
    finally:
        processes.stop()
        web.stop()


class Visitor:
    """A person with a browser: follows redirects, keeps cookies, submits the forms as drawn."""

    def __init__(self, base: str, ca: str):
        self.base, self.session = base, requests.Session()
        self.session.trust_env = False  # the CA bundle named in the environment would replace ours
        self.session.verify = ca
        self.page = None

    def get(self, path: str) -> requests.Response:
        response = self.session.get(urljoin(self.base, path), timeout=30)
        self.page = response
        return response

    def submit(self, action: str | None = None, **fields) -> requests.Response:
        """Fill the form of the current page whose action is `action` (None: the form posting to the
        page itself) with its drawn values, then `fields`, and send it as the browser would."""
        document = lxml.html.fromstring(self.page.text, base_url=self.page.url)
        target = urljoin(self.page.url, action or self.page.url)
        forms = [f for f in document.forms if urljoin(self.page.url, f.get("action") or self.page.url) == target]
        assert forms, f"no form posting to {target} on {self.page.url}"
        form = forms[0]
        values = {k: v for k, v in form.form_values()}
        for name, value in fields.items():
            if name in form.inputs and form.inputs[name].tag == "select":
                options = {o.text_content().strip(): o.get("value") for o in form.inputs[name].iter("option")}
                value = options.get(value, value)
            values[name] = value
        headers = {"Origin": self.base, "Referer": self.page.url}
        response = self.session.post(target, data=values, headers=headers, timeout=60)
        self.page = response
        return response

    def sign_in(self, username: str) -> requests.Response:
        self.get("/login/")
        response = self.submit(None, username=username, password=PASSWORD)
        assert response.status_code == 200 and urlsplit(response.url).path == "/", response.url
        return response


def messages_on(response) -> str:
    document = lxml.html.fromstring(response.text)
    return " ".join(m.text_content().strip() for m in document.xpath('//ul[@class="messages"]/li'))


def test_a_day_of_work_over_https_through_the_proxy(stack):
    started = time.monotonic()
    jo, ed, reader = stack.visitor(), stack.visitor(), stack.visitor()

    # The health probe is gunicorn's, not the public's.
    assert reader.get("/healthz").status_code == 404

    # Plain HTTP is redirected to HTTPS by the proxy.
    plain = requests.get(f"{stack.http_base}/login/", allow_redirects=False, timeout=10)
    assert plain.status_code in (301, 308) and plain.headers["Location"].startswith("https://localhost")

    signed_in = jo.sign_in("jo")
    cookies = {c.name: c for c in jo.session.cookies}
    assert {"__Host-sessionid", "__Host-csrftoken"} <= set(cookies)
    assert all(c.secure for c in cookies.values())
    assert "max-age=31536000" in signed_in.headers["Strict-Transport-Security"]
    assert "Server" not in signed_in.headers or "Caddy" not in signed_in.headers["Server"]

    jo.get("/claims/new/")
    added = jo.submit(
        "/claims/new/", text="About 100,000 soldiers were deployed near the border.", claimant_name="Oleksiy Reznikov"
    )
    claim_path = urlsplit(added.url).path
    assert re.fullmatch(r"/claims/\d+/", claim_path), added.url
    claim_id = int(claim_path.split("/")[2])

    ed.sign_in("ed")
    ed.get(claim_path)
    accepted = ed.submit(f"/claims/{claim_id}/actions/accept/", assignee="jo")
    assert "Checking" in accepted.text and "now checking" in messages_on(accepted), messages_on(accepted)

    jo.get(claim_path)
    cited = jo.submit(f"/claims/{claim_id}/citations/add/", url=stack.evidence_url, stance="supports")
    assert "Source cited" in messages_on(cited), messages_on(cited)

    def captured():
        stack.processes.check_alive()
        fragment = jo.session.get(f"{stack.base}/claims/{claim_id}/citations/", timeout=10).text
        assert 'data-capture-status="failed"' not in fragment, fragment
        return 'data-capture-status="succeeded"' in fragment

    wait_until(captured, seconds=90, what="the capture worker to capture the cited page")

    jo.get(claim_path)
    editor_page = jo.submit(f"/claims/{claim_id}/verdicts/new/")
    verdict_id = int(urlsplit(editor_page.url).path.split("/")[2])
    saved = jo.submit(
        f"/verdicts/{verdict_id}/save/",
        rating="mostly_true",
        headline="About right",
        summary="Satellite images and the ministry's figures agree on about 100,000 soldiers.",
        explanation="The **ministry** gave the figure; analysts confirmed it.",
    )
    assert "Draft saved" in messages_on(saved), messages_on(saved)
    submitted = jo.submit(f"/verdicts/{verdict_id}/actions/submit/")
    assert "is waiting for review" in messages_on(submitted), messages_on(submitted)

    ed.get(f"/verdicts/{verdict_id}/edit/")
    approved = ed.submit(f"/verdicts/{verdict_id}/actions/approve/")
    assert "is approved" in messages_on(approved), messages_on(approved)
    published = ed.submit(f"/verdicts/{verdict_id}/actions/publish/")
    assert "is published" in messages_on(published), messages_on(published)

    listing = reader.get("/api/v1/verdicts/")
    assert listing.status_code == 200
    [verdict] = [v for v in listing.json()["results"] if v["id"] == verdict_id]
    assert verdict["rating"]["slug"] == "mostly_true"
    assert verdict["url"].startswith(stack.base)  # canonical links point at the public site
    public = reader.get(f"/verdicts/{verdict_id}/")
    [jsonld] = lxml.html.fromstring(public.text).xpath('//script[@type="application/ld+json"]/text()')
    assert json.loads(jsonld)["reviewRating"]["alternateName"] == "Mostly true"
    assert "beat: Starting" in stack.processes.log("beat")

    # The publication recorded the audit chain's head outside the database; anyone can read it.
    [at_publish] = [head for head in stack.recorded_heads() if head["by"] == "publish"]
    served = reader.get("/api/v1/audit/head/").json()
    assert set(served) == {"seq", "hash", "recorded_at"} and served["seq"] >= at_publish["seq"]
    assert reader.get("/api/v1/claimreview/").json()["auditHead"]["seq"] >= at_publish["seq"]
    # The capture worker wrote the capture's receipt, the publish event names the pinned capture with
    # its hash, and the chain holds every head recorded so far.
    chain = run(f"python manage.py shell -c {shlex.quote(CHAIN_FACTS)}", stack.env)
    assert chain.returncode == 0, chain.stderr[-3000:]
    facts = json.loads(chain.stdout.splitlines()[-1])
    assert facts["receipts"] and all(len(sha) == 64 for sha in facts["receipts"])
    assert [item["sha256"] for item in facts["pinned"]] == facts["receipts"][-1:]
    verified = run("python manage.py verify_audit", stack.env)
    assert verified.returncode == 0 and "Audit chain intact" in verified.stdout, verified.stdout + verified.stderr
    stack.processes.check_alive()
    print(f"production-like run: the day of work took {time.monotonic() - started:.1f} s")


def test_the_compose_health_probe_answers_200(stack):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    probe = compose["services"]["web"]["healthcheck"]["test"]
    assert probe[0] == "CMD"
    # The same command, pointed at this run's gunicorn instead of the container's port 8000.
    command = [word.replace("127.0.0.1:8000", f"127.0.0.1:{stack.app_port}") for word in probe[1:]]
    result = subprocess.run(command, env=stack.env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr


def test_forged_forwarded_addresses_do_not_escape_the_throttle_through_the_proxy(stack):
    statuses = [
        requests.get(
            f"{stack.base}/api/v1/claimreview/", verify=stack.ca, timeout=10,
            headers={"X-Forwarded-For": f"198.51.100.{n}", "X-Real-IP": f"198.51.100.{n}"},
        ).status_code
        for n in range(60)
    ]  # fmt: skip
    assert 429 in statuses and statuses.count(200) <= 40


def test_a_body_over_the_limit_is_refused_by_the_proxy_and_by_django(stack):
    big = b"x" * (3 * 1024 * 1024)  # MAX_REQUEST_MB is 2 here
    through_proxy = requests.post(
        f"{stack.base}/api/v1/intake/proposals/?via=proxy", data=big, verify=stack.ca, timeout=30,
        headers={"Content-Type": "text/plain"},
    )  # fmt: skip
    assert through_proxy.status_code == 413
    assert "via=proxy" not in stack.processes.log("web")  # gunicorn never saw it
    # Reached directly, the app refuses it too, in the API's error shape.
    direct = requests.post(
        f"http://127.0.0.1:{stack.app_port}/api/v1/intake/proposals/", data=big, timeout=30,
        headers={"Content-Type": "text/plain", "Host": "localhost"},
    )  # fmt: skip
    assert direct.status_code == 413 and direct.json()["error"]["code"] == "too_large"


def test_every_long_running_process_runs_as_the_apps_role_which_cannot_touch_the_audit_log(stack, production_database):
    def roles_connected():
        stack.processes.check_alive()
        return production_database.sessions() or None

    # web, the workers and beat keep their connections: none of them is the tables' owner.
    assert wait_until(roles_connected, seconds=60, what="the processes to connect") == {production_database.app_role}
    attempt = run(f"python manage.py shell -c {shlex.quote(TAMPER)}", stack.env)
    assert attempt.returncode == 0, attempt.stderr[-3000:]
    assert "ALLOWED" not in attempt.stdout and attempt.stdout.count("refused") == 5, attempt.stdout
    # Beat has the head recorded on its schedule too, and the chain holds them all.
    wait_until(lambda: any(h["by"] == "schedule" for h in stack.recorded_heads()), seconds=60, what="a scheduled head")
    verified = run("python manage.py verify_audit", stack.env)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_every_process_reaches_the_database_through_pgbouncer_in_transaction_mode(
    stack, production_database, production_pooler
):
    pooler = production_pooler
    assert pooler.setting("pool_mode") == "transaction"  # as deploy/pgbouncer.ini says
    # gunicorn's workers keep their connections: PgBouncer's clients, as the app's role.
    clients = [c for c in pooler.show("CLIENTS") if c["database"] == production_database.name]
    assert clients and {c["user"] for c in clients} == {production_database.app_role}, clients
    # Every connection PostgreSQL has to the database is one of PgBouncer's (seen from PostgreSQL
    # first, so that a server connection PgBouncer opens meanwhile cannot be missed).
    backends = production_database.client_ports()
    servers = {s["local_port"] for s in pooler.show("SERVERS") if s["database"] == production_database.name}
    assert backends and backends <= servers, (backends, servers)
    # The walk went through it: many transactions, on at most its 3 server connections.
    [stats] = [s for s in pooler.show("STATS") if s["database"] == production_database.name]
    assert stats["total_xact_count"] > 100 and len(servers) <= 3, stats
