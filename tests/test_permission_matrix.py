"""Every URL the project serves × every role: exactly the expected status, and nothing unpublished
in any answer to someone who may not see it.

The routes are read from the URL configuration itself, so a new page or endpoint without a
rule here fails the test until someone decides who may open it."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from claims.models import ExtractionJob
from factcheck.apikeys import api_key_create
from factcheck.audit_heads import audit_head_record
from factcheck.models import Notification
from sources.models import Snapshot
from tests.conftest import capture
from tests.routes import routes

pytestmark = pytest.mark.django_db

SECRET = "UNPUBLISHED-DRAFT-7f3a"
PEOPLE = ["journalist", "editor", "admin"]
KEYS = ["key:read_published", "key:read_all", "key:write"]
ROLES = ["anonymous", *PEOPLE, *KEYS]
STAFF_KEYS = ["key:read_all", "key:write"]

# Who may open each route with GET, by the kind of route (see `expected`).
PUBLIC = {"healthz", "verdict-list", "claimreview-feed", "api-schema", "api-docs", "verdict-detail",
          "verdict-claimreview", "verdict-public", "audit-head", "verdict-verification",
          # The readers' site.
          "verdict-index", "public-claimant", "public-topic", "public-corrections", "methodology", "feed-verdicts",
          "feed-corrections", "public-sitemap", "public-sitemap-section"}  # fmt: skip
STAFF_API = {"claimant-list", "claim-list", "claims-similar", "claim-detail", "claim-similar", "claim-citations",
             "staff-verdict-list", "staff-verdict-detail", "search", "source-detail", "claimant-detail",
             "claim-citation-detail", "staff-translation-list", "staff-translation-detail"}  # fmt: skip
STAFF_API_POST_ONLY = {"claim-action", "staff-verdict-action", "intake-proposals", "intake-claims", "source-create",
                       "claimant-merge", "claim-citation-evidence", "staff-translation-action"}  # fmt: skip
# "public-home" is /uk/ and /es/ (to their index); its English address, /, is the newsroom's queue.
PAGES = {"queue", "public-home", "claim-page", "claim-citations-fragment", "claims-similar-fragment", "verdict-page",
         "notifications", "dashboard", "claim-new", "intake-article", "password_change", "password_change_done",
         "claimant-suggestions", "translation-page"}  # fmt: skip
PAGES_POST_ONLY = {
    "citation-add",
    "citation-edit",
    "citation-remove",
    "citation-retry",
    "citation-evidence",
    "claim-edit",
    "claim-action-form",
    "verdict-start",
    "verdict-save",
    "verdict-action",
    "verdict-evidence-checked",
    "intake-keep",
    "queue-bulk",
    "saved-view-create",
    "saved-view-delete",
    "note-add",
    "checklist-tick",
    "translation-start",
    "translation-save",
    "translation-action",
}
CAPTURES = {
    "capture-detail",
    "capture-raw",
    "capture-payload",
    "capture-warc",
    "capture-wacz",
    "capture-screenshot",
    "capture-evidence",
}
CAPTURE_FILES = {"capture-warc": "warc", "capture-wacz": "wacz", "capture-screenshot": "screenshot"}
# Case files: editors and admins (verdicts.export_casefile), published verdicts only.
CASEFILE_API = {"staff-verdict-casefile", "staff-casefile-range"}
CASEFILE_PAGES = {"verdict-casefile", "casefiles"}
EXPORTERS = {"editor", "admin"}
OWNED = {"intake-job"}  # the journalist's own extraction: nobody else's
OWN_NOTIFICATION = {"notification-open"}  # the journalist's own notification: nobody else's
OTHER = {"login", "logout", "language-set", "favicon", None}  # None: the API's catch-all
PUBLISHER_LOGO = {"publisher-logo"}  # 404 until an editor uploads one


def test_every_route_has_a_rule():
    known = PUBLIC | STAFF_API | STAFF_API_POST_ONLY | PAGES | PAGES_POST_ONLY | CAPTURES | CASEFILE_API
    known |= CASEFILE_PAGES | OWNED | OWN_NOTIFICATION | OTHER | PUBLISHER_LOGO
    assert {name for name, _, _ in routes()} - known == set()


@pytest.fixture
def world(verdict_in, translation_in, journalist, editor, admin_user):
    published = verdict_in("published", tags=["ukraine"])
    translation = translation_in("published", verdict=published)
    draft = verdict_in("draft")
    draft.headline, draft.summary = SECRET, SECRET
    draft.save(update_fields=["headline", "summary"])
    public_capture = Snapshot.objects.get(pk=published.pinned_evidence[0]["snapshot"])
    private_capture = capture("https://example.org/private-notes", f"Notes {SECRET}")
    audit_head_record(by="test")  # as publishing does once committed (these tests run in one transaction)
    keys = {
        f"key:{scope}": api_key_create(actor=admin_user, name=scope, owner=journalist, scope=scope)[1]
        for scope in ("read_published", "read_all", "write")
    }
    people = {"journalist": journalist, "editor": editor, "admin": admin_user}
    job = ExtractionJob.objects.create(owner=journalist, status="done", proposals=[])
    note = Notification.objects.filter(recipient=journalist).order_by("pk").first()
    return {"published": published, "draft": draft, "public": public_capture, "private": private_capture,
            "keys": keys, "people": people, "job": job, "note": note, "translation": translation}  # fmt: skip


def urls_for(name, pattern, world) -> list[tuple[str, str]]:
    """Concrete URLs for a route: (label, url), with each kind of object it can name."""
    if name is None:
        return [("catch-all", "/api/v1/no-such-thing/")]
    claim = world["published"].claim
    # A checklist step's route is POST only: a GET answers 405 whatever step it names.
    args = {"claim_id": claim.pk, "action": "accept", "source_id": world["public"].source_id,
            "claimant_id": claim.claimant_id, "citation_id": claim.citations.get().pk,
            "notification_id": world["note"].pk, "step_id": 1, "saved_id": 1, "tag": "ukraine",
            "section": "verdicts", "translation_id": world["translation"].pk}  # fmt: skip
    found = []
    if "<int:verdict_id>" in pattern:
        for label in ("published", "draft"):
            found.append((label, reverse(name, kwargs={**_kwargs(pattern, args), "verdict_id": world[label].pk})))
    elif "<uuid:job_id>" in pattern:
        found.append(("", reverse(name, kwargs={"job_id": world["job"].pk})))
    elif "<int:snapshot_id>" in pattern:
        for label in ("public", "private"):
            found.append((label, reverse(name, kwargs={"snapshot_id": world[label].pk})))
    else:
        found.append(("", reverse(name, kwargs=_kwargs(pattern, args))))
    query = {"claims-similar": "?text=troops+border", "search": "?q=unpublished+draft",
             "claims-similar-fragment": "?text=troops+near+border",
             "staff-casefile-range": "?published_from=2000-01-01&published_to=2100-12-31",
             "casefiles": "?published_from=2000-01-01&published_to=2100-12-31&format=csv",
             "staff-translation-list": f"?verdict={world['published'].pk}"}.get(name, "")  # fmt: skip
    return [(label, url + query) for label, url in found]


def _kwargs(pattern: str, args: dict) -> dict:
    kinds = ("int", "str", "path")
    return {key: value for key, value in args.items() if any(f"<{kind}:{key}>" in pattern for kind in kinds)}


def expected(name, label, role, world) -> int:
    person = role in PEOPLE
    if name is None:
        return 404
    if name in PUBLIC:
        return 404 if label == "draft" else 200
    if name == "login":
        return 302 if person else 200  # a signed-in person is sent on
    if name in ("logout", "language-set"):
        return 405  # signing out and choosing a language are POSTs
    if name == "favicon":
        return 302  # to the static file
    if name in PUBLISHER_LOGO:
        return 404
    if name in OWN_NOTIFICATION:
        if not person:
            return 302  # to sign in
        return 302 if role == "journalist" else 404  # on to what it is about; someone else's is not found
    if name in STAFF_API | STAFF_API_POST_ONLY:
        if role == "anonymous":
            return 401
        if role == "key:read_published":
            return 403
        return 405 if name in STAFF_API_POST_ONLY else 200
    if name in OWNED:
        if role == "anonymous":
            return 401
        if role == "key:read_published":
            return 403
        return 404 if role in ("editor", "admin") else 200  # the keys act for the journalist
    if name in PAGES | PAGES_POST_ONLY:
        if not person:
            return 302  # to sign in; API keys do not open pages
        return 405 if name in PAGES_POST_ONLY else 200
    if name in CASEFILE_API:
        if role == "anonymous":
            return 401
        if role not in EXPORTERS:
            return 403  # the keys' owner is a journalist
        return 404 if label == "draft" else 200
    if name in CASEFILE_PAGES:
        if not person:
            return 302
        if role not in EXPORTERS:
            return 403
        return 404 if label == "draft" else 200
    if name in CAPTURES:
        if label != "public" and not person:
            return 302 if name == "capture-detail" else 403
        if name == "capture-evidence":
            return 404  # these captures were fetched, not uploaded
        kept = CAPTURE_FILES.get(name)
        return 404 if kept and not getattr(world[label], kept) else 200  # made without that file
    raise AssertionError(f"no rule for {name}")


def call(client, url, role, world):
    headers = {}
    if role.startswith("key:"):
        headers["HTTP_AUTHORIZATION"] = f"Api-Key {world['keys'][role]}"
    elif role != "anonymous":
        client.force_login(world["people"][role])
    response = client.get(url, **headers)
    client.logout()
    return response


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_each_route_answers_each_role_as_expected_and_leaks_nothing(client, world):
    checked, wrong, leaks = 0, [], []
    for name, pattern, _ in routes():
        for label, url in urls_for(name, pattern, world):
            for role in ROLES:
                response = call(client, url, role, world)
                want = expected(name, label, role, world)
                checked += 1
                if response.status_code != want:
                    wrong.append(f"{role:20s} GET {url}: {response.status_code}, expected {want}")
                may_see_drafts = role in PEOPLE or role in STAFF_KEYS
                public_route = name in PUBLIC or (name in CAPTURES and label == "public")
                if (public_route or not may_see_drafts) and SECRET in body_of(response):
                    leaks.append(f"{role} GET {url}")
    assert wrong == [], "\n".join(wrong)
    assert leaks == [], leaks
    print(f"{checked} requests checked")
    assert checked > 300  # routes × objects × roles


def test_the_admin_site_opens_exactly_what_each_role_may_view(client, world):
    factory = RequestFactory()
    wrong = []
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for role in ["anonymous", *PEOPLE]:
            request = factory.get(url)
            if role == "anonymous":
                want = 302
            else:
                request.user = world["people"][role]
                want = 200 if model_admin.has_view_or_change_permission(request) else 403
            status = call(client, url, role, world).status_code
            if status != want:
                wrong.append(f"{role} GET {url}: {status}, expected {want}")
    assert wrong == [], "\n".join(wrong)
