from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One change in the newsroom's record: append-only and hash-chained.

    Each row stores the hash of the row before it, so altering, removing or
    inserting a row breaks the chain (`manage.py verify_audit` finds where).
    A database trigger refuses UPDATE and DELETE on this table.
    """

    seq = models.BigIntegerField(_("number"), primary_key=True, editable=False)
    created_at = models.DateTimeField(_("when"), editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    from_state = models.CharField(_("from state"), max_length=32, blank=True)
    to_state = models.CharField(_("to state"), max_length=32, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"], name="audit_object_idx")]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class ApiKey(models.Model):
    """A key for an API client. Only its hash is stored; the key is shown once.

    A key acts for its owner, within its scope: the owner's role decides what may
    be done at all, the scope how much of that the key may do.
    """

    class Scope(models.TextChoices):
        READ_PUBLISHED = "read_published", _("Read published verdicts")
        READ_ALL = "read_all", _("Read everything the owner may read")
        WRITE = "write", _("Read and write as the owner")

    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it, e.g. “Partner newsroom CMS”."))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="api_keys"
    )
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices, default=Scope.READ_PUBLISHED)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(_("hash of the key"), max_length=64, editable=False)
    rate = models.CharField(
        _("rate"), max_length=20, blank=True, help_text=_("Requests allowed, e.g. “1000/min”; empty for the default.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=["read_published", "read_all", "write"]), name="apikey_scope_valid"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class Notification(models.Model):
    """Something a person should know: shown in the newsroom's pages and sent by e-mail."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    event = models.ForeignKey(AuditEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Failed e-mails: how many tries, the last error, and when it was given up (never sent).
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.TextField(blank=True)
    email_failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            models.Index(
                fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread_idx"
            ),
            models.Index(
                fields=["created_at"],
                condition=models.Q(emailed_at__isnull=True, email_failed_at__isnull=True),
                name="notification_unsent_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event"], name="notification_once_per_event"),
        ]

    def __str__(self):
        return self.text
