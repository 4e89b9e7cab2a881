"""Shared fixtures. Domain data is made through the services, so it carries
real history, exactly as the newsroom would make it."""

import factory
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from claims.services import citation_create, claim_create, claim_transition, claimant_get_or_create
from factcheck.roles import ADMIN, EDITOR, JOURNALIST
from sources.capture import snapshot_record_file
from sources.services import source_get_or_create
from tests.sources.webserver import WebServer
from verdicts.services import verdict_create, verdict_transition, verdict_update

PASSWORD = "a-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))
        self.save()


def fresh(user):
    """The same user with an empty permission cache."""
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a readers' page requested through the test client
    leaves its address's language active in the thread (Django's LocaleMiddleware), and the
    services' messages would follow it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters and the like start from zero in every test."""
    cache.clear()


@pytest.fixture(autouse=True)
def head_log(settings, tmp_path):
    """Each test records the audit chain's heads in a file of its own: its rows are gone after it."""
    settings.AUDIT_HEAD_LOG = tmp_path / "audit-heads.jsonl"
    settings.AUDIT_HEAD_STORAGE = ""
    return settings.AUDIT_HEAD_LOG


@pytest.fixture
def server(settings):
    """A local web server standing in for the internet, exempted from the private-address rule."""
    web = WebServer()
    settings.CAPTURE_ALLOWED_PRIVATE = [f"127.0.0.1:{web.port}"]
    yield web
    web.stop()


@pytest.fixture
def journalist(db):
    return fresh(UserFactory(username="jo", role=JOURNALIST))


@pytest.fixture
def other_journalist(db):
    return fresh(UserFactory(username="jim", role=JOURNALIST))


@pytest.fixture
def editor(db):
    return fresh(UserFactory(username="ed", role=EDITOR))


@pytest.fixture
def other_editor(db):
    return fresh(UserFactory(username="eve", role=EDITOR))


@pytest.fixture
def admin_user(db):
    return fresh(UserFactory(username="ada", role=ADMIN, is_superuser=True))


@pytest.fixture
def make_claim(journalist):
    def make(text="About 100,000 soldiers were deployed near the border.", actor=None, **fields):
        if "claimant" not in fields:
            fields["claimant"] = claimant_get_or_create(actor=journalist, name="Oleksiy Reznikov")
        return claim_create(actor=actor or journalist, text=text, **fields)

    return make


def capture(url: str, text: str = "A captured page about the claim."):
    """A source with one successful capture, made from a page at hand (no network)."""
    source, _ = source_get_or_create(url=url)
    return snapshot_record_file(
        source=source,
        payload=f"<html><body><article><p>{text}</p></article></body></html>".encode(),
        content_type="text/html; charset=utf-8",
    )


@pytest.fixture
def checking_claim(make_claim, editor, journalist):
    """A claim accepted by the editor, assigned to the journalist, with captured evidence."""

    def make(assignee=None, url="https://example.org/evidence", **claim_fields):
        claim = make_claim(**claim_fields)
        claim = claim_transition(
            claim_id=claim.pk,
            action="accept",
            actor=editor,
            expected_version=claim.lock_version,
            assignee_id=(assignee or journalist).pk,
        )
        capture(url)
        citation_create(actor=assignee or journalist, claim_id=claim.pk, url=url, stance="supports")
        claim.refresh_from_db()
        return claim

    return make


@pytest.fixture
def verdict_in(checking_claim, journalist, editor):
    """A verdict walked through the services to the requested state."""

    def make(state: str, author=None, reviewer=None, **claim_fields):
        """`claim_fields` go to the claim (text, claimant, tags, language…)."""
        author = author or journalist
        reviewer = reviewer or editor
        claim = checking_claim(assignee=author, **claim_fields)
        verdict = verdict_create(
            actor=author, claim_id=claim.pk, rating="false", headline="No", summary="The figure is wrong."
        )
        steps = {
            "draft": [],
            "submitted": [("submit", author)],
            "changes_requested": [("submit", author), ("request_changes", reviewer)],
            "approved": [("submit", author), ("approve", reviewer)],
            "published": [("submit", author), ("approve", reviewer), ("publish", reviewer)],
        }
        if state == "superseded":
            verdict = make_published_then_corrected(verdict, author, reviewer)
            return verdict
        for action, actor in steps[state]:
            verdict = verdict_transition(
                verdict_id=verdict.pk,
                action=action,
                actor=actor,
                expected_version=verdict.lock_version,
                comment="Because." if action == "request_changes" else "",
            )
        return verdict

    return make


def step(verdict, action, actor, comment=""):
    """One review action, taken on the verdict's current revision."""
    return verdict_transition(
        verdict_id=verdict.pk, action=action, actor=actor, expected_version=verdict.lock_version, comment=comment
    )


def publish_correction(original, editor, note="We corrected the figure.", reason="The figure was revised."):
    """Open a correction of a published verdict and walk it to published; return it."""
    correction = step(original, "open_correction", editor, reason)
    correction = verdict_update(
        verdict_id=correction.pk, actor=correction.author, expected_version=correction.lock_version,
        correction_note=note,
    )  # fmt: skip
    for action, actor in (("submit", correction.author), ("approve", editor), ("publish", editor)):
        correction = step(correction, action, actor)
    return correction


def make_published_then_corrected(verdict, author, reviewer):
    """Publish `verdict`, then publish a correction of it; return the superseded original."""
    for action, actor in (("submit", author), ("approve", reviewer), ("publish", reviewer)):
        verdict = step(verdict, action, actor)
    publish_correction(verdict, reviewer)
    verdict.refresh_from_db()
    return verdict


def count_queries(client, *urls) -> int:
    """How many queries it takes to GET these pages (each must answer 200)."""
    with CaptureQueriesContext(connection) as ctx:
        for url in urls:
            assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


TRANSLATED = {"headline": "Цифру вигадано", "summary": "Цифра хибна.", "explanation": "Цифру **переглянули**."}


def translation_step(translation, action, actor, comment=""):
    """One action on a translation, taken on its current revision."""
    from verdicts.translations.services import translation_transition

    return translation_transition(
        translation_id=translation.pk,
        action=action,
        actor=actor,
        expected_version=translation.lock_version,
        comment=comment,
    )


@pytest.fixture
def translation_in(verdict_in, journalist, editor):
    """A Ukrainian translation of a published verdict, walked through the services to `state`."""
    from verdicts.translations.services import translation_start, translation_update

    def make(state: str, verdict=None, translator=None, reviewer=None, language="uk", text=None):
        translator = translator or journalist
        reviewer = reviewer or editor
        verdict = verdict or verdict_in("published")
        translation = translation_start(actor=translator, verdict_id=verdict.pk, language=language)
        translation = translation_update(
            translation_id=translation.pk, actor=translator, expected_version=translation.lock_version,
            **(text or TRANSLATED),
        )  # fmt: skip
        steps = {
            "draft": [],
            "submitted": [("submit", translator)],
            "changes_requested": [("submit", translator), ("request_changes", reviewer)],
            "approved": [("submit", translator), ("approve", reviewer)],
            "published": [("submit", translator), ("approve", reviewer), ("publish", reviewer)],
            "withdrawn": [("withdraw", translator)],
            "superseded": [("submit", translator), ("approve", reviewer), ("publish", reviewer)],
        }
        for action, actor in steps[state]:
            translation = translation_step(translation, action, actor, "Because." if action != "submit" else "")
        if state == "superseded":
            publish_correction(verdict, reviewer)
            translation.refresh_from_db()
        return translation

    return make
