"""Reads of translations: for the newsroom (every state), and the published ones the public reads."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import override

from verdicts.languages import original_site_language, site_languages
from verdicts.models import Verdict, VerdictTranslation

PUBLISHED = VerdictTranslation.Status.PUBLISHED


@dataclass(slots=True)
class PublicTranslation:
    """A published translation as the public reads it: never a draft or one under review."""

    id: int
    verdict_id: int
    language: str
    headline: str
    summary: str
    explanation: str
    correction_note: str
    published_at: datetime


_PUBLIC_FIELDS = (
    "id", "verdict_id", "language", "headline", "summary", "explanation", "correction_note", "published_at"
)  # fmt: skip
# What readers read: the published translation (of a superseded version, the last it had).
PUBLIC_STATUSES = (PUBLISHED, VerdictTranslation.Status.SUPERSEDED)


def public_translations(*, verdict_ids) -> dict[int, list[PublicTranslation]]:
    """The translations readers read of these verdicts, by verdict, one a language in the order of
    settings.LANGUAGES: the published one (of a superseded version, the last it had). One query."""
    ids = list(verdict_ids)
    found: dict[int, dict[str, PublicTranslation]] = {pk: {} for pk in ids}
    if ids:
        rows = VerdictTranslation.objects.filter(verdict_id__in=ids, status__in=PUBLIC_STATUSES)
        for row in rows.order_by("published_at", "id").values_list(*_PUBLIC_FIELDS):
            found[row[1]][row[2]] = PublicTranslation(*row)  # the latest in each language wins
    order = site_languages()
    return {pk: [by[code] for code in order if code in by] for pk, by in found.items()}


def with_translations(verdicts, *, language: str | None) -> list:
    """Attach to each PublicVerdict its published `translations`; on a page in `language`, show the
    translation into it in place of the verdict's own headline, summary and explanation (`shown`
    is that translation, `text_language` the language of the text shown). None (the API) shows
    every verdict as written. One query for any number of verdicts."""
    verdicts = list(verdicts)
    found = public_translations(verdict_ids=[v.pk for v in verdicts])
    for verdict in verdicts:
        verdict.translations = found[verdict.pk]
        own = original_site_language(verdict.language)
        shown = next((t for t in verdict.translations if t.language == language != own), None)
        verdict.shown, verdict.text_language = shown, shown.language if shown else verdict.language
        if shown is not None:
            verdict.headline, verdict.summary, verdict.explanation = shown.headline, shown.summary, shown.explanation
            verdict.correction_note = shown.correction_note or verdict.correction_note
    return verdicts


def _translated_notes(versions: dict[int, str], language: str) -> dict[int, tuple[str, str]]:
    """{verdict id: (headline, correction note)} of the translation readers read in `language` of
    each of `versions` ({verdict id: its own language}) written in another. One query."""
    wanted = [pk for pk, own in versions.items() if original_site_language(own) != language]
    found = public_translations(verdict_ids=wanted)
    return {
        pk: (t.headline, t.correction_note) for pk, listed in found.items() for t in listed if t.language == language
    }


def translated_corrections(rows, *, language: str) -> list:
    """Correction rows (dicts of id, language, headline and correction_note) as a page in
    `language` shows them: with the headline and note of their translation into it, where one was
    published (a translation without a note keeps the original's note)."""
    rows = list(rows)
    found = _translated_notes({row["id"]: row["language"] for row in rows}, language)
    for row in rows:
        if row["id"] in found:
            headline, note = found[row["id"]]
            row["headline"], row["correction_note"] = headline, note or row["correction_note"]
    return rows


def with_translated_notes(versions, *, language: str) -> None:
    """Each verdict version's correction note as a page in `language` shows it (see above)."""
    found = _translated_notes({version.pk: version.language for version in versions}, language)
    for version in versions:
        if version.pk in found:
            version.correction_note = found[version.pk][1] or version.correction_note


def translation_for_staff(*, translation_id: int) -> VerdictTranslation | None:
    return (
        VerdictTranslation.objects.select_related("verdict", "verdict__claim", "translator", "approver", "based_on")
        .filter(pk=translation_id)
        .first()
    )


def translations_of(*, verdict: Verdict) -> QuerySet:
    """Every translation of this version, newest first."""
    return verdict.translations.select_related("translator", "approver").order_by("language", "-id")


def translation_to_start_from(*, verdict: Verdict, language: str) -> VerdictTranslation | None:
    """The text a new translation into `language` starts from: this version's latest published
    translation into it, else the latest published (or superseded) one of the version it corrects."""
    own = verdict.translations.filter(language=language, status=PUBLISHED).order_by("-id").first()
    if own is not None or verdict.supersedes_id is None:
        return own
    return (
        VerdictTranslation.objects.filter(
            verdict_id=verdict.supersedes_id, language=language, status__in=PUBLIC_STATUSES
        )
        .order_by("-published_at", "-id")
        .first()
    )


def translation_languages_open(*, verdict: Verdict) -> list[str]:
    """The site's languages this published version can still be translated into: not its own, and
    none with a translation in progress or published."""
    taken = set(
        verdict.translations.filter(status__in=[*VerdictTranslation.OPEN_STATUSES, PUBLISHED]).values_list(
            "language", flat=True
        )
    )
    own = original_site_language(verdict.language)
    return [code for code in site_languages() if code != own and code not in taken]


def translation_public_path(translation: VerdictTranslation) -> str:
    """The readers' page of the verdict in the translation's language (a path on this site)."""
    with override(translation.language):
        return reverse("verdict-public", args=[translation.verdict_id])


def translations_panel(*, verdict: Verdict, user) -> dict:
    """What a verdict's newsroom page shows of its translations: each one of this version, and,
    when the person may translate it, the languages it can still be translated into (each with the
    earlier translation it would start from)."""
    from verdicts.languages import language_name
    from verdicts.policy import verdict_policy

    translations = list(translations_of(verdict=verdict))
    for translation in translations:
        translation.language_name = language_name(translation.language)
    offered = []
    if verdict_policy(user, verdict).allows("translate"):
        for code in translation_languages_open(verdict=verdict):
            start = translation_to_start_from(verdict=verdict, language=code)
            offered.append({"code": code, "name": language_name(code), "starts_from": start})
    return {"translations": translations, "translate_into": offered}


def translations_waiting(*, user) -> QuerySet:
    """Translations submitted for review that `user` may review: never their own (none without the
    permission to review translations)."""
    if not user.has_perm("verdicts.review_verdicttranslation"):
        return VerdictTranslation.objects.none()
    waiting = VerdictTranslation.objects.filter(status=VerdictTranslation.Status.SUBMITTED).exclude(translator=user)
    return waiting.select_related("verdict", "verdict__claim", "translator").order_by("updated_at", "id")
