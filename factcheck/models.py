from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One change in the newsroom's record: append-only and hash-chained.

    Each row stores the hash of the row before it, so altering, removing or
    inserting a row breaks the chain (`manage.py verify_audit` finds where).
    A database trigger refuses UPDATE and DELETE on this table.
    """

    seq = models.BigIntegerField(primary_key=True, editable=False)
    created_at = models.DateTimeField(editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200, blank=True)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"], name="audit_object_idx")]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"
