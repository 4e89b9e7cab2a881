"""API keys and the staff API: who may do what, and the workflows over HTTP."""

import pytest
from django.urls import reverse

from claims.models import Claim
from factcheck.apikeys import api_key_create, api_key_revoke
from factcheck.models import ApiKey
from tests.conftest import PASSWORD, capture, count_queries
from verdicts.models import Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def keys(admin_user, journalist, editor):
    made = {}
    for scope in ApiKey.Scope.values:
        made[f"{scope}:journalist"] = api_key_create(actor=admin_user, name=scope, owner=journalist, scope=scope)[1]
    made["write:editor"] = api_key_create(actor=admin_user, name="desk", owner=editor, scope="write")[1]
    return made


def call(client, method, url, who, keys, body=None, people=None):
    kwargs = {"content_type": "application/json"}
    if who.startswith("key "):
        kwargs["HTTP_AUTHORIZATION"] = f"Api-Key {keys[who[4:]]}"
    elif who != "anonymous":
        assert client.login(username=people[who].username, password=PASSWORD)
    response = getattr(client, method)(url, body or {}, **kwargs) if method != "get" else client.get(url, **kwargs)
    client.logout()
    return response.status_code


WHO = [
    "anonymous",
    "key read_published:journalist",
    "key read_all:journalist",
    "key write:journalist",
    "key write:editor",
    "journalist",
    "editor",
    "admin",
]
DENIED = {401, 403}
STAFF = set(WHO) - {"anonymous", "key read_published:journalist"}
# endpoint -> who gets through (everyone else is refused with 401/403)
MATRIX = [
    ("get", "/api/v1/verdicts/", set(WHO)),
    ("get", "/api/v1/claims/", STAFF),
    ("get", "/api/v1/staff/verdicts/", STAFF),
    ("get", "/api/v1/claims/similar/?text=Inflation+hit+9%25", STAFF),
    ("post", "/api/v1/claims/", {"key write:journalist", "key write:editor", "journalist", "editor", "admin"}),
    ("post", "/api/v1/sources/", {"key write:journalist", "key write:editor", "journalist", "editor", "admin"}),
    (
        "post",
        "/api/v1/intake/proposals/",
        {"key write:journalist", "key write:editor", "journalist", "editor", "admin"},
    ),
]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("method", "url", "allowed"), MATRIX)
def test_who_gets_through(client, keys, journalist, editor, admin_user, who, method, url, allowed):
    people = {"journalist": journalist, "editor": editor, "admin": admin_user}
    body = {"text": "Inflation hit 9%.", "url": "https://example.org/x"}
    status = call(client, method, url, who, keys, body, people)
    if who in allowed:
        assert status in (200, 201), (who, url, status)
    else:
        assert status in DENIED, (who, url, status)


def test_a_write_key_acts_with_its_owners_role(client, keys, make_claim, journalist):
    claim = make_claim()
    body = {"expected_version": 0, "assignee": journalist.pk}
    url = f"/api/v1/claims/{claim.pk}/actions/accept/"
    as_journalist = client.post(url, body, content_type="application/json",
                                HTTP_AUTHORIZATION=f"Api-Key {keys['write:journalist']}")  # fmt: skip
    assert as_journalist.status_code == 403 and "permission" in as_journalist.json()["error"]["message"]
    as_editor = client.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Api-Key {keys['write:editor']}"
    )
    assert as_editor.status_code == 200 and as_editor.json()["status"] == "checking"


def test_keys_are_stored_hashed_shown_once_and_revocable(client, admin_user, journalist):
    key, plaintext = api_key_create(actor=admin_user, name="CMS", owner=journalist, scope="read_all")
    assert plaintext.startswith(f"fck_{key.prefix}_") and plaintext not in (key.key_hash, key.prefix)
    assert not ApiKey.objects.filter(key_hash__contains=plaintext[-20:]).exists()
    header = {"HTTP_AUTHORIZATION": f"Api-Key {plaintext}"}
    assert client.get("/api/v1/claims/", **header).status_code == 200
    key.refresh_from_db()
    assert key.last_used_at is not None
    api_key_revoke(actor=admin_user, key_id=key.pk)
    response = client.get("/api/v1/claims/", **header)
    assert response.status_code == 401 and "revoked" in response.json()["error"]["message"]
    assert client.get("/api/v1/claims/", HTTP_AUTHORIZATION="Api-Key fck_nothing_here").status_code == 401


