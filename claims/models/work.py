"""The newsroom's work on claims: extraction jobs, internal notes, the verification checklist."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from claims.models.claim import Claim
from sources.models import Source


class ExtractionStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("extraction status", "Queued")
    RUNNING = "running", pgettext_lazy("extraction status", "Extracting")
    DONE = "done", pgettext_lazy("extraction status", "Done")
    FAILED = "failed", pgettext_lazy("extraction status", "Failed")


class ExtractionJob(models.Model):
    """A long article's claims, proposed by a worker: the article while it waits, the proposals
    once they are ready (or why there are none), for the person who asked only."""

    Status = ExtractionStatus

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extraction_jobs")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    text = models.TextField(blank=True, help_text="The article, until its claims are proposed.")
    published = models.DateField(null=True, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    proposals = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("extraction job")
        verbose_name_plural = _("extraction jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at"], name="extraction_job_created")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ExtractionStatus.values), name="extraction_job_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(proposals__isnull=False), name="extraction_job_done_has_proposals"
            ),
            models.CheckConstraint(condition=~Q(status="failed") | ~Q(error=""), name="extraction_job_failed_says_why"),
        ]

    def __str__(self):
        return f"Extraction {self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ExtractionStatus.DONE, ExtractionStatus.FAILED)


NOTE_MAX_CHARACTERS = 4000


class ClaimNote(models.Model):
    """The newsroom's own word on a claim: internal, never published, never in an API."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(validators=[MaxLengthValidator(NOTE_MAX_CHARACTERS)])
    # Who was told of it (user ids), as the note was saved.
    mentioned = ArrayField(models.PositiveIntegerField(), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["claim", "-created_at"], name="claimnote_claim_created_idx")]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="claimnote_not_empty")]

    def __str__(self):
        return f"Note #{self.pk} on claim #{self.claim_id}"


class ChecklistStep(models.Model):
    """One step of the verification checklist every claim shows, configured by an editor."""

    label = models.CharField(
        _("label"), max_length=120, unique=True, help_text=_("What to do, e.g. “Contacted the claimant”.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Steps are listed by this number, then by name.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive steps are not shown and block nothing.")
    )
    required_for_submit = models.BooleanField(
        _("required before submitting"),
        default=False,
        help_text=_("A verdict cannot be submitted for review until this step is ticked on its claim."),
    )

    class Meta:
        verbose_name = _("checklist step")
        verbose_name_plural = _("checklist steps")
        ordering = ["order", "label"]

    def __str__(self):
        return self.label


class ChecklistTick(models.Model):
    """A checklist step done on one claim: who ticked it, and when."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="checklist_ticks")
    step = models.ForeignKey(ChecklistStep, on_delete=models.PROTECT, related_name="ticks")
    ticked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ticked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("checklist tick")
        verbose_name_plural = _("checklist ticks")
        ordering = ["ticked_at", "id"]
        constraints = [models.UniqueConstraint(fields=["claim", "step"], name="checklisttick_once_per_claim")]

    def __str__(self):
        return f"{self.step} on claim #{self.claim_id}"
