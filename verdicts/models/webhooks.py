"""Webhook subscriptions and their deliveries."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy


class WebhookEvent(models.TextChoices):
    VERDICT_PUBLISHED = "verdict.published", _("A verdict was published")
    VERDICT_CORRECTED = "verdict.corrected", _("A correction was published")
    SOURCE_CHANGED = "source.changed", _("A cited source changed or vanished")
    SNAPSHOT_FAILED = "snapshot.failed", _("A capture failed")


class WebhookSubscription(models.Model):
    """A client's endpoint that receives signed event notifications."""

    name = models.CharField(_("name"), max_length=100, help_text=_("Whose endpoint, e.g. “Partner CMS”."))
    url = models.URLField(_("URL"), max_length=2048)
    events = ArrayField(models.CharField(max_length=32, choices=WebhookEvent.choices), verbose_name=_("events"))
    secret = models.CharField(
        _("secret"), max_length=64, editable=False, help_text=_("Shared secret for the HMAC signature.")
    )
    include_unpublished = models.BooleanField(
        _("include unpublished research"),
        default=False,
        help_text=_(
            "Also send what is not public yet: failed captures and changes to sources no published verdict relies "
            "on, with their internal ids. Only for the newsroom's own systems."
        ),
    )
    active = models.BooleanField(_("active"), default=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    disabled_at = models.DateTimeField(_("turned off at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name"]
        permissions = [("subscribe_unpublished", gettext_noop("Can send unpublished research to a webhook"))]

    def __str__(self):
        return self.name


class WebhookDelivery(models.Model):
    """One notification to one subscription: the delivery log."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("delivery status", "Pending")
        SENDING = "sending", pgettext_lazy("delivery status", "Sending")
        DELIVERED = "delivered", pgettext_lazy("delivery status", "Delivered")
        FAILED = "failed", pgettext_lazy("delivery status", "Failed")

    subscription = models.ForeignKey(
        WebhookSubscription, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=32, choices=WebhookEvent.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx")]

    def __str__(self):
        return f"{self.event} → {self.subscription} ({self.status})"
