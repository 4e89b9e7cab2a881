"""Every field of every form in the newsroom's pages, one at a time, given hostile values:
oversized, empty, malformed, the wrong type, Unicode edges (RTL and zero-width marks, NUL, a lone
surrogate sent as raw bytes) and markup. Each answer is a page or a redirect with a message,
never a 500; markup is never echoed unescaped; and no row is half-written."""

import json
from urllib.parse import urlencode

import pytest

from claims.models import Citation, Claim, Claimant
from factcheck.models import AuditEvent
from newsroom.forms import ArticleForm, CitationForm, ClaimForm, VerdictForm
from verdicts.models import Verdict

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
HOSTILE = [
    "",
    " ",
    "x" * 300_000,
    "\u202eevil\u202c",
    "zero\u200bwidth\ufeff",
    "nul\x00byte",
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "-1",
    "99999999999999999999999",
    "2021-13-45",
    "javascript:alert(1)",
    "{'a': [1]}",
    "../../etc/passwd",
]
LONE_SURROGATE = b"\xed\xa0\x80"  # not UTF-8: what a broken client might send


def post_raw(client, url: str, fields: dict, raw_field: str | None = None):
    """A urlencoded POST; `raw_field` gets the invalid UTF-8 bytes instead of its value."""
    body = urlencode({k: v for k, v in fields.items() if k != raw_field}, doseq=True).encode()
    if raw_field:
        body += b"&" + raw_field.encode() + b"=" + LONE_SURROGATE
    return client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in (Claim, Claimant, Citation, Verdict, AuditEvent)}


def check(response, where: str):
    assert response.status_code in (200, 302, 400, 403, 404, 405, 409), (where, response.status_code)
    assert SCRIPT.encode() not in response.content, where
    assert b"onerror=alert(1)>" not in response.content, where


@pytest.fixture
def forms(checking_claim, journalist):
    """Each form's URL and a valid submission, built from the form classes themselves."""
    claim = checking_claim()
    from verdicts.services import verdict_create

    verdict = verdict_create(actor=journalist, claim_id=claim.pk)
    return [
        ("/claims/new/", ClaimForm, {"text": "A plain claim.", "claimant_name": "Ann Lee", "said_on": "2021-12-03"}),
        (f"/claims/{claim.pk}/citations/add/", CitationForm, {"url": "https://example.org/a", "stance": "supports"}),
        (f"/verdicts/{verdict.pk}/save/", VerdictForm, {"rating": "false", "headline": "No", "expected_version": 0}),
        ("/intake/article/", ArticleForm, {"text": "Prices rose 3 percent, the office said on Tuesday."}),
        (f"/claims/{claim.pk}/actions/reassign/", None, {"expected_version": claim.lock_version, "assignee": "1"}),
        (f"/verdicts/{verdict.pk}/actions/submit/", None, {"expected_version": 0, "comment": ""}),
        ("/intake/keep/", None, {"keep": json.dumps({"text": "Kept claim.", "said_on": "2021"})}),
    ]


def test_every_field_of_every_form_survives_hostile_values(client, journalist, editor, forms):
    tried = 0
    for url, form_class, valid in forms:
        names = list(form_class.base_fields) if form_class else list(valid)
        for who in (journalist, editor):
            client.force_login(who)
            for name in names:
                for value in HOSTILE:
                    before = counts()
                    response = post_raw(client, url, {**valid, name: value})
                    check(response, f"{url} {name}={value[:20]!r}")
                    after = counts()
                    if after != before:  # something was written: it must be whole and readable
                        assert after["AuditEvent"] > before["AuditEvent"], (url, name)
                    tried += 1
                check(post_raw(client, url, valid, raw_field=name), f"{url} {name}=<invalid UTF-8>")
                tried += 1
    assert tried >= 700  # fields × values × two roles
    print(f"{tried} hostile submissions")
    assert not any("\x00" in text for text in Claim.objects.values_list("text", flat=True))


def test_markup_typed_into_a_claim_is_shown_as_text_everywhere(client, journalist, editor):
    client.force_login(journalist)
    response = client.post("/claims/new/", {"text": f"The mayor said {SCRIPT}.", "claimant_name": SCRIPT}, follow=True)
    assert response.status_code == 200
    claim = Claim.objects.get()
    for url in [f"/claims/{claim.pk}/", "/?view=all", "/?view=intake", "/?view=all&q=mayor", "/notifications/"]:
        page = client.get(url)
        assert page.status_code == 200 and SCRIPT.encode() not in page.content, url
    client.force_login(editor)
    assert SCRIPT.encode() not in client.get(f"/claims/{claim.pk}/").content
