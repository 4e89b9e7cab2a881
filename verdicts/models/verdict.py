"""A verdict: one version of the judgement on a claim."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.fields.json import KeyTransform
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from claims.languages import DEFAULT as DEFAULT_LANGUAGE
from claims.languages import validate_language_tag
from claims.models import Claim
from claims.textsearch import search_vector
from verdicts.ratings import Rating


class VerdictStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("verdict status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("verdict status", "Submitted for review")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("verdict status", "Changes requested")
    APPROVED = "approved", pgettext_lazy("verdict status", "Approved")
    PUBLISHED = "published", pgettext_lazy("verdict status", "Published")
    SUPERSEDED = "superseded", pgettext_lazy("verdict status", "Superseded by a correction")


class Verdict(models.Model):
    """One version of the judgement on a claim. A correction is a new version."""

    Status = VerdictStatus

    OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.APPROVED)

    claim = models.ForeignKey(Claim, verbose_name=_("claim"), on_delete=models.PROTECT, related_name="verdicts")
    number = models.PositiveIntegerField(_("version"), editable=False)
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices, blank=True)
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True, validators=[MaxLengthValidator(5000)])
    # Bounded so that its search index entry stays well under PostgreSQL's 1 MB per tsvector.
    explanation = models.TextField(
        _("explanation"), blank=True, validators=[MaxLengthValidator(100_000)], help_text=_("Markdown.")
    )
    # The language the headline, summary and explanation are written in (a BCP 47 tag): by default
    # the claim's, when the readers' site is published in it (verdicts.languages). It cannot change
    # once the verdict leaves its draft, so what is published keeps it.
    language = models.CharField(
        _("language"),
        max_length=35,
        blank=True,  # in a form: left blank, a new verdict takes the default and an edit keeps its language
        default=DEFAULT_LANGUAGE,
        validators=[validate_language_tag],
        help_text=_("The language the verdict is written in, such as “en”, “uk” or “es” (BCP 47)."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="verdicts_written"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts_approved",
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
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    correction_note = models.TextField(
        _("correction note"), blank=True, help_text=_("Public note saying what was corrected and why.")
    )
    # What the review covers (verdicts/review_unit.py): the claim and its evidence as submitted, as
    # one canonical record, its SHA-256 at submission, and the SHA-256 the approver approved.
    review_unit = models.JSONField(_("reviewed unit"), default=dict, blank=True, editable=False)
    review_digest = models.CharField(_("digest submitted"), max_length=64, blank=True, editable=False)
    approved_digest = models.CharField(_("digest approved"), max_length=64, blank=True, editable=False)
    # The copy published with this version, taken from what was approved: the claim (text, date,
    # medium, language, tags) and its claimant as named then. The public reads only these copies.
    pinned_claim = models.JSONField(_("claim as published"), default=dict, blank=True, editable=False)
    # The pinned claimant's name and aliases, case-folded: what the public `claimant` filter matches.
    pinned_claimant_keys = ArrayField(
        models.CharField(max_length=200),
        verbose_name=_("claimant's names as published"),
        default=list,
        blank=True,
        editable=False,
    )
    pinned_evidence = models.JSONField(_("evidence as published"), default=list, blank=True, editable=False)
    # Where the claim was made, with the capture of it, as pinned at publication.
    pinned_appearance = models.JSONField(_("appearance as published"), default=dict, blank=True, editable=False)
    evidence_changed_at = models.DateTimeField(
        _("evidence changed at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("A cited source changed or vanished after publication."),
    )
    evidence_change = models.TextField(_("evidence change"), blank=True, editable=False)
    # One entry per changed citation: which capture it is, what became of the quoted passage
    # ("fate", see sources.passages.FATES) and where the passage is in the pinned and new texts.
    evidence_changes = models.JSONField(_("evidence changes"), default=list, blank=True, editable=False)
    lock_version = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Goes up with every change; a form saved from an older revision is refused."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The claim's words as reviewed (pinned at publication, when the claim stops changing), so that
    # one index on the verdict answers a search of its claim and its own text.
    claim_text = models.TextField(_("claim's text as reviewed"), blank=True, editable=False)
    # In the text search configuration of the claim's language as pinned (English until it is pinned;
    # copies pinned before tags were checked may say "EN" or "en_US").
    search = models.GeneratedField(
        expression=search_vector(
            "claim_text", "headline", "summary", "explanation",
            language="pinned_claim__language", missing=DEFAULT_LANGUAGE, loose=True,
            weights={"claim_text": "A", "headline": "A", "summary": "B", "explanation": "B"},
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )  # fmt: skip

    class Meta:
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("review_verdict", gettext_noop("Can approve verdicts or send them back")),
            ("publish_verdict", gettext_noop("Can publish approved verdicts")),
            ("correct_verdict", gettext_noop("Can open a correction of a published verdict")),
            (
                "export_casefile",
                gettext_noop("Can export case files (evidence, history and audit rows) of published verdicts"),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="verdict_status_published_idx"),
            # The public list filtered by rating, newest first, without sorting.
            models.Index(fields=["status", "rating", "-published_at", "-id"], name="verdict_status_rating_idx"),
            # `modified_since` filters published verdicts by their last change.
            models.Index(fields=["status", "-updated_at"], name="verdict_status_updated_idx"),
            # The review tab's count: submitted verdicts but the reader's own (built concurrently: 0014).
            models.Index(fields=["status", "author"], name="verdict_status_author_idx"),
            GinIndex(fields=["search"], name="verdict_search_gin"),
            # The public filters by claimant and by tag, on the published copies.
            GinIndex(fields=["pinned_claimant_keys"], name="verdict_claimant_keys_gin"),
            GinIndex(KeyTransform("tags", "pinned_claim"), name="verdict_pinned_tags_gin"),
            # A claimant's public page: its verdicts by the claimant id pinned at publication
            # (`pinned_claim @> {"claimant": {"id": …}}`). Built concurrently (migration 0008).
            GinIndex(fields=["pinned_claim"], opclasses=["jsonb_path_ops"], name="verdict_pinned_claim_gin"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=VerdictStatus.values), name="verdict_status_valid"),
            models.CheckConstraint(condition=Q(rating="") | Q(rating__in=Rating.values), name="verdict_rating_valid"),
            models.UniqueConstraint(fields=["claim", "number"], name="verdict_one_number_per_claim"),
            models.UniqueConstraint(
                fields=["claim"], condition=Q(status="published"), name="verdict_one_published_per_claim"
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(status__in=["draft", "submitted", "changes_requested", "approved"]),
                name="verdict_one_open_per_claim",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "superseded"])
                | Q(published_at__isnull=False, approver__isnull=False),
                name="verdict_published_has_date_and_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approver__isnull=False, approved_at__isnull=False),
                name="verdict_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=Q(approver__isnull=True) | ~Q(approver=F("author")), name="verdict_four_eyes"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "approved", "published", "superseded"])
                | (~Q(rating="") & ~Q(summary="")),
                name="verdict_reviewed_has_rating_and_summary",
            ),
            models.CheckConstraint(condition=~Q(supersedes=F("id")), name="verdict_not_superseding_itself"),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "superseded"]) | ~Q(pinned_claim={}),
                name="verdict_published_has_pinned_copy",
            ),
        ]

    def __str__(self):
        return gettext("Verdict v%(number)s on claim #%(claim)s") % {"number": self.number, "claim": self.claim_id}

    @property
    def is_correction(self) -> bool:
        return self.supersedes_id is not None
