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

    url = models.URLField(_("URL as cited"), max_length=2048)
    normalized_url = models.URLField(_("normalized URL"), max_length=2048, unique=True, editable=False)
    domain = models.CharField(_("domain"), max_length=255, db_index=True, editable=False)
    publisher = models.CharField(pgettext_lazy("source", "publisher"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(_("title"), max_length=500, blank=True)
    first_seen_at = models.DateTimeField(_("first seen at"), auto_now_add=True)
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True, editable=False)
    recheck_interval = models.DurationField(
        _("re-check interval"),
        default=timedelta(days=1),
        help_text=_("How soon a monitored source is captured again; doubles as it ages."),
    )
    monitored_since = models.DateTimeField(
        _("monitored since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Since when published verdicts rely on it (re-checked)."),
    )
    changed_at = models.DateTimeField(
        _("changed at"), null=True, blank=True, editable=False, help_text=_("Last time its text changed.")
    )
    missing_since = models.DateTimeField(
        _("missing since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Since when it answers 404/410 or its host is gone."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
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

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="snapshots")
    method = models.CharField(_("method"), max_length=8, choices=CaptureMethod.choices, default=CaptureMethod.HTTP)
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follows"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_by",
        help_text=_("The HTTP capture this browser capture was taken after (and judges)."),
    )
    complete = models.BooleanField(
        _("text complete"),
        null=True,
        blank=True,
        help_text=_(
            "Whether the text is the page's whole text: empty until judged. Only a complete capture counts as "
            "captured evidence."
        ),
    )
    rendered_text_length = models.PositiveIntegerField(
        _("rendered text length"),
        null=True,
        blank=True,
        help_text=_("Characters of text the browser rendered (browser captures)."),
    )
    screenshot = models.FileField(_("screenshot"), upload_to="screenshots/", blank=True, max_length=255)
    screenshot_sha256 = models.CharField(_("SHA-256 of the screenshot"), max_length=64, blank=True)
    wacz = models.FileField(_("WACZ archive"), upload_to="wacz/", blank=True, max_length=255)
    wacz_sha256 = models.CharField(_("SHA-256 of the WACZ archive"), max_length=64, blank=True)
    # Uploaded evidence: who gave it, where it came from, how it was made, when it was obtained.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    provenance_origin = models.CharField(_("where it came from"), max_length=500, blank=True)
    provenance_method = models.CharField(_("how it was made"), max_length=500, blank=True)
    provenance_obtained_at = models.DateTimeField(_("when it was obtained"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=0)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt at"),
        null=True,
        blank=True,
        help_text=_("When a queued capture is due; the reaper re-queues overdue ones."),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    requested_url = models.URLField(_("requested URL"), max_length=2048)
    final_url = models.URLField(_("final URL"), max_length=2048, blank=True)
    redirect_chain = models.JSONField(_("redirect chain"), default=list, blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    content_type = models.CharField(_("content type"), max_length=255, blank=True)
    size = models.BigIntegerField(_("size"), null=True, blank=True)
    truncated = models.BooleanField(_("truncated"), default=False)
    payload_sha256 = models.CharField(_("SHA-256 of the payload"), max_length=64, blank=True, db_index=True)
    payload = models.FileField(_("payload"), upload_to="payloads/", blank=True, max_length=255)
    warc = models.FileField(_("WARC file"), upload_to="warc/", blank=True, max_length=255)
    text = models.TextField(_("text"), blank=True)
    text_sha256 = models.CharField(_("SHA-256 of the text"), max_length=64, blank=True)
    text_fingerprint = models.CharField(
        _("text fingerprint"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the text without whitespace runs and timestamps."),
    )
    charset = models.CharField(_("character set"), max_length=40, blank=True)
    extractor = models.CharField(_("extractor"), max_length=64, blank=True)
    extractor_version = models.CharField(_("extractor version"), max_length=32, blank=True)
    page_title = models.CharField(_("page title"), max_length=500, blank=True)
    page_date = models.DateField(_("page date"), null=True, blank=True)
    error_code = models.CharField(_("error code"), max_length=64, blank=True)
    error_message = models.TextField(_("error message"), blank=True)
    text_changed = models.BooleanField(_("text changed"), default=False)
    diff = models.TextField(_("diff"), blank=True)
    public = models.BooleanField(
        _("public"), default=False, editable=False, help_text=_("A published verdict relies on it: anyone may view it.")
    )
    # The first SEARCHED_CHARS of the text, for full-text search; a tsvector holds at most 1 MB.
    search = models.GeneratedField(
        expression=SearchVector(Left("text", SEARCHED_CHARS), config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("capture")
        verbose_name_plural = _("captures")
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

    @property
    def uploaded_file(self) -> bool:
        """Whether this is uploaded evidence with its file stored (what `capture-evidence` serves)."""
        return self.method == Snapshot.Method.UPLOAD and bool(self.payload)
