"""The evidence archive: cited documents and their immutable captures.

This app knows nothing about claims or verdicts.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SEARCHED_CHARS = 200_000


class SourceKind(models.TextChoices):
    ARTICLE = "article", _("News article")
    STATEMENT = "statement", _("Official statement")
    REPORT = "report", _("Report or study")
    SOCIAL = "social", _("Social media post")
    VIDEO = "video", _("Video or broadcast")
    DATASET = "dataset", _("Dataset")
    OTHER = "other", _("Other")


class Source(models.Model):
    Kind = SourceKind

    url = models.URLField("URL as cited", max_length=2048)
    normalized_url = models.URLField(max_length=2048, unique=True, editable=False)
    domain = models.CharField(max_length=255, db_index=True, editable=False)
    publisher = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(max_length=500, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    recheck_interval = models.DurationField(
        default=timedelta(days=1), help_text="How soon a monitored source is captured again; doubles as it ages."
    )
    monitored_since = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Since when published verdicts rely on it (re-checked)."
    )
    changed_at = models.DateTimeField(null=True, blank=True, editable=False, help_text="Last time its text changed.")
    missing_since = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Since when it answers 404/410 or its host is gone."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-first_seen_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="source_kind_valid"),
            models.CheckConstraint(
                condition=Q(normalized_url__startswith="http://") | Q(normalized_url__startswith="https://"),
                name="source_url_http",
            ),
        ]

    def __str__(self):
        return self.title or self.normalized_url


class SnapshotStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("capture status", "Queued")
    FETCHING = "fetching", pgettext_lazy("capture status", "Fetching")
    SUCCEEDED = "succeeded", pgettext_lazy("capture status", "Succeeded")
    FAILED = "failed", pgettext_lazy("capture status", "Failed")


class CaptureMethod(models.TextChoices):
    HTTP = "http", _("Plain HTTP capture")
    BROWSER = "browser", _("Browser capture")
    UPLOAD = "upload", _("Uploaded evidence")


class Snapshot(models.Model):
    """One capture of a Source. Once finished it never changes, but for `complete`, the
    judgement of whether its text is the page's whole text (made when the browser capture
    that follows it has rendered the page).

    Every cited source gets a plain HTTP capture first and a browser capture after it
    (`follows` names the HTTP capture the browser one completes); a person may add uploaded
    evidence (a screenshot, a PDF, a video, a WARC or WACZ made elsewhere) with its provenance.
    """

    Status = SnapshotStatus
    Method = CaptureMethod

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="snapshots")
    method = models.CharField(max_length=8, choices=CaptureMethod.choices, default=CaptureMethod.HTTP)
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_by",
        help_text="The HTTP capture this browser capture was taken after (and judges).",
    )
    complete = models.BooleanField(
        null=True,
        blank=True,
        help_text="Whether the text is the page's whole text: empty until judged. Only a complete "
        "capture counts as captured evidence.",
    )
    rendered_text_length = models.PositiveIntegerField(
        null=True, blank=True, help_text="Characters of text the browser rendered (browser captures)."
    )
    screenshot = models.FileField(upload_to="screenshots/", blank=True, max_length=255)
    screenshot_sha256 = models.CharField(max_length=64, blank=True)
    wacz = models.FileField(upload_to="wacz/", blank=True, max_length=255)
    wacz_sha256 = models.CharField(max_length=64, blank=True)
    # Uploaded evidence: who gave it, where it came from, how it was made, when it was obtained.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    provenance_origin = models.CharField("where it came from", max_length=500, blank=True)
    provenance_method = models.CharField("how it was made", max_length=500, blank=True)
    provenance_obtained_at = models.DateTimeField("when it was obtained", null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempt = models.PositiveSmallIntegerField(default=0)
    requested_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="When a queued capture is due; the reaper re-queues overdue ones."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    requested_url = models.URLField(max_length=2048)
    final_url = models.URLField(max_length=2048, blank=True)
    redirect_chain = models.JSONField(default=list, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    content_type = models.CharField(max_length=255, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    truncated = models.BooleanField(default=False)
    payload_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    payload = models.FileField(upload_to="payloads/", blank=True, max_length=255)
    warc = models.FileField(upload_to="warc/", blank=True, max_length=255)
    text = models.TextField(blank=True)
    text_sha256 = models.CharField(max_length=64, blank=True)
    text_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the text without whitespace runs and timestamps."
    )
    charset = models.CharField(max_length=40, blank=True)
    extractor = models.CharField(max_length=64, blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    page_title = models.CharField(max_length=500, blank=True)
    page_date = models.DateField(null=True, blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(blank=True)
    text_changed = models.BooleanField(default=False)
    diff = models.TextField(blank=True)
    public = models.BooleanField(
        default=False, editable=False, help_text="A published verdict relies on it: anyone may view it."
    )
    # The first SEARCHED_CHARS of the text, for full-text search; a tsvector holds at most 1 MB.
    search = models.GeneratedField(
        expression=SearchVector(Left("text", SEARCHED_CHARS), config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        get_latest_by = "requested_at"
        indexes = [
            models.Index(fields=["source", "status", "-finished_at"], name="snapshot_source_status_idx"),
            GinIndex(fields=["search"], name="snapshot_search_gin"),
            # The dashboard's captures per week (built concurrently: 0005).
            models.Index(fields=["finished_at"], include=["status", "error_code"], name="snapshot_finished_idx"),
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=Q(status__in=["queued", "fetching"]),
                name="snapshot_pending_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SnapshotStatus.values), name="snapshot_status_valid"),
            models.CheckConstraint(condition=Q(method__in=CaptureMethod.values), name="snapshot_method_valid"),
            models.CheckConstraint(
                condition=~Q(method="upload") | Q(uploaded_by__isnull=False) | Q(status="failed"),
                name="snapshot_upload_has_uploader",
            ),
            models.CheckConstraint(
                condition=~Q(status="succeeded")
                | (Q(finished_at__isnull=False) & ~Q(payload_sha256="") & ~Q(text_sha256="")),
                name="snapshot_succeeded_has_payload",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | (Q(finished_at__isnull=False) & ~Q(error_code="")),
                name="snapshot_failed_has_error",
            ),
        ]

    def __str__(self):
        when = self.finished_at or self.requested_at
        return f"{self.source} @ {when:%Y-%m-%d %H:%M} ({self.get_status_display().lower()})"
