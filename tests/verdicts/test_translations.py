"""Translations of published verdicts: every state × action × role, four-eyes, the frozen text,
and the orders of operations an attacker (or a hurried newsroom) would try."""

import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction

from factcheck.errors import ActionForbidden, Conflict, InvalidInput, StaleVersion
from factcheck.models import AuditEvent, Notification
from tests.conftest import TRANSLATED, publish_correction, step, translation_step
from verdicts.models import VerdictTranslation
from verdicts.services import verdict_update
from verdicts.translations.selectors import translation_languages_open
from verdicts.translations.services import translation_start, translation_transition, translation_update

STATES = ["draft", "submitted", "changes_requested", "approved", "published", "withdrawn", "superseded"]
ACTIONS = ["submit", "request_changes", "revise", "approve", "publish", "withdraw", "supersede"]
ROLES = ["anonymous", "translator", "other_journalist", "editor", "admin"]
OPEN = ("draft", "submitted", "changes_requested", "approved")

# The expected table, written out by hand: (action, state) -> roles allowed.
ALLOWED = {
    ("submit", "draft"): {"translator"},
    ("request_changes", "submitted"): {"editor", "admin"},
    ("request_changes", "approved"): {"editor", "admin"},
    ("revise", "changes_requested"): {"translator"},
    ("approve", "submitted"): {"editor", "admin"},
    ("publish", "approved"): {"editor", "admin"},
    **{("withdraw", state): {"translator", "editor", "admin"} for state in OPEN},
}
TARGET = {
    "submit": "submitted",
    "request_changes": "changes_requested",
    "revise": "draft",
    "approve": "approved",
    "publish": "published",
    "withdraw": "withdrawn",
}
# Who holds the permission for each action at all, and who passes its rule.
PERMITTED = {
    "submit": {"translator", "other_journalist", "editor", "admin"},
    "revise": {"translator", "other_journalist", "editor", "admin"},
    "withdraw": {"translator", "other_journalist", "editor", "admin"},
    "request_changes": {"editor", "admin"},
    "approve": {"editor", "admin"},
    "publish": {"editor", "admin"},
    "supersede": set(),
}
RULE = {"submit": {"translator"}, "revise": {"translator"}, "withdraw": {"translator", "editor", "admin"}}