def test_only_admins_make_keys_and_the_admin_shows_the_key_once(client, admin_user, journalist, editor):
    from factcheck.errors import ActionForbidden

    with pytest.raises(ActionForbidden):
        api_key_create(actor=editor, name="mine", owner=editor, scope="write")
    assert client.login(username=admin_user.username, password=PASSWORD)
    response = client.post(
        reverse("admin:factcheck_apikey_add"),
        {"name": "Partner CMS", "owner": journalist.pk, "scope": "read_published", "rate": "500/min"},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"] if "not shown again" in str(m)]
    assert len(shown) == 1
    plaintext = shown[0].rsplit(" ", 1)[1]
    assert client.get(reverse("admin:factcheck_apikey_changelist")).content.decode().count(plaintext) == 0
    key = ApiKey.objects.get(name="Partner CMS")
    assert (key.rate, key.created_by_id) == ("500/min", admin_user.pk)


def test_each_key_has_its_own_throttle(client, admin_user, journalist, settings):
    _, fast = api_key_create(actor=admin_user, name="fast", owner=journalist, scope="read_published", rate="2/min")
    _, other = api_key_create(actor=admin_user, name="other", owner=journalist, scope="read_published")
    statuses = [client.get("/api/v1/verdicts/", HTTP_AUTHORIZATION=f"Api-Key {fast}").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get("/api/v1/verdicts/", HTTP_AUTHORIZATION=f"Api-Key {other}").status_code == 200


def api(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_whole_review_over_the_api(client, journalist, editor):
    j = api(client, journalist)
    made = j.post("/api/v1/claims/", {"text": "Unemployment fell to 3.9% in May.", "tags": ["economy"]},
                  content_type="application/json")  # fmt: skip
    assert made.status_code == 201 and made.json()["actions"] == ["pick_up"]
    claim_id = made.json()["id"]
    client.logout()

    e = api(client, editor)
    detail = e.get(f"/api/v1/claims/{claim_id}/").json()
    assert detail["actions"] == ["accept", "dismiss", "mark_duplicate"]
    accept = {"expected_version": detail["version"], "assignee": journalist.pk}
    assert (
        e.post(f"/api/v1/claims/{claim_id}/actions/accept/", accept, content_type="application/json").status_code == 200
    )
    stale = e.post(f"/api/v1/claims/{claim_id}/actions/reassign/", accept, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "StaleVersion"
    client.logout()

    j = api(client, journalist)
    capture("https://example.org/jobs-report")
    citation = {"url": "https://example.org/jobs-report", "stance": "supports"}
    cited = j.post(f"/api/v1/claims/{claim_id}/citations/", citation, content_type="application/json")
    assert cited.status_code == 201 and cited.json()["snapshot"]
    Claim.objects.filter(pk=claim_id).update(claimant=_claimant(journalist))
    draft = j.post("/api/v1/staff/verdicts/", {"claim": claim_id, "rating": "true", "summary": "It did."},
                   content_type="application/json")  # fmt: skip
    assert draft.status_code == 201 and draft.json()["actions"] == ["submit"]
    verdict_id = draft.json()["id"]
    submit = j.post(f"/api/v1/staff/verdicts/{verdict_id}/actions/submit/", {"expected_version": 0},
                    content_type="application/json")  # fmt: skip
    assert submit.json()["status"] == "submitted"
    client.logout()

    e = api(client, editor)
    no_comment = e.post(f"/api/v1/staff/verdicts/{verdict_id}/actions/request_changes/", {"expected_version": 1},
                        content_type="application/json")  # fmt: skip
    assert no_comment.status_code == 400 and "comment is required" in no_comment.json()["error"]["message"]
    for action, version in (("approve", 1), ("publish", 2)):
        done = e.post(f"/api/v1/staff/verdicts/{verdict_id}/actions/{action}/", {"expected_version": version},
                      content_type="application/json")  # fmt: skip
        assert done.status_code == 200, done.json()
    wrong_state = e.post(f"/api/v1/staff/verdicts/{verdict_id}/actions/approve/", {"expected_version": 3},
                         content_type="application/json")  # fmt: skip
    assert wrong_state.status_code == 409
    assert Verdict.objects.get(pk=verdict_id).status == "published"
    assert client.get(f"/api/v1/verdicts/{verdict_id}/").status_code == 200


def _claimant(actor):
    from claims.services import claimant_get_or_create

    return claimant_get_or_create(actor=actor, name="Bureau of Labor Statistics", kind="organisation")


@pytest.mark.parametrize(
    ("method", "url", "body", "status"),
    [
        ("post", "/api/v1/claims/999999/actions/accept/", {"expected_version": 0}, 404),
        ("post", "/api/v1/claims/{id}/actions/explode/", {"expected_version": 0}, 400),
        ("post", "/api/v1/claims/{id}/actions/accept/", {"expected_version": "x"}, 400),
        ("post", "/api/v1/claims/{id}/actions/accept/", {}, 400),
        ("patch", "/api/v1/claims/{id}/", {"expected_version": 0, "priority": 9}, 400),
        ("patch", "/api/v1/claims/{id}/", {"expected_version": 0, "text": "\x00"}, 400),
        ("get", "/api/v1/claims/?status=bogus", None, 400),
        ("get", "/api/v1/staff/verdicts/999999/", None, 404),
    ],
)
def test_bad_requests_get_clear_errors_in_one_shape(client, editor, make_claim, method, url, body, status):
    claim = make_claim()
    e = api(client, editor)
    url = url.format(id=claim.pk)
    kwargs = {"content_type": "application/json"}
    response = e.get(url) if method == "get" else getattr(e, method)(url, body, **kwargs)
    assert response.status_code == status
    assert set(response.json()["error"]) >= {"code", "message"}
    claim.refresh_from_db()
    assert (claim.status, claim.lock_version, claim.priority) == ("new", 0, 2)


STAFF = {"key read_all:journalist", "key write:journalist", "key write:editor", "journalist", "editor", "admin"}
EDITORS = {"key write:editor", "editor", "admin"}


@pytest.fixture
def objects(verdict_in, make_claim):
    return {
        "published": verdict_in("published").pk,
        "submitted": verdict_in("submitted").pk,
        "claim": make_claim(text="A new claim for the matrix.").pk,
    }


DETAIL_MATRIX = [
    ("get", "/api/v1/verdicts/{published}/", set(WHO), None),
    ("get", "/api/v1/verdicts/{published}/claimreview/", set(WHO), None),
    ("get", "/api/v1/verdicts/{submitted}/", set(), None),  # never public, whoever asks
    ("get", "/api/v1/staff/verdicts/{submitted}/", STAFF, None),
    ("get", "/api/v1/claims/{claim}/", STAFF, None),
    ("post", "/api/v1/claims/{claim}/actions/dismiss/", EDITORS, {"expected_version": 0, "comment": "Opinion."}),
    ("post", "/api/v1/staff/verdicts/{submitted}/actions/approve/", EDITORS, {"expected_version": 1}),
]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("method", "url", "allowed", "body"), DETAIL_MATRIX)
def test_who_gets_through_to_each_object(
    client, keys, objects, journalist, editor, admin_user, who, method, url, allowed, body
):
    people = {"journalist": journalist, "editor": editor, "admin": admin_user}
    status = call(client, method, url.format(**objects), who, keys, body, people)
    if who in allowed:
        assert status == 200, (who, url, status)
    else:
        assert status in DENIED | {404}, (who, url, status)
        if "{submitted}/" in url and url.startswith("/api/v1/verdicts/"):
            assert status == 404


@pytest.mark.parametrize("url", ["/api/v1/claims/", "/api/v1/staff/verdicts/"])
def test_staff_lists_run_as_many_queries_for_30_rows_as_for_3(client, editor, verdict_in, url):
    api(client, editor)

    def queries():
        return count_queries(client, url + "?page_size=100")

    for _ in range(3):
        verdict_in("submitted")
    few = queries()
    for _ in range(27):
        verdict_in("submitted")
    assert queries() == few


def test_claimants_and_citations_over_the_api(client, journalist, make_claim):
    j = api(client, journalist)
    made = j.post("/api/v1/claimants/", {"name": "World Health Organization", "kind": "organisation",
                                         "aliases": ["WHO"]}, content_type="application/json")  # fmt: skip
    assert made.status_code == 201 and made.json()["aliases"] == ["WHO"]
    again = j.post("/api/v1/claimants/", {"name": "World Health Organization"}, content_type="application/json")
    assert again.status_code == 409
    assert [c["name"] for c in j.get("/api/v1/claimants/?q=WHO").json()["results"]] == ["World Health Organization"]
    claim = make_claim()
    j.post(f"/api/v1/claims/{claim.pk}/citations/", {"url": "https://who.int/report"}, content_type="application/json")
    [citation] = j.get(f"/api/v1/claims/{claim.pk}/citations/").json()
    assert citation["source_url"] == "https://who.int/report" and citation["stance"] == "context"
