"""A published verdict's translation into another language of the readers' site."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from claims.languages import validate_language_tag
from claims.textsearch import search_vector
from verdicts.models.verdict import Verdict


class TranslationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded by a correction")


class VerdictTranslation(models.Model):
    """One published verdict version in another language of the readers' site, reviewed on its own
    (verdicts/translations/). The rating is the verdict's: a translation never changes the judgement."""

    Status = TranslationStatus

    OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.APPROVED)

    verdict = models.ForeignKey(
        Verdict, verbose_name=_("verdict"), on_delete=models.PROTECT, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=35, validators=[validate_language_tag])
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True, validators=[MaxLengthValidator(5000)])
    explanation = models.TextField(
        _("explanation"), blank=True, validators=[MaxLengthValidator(100_000)], help_text=_("Markdown.")
    )
    # A correction's translation says in its language what was corrected and why.
    correction_note = models.TextField(
        _("correction note"), blank=True, validators=[MaxLengthValidator(20_000)],
        help_text=_("Public note saying what was corrected and why, in the translation's language."),
    )  # fmt: skip
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translator"),
        on_delete=models.PROTECT,
        related_name="translations_written",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translations_approved",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The translation of an earlier version this one was started from (after a correction).
    based_on = models.ForeignKey(
        "self", verbose_name=_("started from"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the reviewer reads, frozen (verdicts.translations.services): the SHA-256 of the
    # translated text with the version and language it translates, at submission and at approval.
    review_digest = models.CharField(_("digest submitted"), max_length=64, blank=True, editable=False)
    approved_digest = models.CharField(_("digest approved"), max_length=64, blank=True, editable=False)
    lock_version = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Goes up with every change; a form saved from an older revision is refused."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Searched in its own language's text search configuration (GIN-indexed, verdict_translation_search_gin).
    search = models.GeneratedField(
        expression=search_vector(
            "headline", "summary", "explanation", language="language",
            weights={"headline": "A", "summary": "B", "explanation": "B"},
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )  # fmt: skip

    class Meta:
        verbose_name = _("verdict translation")
        verbose_name_plural = _("verdict translations")
        ordering = ["verdict_id", "language", "-id"]
        permissions = [
            ("review_verdicttranslation", gettext_noop("Can approve translations of verdicts or send them back")),
            ("publish_verdicttranslation", gettext_noop("Can publish approved translations of verdicts")),
        ]
        indexes = [
            GinIndex(fields=["search"], name="verdict_translation_search_gin"),
            models.Index(fields=["status", "language", "verdict"], name="verdict_translation_public_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TranslationStatus.values), name="verdict_translation_status_valid"
            ),
            models.UniqueConstraint(
                fields=["verdict", "language"],
                condition=Q(status="published"),
                name="verdict_translation_one_published",
            ),
            models.UniqueConstraint(
                fields=["verdict", "language"],
                condition=Q(status__in=["draft", "submitted", "changes_requested", "approved"]),
                name="verdict_translation_one_open",
            ),
            models.CheckConstraint(
                condition=Q(approver__isnull=True) | ~Q(approver=F("translator")),
                name="verdict_translation_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approver__isnull=False, approved_at__isnull=False),
                name="verdict_translation_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "superseded"])
                | Q(published_at__isnull=False, approver__isnull=False, approved_digest__gt=""),
                name="verdict_translation_published_has_date_and_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "approved", "published", "superseded"])
                | (~Q(headline="") & ~Q(summary="")),
                name="verdict_translation_reviewed_has_text",
            ),
        ]

    def __str__(self):
        return gettext("Translation #%(number)s of verdict #%(verdict)s into %(language)s") % {
            "number": self.pk,
            "verdict": self.verdict_id,
            "language": self.language,
        }
