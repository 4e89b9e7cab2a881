"""A verdict's own language: by default its claim's when the readers' site is published in it,
set in the draft from every way in, validated, kept by corrections, and given to old rows by migration."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from factcheck.errors import Conflict, InvalidInput
from tests.conftest import publish_correction, step
from verdicts.models import Verdict
from verdicts.services import verdict_create, verdict_update


@pytest.mark.parametrize(
    "claim_language, expected", [("en", "en"), ("uk", "uk"), ("es", "es"), ("es-MX", "es-MX"), ("de", "en")]
)
def test_a_new_verdict_is_in_its_claims_language_when_the_site_is(checking_claim, journalist, claim_language, expected):
    claim = checking_claim(language=claim_language)
    assert verdict_create(actor=journalist, claim_id=claim.pk).language == expected


def test_the_author_sets_it_in_the_draft_and_a_correction_keeps_it(verdict_in, journalist, editor):
    verdict = verdict_in("draft")
    verdict = verdict_update(
        verdict_id=verdict.pk, actor=journalist, expected_version=verdict.lock_version, language="UK"
    )
    assert verdict.language == "uk"
    for bad, message in (("klingon-x", "Give a language code"), ("", "Say which language")):
        with pytest.raises(InvalidInput, match=message):
            verdict_update(verdict_id=verdict.pk, actor=journalist, expected_version=verdict.lock_version, language=bad)
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        verdict = step(verdict, action, actor)
    with pytest.raises(Conflict, match="Only drafts can be edited"):
        verdict_update(verdict_id=verdict.pk, actor=journalist, expected_version=verdict.lock_version, language="es")
    assert publish_correction(verdict, editor).language == "uk"


def test_the_draft_page_and_the_staff_api_take_it(client, verdict_in, journalist):
    verdict = verdict_in("draft")
    client.force_login(journalist)
    form = {"rating": "false", "headline": "No", "summary": "S.", "explanation": "", "correction_note": ""}
    client.post(reverse("verdict-save", args=[verdict.pk]), {**form, "language": "es", "expected_version": 0})
    assert Verdict.objects.get(pk=verdict.pk).language == "es"
    api = client.patch(
        f"/api/v1/staff/verdicts/{verdict.pk}/",
        {"language": "de-AT", "expected_version": 1},
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["language"] == "de-AT"
    bad = client.patch(
        f"/api/v1/staff/verdicts/{verdict.pk}/",
        {"language": "nope!", "expected_version": 2},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "language" in bad.json()["error"]["message"]


def test_the_migration_gives_existing_verdicts_their_claims_language(verdict_in):
    english = verdict_in("published")
    ukrainian = verdict_in("draft", language="uk", text="Близько 100 000 військових стояли біля кордону.")
    Verdict.objects.update(language="en")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate([("verdicts", "0010_publisher_logo_checked")])
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Verdict.objects.get(pk=english.pk).language == "en"
    assert Verdict.objects.get(pk=ukrainian.pk).language == "uk"
