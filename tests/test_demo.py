"""The demo loader: through the services, with history, and idempotent."""

from django.apps import apps
from django.core.management import call_command

from claims.models import Claim
from factcheck.audit import audit_verify_chain
from factcheck.models import AuditEvent
from verdicts.models import Verdict, VerdictTranslation

COUNTED = [
    "claims.Claim",
    "claims.Claimant",
    "claims.Citation",
    "sources.Source",
    "sources.Snapshot",
    "verdicts.Verdict",
    "verdicts.VerdictTranslation",
    "factcheck.AuditEvent",
    "auth.User",
    "auth.Group",
]


def counts():
    return {label: apps.get_model(label).objects.count() for label in COUNTED}


def test_loading_twice_leaves_the_same_data(db):
    call_command("load_demo")
    first = counts()
    claims = sorted(Claim.objects.values_list("text", "status"))
    call_command("load_demo")
    assert counts() == first
    assert sorted(Claim.objects.values_list("text", "status")) == claims
    assert first["claims.Claim"] == 16 + 2  # the article's, and one typed in each other language


def test_demo_has_verdicts_in_several_states_with_real_history(db):
    call_command("load_demo")
    statuses = sorted(Verdict.objects.values_list("status", flat=True))
    assert statuses == ["changes_requested", "published", "published", "published", "submitted"]
    published = Verdict.objects.get(status="published", claim__language="en")
    assert published.approver.username == "editor" and published.author.username == "journalist"
    assert published.pinned_evidence and published.pinned_evidence[0]["sha256"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"claim.create", "claim.accept", "verdict.submit", "verdict.approve", "verdict.publish"} <= actions
    assert audit_verify_chain().problem is None
    reznikov = Claim.objects.get(text__contains="100,000 Russian soldiers")
    assert (reznikov.claimant.name, str(reznikov.said_on), reznikov.medium) == (
        "Oleksiy Reznikov",
        "2021-12-03",
        "Ukraine's parliament",
    )


def test_demo_users_sign_in_with_the_demo_password(db, client, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "s3cret-demo")
    call_command("load_demo")
    for name in ("journalist", "editor", "admin"):
        assert client.login(username=name, password="s3cret-demo"), name
        client.logout()


def test_the_demo_publishes_in_each_of_the_readers_languages(db, client):
    call_command("load_demo")
    languages = dict(Verdict.objects.filter(status="published").values_list("claim__language", "headline"))
    assert set(languages) == {"en", "uk", "es"}
    for prefix, language in (("", "en"), ("/uk", "uk"), ("/es", "es")):
        index = client.get(f"{prefix}/verdicts/", {"language": language}).content.decode()
        assert languages[language] in index, language


def test_the_demo_has_a_published_ukrainian_translation(db, client):
    call_command("load_demo")
    [translation] = VerdictTranslation.objects.all()
    assert (translation.status, translation.language) == ("published", "uk")
    assert (translation.translator.username, translation.approver.username) == ("journalist", "editor")
    page = client.get(f"/uk/verdicts/{translation.verdict_id}/").content.decode()
    assert "Так: розмова Байдена і Путіна відбулася 30 грудня 2021 року" in page and 'lang="uk"' in page
    assert "Yes: the Biden-Putin call" in client.get(f"/verdicts/{translation.verdict_id}/").content.decode()