@pytest.fixture
def people(journalist, other_journalist, other_editor, admin_user):
    # `editor` walks translations into their states; the matrix acts as another editor.
    return {
        "anonymous": None,
        "translator": journalist,
        "other_journalist": other_journalist,
        "editor": other_editor,
        "admin": admin_user,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
def test_translation_review_matrix(state, action, role, translation_in, people):
    translation = translation_in(state)
    assert translation.status == state
    actor = people[role]
    before = AuditEvent.objects.count()
    call = dict(
        translation_id=translation.pk,
        action=action,
        actor=actor,
        expected_version=translation.lock_version,
        comment="Reason given.",
    )
    if role in ALLOWED.get((action, state), set()):
        translation_transition(**call)
        translation.refresh_from_db()
        assert translation.status == TARGET[action]
        mine = AuditEvent.objects.filter(seq__gt=before, action=f"translation.{action}")
        assert [(e.object_type, e.object_id, e.from_state, e.actor_id) for e in mine] == [
            ("verdicts.verdicttranslation", str(translation.pk), state, actor.pk)
        ]
    else:
        permitted = role != "anonymous" and role in PERMITTED[action]
        passes = role in RULE.get(action, PERMITTED[action])
        wrong_state = all(s != state for (a, s) in ALLOWED if a == action)
        with pytest.raises(Conflict if permitted and passes and wrong_state else ActionForbidden):
            translation_transition(**call)
        after = VerdictTranslation.objects.get(pk=translation.pk)
        assert (after.status, after.lock_version) == (translation.status, translation.lock_version)
        assert AuditEvent.objects.count() == before


def test_the_translator_cannot_approve_their_own_translation(translation_in, editor, other_editor):
    translation = translation_in("submitted", translator=editor, reviewer=other_editor)
    for action in ("approve", "request_changes"):
        with pytest.raises(ActionForbidden, match="own translation"):
            translation_step(translation, action, editor, "x")
    translation = translation_step(translation, "approve", other_editor)
    assert (translation.status, translation.approver_id) == ("approved", other_editor.pk)


def test_four_eyes_holds_in_the_database_too(translation_in, journalist):
    translation = translation_in("approved")
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictTranslation.objects.filter(pk=translation.pk).update(approver=journalist)


def test_publishing_keeps_the_rating_and_shows_the_text_once_per_language(translation_in, editor):
    translation = translation_in("published")
    assert (translation.published_by_id, translation.approved_digest) == (editor.pk, translation.review_digest)
    verdict = translation.verdict
    assert translation_languages_open(verdict=verdict) == ["es"]
    with pytest.raises(IntegrityError), transaction.atomic():  # one published per verdict and language
        VerdictTranslation.objects.create(
            verdict=verdict, language="uk", translator=editor, approver=translation.translator,
            status="published", headline="x", summary="y", published_at=translation.published_at,
            approved_digest="0" * 64,
        )  # fmt: skip


def test_a_corrected_original_before_the_translation_is_published_refuses_publication(
    translation_in, editor, journalist
):
    translation = translation_in("approved")
    publish_correction(translation.verdict, editor)
    with pytest.raises(Conflict, match="verdict v1, which it translates, is superseded by a correction"):
        translation_step(translation, "publish", editor)
    assert VerdictTranslation.objects.get(pk=translation.pk).status == "approved"
    assert not AuditEvent.objects.filter(action="translation.publish").exists()


def test_a_published_correction_supersedes_the_translations_and_the_next_starts_from_their_text(
    translation_in, editor, journalist
):
    translation = translation_in("published")
    correction = publish_correction(translation.verdict, editor)
    translation.refresh_from_db()
    assert translation.status == "superseded"
    assert AuditEvent.objects.filter(action="translation.supersede", object_id=str(translation.pk)).exists()
    again = translation_start(actor=journalist, verdict_id=correction.pk, language="uk")
    assert (again.based_on_id, again.headline, again.summary) == (translation.pk, "Цифру вигадано", "Цифра хибна.")


@pytest.mark.parametrize("when", ["submitted", "approved"])
def test_text_changed_behind_the_services_is_not_approved_or_published(translation_in, editor, when):
    translation = translation_in(when)
    VerdictTranslation.objects.filter(pk=translation.pk).update(summary="Цифра правильна.")
    action = "approve" if when == "submitted" else "publish"
    with pytest.raises(Conflict, match="its text has changed since it was"):
        translation_step(translation, action, editor)
    assert VerdictTranslation.objects.get(pk=translation.pk).status == when


def test_only_the_translator_edits_and_only_a_draft(translation_in, journalist, other_journalist):
    translation = translation_in("draft")
    with pytest.raises(ActionForbidden, match="Only the translator"):
        translation_update(
            translation_id=translation.pk, actor=other_journalist, expected_version=translation.lock_version,
            summary="Інше.",
        )  # fmt: skip
    submitted = translation_step(translation, "submit", journalist)
    with pytest.raises(Conflict, match="Only drafts can be edited; this translation is submitted for review"):
        translation_update(
            translation_id=submitted.pk, actor=journalist, expected_version=submitted.lock_version, summary="Інше."
        )
    with pytest.raises(StaleVersion):
        translation_step(translation, "withdraw", journalist)  # the revision before submitting


@pytest.mark.parametrize("state", ["draft", "submitted", "changes_requested", "approved", "superseded"])
def test_only_a_published_verdict_is_translated(verdict_in, journalist, state):
    verdict = verdict_in(state)
    with pytest.raises(Conflict, match="Only the published version of a verdict is translated"):
        translation_start(actor=journalist, verdict_id=verdict.pk, language="uk")
    assert not VerdictTranslation.objects.exists()


@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "Verdict v1 is written in English: translate it into one of uk, es."),
        ("EN", "Verdict v1 is written in English"),
        ("de", "The readers' site is not published in “de”"),
        ("xx-nonsense", "Give a language code"),
        ("", "Say which language"),
        (None, "Say which language"),
        ("uk\x00", "Give a language code"),
    ],
)
def test_a_translation_into_the_verdicts_own_or_an_unpublished_language_is_refused(
    verdict_in, journalist, language, message
):
    verdict = verdict_in("published")
    with pytest.raises(InvalidInput, match=message):
        translation_start(actor=journalist, verdict_id=verdict.pk, language=language)
    assert not VerdictTranslation.objects.exists()


def test_a_verdict_written_in_ukrainian_is_translated_into_english_and_spanish(verdict_in, journalist):
    verdict = verdict_in("published", language="uk", text="Близько 100 000 військових стояли біля кордону.")
    assert verdict.language == "uk"
    with pytest.raises(InvalidInput, match="written in"):
        translation_start(actor=journalist, verdict_id=verdict.pk, language="uk")
    assert translation_languages_open(verdict=verdict) == ["en", "es"]


