"""What a claim cites as evidence, and where in a capture the quoted passage stands."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.models.claim import Claim
from sources.models import Snapshot, Source


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("Supports the claim")
    REFUTES = "refutes", _("Refutes the claim")
    CONTEXT = "context", _("Gives context")


class QuoteStatus(models.TextChoices):
    NONE = "none", _("No passage quoted")
    PENDING = "pending", _("Not checked yet: the page has not been captured")
    FOUND = "found", _("Found in the captured page")
    NOT_FOUND = "not_found", _("The passage you quoted is not in the captured page")


class Citation(models.Model):
    """A source relied on for a claim, with the capture that was read."""

    Stance = Stance
    QuoteStatus = QuoteStatus

    claim = models.ForeignKey(Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations")
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices, default=Stance.CONTEXT)
    quote = models.TextField(_("passage"), blank=True, help_text=_("The passage relied upon."))
    note = models.TextField(_("note"), blank=True)
    snapshot = models.ForeignKey(
        Snapshot,
        verbose_name=_("capture"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citations",
        help_text=_("The capture relied upon (pinned)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("cited at"), auto_now_add=True)
    # Whether the quoted passage is in the captured text, and where (character offsets in the
    # text of `quote_snapshot`, the capture it was looked for in).
    quote_status = models.CharField(
        _("quoted passage"), max_length=16, choices=QuoteStatus.choices, default=QuoteStatus.NONE, editable=False
    )
    quote_snapshot = models.ForeignKey(
        Snapshot,
        verbose_name=_("capture searched"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("The capture the quoted passage was looked for in."),
    )
    quote_start = models.PositiveIntegerField(_("passage starts at"), null=True, blank=True, editable=False)
    quote_end = models.PositiveIntegerField(_("passage ends at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="citation_one_per_source"),
            models.CheckConstraint(condition=Q(stance__in=Stance.values), name="citation_stance_valid"),
            models.CheckConstraint(
                condition=Q(quote_status__in=QuoteStatus.values), name="citation_quote_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(quote_status__in=["found", "not_found"]) | Q(quote_snapshot__isnull=False),
                name="citation_quote_checked_names_capture",
            ),
            models.CheckConstraint(
                condition=(
                    Q(quote_status="found", quote_start__isnull=False, quote_end__gt=F("quote_start"))
                    | (~Q(quote_status="found") & Q(quote_start__isnull=True, quote_end__isnull=True))
                ),
                name="citation_quote_found_has_place",
            ),
        ]

    def __str__(self):
        return f"{self.get_stance_display()}: {self.source}"

    @property
    def quote_message(self) -> str:
        """What the check of the quoted passage found, in words ("" when nothing is quoted)."""
        if self.quote_status == QuoteStatus.FOUND:
            return gettext("Found in capture #%(number)s (characters %(start)s–%(end)s).") % {
                "number": self.quote_snapshot_id,
                "start": self.quote_start,
                "end": self.quote_end,
            }
        if self.quote_status == QuoteStatus.NOT_FOUND:
            return gettext("The passage you quoted is not in the captured page (capture #%(number)s).") % {
                "number": self.quote_snapshot_id
            }
        if self.quote_status == QuoteStatus.PENDING:
            return gettext("Not checked yet: it is looked for when the capture finishes.")
        return ""
