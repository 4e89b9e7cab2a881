"""Webhook subscriptions and their deliveries."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models


class WebhookEvent(models.TextChoices):
    VERDICT_PUBLISHED = "verdict.published", "A verdict was published"
    VERDICT_CORRECTED = "verdict.corrected", "A correction was published"
    SOURCE_CHANGED = "source.changed", "A cited source changed or vanished"
    SNAPSHOT_FAILED = "snapshot.failed", "A capture failed"


class WebhookSubscription(models.Model):
    """A client's endpoint that receives signed event notifications."""

    name = models.CharField(max_length=100, help_text="Whose endpoint, e.g. “Partner CMS”.")
    url = models.URLField(max_length=2048)
    events = ArrayField(models.CharField(max_length=32, choices=WebhookEvent.choices))
    secret = models.CharField(max_length=64, editable=False, help_text="Shared secret for the HMAC signature.")
    include_unpublished = models.BooleanField(
        "include unpublished research",
        default=False,
        help_text="Also send what is not public yet: failed captures and changes to sources no published "
        "verdict relies on, with their internal ids. Only for the newsroom's own systems.",
    )
    active = models.BooleanField(default=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        permissions = [("subscribe_unpublished", "Can send unpublished research to a webhook")]

    def __str__(self):
        return self.name


class WebhookDelivery(models.Model):
    """One notification to one subscription: the delivery log."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=32, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx")]

    def __str__(self):
        return f"{self.event} → {self.subscription} ({self.status})"
