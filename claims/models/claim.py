"""Claims and who made them."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from claims.languages import DEFAULT as DEFAULT_LANGUAGE
from claims.languages import normalized_language, validate_language_tag
from claims.textsearch import TAG_TEXT, search_vector
from sources.models import Source


class ClaimantKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class Claimant(models.Model):
    Kind = ClaimantKind

    name = models.CharField(pgettext_lazy("claimant", "name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    aliases = ArrayField(
        models.CharField(max_length=200),
        verbose_name=_("aliases"),
        default=list,
        blank=True,
        help_text=_("Other names the claimant is known by, separated by commas."),
    )
    description = models.CharField(_("role or description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("claimant")
        verbose_name_plural = _("claimants")
        ordering = ["name"]
        permissions = [("rename_claimant", gettext_noop("Can rename or merge claimants"))]
        indexes = [GinIndex(fields=["aliases"], name="claimant_aliases_gin")]
        constraints = [models.CheckConstraint(condition=Q(kind__in=ClaimantKind.values), name="claimant_kind_valid")]

    def __str__(self):
        return self.name


class ClaimStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("claim status", "New")
    CHECKING = "checking", pgettext_lazy("claim status", "Checking")
    DISMISSED = "dismissed", pgettext_lazy("claim status", "Dismissed")
    DUPLICATE = "duplicate", pgettext_lazy("claim status", "Duplicate")
    RESOLVED = "resolved", pgettext_lazy("claim status", "Resolved")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class Claim(models.Model):
    Status = ClaimStatus

    DatePrecision = DatePrecision

    text = models.TextField(
        _("claim"), validators=[MaxLengthValidator(2000)], help_text=_("The statement as a short declarative sentence.")
    )
    claimant = models.ForeignKey(
        Claimant, verbose_name=_("claimant"), null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    # A partial date is stored as its first day plus how much of it is known.
    said_on = models.DateField(_("said on"), null=True, blank=True)
    said_on_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    medium = models.CharField(
        _("medium"), max_length=200, blank=True, help_text=_("Where it was said, e.g. “CBS News”.")
    )
    appearance = models.ForeignKey(
        Source,
        verbose_name=_("appearance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_appearing",
        help_text=_("The document where the claim was made, when there is one."),
    )
    origin = models.ForeignKey(
        Source,
        verbose_name=_("found in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_found",
        help_text=_("The article the claim was found in."),
    )
    cited_source = models.CharField(
        _("credited to"), max_length=300, blank=True, help_text=_("Who the article credits for it.")
    )
    sentence = models.TextField(_("sentence"), blank=True, help_text=_("The exact sentence the claim came from."))
    language = models.CharField(
        _("language"),
        max_length=35,
        default=DEFAULT_LANGUAGE,
        validators=[validate_language_tag],
        help_text=_("A BCP 47 tag (en, uk, pt-BR …); detected from the text when not given."),
    )
    tags = ArrayField(models.CharField(max_length=50), verbose_name=_("tags"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_claims",
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("1 (urgent) to 3 (low)."),
    )
    due_on = models.DateField(_("due"), null=True, blank=True, help_text=_("When the check should be done by."))
    checkworthiness = models.FloatField(
        _("check-worthiness"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("0 to 1."),
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    status_reason = models.TextField(
        _("reason for dismissal"), blank=True, help_text=_("Why it was dismissed, when it was.")
    )
    lock_version = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Goes up with every change; a form saved from an older revision is refused."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # In the text search configuration of the claim's own language (claims.languages).
    search = models.GeneratedField(expression=search_vector("text"), output_field=SearchVectorField(), db_persist=True)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("triage_claim", gettext_noop("Can triage claims (accept, assign, dismiss, mark duplicate, reopen)")),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="claim_status_created_idx"),
            models.Index(fields=["assignee", "status"], name="claim_assignee_status_idx"),
            GinIndex(fields=["tags"], name="claim_tags_gin"),
            GinIndex(fields=["search"], name="claim_search_gin"),
            # The queue's filters and sorts, and the dashboard's weeks (built concurrently: 0012).
            models.Index(fields=["created_at"], include=["status"], name="claim_created_idx"),
            models.Index(fields=["due_on"], include=["status"], name="claim_due_idx"),
            models.Index(fields=["priority", "-id"], name="claim_priority_idx"),
            models.Index(Upper("language"), name="claim_language_idx"),
            # Part of a tag, any case (claims.selectors._joined): trigrams of the tags as one text.
            GinIndex(
                OpClass(Upper(Func(F("tags"), function=TAG_TEXT)), name="gin_trgm_ops"), name="claim_tag_text_trgm"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"),
            models.CheckConstraint(
                condition=Q(said_on_precision__in=DatePrecision.values), name="claim_said_on_precision_valid"
            ),
            models.CheckConstraint(condition=Q(priority__gte=1, priority__lte=3), name="claim_priority_range"),
            models.CheckConstraint(
                condition=Q(checkworthiness__isnull=True) | Q(checkworthiness__gte=0, checkworthiness__lte=1),
                name="claim_checkworthiness_range",
            ),
            models.CheckConstraint(
                condition=Q(status="duplicate", duplicate_of__isnull=False)
                | (~Q(status="duplicate") & Q(duplicate_of__isnull=True)),
                name="claim_duplicate_names_original",
            ),
            models.CheckConstraint(condition=~Q(duplicate_of=F("id")), name="claim_not_duplicate_of_itself"),
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(status_reason=""), name="claim_dismissed_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["checking", "resolved"]) | Q(assignee__isnull=False),
                name="claim_checking_has_assignee",
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def clean(self):
        self.language = normalized_language(self.language)  # "pt-br" is kept as "pt-BR"

    @property
    def is_overdue(self) -> bool:
        """Due before today and still in intake or being checked (as the queue's filter says)."""
        open_ = self.status in (ClaimStatus.NEW, ClaimStatus.CHECKING)
        return bool(self.due_on and open_ and self.due_on < timezone.localdate())