def test_a_verdict_written_in_a_language_the_site_lacks_keeps_its_original_at_the_english_address(
    client, verdict_in, translation_in, journalist, editor, settings
):
    """A verdict written in German is read at the English addresses: an English translation would
    take its place there, and leave the original with no page (and its translation linking to itself)."""
    settings.SITE_URL = "http://testserver"
    verdict = verdict_in("draft")
    verdict = verdict_update(verdict_id=verdict.pk, actor=journalist, expected_version=0, language="de-AT")
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        verdict = step(verdict, action, actor)
    assert translation_languages_open(verdict=verdict) == ["uk", "es"]
    with pytest.raises(InvalidInput, match="Verdict v1 is written in German: translate it into one of uk, es"):
        translation_start(actor=journalist, verdict_id=verdict.pk, language="en")
    translation_in("published", verdict=verdict)
    original = client.get(f"/verdicts/{verdict.pk}/").content.decode()
    assert '<div class="verdict-text" lang="de-AT">' in original and "Цифру вигадано" not in original
    translated = client.get(f"/uk/verdicts/{verdict.pk}/").content.decode()
    assert "Цифру вигадано" in translated
    assert f'<a href="http://testserver/verdicts/{verdict.pk}/" hreflang="de-AT">' in translated


def test_a_second_translation_into_the_same_language_is_refused_while_one_is_open(translation_in, other_journalist):
    translation = translation_in("submitted")
    with pytest.raises(Conflict, match="already in progress"):
        translation_start(actor=other_journalist, verdict_id=translation.verdict_id, language="uk")
    spanish = translation_start(actor=other_journalist, verdict_id=translation.verdict_id, language="es")
    assert spanish.status == "draft"


def test_a_newer_translation_of_the_same_version_replaces_the_published_one(translation_in, journalist, editor):
    first = translation_in("published")
    second = translation_start(actor=journalist, verdict_id=first.verdict_id, language="uk")
    assert (second.based_on_id, second.summary) == (first.pk, first.summary)
    second = translation_update(
        translation_id=second.pk, actor=journalist, expected_version=second.lock_version, summary="Цифра неправдива."
    )
    for action in ("submit", "approve", "publish"):
        second = translation_step(second, action, journalist if action == "submit" else editor)
    first.refresh_from_db()
    assert (first.status, second.status) == ("superseded", "published")


def test_a_reviewer_without_the_review_permission_is_refused(translation_in, other_journalist):
    translation = translation_in("submitted")
    for action in ("approve", "request_changes"):
        with pytest.raises(ActionForbidden, match="You do not have permission"):
            translation_step(translation, action, other_journalist, "x")


def test_submitting_needs_a_headline_and_summary(translation_in, journalist):
    translation = translation_in("draft", text={"headline": "", "summary": "", "explanation": ""})
    with pytest.raises(InvalidInput, match="needs a headline and a summary"):
        translation_step(translation, "submit", journalist)


def test_bad_text_is_refused_whole(translation_in, journalist):
    translation = translation_in("draft")
    for changes, message in (
        ({"headline": "x" * 301}, "at most 300 characters"),
        ({"summary": "a\x00b"}, "Summary contains a NUL character"),
        ({"rating": "true"}, "cannot be edited: rating"),
        ({"summary": 5}, "must be text: summary"),
    ):
        with pytest.raises(InvalidInput, match=message):
            translation_update(
                translation_id=translation.pk, actor=journalist, expected_version=translation.lock_version, **changes
            )
    assert VerdictTranslation.objects.get(pk=translation.pk).summary == TRANSLATED["summary"]


def test_the_translator_hears_of_approval_and_changes_requested(translation_in, journalist, editor):
    translation = translation_in("submitted")
    assert Notification.objects.filter(recipient=editor, kind="review_requested").exists()
    translation = translation_step(translation, "request_changes", editor, "Переклад неточний.")
    translation = translation_step(translation_step(translation, "revise", journalist), "submit", journalist)
    translation_step(translation, "approve", editor)
    news = Notification.objects.filter(recipient=journalist, url=f"/translations/{translation.pk}/")
    assert list(news.order_by("id").values_list("kind", flat=True)) == ["changes_requested", "approved"]


@pytest.mark.django_db(transaction=True)
def test_two_translations_opened_at_once_into_the_same_language_one_wins(verdict_in, journalist, other_journalist):
    verdict = verdict_in("published")
    barrier = threading.Barrier(2)
    outcomes = []

    def start(person):
        try:
            barrier.wait()
            outcomes.append(translation_start(actor=person, verdict_id=verdict.pk, language="uk").status)
        except Conflict as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=start, args=(person,)) for person in (journalist, other_journalist)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    assert sorted(outcomes, key=len) == [
        "draft",
        "A translation (Ukrainian) of verdict v1 is already in progress: continue that one.",
    ]
    assert VerdictTranslation.objects.filter(verdict=verdict).count() == 1
