"""Writes of translations: start one, edit its draft, and take its review workflow
(verdicts/translations/workflow.py). Every refusal is a domain error with a readable message."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_noop

from claims.languages import language_tag
from factcheck.audit import audit_record
from factcheck.errors import Conflict, InvalidInput
from factcheck.guards import (
    apply_changes,
    clean_text_changes,
    ensure_version,
    refuse_missing,
    require_permission,
    validate_instance,
)
from factcheck.workflow import Step
from verdicts.languages import language_name, original_site_language, site_languages
from verdicts.models import Verdict, VerdictTranslation
from verdicts.policy import verdict_policy
from verdicts.review_unit import approval_withdrawn, review_unit_digest
from verdicts.selectors import public_pages_changed
from verdicts.translations.policy import translation_policy
from verdicts.translations.selectors import translation_to_start_from
from verdicts.translations.workflow import TRANSLATION_WORKFLOW

TEXT_FIELDS = ("headline", "summary", "explanation", "correction_note")
# What a new translation takes from the one it starts from: a correction's note is written anew.
CARRIED_OVER = ("headline", "summary", "explanation")


def translation_language(verdict: Verdict, language) -> str:
    """`language` as a language of the readers' site other than the verdict's own, or refused."""
    if not isinstance(language, str) or not language.strip():
        raise InvalidInput(gettext("Say which language to translate into."))
    try:
        tag = language_tag(language)
    except ValidationError as error:
        raise InvalidInput(error.messages[0]) from None
    own = original_site_language(verdict.language)
    offered = ", ".join(code for code in site_languages() if code != own)
    if tag not in site_languages():
        raise InvalidInput(
            gettext("The readers' site is not published in “%(tag)s”: translate into one of %(offered)s.")
            % {"tag": tag, "offered": offered}
        )
    if tag == own:
        raise InvalidInput(
            gettext("Verdict v%(number)s is written in %(language)s: translate it into one of %(offered)s.")
            % {"number": verdict.number, "language": language_name(verdict.language), "offered": offered}
        )
    return tag


def translation_start(*, actor, verdict_id: int, language: str) -> VerdictTranslation:
    """Start a draft translation of a published verdict into one of the site's other languages,
    from the text of its latest translation into that language, if any (of this version or of the
    one it corrects)."""
    require_permission(actor, "verdicts.add_verdicttranslation", gettext_noop("translate verdicts"))
    with transaction.atomic():
        # The verdict's row is the lock: two translators starting the same language queue here.
        verdict = Verdict.objects.select_for_update().filter(pk=verdict_id).first()
        if verdict is None:
            raise InvalidInput(gettext("There is no verdict #%(number)s.") % {"number": verdict_id})
        verdict_policy(actor, verdict).require("translate")
        language = translation_language(verdict, language)
        open_one = verdict.translations.filter(language=language, status__in=VerdictTranslation.OPEN_STATUSES)
        if open_one.exists():
            raise Conflict(
                gettext(
                    "A translation (%(language)s) of verdict v%(number)s is already in progress: continue that one."
                )
                % {"language": language_name(language), "number": verdict.number}
            )
        based_on = translation_to_start_from(verdict=verdict, language=language)
        translation = VerdictTranslation(
            verdict=verdict,
            language=language,
            translator=actor,
            based_on=based_on,
            **{name: getattr(based_on, name) if based_on else "" for name in CARRIED_OVER},
        )
        try:
            with transaction.atomic():
                translation.save(force_insert=True)
        except IntegrityError:  # another transaction won without taking the lock first
            raise Conflict(
                gettext(
                    "A translation (%(language)s) of verdict v%(number)s was just started by someone else: "
                    "continue that one."
                )
                % {"language": language_name(language), "number": verdict.number}
            ) from None
        audit_record(
            actor=actor,
            action="translation.create",
            target=translation,
            to_state=translation.status,
            data={"verdict": verdict.pk, "language": language, "based_on": based_on.pk if based_on else None},
        )
    return translation


def translation_update(*, translation_id: int, actor, expected_version: int | None, **changes) -> VerdictTranslation:
    """Edit a draft translation: only its translator, only while it is a draft."""
    changes = clean_text_changes(
        changes,
        TEXT_FIELDS,
        not_editable=gettext_noop("These translation fields cannot be edited: %(fields)s."),
        not_text=gettext_noop("These translation fields must be text: %(fields)s."),
    )
    with transaction.atomic():
        translation = VerdictTranslation.objects.select_for_update().get(pk=translation_id)
        ensure_version(translation, expected_version)
        translation_policy(actor, translation).require("edit")
        if changes.get("correction_note") and not translation.verdict.supersedes_id:
            raise InvalidInput(
                gettext(
                    "Only the translation of a correction has a correction note: verdict v%(number)s corrects none."
                )
                % {"number": translation.verdict.number}
            )
        diff = apply_changes(translation, changes)
        if not diff:
            return translation
        validate_instance(translation, exclude=["verdict", "translator", "approver", "published_by", "based_on"])
        translation.lock_version += 1
        translation.save(update_fields=[*diff, "lock_version", "updated_at"])
        audit_record(actor=actor, action="translation.update", target=translation, data={"changes": diff})
    return translation


def translation_transition(
    *,
    translation_id: int,
    action: str,
    actor,
    expected_version: int | None = None,
    comment: str = "",
    internal: bool = False,
) -> VerdictTranslation:
    """The one place a translation changes status (the table in verdicts.translations.workflow)."""
    with transaction.atomic():
        # Locks the verdict's row too: a correction cannot supersede it while this runs.
        translation = VerdictTranslation.objects.select_for_update().select_related("verdict").get(pk=translation_id)
        return TRANSLATION_WORKFLOW.take(
            translation,
            action,
            actor,
            effects=TRANSLATION_EFFECTS,
            expected_version=expected_version,
            comment=comment,
            internal=internal,
        )


def translation_digest(translation: VerdictTranslation) -> str:
    """SHA-256 of what a reviewer reads: the translated text, with the version and language it translates."""
    unit = {"verdict": translation.verdict_id, "language": translation.language}
    unit |= {name: getattr(translation, name) for name in CARRIED_OVER}
    if translation.correction_note:  # (digests taken before translations had notes stay valid)
        unit["correction_note"] = translation.correction_note
    return review_unit_digest(unit)


# Refusals by the step refused: a correction was published meanwhile, or the text changed since review.
_ORIGINAL_CORRECTED = {
    "submitted": gettext_noop(
        "This translation cannot be submitted: verdict v%(number)s, which it translates, is %(status)s. "
        "Translate the version now published instead; the newsroom offers to start from this text."
    ),
    "approved": gettext_noop(
        "This translation cannot be approved: verdict v%(number)s, which it translates, is %(status)s. "
        "Translate the version now published instead; the newsroom offers to start from this text."
    ),
    "published": gettext_noop(
        "This translation cannot be published: verdict v%(number)s, which it translates, is %(status)s. "
        "Translate the version now published instead; the newsroom offers to start from this text."
    ),
}
_TEXT_CHANGED = {
    "approved": gettext_noop(
        "This translation cannot be approved: its text has changed since it was submitted. Send it back with "
        "changes requested so that it is reviewed again."
    ),
    "published": gettext_noop(
        "This translation cannot be published: its text has changed since it was approved. Send it back with "
        "changes requested so that it is reviewed again."
    ),
}


def _verdict_still_published(translation: VerdictTranslation, doing: str) -> None:
    verdict = translation.verdict
    if verdict.status != Verdict.Status.PUBLISHED:
        status = verdict.get_status_display().lower()
        raise Conflict(gettext(_ORIGINAL_CORRECTED[doing]) % {"number": verdict.number, "status": status})


def _unchanged_since(translation: VerdictTranslation, expected: str, doing: str) -> str:
    digest = translation_digest(translation)
    if digest != expected:
        raise Conflict(gettext(_TEXT_CHANGED[doing]))
    return digest


def _submit(step: Step) -> None:
    translation = step.obj
    _verdict_still_published(translation, "submitted")
    refuse_missing(
        gettext_noop("The translation needs %(missing)s before it can go to review."),
        [
            (gettext("a headline"), translation.headline),
            (gettext("a summary"), translation.summary),
            (gettext("a public correction note"), translation.correction_note or not translation.verdict.supersedes_id),
        ],
    )
    translation.review_digest, translation.approved_digest = translation_digest(translation), ""
    step.data = {"review_digest": translation.review_digest}
    step.fields += ["review_digest", "approved_digest"]


def _approve(step: Step) -> None:
    translation = step.obj
    _verdict_still_published(translation, "approved")
    translation.approved_digest = _unchanged_since(translation, translation.review_digest, "approved")
    translation.approver, translation.approved_at = step.actor, step.now
    step.data = {"review_digest": translation.approved_digest}
    step.fields += ["approver", "approved_at", "approved_digest"]


def _publish(step: Step) -> None:
    translation = step.obj
    _verdict_still_published(translation, "published")
    _unchanged_since(translation, translation.approved_digest, "published")
    earlier = VerdictTranslation.objects.filter(
        verdict_id=translation.verdict_id, language=translation.language, status=VerdictTranslation.Status.PUBLISHED
    ).values_list("pk", flat=True)
    for pk in earlier:  # a newer translation of the same version replaces the one readers saw
        translation_transition(translation_id=pk, action="supersede", actor=step.actor, internal=True)
    translation.published_by, translation.published_at = step.actor, step.now
    # The verdict as the public API gives it changed (its `translations`): `modified_since` reports it.
    Verdict.objects.filter(pk=translation.verdict_id).update(updated_at=step.now)
    step.data = {"review_digest": translation.approved_digest, "replaces": list(earlier)}
    step.fields += ["published_by", "published_at"]
    public_pages_changed()


def _supersede(step: Step) -> None:
    public_pages_changed()


TRANSLATION_EFFECTS = {
    "submit": _submit,
    "approve": _approve,
    "request_changes": approval_withdrawn,
    "publish": _publish,
    "supersede": _supersede,
}


def translations_supersede(*, verdict_id: int, actor) -> list[int]:
    """The verdict was superseded by its correction: its published translations are too (they stay
    readable beside it). Run by publishing the correction, in its transaction."""
    published = VerdictTranslation.objects.filter(verdict_id=verdict_id, status=VerdictTranslation.Status.PUBLISHED)
    ids = list(published.order_by("pk").values_list("pk", flat=True))
    for pk in ids:
        translation_transition(translation_id=pk, action="supersede", actor=actor, internal=True)
    return ids
